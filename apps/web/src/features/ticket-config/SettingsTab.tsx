import { useEffect } from 'react';
import { Button, Card, Col, Form, InputNumber, Row, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import {
  ESCALATION_LEVELS,
  TICKET_PRIORITIES,
  TICKET_PRIORITY_LABELS,
  TicketSettingsSchema,
  type TicketSettings,
} from '@paidan/shared';
import { toastError, toastSuccess } from '../../api/feedback';
import { applyFieldErrors } from '../../api/form';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { useSaveSettings, useSettings } from './config.api';

type Values = Omit<TicketSettings, 'warnShare'> & { warnPercent: number };

const LEVEL_KEYS: Record<(typeof ESCALATION_LEVELS)[number], MsgKey> = {
  team: 'cfg.esc.team',
  district: 'cfg.esc.district',
  city: 'cfg.esc.city',
  province: 'cfg.esc.province',
};

/** Warning share, escalation ladder, priority factors and automatic closing. */
export function SettingsTab({ readOnly }: { readOnly: boolean }) {
  const { t, l, m } = useI18n();
  const q = useSettings();
  const save = useSaveSettings();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (q.data) form.setFieldsValue({ ...q.data, warnPercent: Math.round(q.data.warnShare * 100) });
  }, [q.data, form]);

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;

  const submit = (v: Values) => {
    const { warnPercent, ...rest } = v;
    const body = { ...rest, warnShare: warnPercent / 100 };
    const r = TicketSettingsSchema.safeParse(body);
    if (!r.success) {
      form.setFields(
        r.error.issues.map((i) => ({
          name: (i.path[0] === 'warnShare' ? ['warnPercent'] : i.path) as never,
          errors: [m(i.message)],
        })),
      );
      return;
    }
    save.mutate(r.data, {
      onSuccess: () => toastSuccess(t('cfg.saved')),
      onError: (err) => {
        applyFieldErrors(form, err);
        toastError(err);
      },
    });
  };

  const num = (
    name: string | (string | number)[],
    label: string,
    props: { min: number; max: number; step?: number; suffix?: string },
    extra?: string,
  ) => (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: t('form.required') }]}>
      <InputNumber
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        suffix={props.suffix}
        style={{ width: '100%' }}
        disabled={readOnly}
      />
    </Form.Item>
  );

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={readOnly || q.isLoading}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('cfg.set.warning')} loading={q.isLoading}>
            {num('warnPercent', t('cfg.set.warnShare'), { min: 10, max: 99, suffix: '%' }, t('cfg.set.warnShareHint'))}
            {num(
              'autoCloseResolvedHours',
              t('cfg.set.autoClose'),
              { min: 1, max: 1440, suffix: t('cfg.unit.hours') },
              t('cfg.set.autoCloseHint'),
            )}
            {num(
              'duplicateWindowHours',
              t('cfg.set.duplicateWindow'),
              { min: 1, max: 2160, suffix: t('cfg.unit.hours') },
              t('cfg.set.duplicateWindowHint'),
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('cfg.set.priorityFactors')} loading={q.isLoading}>
            <Typography.Paragraph type="secondary">{t('cfg.set.priorityHint')}</Typography.Paragraph>
            <Row gutter={12}>
              {TICKET_PRIORITIES.map((p) => (
                <Col key={p} xs={12}>
                  {num(['priorityFactors', p], l(TICKET_PRIORITY_LABELS[p]), {
                    min: 0.1,
                    max: 5,
                    step: 0.05,
                    suffix: '×',
                  })}
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('cfg.set.ladder')} loading={q.isLoading}>
            <Typography.Paragraph type="secondary">{t('cfg.set.ladderHint')}</Typography.Paragraph>
            <Form.List name="escalationLadder">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="baseline" wrap className="cfg-ladder-row">
                      <Typography.Text type="secondary">{t('cfg.set.rung', { n: i + 1 })}</Typography.Text>
                      <Form.Item name={[f.name, 'level']} rules={[{ required: true, message: t('form.required') }]}>
                        <Select
                          className="cfg-ladder-level"
                          options={ESCALATION_LEVELS.map((x) => ({ value: x, label: t(LEVEL_KEYS[x]) }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'afterMinutes']}
                        rules={[{ required: true, message: t('form.required') }]}
                      >
                        <InputNumber
                          min={0}
                          max={100000}
                          prefix={t('cfg.set.after')}
                          suffix={t('cfg.unit.minutes')}
                          className="cfg-ladder-after"
                        />
                      </Form.Item>
                      {readOnly || fields.length <= 1 ? null : (
                        <Button
                          type="text"
                          danger
                          icon={<MinusCircleOutlined />}
                          onClick={() => remove(f.name)}
                          aria-label={t('common.delete')}
                        />
                      )}
                    </Space>
                  ))}
                  {readOnly || fields.length >= 4 ? null : (
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ level: 'province', afterMinutes: 480 })}
                    >
                      {t('cfg.set.addRung')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </Card>
        </Col>
      </Row>
      {readOnly ? null : (
        <div className="cfg-footer">
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={save.isPending}
            data-testid="settings-save"
          >
            {t('common.save')}
          </Button>
        </div>
      )}
    </Form>
  );
}
