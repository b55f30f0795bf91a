import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, Drawer, Form, Input, Row, Select, Space, TreeSelect } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ContactSchema,
  CreateCustomerSchema,
  CUSTOMER_LEVEL_LABELS,
  CUSTOMER_LEVELS,
  INDUSTRIES,
  type Customer,
  type CustomerLevel,
} from '@paidan/shared';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastError, toastSuccess } from '../../api/feedback';
import { useI18n } from '../../i18n/i18n';
import { useIsPhone } from '../../lib/use-media';
import { orgTreeSelectData, useOrgs } from '../orgs/org.api';
import { CUSTOMERS_KEY } from './customer.api';
import { useAccountManagerOptions } from './use-account-managers';

interface ContactValues {
  name?: string;
  phone?: string;
  title?: string;
  isPrimary?: boolean;
}
interface Values {
  name?: string;
  creditCode?: string;
  level?: CustomerLevel;
  industry?: string;
  districtOrgId?: number;
  accountManagerId?: number | null;
  address?: string;
  contacts?: ContactValues[];
}

const S = CreateCustomerSchema.shape;
const C = ContactSchema.shape;

function contactsBody(list: ContactValues[] | undefined) {
  return (list ?? []).map((c) => ({
    name: c.name?.trim() ?? '',
    phone: c.phone?.trim() ?? '',
    ...(c.title?.trim() ? { title: c.title.trim() } : {}),
    isPrimary: !!c.isPrimary,
  }));
}

export function CustomerFormDrawer({
  open,
  customer,
  onClose,
  onReload,
}: {
  open: boolean;
  customer: Customer | null;
  onClose: () => void;
  onReload: (fresh: Customer) => void;
}) {
  const { t, l } = useI18n();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const { notification } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgs = useOrgs(open);
  const managers = useAccountManagerOptions(open);
  const editing = customer !== null;
  // Contact numbers come back masked, so editing contacts means entering them again.
  const [reenter, setReenter] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setReenter(false);
    if (customer) {
      form.setFieldsValue({
        name: customer.name,
        creditCode: customer.creditCode,
        level: customer.level,
        industry: customer.industry,
        districtOrgId: customer.districtOrgId,
        accountManagerId: customer.accountManagerId,
        address: customer.address ?? '',
      });
    } else {
      form.setFieldsValue({ contacts: [{ isPrimary: true }] });
    }
  }, [open, customer, form]);

  const districtTree = useMemo(() => orgTreeSelectData(orgs.data ?? [], (o) => o.type === 'district'), [orgs.data]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      if (!customer) {
        return api.post<Customer>('/customers', {
          name: v.name?.trim(),
          creditCode: v.creditCode?.trim().toUpperCase(),
          level: v.level,
          industry: v.industry,
          districtOrgId: v.districtOrgId,
          accountManagerId: v.accountManagerId ?? null,
          address: v.address?.trim() ? v.address.trim() : null,
          contacts: contactsBody(v.contacts),
        });
      }
      const body: Record<string, unknown> = { version: customer.version };
      if (v.name?.trim() !== customer.name) body.name = v.name?.trim();
      if (v.creditCode?.trim().toUpperCase() !== customer.creditCode)
        body.creditCode = v.creditCode?.trim().toUpperCase();
      if (v.level !== customer.level) body.level = v.level;
      if (v.industry !== customer.industry) body.industry = v.industry;
      if (v.districtOrgId !== customer.districtOrgId) body.districtOrgId = v.districtOrgId;
      if ((v.accountManagerId ?? null) !== customer.accountManagerId)
        body.accountManagerId = v.accountManagerId ?? null;
      const address = v.address?.trim() ? v.address.trim() : null;
      if (address !== customer.address) body.address = address;
      if (reenter) body.contacts = contactsBody(v.contacts);
      return api.patch<Customer>(`/customers/${customer.id}`, body);
    },
    meta: { manualError: true },
    onSuccess: (c) => {
      toastSuccess(editing ? t('common.saved') : t('common.created'));
      void qc.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      qc.setQueryData([...CUSTOMERS_KEY, 'one', c.id], c);
      onClose();
    },
    onError: async (err) => {
      if (customer && err instanceof ApiError && err.code === 'CONFLICT') {
        notification.warning({ title: err.message, description: t('cust.conflict') });
        void qc.invalidateQueries({ queryKey: CUSTOMERS_KEY });
        try {
          onReload(await api.get<Customer>(`/customers/${customer.id}`));
        } catch (e) {
          toastError(e);
        }
        return;
      }
      applyFieldErrors(form, err);
      toastError(err);
    },
  });

  const showContacts = !editing || reenter;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? `${t('cust.edit')} · ${customer.name}` : t('cust.create')}
      size={isPhone ? '100%' : 640}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="customer-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} autoComplete="off">
        <Form.Item name="name" label={t('cust.name')} required rules={[zodRule(S.name)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('cust.creditCode')}
          required
          extra={t('cust.creditCodeHint')}
          normalize={(v: string | undefined) => v?.toUpperCase().replace(/\s/g, '')}
          rules={[zodRule(S.creditCode)]}
          validateFirst
        >
          <Input maxLength={18} className="mono" data-testid="credit-code" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="level" label={t('cust.level')} required rules={[zodRule(S.level)]}>
              <Select options={CUSTOMER_LEVELS.map((v) => ({ value: v, label: l(CUSTOMER_LEVEL_LABELS[v]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="industry" label={t('cust.industry')} required rules={[zodRule(S.industry)]}>
              <Select
                options={INDUSTRIES.map((v) => ({ value: v, label: v }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="districtOrgId" label={t('cust.district')} required rules={[zodRule(S.districtOrgId)]}>
              <TreeSelect
                treeData={districtTree}
                treeDefaultExpandAll
                loading={orgs.isLoading}
                showSearch={{ treeNodeFilterProp: 'title' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="accountManagerId" label={t('cust.accountManager')}>
              <Select
                options={managers.options}
                loading={managers.loading}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('cust.address')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>

        <div className="form-section-title">{t('cust.contacts')}</div>
        {editing ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={
              reenter
                ? t('cust.contactsMasked')
                : customer.contacts.length
                  ? customer.contacts.map((c) => `${c.name} ${c.phoneMasked}`).join('；')
                  : t('cust.noContacts')
            }
            action={
              <Button
                size="small"
                onClick={() => {
                  if (!reenter) form.setFieldsValue({ contacts: [{ isPrimary: true }] });
                  setReenter((r) => !r);
                }}
              >
                {reenter ? t('cust.keepContacts') : t('cust.reenterContacts')}
              </Button>
            }
          />
        ) : null}
        {showContacts ? (
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key} className="contact-row">
                    <Row gutter={8}>
                      <Col xs={12} sm={6}>
                        <Form.Item
                          name={[f.name, 'name']}
                          label={t('cust.contactName')}
                          required
                          rules={[zodRule(C.name)]}
                        >
                          <Input maxLength={40} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={7}>
                        <Form.Item
                          name={[f.name, 'phone']}
                          label={t('cust.contactPhone')}
                          required
                          rules={[zodRule(C.phone)]}
                        >
                          <Input inputMode="numeric" maxLength={11} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={5}>
                        <Form.Item name={[f.name, 'title']} label={t('cust.contactTitle')}>
                          <Input maxLength={40} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={6}>
                        <Form.Item label=" " colon={false}>
                          <Space>
                            <Form.Item name={[f.name, 'isPrimary']} valuePropName="checked" noStyle>
                              <Checkbox>{t('cust.primary')}</Checkbox>
                            </Form.Item>
                            <Button
                              type="text"
                              danger
                              icon={<MinusCircleOutlined />}
                              aria-label={t('cust.removeContact')}
                              onClick={() => remove(f.name)}
                            />
                          </Space>
                        </Form.Item>
                      </Col>
                    </Row>
                  </div>
                ))}
                {fields.length < 20 ? (
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined />}
                    onClick={() => add({ isPrimary: fields.length === 0 })}
                  >
                    {t('cust.addContact')}
                  </Button>
                ) : null}
              </>
            )}
          </Form.List>
        ) : null}
      </Form>
    </Drawer>
  );
}
