import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Input, Segmented, Space, Typography } from 'antd';
import { ShoppingOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { OrderSummary } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { fmtDateTime } from '../../lib/format';
import { useOrderList, useOrderLookup, useOrdersLive, type OrderFilters } from './order.api';
import { Money, OrderStateTag, StageBar, ScopedPage } from './OrderBits';
import './orders.css';

const SEGMENTS = ['all', 'open', 'done', 'closed'] as const;
type Segment = (typeof SEGMENTS)[number];
const SEG_KEYS: Record<Segment, MsgKey> = {
  all: 'od.my.segAll',
  open: 'od.my.segOpen',
  done: 'od.my.segDone',
  closed: 'od.my.segClosed',
};
const segFilter = (s: Segment): OrderFilters =>
  s === 'open' ? { open: true } : s === 'done' ? { state: 'completed' } : s === 'closed' ? { open: false } : {};

/** 我的订单: the enterprise's orders as cards with their stage, and a lookup by order number. */
export function MyOrdersPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [segment, setSegment] = useState<Segment>('all');
  const [pageSize, setPageSize] = useState(10);
  const [lookup, setLookup] = useState<string | null>(null);
  useOrdersLive();
  const list = useOrderList({ ...segFilter(segment), page: 1, pageSize, sort: '-created' });
  const found = useOrderLookup(lookup);
  const items = (list.data?.items ?? []).filter((o) => segment !== 'closed' || o.state !== 'completed');

  useEffect(() => {
    if (found.data && lookup) void navigate(`/my/orders/${found.data.id}`);
  }, [found.data, lookup, navigate]);

  return (
    <ScopedPage
      page="my-orders"
      extra={
        <Button icon={<ShoppingOutlined />} onClick={() => void navigate('/shop')}>
          {t('od.my.toShop')}
        </Button>
      }
    >
      <Card className="od-lookup" size="small">
        <Input.Search
          allowClear
          enterButton={t('common.search')}
          placeholder={t('od.my.lookupPh')}
          aria-label={t('od.my.lookup')}
          onSearch={(v) => setLookup(v.trim() ? v.trim() : null)}
          data-testid="order-lookup"
        />
        {found.isError && lookup ? (
          <Alert
            style={{ marginTop: 8 }}
            type="warning"
            showIcon
            data-testid="order-lookup-miss"
            title={
              found.error instanceof ApiError && found.error.status === 404 ? t('od.my.notFound') : found.error.message
            }
          />
        ) : null}
      </Card>
      <Segmented
        block
        value={segment}
        onChange={(v) => {
          setSegment(v as Segment);
          setPageSize(10);
        }}
        options={SEGMENTS.map((s) => ({ value: s, label: t(SEG_KEYS[s]) }))}
        style={{ marginBottom: 12 }}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {items.length ? (
        items.map((o) => <OrderCard key={o.id} order={o} onOpen={() => void navigate(`/my/orders/${o.id}`)} />)
      ) : (
        <Card>
          <Empty
            description={
              list.isLoading ? t('common.loading') : segment === 'all' ? t('od.my.empty') : t('od.my.emptyFiltered')
            }
          >
            {segment === 'all' && !list.isLoading ? (
              <Button type="primary" onClick={() => void navigate('/shop')}>
                {t('od.my.toShop')}
              </Button>
            ) : null}
          </Empty>
        </Card>
      )}
      {list.data && list.data.total > pageSize ? (
        <Button block onClick={() => setPageSize((n) => n + 10)}>
          {t('od.my.more')}
        </Button>
      ) : null}
    </ScopedPage>
  );
}

function OrderCard({ order, onOpen }: { order: OrderSummary; onOpen: () => void }) {
  const closed = order.state === 'cancelled' || order.state === 'failed';
  return (
    <Card className="od-order-card" onClick={onOpen} data-testid="order-card" hoverable>
      <div className="od-order-card-top">
        <Typography.Text className="mono" strong>
          {order.number}
        </Typography.Text>
        <Space size={4}>
          <OrderStateTag state={order.state} />
        </Space>
      </div>
      <div className="od-title">{order.title}</div>
      <div className="od-order-card-top" style={{ marginTop: 6 }}>
        <Money oneTime={order.totalOneTimeFen} monthly={order.totalMonthlyFen} />
        <Typography.Text type="secondary" className="od-muted">
          {fmtDateTime(order.createdAt)}
        </Typography.Text>
      </div>
      {closed ? null : <StageBar stage={order.stage} state={order.state} overdue={order.overdue} />}
    </Card>
  );
}
