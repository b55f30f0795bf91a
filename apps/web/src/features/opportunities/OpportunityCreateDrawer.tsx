import { App, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { OPPORTUNITY_PRODUCTS, type IntakeResult } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { useI18n, type MsgKey } from '../../i18n/i18n';
import { CustomerSelect } from '../users/CustomerSelect';
import { useCreateOpportunity } from './opportunity.api';
import { groupLabel } from './OpportunityTags';

interface Values {
  source: 'hotline' | 'wecom' | 'account_manager' | 'campaign';
  customerId?: number | null;
  customerName?: string;
  contactName: string;
  contactPhone: string;
  productCode: string;
  need?: string;
  expectedRevenue?: number | null;
  deadline?: { format: (f: string) => string } | null;
  sourceChannel?: string;
  claim?: boolean;
}

/** Staff entry of an opportunity (hotline call, 企业微信, campaign, or an account manager's own). */
export function OpportunityCreateDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (r: IntakeResult) => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateOpportunity();
  const isAm = me.role === 'account_manager';

  const submit = async (v: Values) => {
    try {
      const r = await create.mutateAsync({
        source: isAm ? 'account_manager' : v.source,
        ...(v.customerId ? { customerId: v.customerId } : { customerName: v.customerName }),
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        productCode: v.productCode,
        need: v.need ?? '',
        ...(v.expectedRevenue ? { expectedRevenue: v.expectedRevenue } : {}),
        ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
        ...(v.sourceChannel ? { sourceChannel: v.sourceChannel } : {}),
        ...(v.claim ? { claim: true } : {}),
      });
      void message.success(
        r.merged ? t('opp.mergedInto', { number: r.number }) : t('opp.created', { number: r.number }),
      );
      form.resetFields();
      onCreated(r);
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) {
        form.setFields(
          (e.details as { field: string; message: string }[]).map((d) => ({
            name: d.field.replace(/^body\./, '') as keyof Values,
            errors: [d.message],
          })),
        );
      }
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Drawer
      title={t('opp.create')}
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="opp-create-submit"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ source: isAm ? 'account_manager' : 'hotline' }}
      >
        {!isAm ? (
          <Form.Item name="source" label={t('opp.f.source')} rules={[{ required: true }]}>
            <Select
              options={(['hotline', 'wecom', 'campaign'] as const).map((s) => ({
                value: s,
                label: t(`opp.source.${s}` as MsgKey),
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="customerId" label={t('opp.pickCustomer')}>
          <CustomerSelect />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.customerId !== b.customerId}>
          {({ getFieldValue }) =>
            getFieldValue('customerId') ? null : (
              <Form.Item name="customerName" label={t('opp.orCustomerName')} rules={[{ required: true, min: 2 }]}>
                <Input maxLength={100} data-testid="opp-f-customer" />
              </Form.Item>
            )
          }
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="contactName" label={t('opp.f.contact')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input maxLength={40} data-testid="opp-f-contact" />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t('opp.f.phone')}
            rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('lead.phoneBad') }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={11} inputMode="tel" data-testid="opp-f-phone" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="productCode" label={t('opp.f.product')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="opp-f-product"
            options={OPPORTUNITY_PRODUCTS.map((p) => ({
              value: p.code,
              label: `${p.name}（${groupLabel(t, p.group)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="need" label={t('opp.f.need')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="expectedRevenue" label={t('opp.f.revenue')} style={{ flex: 1 }}>
            <InputNumber min={0} step={1000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="deadline" label={t('opp.f.deadline')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="sourceChannel" label={t('opp.f.channel')}>
          <Input maxLength={60} />
        </Form.Item>
        {me.role === 'hotline_agent' ? (
          <Form.Item name="claim" valuePropName="checked">
            <Checkbox>{t('opp.keepIt')}</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
