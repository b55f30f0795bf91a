import { useCallback, useMemo, useState } from 'react';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ORG_TYPE_LABELS, ROLE_LABELS, type TicketMonitorOrgRow, type TicketMonitorPersonRow } from '@paidan/shared';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/use-media';
import { orgTreeSelectData, useOrgs } from '../orgs/org.api';
import { useTicketChanged } from '../tickets/ticket-live';
import {
  exportUrl,
  MONITOR_KEY,
  useMonitorByOrg,
  useMonitorByPerson,
  useMonitorSummary,
  type MonitorQuery,
} from './monitor.api';
import {
  BacklogChart,
  pct,
  SatisfactionChart,
  stateHex,
  TimelinessChart,
  TrendChart,
  VolumeChart,
} from './MonitorCharts';
import { clampPeriod, dayDisabled } from './monitor-range';
import '../tickets/tickets.css';

const DAY = 'YYYY-MM-DD';
type Range = [Dayjs, Dayjs];

/** Supervisors and dispatchers: backlog, timeliness, satisfaction and rankings for an org and period, live. */
export function TicketMonitorPage() {
  const { t, l } = useI18n();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const [range, setRange] = useState<Range>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const q: MonitorQuery = { orgId, from: range[0].format(DAY), to: range[1].format(DAY) };
  const summary = useMonitorSummary(q);
  const byOrg = useMonitorByOrg(q);
  const byPerson = useMonitorByPerson(q);
  const orgs = useOrgs();
  const orgTree = useMemo(() => orgTreeSelectData(orgs.data ?? []), [orgs.data]);
  const s = summary.data;

  useTicketChanged(
    useCallback(() => void qc.invalidateQueries({ queryKey: MONITOR_KEY }), [qc]),
    3000,
  );

  const presets: { label: string; value: Range }[] = [
    { label: t('mon.last7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
    { label: t('mon.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
    { label: t('mon.thisMonth'), value: [dayjs().startOf('month'), dayjs()] },
    { label: t('mon.last90'), value: [dayjs().subtract(89, 'day'), dayjs()] },
  ];

  const orgColumns: ColumnsType<TicketMonitorOrgRow> = [
    {
      title: t('mon.org'),
      dataIndex: 'orgName',
      fixed: isPhone ? undefined : 'left',
      render: (v: string, r) =>
        r.self ? (
          <Space size={4}>
            {v}
            <Tag>{t('mon.self')}</Tag>
          </Space>
        ) : (
          <Space size={4}>
            <a onClick={() => setOrgId(r.orgId)} data-testid="org-drill">
              {v}
            </a>
            <Tag className="tk-tag">{l(ORG_TYPE_LABELS[r.orgType])}</Tag>
          </Space>
        ),
    },
    ...metricColumns<TicketMonitorOrgRow>(t),
  ];
  const personColumns: ColumnsType<TicketMonitorPersonRow> = [
    {
      title: t('mon.person'),
      dataIndex: 'userName',
      fixed: isPhone ? undefined : 'left',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary" className="tk-small">
            {l(ROLE_LABELS[r.role])}
            {r.orgName ? ` · ${r.orgName}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    ...metricColumns<TicketMonitorPersonRow>(t),
  ];

  const kpis = s
    ? [
        { key: 'received', title: t('mon.received'), value: s.totals.received },
        { key: 'closed', title: t('mon.closed'), value: s.totals.closed },
        { key: 'backlog', title: t('mon.openBacklog'), value: s.totals.openBacklog },
        {
          key: 'breaches',
          title: t('mon.breaches'),
          value: s.totals.breaches,
          color: s.totals.breaches ? stateHex('breached') : undefined,
        },
        {
          key: 'rate',
          title: t('mon.timeliness'),
          value: pct(s.timeliness.rate),
          hint: t('mon.onTimeOf', { onTime: s.timeliness.onTime, ended: s.timeliness.ended }),
        },
        {
          key: 'sat',
          title: t('mon.avgRating'),
          value: s.satisfaction.average === null ? '—' : s.satisfaction.average.toFixed(1),
          hint: t('mon.goodShare', { share: pct(s.satisfaction.goodShare), n: s.satisfaction.rated }),
        },
      ]
    : [];

  return (
    <PageContainer
      page="ticket-monitor"
      subTitle={s ? t('mon.generated', { at: fmtDateTime(s.generatedAt) }) : undefined}
      extra={
        <Space wrap>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void qc.invalidateQueries({ queryKey: MONITOR_KEY })}
            aria-label={t('common.refresh')}
          />
          <Button type="primary" icon={<DownloadOutlined />} href={exportUrl(q)} data-testid="monitor-export">
            {t('mon.export')}
          </Button>
        </Space>
      }
    >
      <Card size="small" className="filter-card">
        <Space wrap size={[16, 8]} className="mon-toolbar">
          <Space size={8}>
            <Typography.Text type="secondary">{t('mon.org')}</Typography.Text>
            <TreeSelect
              className="mon-org-picker"
              treeData={orgTree}
              value={orgId ?? s?.org.id}
              onChange={(v: number | undefined) => setOrgId(v ?? undefined)}
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              placeholder={s?.org.name}
              loading={orgs.isLoading}
              data-testid="monitor-org"
            />
          </Space>
          <Space size={8} wrap>
            <Typography.Text type="secondary">{t('mon.period')}</Typography.Text>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              presets={presets}
              disabledDate={(d, info) => dayDisabled(d, dayjs(), info?.from)}
              onChange={(v) => {
                if (v?.[0] && v[1]) setRange(clampPeriod([v[0], v[1]]));
              }}
            />
          </Space>
        </Space>
        {byOrg.data && byOrg.data.path.length > 1 ? (
          <Breadcrumb
            className="mon-path"
            items={byOrg.data.path.map((p, i, all) => ({
              title: i < all.length - 1 ? <a onClick={() => setOrgId(p.id)}>{p.name}</a> : p.name,
            }))}
          />
        ) : null}
      </Card>
      {summary.isError ? <QueryError error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      <Row gutter={[16, 16]} data-testid="monitor-kpis">
        {(kpis.length ? kpis : Array.from({ length: 6 }, (_, i) => ({ key: String(i), title: '', value: '' }))).map(
          (k) => (
            <Col key={k.key} xs={12} md={8} xl={4}>
              <Card size="small" className="figure-card mon-kpi">
                <Statistic
                  title={k.title}
                  value={k.value}
                  loading={!s}
                  styles={{ content: 'color' in k && k.color ? { color: k.color } : undefined }}
                />
                {'hint' in k && k.hint ? <div className="tk-muted tk-small">{k.hint}</div> : null}
              </Card>
            </Col>
          ),
        )}
      </Row>
      {s ? (
        <Row gutter={[16, 16]} className="mon-charts">
          <Col xs={24} xl={12}>
            <BacklogChart s={s} />
          </Col>
          <Col xs={24} xl={12}>
            <TimelinessChart s={s} />
          </Col>
          <Col xs={24} xl={16}>
            <TrendChart s={s} />
          </Col>
          <Col xs={24} xl={8}>
            <VolumeChart s={s} />
          </Col>
          <Col xs={24} xl={8}>
            <SatisfactionChart s={s} />
          </Col>
          <Col xs={24} xl={16}>
            <Card size="small" title={t('mon.byOrg')} className="mon-table-card">
              <Table<TicketMonitorOrgRow>
                size="small"
                rowKey={(r) => `${r.orgId}-${r.self}`}
                columns={orgColumns}
                dataSource={byOrg.data?.rows ?? []}
                loading={byOrg.isFetching && !byOrg.data}
                pagination={false}
                scroll={{ x: 'max-content' }}
                onRow={(r) => ({
                  onClick: () => !r.self && setOrgId(r.orgId),
                  className: r.self ? '' : 'mon-row-link',
                })}
                data-testid="monitor-by-org"
                summary={() =>
                  byOrg.data ? (
                    <Table.Summary.Row className="mon-total-row">
                      <Table.Summary.Cell index={0}>{t('mon.total')}</Table.Summary.Cell>
                      {metricValues(byOrg.data.total).map((v, i) => (
                        <Table.Summary.Cell key={i} index={i + 1}>
                          {v}
                        </Table.Summary.Cell>
                      ))}
                    </Table.Summary.Row>
                  ) : null
                }
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      <Card size="small" title={t('mon.byPerson')} className="mon-table-card" style={{ marginTop: 16 }}>
        <Table<TicketMonitorPersonRow>
          size="small"
          rowKey="userId"
          columns={personColumns}
          dataSource={byPerson.data?.rows ?? []}
          loading={byPerson.isFetching && !byPerson.data}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          scroll={{ x: 'max-content' }}
          data-testid="monitor-by-person"
        />
      </Card>
    </PageContainer>
  );
}

type Metrics = Pick<
  TicketMonitorOrgRow,
  'received' | 'closed' | 'openBacklog' | 'breaches' | 'rate' | 'ended' | 'onTime' | 'avgRating' | 'rated'
>;

function metricValues(m: Metrics) {
  return [
    m.received,
    m.closed,
    m.openBacklog,
    m.breaches,
    `${pct(m.rate)}`,
    m.avgRating === null ? '—' : `${m.avgRating.toFixed(1)} (${m.rated})`,
  ];
}

function metricColumns<T extends Metrics>(t: ReturnType<typeof useI18n>['t']): ColumnsType<T> {
  const num = (a: number, b: number) => a - b;
  return [
    { title: t('mon.received'), dataIndex: 'received', align: 'right', sorter: (a, b) => num(a.received, b.received) },
    { title: t('mon.closed'), dataIndex: 'closed', align: 'right', sorter: (a, b) => num(a.closed, b.closed) },
    {
      title: t('mon.openBacklog'),
      dataIndex: 'openBacklog',
      align: 'right',
      sorter: (a, b) => num(a.openBacklog, b.openBacklog),
    },
    {
      title: t('mon.breaches'),
      dataIndex: 'breaches',
      align: 'right',
      sorter: (a, b) => num(a.breaches, b.breaches),
      render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v),
    },
    {
      title: t('mon.timeliness'),
      dataIndex: 'rate',
      align: 'right',
      sorter: (a, b) => num(a.rate ?? -1, b.rate ?? -1),
      render: (v: number | null, r) => <span title={`${r.onTime} / ${r.ended}`}>{pct(v)}</span>,
    },
    {
      title: t('mon.avgRating'),
      dataIndex: 'avgRating',
      align: 'right',
      sorter: (a, b) => num(a.avgRating ?? -1, b.avgRating ?? -1),
      render: (v: number | null, r) => (v === null ? '—' : `${v.toFixed(1)} (${r.rated})`),
    },
  ];
}
