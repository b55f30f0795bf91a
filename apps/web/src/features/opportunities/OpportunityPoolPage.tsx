import { useCallback, useState } from 'react';
import { App, Badge, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import {
  OPPORTUNITY_SOURCES,
  POOL_COUNT_CAP,
  PRODUCT_GROUPS,
  type ClaimResult,
  type OpportunitySummary,
} from '@paidan/shared';
import { ApiError } from '../../api/client';
import { FilterForm } from '../../components/FilterForm';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n, type MsgKey } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { useListState } from '../../lib/use-list-state';
import { api } from '../../api/client';
import { useOpportunityList, type OppFilters } from './opportunity.api';
import { useOpportunityChanged } from './opportunity-live';
import { useCoalesced } from '../../lib/use-coalesced';
import { fmtYuan, groupLabel, SourceTag } from './OpportunityTags';
import './opportunities.css';

type F = Pick<OppFilters, 'source' | 'productGroup' | 'q'>;

/** The agent's pool: what it may claim, newest first, updated live; 抢单 is first come first served. */
export function OpportunityPoolPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<F>();
  const listState = useListState<F>({});
  const list = useOpportunityList(
    { view: 'pool', ...listState.filters, page: listState.page, pageSize: listState.pageSize },
    listState.nonce,
  );
  const [claiming, setClaiming] = useState<number | null>(null);
  const [fresh, setFresh] = useState(0);
  const { refetch } = list;
  const reload = useCoalesced(refetch, 300);
  useOpportunityChanged(
    useCallback(
      (c) => {
        if (c.pool || c.id === null) {
          if (c.status === 'pool') setFresh((n) => n + (c.ids?.length ?? 1));
          reload();
        }
      },
      [reload],
    ),
  );

  const claim = async (r: OpportunitySummary) => {
    setClaiming(r.id);
    try {
      await api.post<ClaimResult>(`/opportunities/${r.id}/claim`);
      void message.success(t('opp.pool.claimed'));
      void navigate(`/opportunities/${r.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) void message.warning(e.message || t('opp.pool.lost'));
      else void message.error(e instanceof Error ? e.message : String(e));
      void refetch();
    } finally {
      setClaiming(null);
    }
  };

  const columns: ColumnsType<OpportunitySummary> = [
    {
      title: t('opp.f.customer'),
      dataIndex: 'customerName',
      render: (_: string, r) => (
        <div className="opp-cell-main">
          <Typography.Text strong>{r.customerName}</Typography.Text>
          <Typography.Text type="secondary" className="opp-small mono">
            {r.number} · {fmtDateTime(r.createdAt)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('opp.f.product'),
      dataIndex: 'productName',
      render: (v: string, r) => (
        <Space size={4} wrap>
          <span>{v}</span>
          <Tag>{groupLabel(t, r.productGroup)}</Tag>
        </Space>
      ),
    },
    {
      title: t('opp.f.need'),
      dataIndex: 'need',
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} className="opp-cell-need">
          {v || '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('opp.f.source'),
      dataIndex: 'source',
      render: (v: OpportunitySummary['source']) => <SourceTag source={v} />,
    },
    { title: t('opp.f.district'), dataIndex: 'districtName', render: (v: string | null) => v ?? '—' },
    { title: t('opp.f.contact'), key: 'contact', render: (_: unknown, r) => `${r.contactName} ${r.contactPhone}` },
    { title: t('opp.f.revenue'), dataIndex: 'expectedRevenue', render: (v: number | null) => fmtYuan(v) },
    {
      title: t('common.actions'),
      key: 'claim',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button
          type="primary"
          icon={<ThunderboltOutlined />}
          loading={claiming === r.id}
          onClick={() => void claim(r)}
          data-testid={`claim-${r.number}`}
        >
          {t('opp.pool.claim')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      page="opp-pool"
      subTitle={
        <Space size={6}>
          <Badge status="processing" text={t('opp.pool.live')} />
          <span>{t('opp.pool.hint')}</span>
          {fresh ? <Tag color="gold">+{fresh}</Tag> : null}
        </Space>
      }
      extra={<Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />}
    >
      <FilterForm<F>
        form={form}
        onSearch={(v) => listState.search({ ...v, q: v.q?.trim() || undefined })}
        onReset={() => listState.search({})}
        fields={[
          <Form.Item key="q" name="q" label={t('common.keyword')}>
            <Input placeholder={t('opp.qPh')} allowClear />
          </Form.Item>,
          <Form.Item key="productGroup" name="productGroup" label={t('opp.f.productGroup')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={PRODUCT_GROUPS.map((g) => ({ value: g, label: groupLabel(t, g) }))}
            />
          </Form.Item>,
          <Form.Item key="source" name="source" label={t('opp.f.source')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={OPPORTUNITY_SOURCES.map((s) => ({ value: s, label: t(`opp.source.${s}` as MsgKey) }))}
            />
          </Form.Item>,
        ]}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card className="table-card">
        <div data-testid="opp-pool-table">
          <Table<OpportunitySummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching && !list.data}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('opp.pool.empty')} /> }}
            pagination={{
              ...listState.pagination(list.data?.total),
              showTotal: (n: number) =>
                n >= POOL_COUNT_CAP
                  ? t('opp.pool.totalCapped', { n: POOL_COUNT_CAP })
                  : t('common.total', { total: n }),
            }}
          />
        </div>
      </Card>
    </PageContainer>
  );
}
