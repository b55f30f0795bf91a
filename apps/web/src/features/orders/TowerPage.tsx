import { lazy, Suspense, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { formatOrderNumber, validateOrderNumberFormat, type OrderSettings, type Tower } from '@paidan/shared';
import { useCan } from '../../auth/session';
import { toastError, toastSuccess } from '../../api/feedback';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { fmtDateTime, fmtDateTimeSec } from '../../lib/format';
import { useOrderSettings, useOrdersLive, useSaveOrderSettings, useTower } from './order.api';
import { OrderStateTag } from './OrderBits';
import './orders.css';

const STAGES = ['accepted', 'resourcing', 'installing', 'completed'] as const;
// The chart library is large: the figures and lists show first, the chart follows.
const EChart = lazy(() => import('../tickets/EChart').then((m) => ({ default: m.EChart })));

/** 塔台: open orders by district and stage, those past their stage's target listed worst first; refreshed live. */
export function TowerPage() {
  const { t } = useI18n();
  const can = useCan();
  const [districtId, setDistrictId] = useState<number | undefined>();
  const [stage, setStage] = useState<string | undefined>();
  const [cfgOpen, setCfgOpen] = useState(false);
  const tower = useTower({ districtId, stage });
  useOrdersLive(1500);
  const d = tower.data;
  const totals = STAGES.map((s) => ({
    stage: s,
    open: d?.districts.reduce((n, x) => n + (x.byStage[s]?.open ?? 0), 0) ?? 0,
    stuck: d?.districts.reduce((n, x) => n + (x.byStage[s]?.stuck ?? 0), 0) ?? 0,
    target: d?.stages.find((x) => x.stage === s)?.targetHours ?? 0,
  }));

  return (
    <PageContainer
      page="order-tower"
      subTitle={
        d ? (
          <Space size={4}>
            <Badge status="processing" text={t('od.tower.live')} />
            <span>· {t('od.tower.updated', { t: fmtDateTimeSec(d.generatedAt) })}</span>
          </Space>
        ) : null
      }
      extra={
        <Space wrap>
          <Select
            allowClear
            placeholder={t('od.tower.allDistricts')}
            style={{ width: 150 }}
            value={districtId}
            onChange={setDistrictId}
            options={(d?.districts ?? []).map((x) => ({ value: x.orgId, label: x.name }))}
          />
          <Select
            allowClear
            placeholder={t('od.tower.allStages')}
            style={{ width: 130 }}
            value={stage}
            onChange={setStage}
            options={STAGES.map((s) => ({ value: s, label: t(`od.stage.${s}` as MsgKey) }))}
          />
          {can('order.config') ? (
            <Button icon={<SettingOutlined />} onClick={() => setCfgOpen(true)}>
              {t('od.tower.targets')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {tower.isError ? <QueryError error={tower.error} onRetry={() => void tower.refetch()} /> : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {totals.map((x) => (
          <Col xs={12} md={6} key={x.stage}>
            <Card size="small" className="od-kpi" data-testid={`tower-kpi-${x.stage}`}>
              <Statistic
                title={`${t(`od.stage.${x.stage}` as MsgKey)} · ${t('od.target', { t: t('od.tower.hours', { h: x.target }) })}`}
                value={x.stuck}
                suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{` / ${x.open}`}</Typography.Text>}
                valueStyle={{ color: x.stuck ? '#cf1322' : undefined }}
              />
              <Typography.Text type="secondary" className="od-muted">
                {t('od.tower.stuck')} / {t('od.tower.open')}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={10}>
          <Card title={t('od.tower.byDistrict')} size="small">
            {d && d.districts.length ? (
              <Suspense fallback={<div style={{ height: 240 }} />}>
                <DistrictChart tower={d} />
              </Suspense>
            ) : null}
            <Table
              size="small"
              rowKey="orgId"
              pagination={false}
              dataSource={d?.districts}
              scroll={{ x: 'max-content' }}
              onRow={(r) => ({ onClick: () => setDistrictId(r.orgId), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('od.district'), dataIndex: 'name' },
                ...STAGES.map((s) => ({
                  title: t(`od.stage.${s}` as MsgKey),
                  render: (_: unknown, r: Tower['districts'][number]) => {
                    const c = r.byStage[s];
                    if (!c) return '—';
                    return (
                      <span>
                        <span className={c.stuck ? 'od-stuck-cell' : ''}>{c.stuck}</span>
                        <span className="od-muted"> / {c.open}</span>
                      </span>
                    );
                  },
                })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={`${t('od.tower.stuckOrders')} · ${d?.stuck.length ?? 0}`} size="small">
            <Table
              size="small"
              rowKey="id"
              dataSource={d?.stuck}
              loading={tower.isLoading}
              pagination={{ pageSize: 12, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('od.tower.none') }}
              columns={[
                {
                  title: t('od.number'),
                  render: (_, r) => (
                    <Link to={`/orders/${r.id}`} className="mono" data-testid="tower-order">
                      {r.number}
                    </Link>
                  ),
                },
                { title: t('od.customer'), dataIndex: 'customerName', ellipsis: true },
                { title: t('od.district'), dataIndex: 'districtName' },
                { title: t('od.stage'), dataIndex: 'stage', render: (v: string) => t(`od.stage.${v}` as MsgKey) },
                { title: t('od.state'), dataIndex: 'state', render: (v) => <OrderStateTag state={v} /> },
                { title: t('od.deadline'), dataIndex: 'stageDeadline', render: (v: string) => fmtDateTime(v) },
                {
                  title: t('od.overdue'),
                  dataIndex: 'overdueHours',
                  render: (v: number) => <span className="od-stuck-cell">{t('od.overdueH', { h: v })}</span>,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <SettingsDrawer open={cfgOpen} onClose={() => setCfgOpen(false)} />
    </PageContainer>
  );
}

function DistrictChart({ tower }: { tower: Tower }) {
  const { t } = useI18n();
  const ds = tower.districts.slice(0, 12);
  return (
    <EChart
      height={240}
      testId="tower-chart"
      option={{
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 10, top: 30, bottom: 50 },
        xAxis: { type: 'category', data: ds.map((d) => d.name.replace('区局', '')), axisLabel: { rotate: 30 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: STAGES.map((s) => ({
          name: t(`od.stage.${s}` as MsgKey),
          type: 'bar',
          stack: 'stuck',
          data: ds.map((d) => d.byStage[s]?.stuck ?? 0),
        })),
      }}
    />
  );
}

/** The order number format and the stage targets (admin). */
export function SettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const settings = useOrderSettings();
  return (
    <Drawer open={open} onClose={onClose} title={t('od.settings.title')} size={440} destroyOnHidden>
      {settings.data ? <SettingsForm initial={settings.data} onSaved={onClose} /> : null}
    </Drawer>
  );
}

export function SettingsForm({ initial, onSaved }: { initial: OrderSettings; onSaved?: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<OrderSettings>();
  const save = useSaveOrderSettings();
  const format = Form.useWatch('numberFormat', form) ?? initial.numberFormat;
  const err = validateOrderNumberFormat(format);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) =>
        save.mutate(
          {
            numberFormat: v.numberFormat,
            stageTargets: initial.stageTargets.map((s, i) => ({
              stage: s.stage,
              targetHours: v.stageTargets[i]!.targetHours,
            })),
          },
          {
            onSuccess: () => {
              toastSuccess(t('common.saved'));
              onSaved?.();
            },
            onError: toastError,
          },
        )
      }
    >
      <Form.Item
        name="numberFormat"
        label={t('od.settings.format')}
        extra={t('od.settings.formatHelp')}
        validateStatus={err ? 'error' : undefined}
        help={err ?? t('od.settings.preview', { n: formatOrderNumber(format, new Date(), 123) })}
      >
        <Input maxLength={40} className="mono" />
      </Form.Item>
      {initial.stageTargets.map((s, i) => (
        <Form.Item
          key={s.stage}
          name={['stageTargets', i, 'targetHours']}
          label={`${t(`od.stage.${s.stage}` as MsgKey)} · ${t('od.settings.targetHours')}`}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={2160} style={{ width: 160 }} />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!!err}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
