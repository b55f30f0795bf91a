import { useState } from 'react';
import { Button, Card, Empty, Form, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { OPPORTUNITY_SOURCES, OPPORTUNITY_STATUSES, PRODUCT_GROUPS, type OpportunitySummary } from '@paidan/shared';
import { useCan } from '../../auth/session';
import { FilterForm } from '../../components/FilterForm';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n, type MsgKey } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { useListState } from '../../lib/use-list-state';
import { useOpportunityList, type OppFilters } from './opportunity.api';
import { useOpportunityChanged } from './opportunity-live';
import { useCoalesced } from '../../lib/use-coalesced';
import { OpportunityCreateDrawer } from './OpportunityCreateDrawer';
import { OpportunityImportModal } from './OpportunityImportModal';
import { fmtYuan, groupLabel, OppStatusTag, SourceTag, StageTag } from './OpportunityTags';
import './opportunities.css';

type F = Pick<OppFilters, 'status' | 'source' | 'productGroup' | 'q'>;

/** What I claimed or was dispatched (mine), or everything in my scope (all, for supervisors). */
export function MyOpportunitiesPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'all' ? 'all' : 'mine';
  const [form] = Form.useForm<F>();
  const listState = useListState<F>({});
  const list = useOpportunityList(
    { view, ...listState.filters, page: listState.page, pageSize: listState.pageSize },
    listState.nonce,
  );
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const { refetch } = list;
  useOpportunityChanged(useCoalesced(refetch, 300));

  const columns: ColumnsType<OpportunitySummary> = [
    {
      title: t('opp.f.number'),
      dataIndex: 'number',
      render: (v: string, r) => (
        <div className="opp-cell-main">
          <Link to={`/opportunities/${r.id}`} className="mono" data-testid="opp-link">
            {v}
          </Link>
          <Typography.Text type="secondary" className="opp-small">
            {fmtDateTime(r.createdAt)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('opp.f.customer'), dataIndex: 'customerName' },
    { title: t('opp.f.product'), dataIndex: 'productName' },
    {
      title: t('common.status'),
      key: 'status',
      render: (_: unknown, r) => (
        <Space size={4}>
          <OppStatusTag status={r.status} />
          <StageTag stage={r.stage} />
        </Space>
      ),
    },
    {
      title: t('opp.f.source'),
      dataIndex: 'source',
      render: (v: OpportunitySummary['source']) => <SourceTag source={v} />,
    },
    {
      title: t('opp.f.preNo'),
      dataIndex: 'preAcceptanceNo',
      render: (v: string | null) => <span className="mono">{v ?? '—'}</span>,
    },
    { title: t('opp.f.order'), key: 'order', render: (_: unknown, r) => r.orderNumber ?? '—' },
    { title: t('opp.f.revenue'), dataIndex: 'expectedRevenue', render: (v: number | null) => fmtYuan(v) },
    {
      title: t('opp.f.claimedBy'),
      key: 'who',
      render: (_: unknown, r) => r.accountManagerName ?? r.claimedByName ?? '—',
    },
  ];

  return (
    <PageContainer
      page="opp-mine"
      extra={
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
          {can('opportunity.work') ? (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('opp.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="opp-create">
                {t('opp.create')}
              </Button>
            </>
          ) : null}
        </Space>
      }
    >
      <Tabs
        activeKey={view}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          next.set('view', v);
          setParams(next, { replace: true });
        }}
        items={[
          { key: 'mine', label: t('opp.view.mine') },
          { key: 'all', label: t('opp.view.all') },
        ]}
      />
      <FilterForm<F>
        form={form}
        onSearch={(v) => listState.search({ ...v, q: v.q?.trim() || undefined })}
        onReset={() => listState.search({})}
        fields={[
          <Form.Item key="q" name="q" label={t('common.keyword')}>
            <Input placeholder={t('opp.qPh')} allowClear />
          </Form.Item>,
          <Form.Item key="status" name="status" label={t('common.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={OPPORTUNITY_STATUSES.map((s) => ({ value: s, label: t(`opp.status.${s}` as MsgKey) }))}
            />
          </Form.Item>,
          <Form.Item key="source" name="source" label={t('opp.f.source')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={OPPORTUNITY_SOURCES.map((s) => ({ value: s, label: t(`opp.source.${s}` as MsgKey) }))}
            />
          </Form.Item>,
          <Form.Item key="productGroup" name="productGroup" label={t('opp.f.productGroup')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={PRODUCT_GROUPS.map((g) => ({ value: g, label: groupLabel(t, g) }))}
            />
          </Form.Item>,
        ]}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card className="table-card">
        <Table<OpportunitySummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching && !list.data}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onDoubleClick: () => void navigate(`/opportunities/${r.id}`) })}
          locale={{ emptyText: <Empty description={t(view === 'mine' ? 'opp.empty.mine' : 'opp.empty.all')} /> }}
          pagination={listState.pagination(list.data?.total)}
        />
      </Card>
      <OpportunityCreateDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          void list.refetch();
          if (r.status !== 'pool') void navigate(`/opportunities/${r.id}`);
        }}
      />
      <OpportunityImportModal open={importing} onClose={() => setImporting(false)} onDone={() => void list.refetch()} />
    </PageContainer>
  );
}
