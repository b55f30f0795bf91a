import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Grid,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  DEFAULT_REPORT_COLUMNS,
  OPPORTUNITY_SOURCES,
  PRODUCT_GROUPS,
  productByCode,
  REPORT_COLUMNS,
  type FunnelReport,
  type ReportColumn,
  type ReportFilters,
  type ReportView,
} from '@paidan/shared';
import { api, buildQuery } from '../../api/client';
import { toastError } from '../../api/feedback';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n, type MsgKey } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { EChart } from '../tickets/EChart';
import { OPP_KEY, useFunnel, useReportList, useReportViews } from './opportunity.api';
import { groupLabel } from './OpportunityTags';
import { filterFormValues, formFilters, type FilterValues } from './report-filters';
import './opportunities.css';

type FunnelRow = FunnelReport['byProduct'][number];
type AgentRow = FunnelReport['agents'][number];
type DistrictRow = FunnelReport['districts'][number];

/** A third of the row: a small ranking table under a title. */
function RankingCard<T extends object>({
  title,
  rowKey,
  data,
  columns,
}: {
  title: string;
  rowKey: keyof T & string;
  data: T[] | undefined;
  columns: TableColumnsType<T>;
}) {
  return (
    <Col xs={24} lg={8}>
      <Card title={title} size="small">
        <Table<T>
          size="small"
          rowKey={rowKey}
          pagination={false}
          dataSource={data ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </Col>
  );
}

const TIME_COLS = new Set<ReportColumn>(['createdAt', 'claimedAt', 'firstCallAt', 'convertedAt']);

/** Supervisor reports: funnel and trend charts, rankings, and the detail list with chosen columns. */
export function OpportunityReportsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [filterForm] = Form.useForm<FilterValues>();
  // side by side with labelled fields, the checkbox takes an empty label to line up; stacked on a phone, it needs none
  const wide = Grid.useBreakpoint().md;
  const [filters, setFilters] = useState<ReportFilters>({});
  const [columns, setColumns] = useState<ReportColumn[]>(DEFAULT_REPORT_COLUMNS);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [saving, setSaving] = useState(false);
  const [savePending, setSavePending] = useState(false);
  const [viewName, setViewName] = useState('');
  const funnel = useFunnel(filters);
  const list = useReportList({ ...filters, columns, ...page });
  const views = useReportViews();

  const f = funnel.data;
  const funnelOption = useMemo(
    () =>
      f && {
        tooltip: { trigger: 'axis' },
        grid: { left: 90, right: 24, top: 10, bottom: 24 },
        xAxis: { type: 'value' },
        yAxis: {
          type: 'category',
          inverse: true,
          data: [t('opp.r.total'), t('opp.r.claimed'), t('opp.r.valid'), t('opp.r.converted')],
        },
        series: [
          {
            type: 'bar',
            data: [f.totals.total, f.totals.claimed, f.totals.valid, f.totals.converted],
            itemStyle: { color: '#1677ff' },
            label: { show: true, position: 'right' },
          },
        ],
      },
    [f, t],
  );
  const sourceOption = useMemo(
    () =>
      f && {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 40, right: 16, top: 10, bottom: 60 },
        xAxis: {
          type: 'category',
          data: f.bySource.map((r) => t(`opp.source.${r.key}` as MsgKey)),
          axisLabel: { interval: 0, rotate: 20 },
        },
        yAxis: { type: 'value' },
        series: (['total', 'valid', 'converted'] as const).map((k) => ({
          name: t(`opp.r.${k}` as MsgKey),
          type: 'bar',
          data: f.bySource.map((r) => r[k]),
        })),
      },
    [f, t],
  );
  const trendOption = useMemo(
    () =>
      f && {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0 },
        grid: { left: 40, right: 16, top: 10, bottom: 40 },
        xAxis: { type: 'category', data: f.trend.map((r) => r.date.slice(5)) },
        yAxis: { type: 'value' },
        series: (['created', 'claimed', 'converted'] as const).map((k) => ({
          name: t(k === 'created' ? 'opp.r.total' : (`opp.r.${k}` as MsgKey)),
          type: 'line',
          // daily counts: straight segments between days, dots only while there are few enough to read
          showSymbol: f.trend.length <= 31,
          data: f.trend.map((r) => r[k]),
        })),
      },
    [f, t],
  );

  const exportUrl = `/api/opportunity-reports/export.xlsx${buildQuery({ ...filters, columns: columns.join(',') })}`;
  const save = async () => {
    if (!viewName.trim() || savePending) return;
    setSavePending(true);
    try {
      await api.post('/opportunity-reports/views', { name: viewName.trim(), columns, filters });
      void qc.invalidateQueries({ queryKey: [...OPP_KEY, 'views'] });
      void message.success(t('common.saved'));
      setSaving(false);
      setViewName('');
    } catch (e) {
      toastError(e);
    } finally {
      setSavePending(false);
    }
  };
  const applyView = (v: ReportView) => {
    setColumns(v.columns);
    setFilters(v.filters);
    filterForm.setFieldsValue(filterFormValues(v.filters));
    setPage((p) => ({ ...p, page: 1 }));
  };
  const removeView = (v: ReportView) =>
    modal.confirm({
      title: t('opp.r.deleteView', { name: v.name }),
      okButtonProps: { danger: true },
      okText: t('common.delete'),
      onOk: async () => {
        try {
          await api.del(`/opportunity-reports/views/${v.id}`);
          void qc.invalidateQueries({ queryKey: [...OPP_KEY, 'views'] });
        } catch (e) {
          toastError(e);
        }
      },
    });
  const rate = (a: number, b: number) => (b ? `${Math.round((a / b) * 1000) / 10}%` : '—');

  return (
    <PageContainer
      page="opp-reports"
      extra={
        <Space wrap>
          <Button icon={<SaveOutlined />} onClick={() => setSaving(true)}>
            {t('opp.r.saveView')}
          </Button>
          <Button type="primary" icon={<DownloadOutlined />} href={exportUrl} data-testid="opp-export">
            {t('opp.r.export')}
          </Button>
        </Space>
      }
    >
      <Card className="filter-card" size="small">
        <Form
          form={filterForm}
          layout="vertical"
          onValuesChange={(_c, all) => {
            setFilters(formFilters(all));
            setPage((p) => ({ ...p, page: 1 }));
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="range" label={`${t('opp.r.from')} – ${t('opp.r.to')}`}>
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name="source" label={t('opp.f.source')}>
                <Select
                  allowClear
                  placeholder={t('common.all')}
                  options={OPPORTUNITY_SOURCES.map((s) => ({ value: s, label: t(`opp.source.${s}` as MsgKey) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name="productGroup" label={t('opp.f.productGroup')}>
                <Select
                  allowClear
                  placeholder={t('common.all')}
                  options={PRODUCT_GROUPS.map((g) => ({ value: g, label: groupLabel(t, g) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="linkedOnly" valuePropName="checked" label={wide ? ' ' : undefined}>
                <Checkbox data-testid="opp-linked-only">{t('opp.r.linkedOnly')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {funnel.isError ? <QueryError error={funnel.error} onRetry={() => void funnel.refetch()} /> : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={8}>
          <Card title={t('opp.r.funnel')} size="small" loading={funnel.isLoading}>
            {funnelOption ? <EChart option={funnelOption} height={220} /> : null}
            {f ? (
              <div className="opp-small">
                {t('opp.r.rate')}: {rate(f.totals.converted, f.totals.total)}
              </div>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('opp.r.bySource')} size="small" loading={funnel.isLoading}>
            {sourceOption ? <EChart option={sourceOption} height={240} /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('opp.r.trend')} size="small" loading={funnel.isLoading}>
            {trendOption ? <EChart option={trendOption} height={240} /> : null}
          </Card>
        </Col>
        <RankingCard<FunnelRow>
          title={t('opp.r.byProduct')}
          rowKey="key"
          data={f?.byProduct}
          columns={[
            { title: t('opp.f.product'), dataIndex: 'key', render: (v: string) => productByCode(v)?.name ?? v },
            { title: t('opp.r.total'), dataIndex: 'total' },
            { title: t('opp.r.converted'), dataIndex: 'converted' },
            { title: t('opp.r.rate'), key: 'rate', render: (_: unknown, r) => rate(r.converted, r.total) },
          ]}
        />
        <RankingCard<AgentRow>
          title={t('opp.r.agents')}
          rowKey="name"
          data={f?.agents}
          columns={[
            { title: t('opp.userId'), dataIndex: 'name' },
            { title: t('opp.r.claimed'), dataIndex: 'claimed' },
            { title: t('opp.r.converted'), dataIndex: 'converted' },
            { title: t('opp.r.avgCall'), dataIndex: 'avgClaimToCallMinutes', render: (v: number | null) => v ?? '—' },
          ]}
        />
        <RankingCard<DistrictRow>
          title={t('opp.r.districts')}
          rowKey="name"
          data={f?.districts}
          columns={[
            { title: t('opp.f.district'), dataIndex: 'name' },
            { title: t('opp.r.total'), dataIndex: 'total' },
            { title: t('opp.r.converted'), dataIndex: 'converted' },
          ]}
        />
      </Row>
      <Card
        title={t('opp.r.detail')}
        size="small"
        extra={
          <Space wrap>
            <span className="opp-small">{t('opp.r.views')}:</span>
            {(views.data ?? []).length === 0 ? <span className="opp-small">{t('opp.r.noViews')}</span> : null}
            {(views.data ?? []).map((v) => (
              <Tag
                key={v.id}
                color="blue"
                style={{ cursor: 'pointer' }}
                onClick={() => applyView(v)}
                closable
                onClose={(e) => {
                  e.preventDefault();
                  removeView(v);
                }}
                data-testid={`opp-view-${v.name}`}
              >
                {v.name}
              </Tag>
            ))}
          </Space>
        }
      >
        <Form.Item label={t('opp.r.columns')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            value={columns}
            onChange={(v: ReportColumn[]) => v.length && setColumns(v)}
            options={REPORT_COLUMNS.map((c) => ({ value: c, label: t(`opp.col.${c}` as MsgKey) }))}
            data-testid="opp-columns"
          />
        </Form.Item>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table
          size="small"
          rowKey="id"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          columns={columns.map((c) => ({
            title: t(`opp.col.${c}` as MsgKey),
            key: c,
            render: (_: unknown, r: { values: Record<string, unknown> }) => {
              const v = r.values[c];
              if (v === null || v === undefined) return '—';
              return TIME_COLS.has(c) ? fmtDateTime(String(v)) : String(v);
            },
          }))}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (n) => t('common.total', { total: n }),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
        />
      </Card>
      <Modal
        open={saving}
        title={t('opp.r.saveView')}
        onCancel={() => setSaving(false)}
        onOk={() => void save()}
        okButtonProps={{ disabled: !viewName.trim(), loading: savePending }}
      >
        <Input
          onPressEnter={() => void save()}
          placeholder={t('opp.r.viewName')}
          value={viewName}
          onChange={(e) => setViewName(e.target.value)}
          maxLength={40}
        />
      </Modal>
    </PageContainer>
  );
}
