import { useEffect } from 'react';
import { App, Button, Card, Col, Form, InputNumber, Row, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { OpportunitySettingsSchema, type OpportunitySettings } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { toastError, toastSuccess } from '../../api/feedback';
import { applyFieldErrors } from '../../api/form';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useOpportunitySettings, useSaveOpportunitySettings } from './opportunity.api';
import { fmtYuan } from './OpportunityTags';

type Values = Omit<OpportunitySettings, 'version'>;
const MAX_LEVELS = 3;

const valuesOf = (s: OpportunitySettings): Values => ({
  claimTimeoutMinutes: s.claimTimeoutMinutes,
  duplicateWindowDays: s.duplicateWindowDays,
  approvalThresholds: [...s.approvalThresholds],
});
const thousands = (v: number | string | undefined) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Claim timeout, duplicate merge window and the major-opportunity approval thresholds; saved with the version read. */
export function OpportunitySettingsCard() {
  const { t, m } = useI18n();
  const { modal, message, notification } = App.useApp();
  const q = useOpportunitySettings();
  const save = useSaveOpportunitySettings();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (q.data) form.setFieldsValue(valuesOf(q.data));
  }, [q.data, form]);

  const changes = (a: Values, b: Values): string[] => {
    const out: string[] = [];
    const line = (label: string, from: string, to: string) =>
      from !== to ? out.push(t('opp.set.change', { label, from, to })) : 0;
    const mins = (n: number) => `${n} ${t('opp.set.minutes')}`;
    const days = (n: number) => `${n} ${t('opp.set.days')}`;
    const yuan = (a: number[]) => (a.length ? a.map(fmtYuan).join(' / ') : t('opp.set.none'));
    line(t('opp.set.claimTimeout'), mins(a.claimTimeoutMinutes), mins(b.claimTimeoutMinutes));
    line(t('opp.set.mergeWindow'), days(a.duplicateWindowDays), days(b.duplicateWindowDays));
    line(t('opp.set.thresholds'), yuan(a.approvalThresholds), yuan(b.approvalThresholds));
    return out;
  };

  const submit = async () => {
    if (!q.data) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const r = OpportunitySettingsSchema.safeParse({
      ...v,
      approvalThresholds: v.approvalThresholds ?? [],
      version: q.data.version,
    });
    if (!r.success) {
      form.setFields(r.error.issues.map((i) => ({ name: i.path as never, errors: [m(i.message)] })));
      return;
    }
    const diff = changes(valuesOf(q.data), valuesOf(r.data));
    if (!diff.length) {
      void message.info(t('opp.set.noChanges'));
      return;
    }
    modal.confirm({
      title: t('opp.set.confirmTitle'),
      content: (
        <div data-testid="opp-settings-confirm">
          <ul className="opp-settings-diff">
            {diff.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
          <Typography.Text type="secondary">{t('opp.set.confirmBody')}</Typography.Text>
        </div>
      ),
      okText: t('common.save'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await save.mutateAsync(r.data);
          toastSuccess(t('opp.set.saved'));
        } catch (err) {
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            notification.warning({ title: err.message, description: t('opp.set.conflict') });
            void q.refetch();
            return;
          }
          applyFieldErrors(form, err);
          toastError(err);
        }
      },
    });
  };

  const required = { required: true, message: t('form.required') };
  return (
    <Card
      className="opp-settings-card"
      title={t('opp.set.title')}
      loading={q.isLoading}
      extra={
        q.data ? <Tag data-testid="opp-settings-version">{t('opp.set.version', { v: q.data.version })}</Tag> : null
      }
    >
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Form<Values> form={form} layout="vertical" onFinish={() => void submit()} data-testid="opp-settings-form">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="claimTimeoutMinutes"
                label={t('opp.set.claimTimeout')}
                extra={t('opp.set.claimTimeoutHint')}
                rules={[required]}
              >
                <InputNumber
                  min={1}
                  max={1440}
                  precision={0}
                  suffix={t('opp.set.minutes')}
                  style={{ width: '100%' }}
                  data-testid="opp-claim-timeout"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="duplicateWindowDays"
                label={t('opp.set.mergeWindow')}
                extra={t('opp.set.mergeWindowHint')}
                rules={[required]}
              >
                <InputNumber
                  min={0}
                  max={365}
                  precision={0}
                  suffix={t('opp.set.days')}
                  style={{ width: '100%' }}
                  data-testid="opp-merge-window"
                />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('opp.set.thresholds')}</Typography.Text>
          <Typography.Paragraph type="secondary" className="opp-settings-hint">
            {t('opp.set.thresholdsHint')}
          </Typography.Paragraph>
          <Form.List name="approvalThresholds">
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.length === 0 ? (
                  <Typography.Paragraph type="secondary">{t('opp.set.noThreshold')}</Typography.Paragraph>
                ) : null}
                <Row gutter={16}>
                  {fields.map((f, i) => (
                    <Col xs={24} md={8} key={f.key}>
                      <Form.Item label={t('opp.set.level', { n: i + 1 })} required>
                        <Space.Compact block>
                          <Form.Item name={f.name} noStyle rules={[required]}>
                            <InputNumber<number>
                              min={1}
                              max={100_000_000_000}
                              step={100_000}
                              precision={0}
                              prefix="≥"
                              suffix={t('opp.set.yuan')}
                              formatter={thousands}
                              parser={(v) => Number((v ?? '').replace(/[^\d]/g, ''))}
                              style={{ width: '100%' }}
                              data-testid={`opp-threshold-${i}`}
                            />
                          </Form.Item>
                          <Button
                            icon={<MinusCircleOutlined />}
                            onClick={() => remove(f.name)}
                            aria-label={t('opp.set.removeLevel')}
                            title={t('opp.set.removeLevel')}
                          />
                        </Space.Compact>
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
                <Form.ErrorList errors={errors} />
                {fields.length < MAX_LEVELS ? (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => {
                      const cur = (form.getFieldValue('approvalThresholds') as (number | undefined)[]) ?? [];
                      const last = cur.at(-1);
                      add(typeof last === 'number' ? last * 2 : 1_000_000);
                    }}
                  >
                    {t('opp.set.addLevel')}
                  </Button>
                ) : null}
              </>
            )}
          </Form.List>
          <div className="opp-settings-footer">
            <Space wrap>
              <Button
                icon={<UndoOutlined />}
                onClick={() => {
                  form.resetFields();
                  if (q.data) form.setFieldsValue(valuesOf(q.data));
                }}
              >
                {t('opp.set.reset')}
              </Button>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SaveOutlined />}
                loading={save.isPending}
                data-testid="opp-settings-save"
              >
                {t('common.save')}
              </Button>
            </Space>
          </div>
        </Form>
      )}
    </Card>
  );
}
