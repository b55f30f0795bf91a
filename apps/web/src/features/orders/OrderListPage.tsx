import { useState } from 'react';
import { Button, Card, Checkbox, Input, Modal, QRCode, Segmented, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { ORDER_STAGES, ORDER_STATES, type OrderStage, type OrderState, type OrderSummary } from '@paidan/shared';
import { useCan, useMe } from '../../auth/session';
import { toastSuccess } from '../../api/feedback';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { fmtDateTime } from '../../lib/format';
import { useListState } from '../../lib/use-list-state';
import { useOrderList, useOrdersLive, usePromoLink, type OrderFilters } from './order.api';
import { Money, OrderStageTag, OrderStateTag } from './OrderBits';
import './orders.css';

type View = NonNullable<OrderFilters['view']>;

/** 订单管理: staff's orders — my to-dos, my team's, all in scope — with filters and the way into each order. */
export function OrderListPage() {
  const { t } = useI18n();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [promoOpen, setPromoOpen] = useState(false);
  const initialView: View = can('order.work') ? 'mine' : 'all';
  const ls = useListState<OrderFilters>({ view: initialView, open: true }, 20);
  const [draft, setDraft] = useState<OrderFilters>(ls.filters);
  const list = useOrderList({ ...ls.filters, page: ls.page, pageSize: ls.pageSize }, ls.nonce);
  useOrdersLive();
  const promo = usePromoLink(promoOpen && me.role === 'account_manager');

  const columns: ColumnsType<OrderSummary> = [
    {
      title: t('od.number'),
      dataIndex: 'number',
      render: (_: string, r) => (
        <div>
          <Link to={`/orders/${r.id}`} className="mono" data-testid="order-link">
            {r.number}
          </Link>
          <Typography.Text
            ellipsis={{ tooltip: r.title }}
            className="od-muted"
            style={{ display: 'block', maxWidth: 260 }}
          >
            {r.title}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('od.customer'), dataIndex: 'customerName', ellipsis: true },
    { title: t('od.district'), dataIndex: 'districtName', width: 110 },
    {
      title: t('od.stage'),
      dataIndex: 'stage',
      render: (v: OrderStage, r) => <OrderStageTag stage={v} overdue={r.overdue} />,
    },
    { title: t('od.state'), dataIndex: 'state', render: (v: OrderState) => <OrderStateTag state={v} /> },
    {
      title: t('od.deadline'),
      dataIndex: 'stageDeadline',
      render: (v: string | null, r) => <span className={r.overdue ? 'od-stuck-cell' : ''}>{fmtDateTime(v)}</span>,
    },
    { title: t('od.amount'), render: (_, r) => <Money oneTime={r.totalOneTimeFen} monthly={r.totalMonthlyFen} /> },
    { title: t('od.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
  ];

  return (
    <PageContainer
      page="orders"
      extra={
        <Space>
          {me.role === 'account_manager' ? (
            <Button icon={<QrcodeOutlined />} onClick={() => setPromoOpen(true)} data-testid="promo-open">
              {t('od.list.promo')}
            </Button>
          ) : null}
          {can('order.place') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/orders/new')}>
              {t('menu.orderNew')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Segmented
            value={draft.view}
            onChange={(v) => {
              const f = { ...draft, view: v as View };
              setDraft(f);
              ls.search(f);
            }}
            options={(['mine', 'team', 'created', 'all'] as View[]).map((v) => ({
              value: v,
              label: t(`od.list.view${v[0]!.toUpperCase()}${v.slice(1)}` as MsgKey),
            }))}
          />
          <Input
            allowClear
            placeholder={t('od.list.qPh')}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value || undefined })}
            onPressEnter={() => ls.search(draft)}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('od.stage')}
            value={draft.stage}
            onChange={(v) => setDraft({ ...draft, stage: v })}
            style={{ width: 130 }}
            options={ORDER_STAGES.map((s) => ({ value: s, label: t(`od.stage.${s}` as MsgKey) }))}
          />
          <Select
            allowClear
            placeholder={t('od.state')}
            value={draft.state}
            onChange={(v) => setDraft({ ...draft, state: v })}
            style={{ width: 130 }}
            options={ORDER_STATES.map((s) => ({ value: s, label: t(`od.state.${s}` as MsgKey) }))}
          />
          <Checkbox
            checked={!!draft.open}
            onChange={(e) => setDraft({ ...draft, open: e.target.checked || undefined })}
          >
            {t('od.list.onlyOpen')}
          </Checkbox>
          <Checkbox
            checked={!!draft.overdue}
            onChange={(e) => setDraft({ ...draft, overdue: e.target.checked || undefined })}
          >
            {t('od.list.onlyOverdue')}
          </Checkbox>
          <Button type="primary" onClick={() => ls.search(draft)} data-testid="order-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              const f = { view: draft.view };
              setDraft(f);
              ls.search(f);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Card>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items}
        pagination={ls.pagination(list.data?.total)}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('od.list.empty') }}
      />
      <Modal open={promoOpen} onCancel={() => setPromoOpen(false)} footer={null} title={t('od.list.promo')}>
        {promo.data ? (
          <Space orientation="vertical" align="center" style={{ width: '100%' }}>
            <QRCode value={promo.data.url} size={200} />
            <Typography.Text strong>{promo.data.managerName}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
              {t('od.list.promoHint')}
            </Typography.Paragraph>
            <Typography.Text
              code
              copyable={{ text: promo.data.url, onCopy: () => toastSuccess(t('od.list.copied')) }}
              data-testid="promo-url"
            >
              {promo.data.url}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text>{t('common.loading')}</Typography.Text>
        )}
      </Modal>
    </PageContainer>
  );
}
