import { useCallback, useMemo, useState } from 'react';
import { Badge, Button, Card, Empty, Form, Input, Select, Space, Table, Tabs, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  TICKET_PRIORITIES,
  TICKET_PRIORITY_LABELS,
  TICKET_STATUS_LABELS,
  TICKET_STATUSES,
  TICKET_VIEWS,
  type RequestType,
  type TicketPriority,
  type TicketStatus,
  type TicketSummary,
  type TicketView,
} from '@paidan/shared';
import { useCan } from '../../auth/session';
import { FilterForm } from '../../components/FilterForm';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { fmtDateTime } from '../../lib/format';
import { useShell } from '../../layout/shell-context';
import { useListState } from '../../lib/use-list-state';
import { useIsPhone } from '../../lib/use-media';
import { MobileTicketQueue } from '../../mobile/tickets/lazy';
import { orgTreeSelectData, useOrgs } from '../orgs/org.api';
import { CustomerSelect } from '../users/CustomerSelect';
import {
  ticketKey,
  TICKETS_KEY,
  useTicketList,
  useTicketTotal,
  type SlaFilter,
  type TicketFilters,
} from './ticket.api';
import { useTicketChanged } from './ticket-live';
import { useNow } from './ticket-format';
import { PriorityTag, SlaCountdown, TicketStatusTag, TicketTypeTag } from './TicketTags';
import { useRowClocks } from './use-row-clocks';
import './tickets.css';

export const VIEW_KEYS: Record<TicketView, MsgKey> = {
  mine: 'tk.view.mine',
  team: 'tk.view.team',
  unassigned: 'tk.view.unassigned',
  created: 'tk.view.created',
  all: 'tk.view.all',
};
const EMPTY_KEYS: Record<TicketView, MsgKey> = {
  mine: 'tk.empty.mine',
  team: 'tk.empty.team',
  unassigned: 'tk.empty.unassigned',
  created: 'tk.empty.created',
  all: 'tk.empty.all',
};

interface FilterValues {
  status?: TicketStatus | 'open';
  type?: RequestType;
  priority?: TicketPriority;
  customerId?: number;
  orgId?: number;
  sla?: SlaFilter;
  q?: string;
}

const isView = (v: string | null): v is TicketView => !!v && (TICKET_VIEWS as readonly string[]).includes(v);

function filtersFromParams(p: URLSearchParams): FilterValues {
  const sla = p.get('sla');
  const status = p.get('status');
  return {
    sla: sla === 'ok' || sla === 'warning' || sla === 'breached' ? sla : undefined,
    status:
      status === 'open' || (TICKET_STATUSES as readonly string[]).includes(status ?? '')
        ? (status as TicketStatus)
        : undefined,
    q: p.get('q') ?? undefined,
  };
}

/** The staff work queue: tabs by whose it is, filters, deadline order, live. */
export function TicketListPage() {
  return useShell() === 'mobile' ? <MobileTicketQueue /> : <DesktopQueue />;
}

function DesktopQueue() {
  const { t, l } = useI18n();
  const can = useCan();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const view: TicketView = isView(params.get('view')) ? (params.get('view') as TicketView) : 'mine';
  const initial = useMemo(() => filtersFromParams(params), [params]);
  const listState = useListState<FilterValues>(initial);
  const { filters } = listState;
  const [sort, setSort] = useState<'deadline' | '-created'>('deadline');
  const [form] = Form.useForm<FilterValues>();
  const orgs = useOrgs();
  const orgTree = useMemo(() => orgTreeSelectData(orgs.data ?? []), [orgs.data]);
  const now = useNow();

  const query: TicketFilters = {
    view,
    ...filters,
    status: filters.status === 'open' ? undefined : filters.status,
    open: filters.status === 'open' ? true : undefined,
    sort,
  };
  const list = useTicketList({ ...query, page: listState.page, pageSize: listState.pageSize }, listState.nonce);
  const clocks = useRowClocks(list.data?.items ?? [], now);

  const counts = {
    mine: useTicketTotal({ view: 'mine', open: true }),
    team: useTicketTotal({ view: 'team', open: true }),
    unassigned: useTicketTotal({ view: 'unassigned' }),
  };

  const { refetch } = list;
  useTicketChanged(
    useCallback(
      (id: number | null) => {
        if (id !== null) void qc.invalidateQueries({ queryKey: ticketKey(id) });
        void refetch();
        void qc.invalidateQueries({ queryKey: [...TICKETS_KEY, 'total'] });
      },
      [qc, refetch],
    ),
    800,
  );

  const setView = (v: string) => {
    const next = new URLSearchParams(params);
    next.set('view', v);
    setParams(next, { replace: true });
    listState.search(filters);
  };

  const columns: ColumnsType<TicketSummary> = [
    {
      title: t('tk.col.ticket'),
      dataIndex: 'number',
      fixed: isPhone ? undefined : 'left',
      render: (_: string, r) => (
        <div className="tk-cell-ticket">
          <Link to={`/tickets/${r.id}`} className="mono" data-testid="ticket-link">
            {r.number}
          </Link>
          <Typography.Text ellipsis={{ tooltip: r.title }} className="tk-cell-title">
            {r.title}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('tk.f.type'), dataIndex: 'type', render: (v: RequestType) => <TicketTypeTag type={v} /> },
    {
      title: t('tk.f.customer'),
      dataIndex: 'customerName',
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} className="tk-cell-customer">
          {v}
        </Typography.Text>
      ),
    },
    { title: t('common.status'), dataIndex: 'status', render: (v: TicketStatus) => <TicketStatusTag status={v} /> },
    { title: t('tk.f.priority'), dataIndex: 'priority', render: (v: TicketPriority) => <PriorityTag priority={v} /> },
    {
      title: t('tk.f.handler'),
      key: 'handler',
      render: (_: unknown, r) =>
        r.assigneeUserName ??
        r.assigneeOrgName ?? <Typography.Text type="secondary">{t('tk.unassigned')}</Typography.Text>,
    },
    {
      title: t('tk.col.deadline'),
      key: 'deadline',
      sorter: true,
      sortOrder: sort === 'deadline' ? 'ascend' : null,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <SlaCountdown view={clocks.get(r.id) ?? null} deadline={r.stageDeadline} now={now} />
          {r.stage ? (
            <Typography.Text type="secondary" className="tk-small">
              {t(`tk.stage.${r.stage}` as MsgKey)}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: sort === '-created' ? 'descend' : null,
      render: (v: string) => fmtDateTime(v),
    },
  ];

  const tabLabel = (v: TicketView) => {
    const c = v in counts ? counts[v as keyof typeof counts].data : undefined;
    return (
      <span data-testid={`view-${v}`}>
        {t(VIEW_KEYS[v])}
        {c ? <Badge count={c} overflowCount={999} size="small" className="tk-tab-badge" /> : null}
      </span>
    );
  };

  return (
    <PageContainer
      page="tickets"
      extra={
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
          {can('ticket.create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate('/tickets/new')}
              data-testid="ticket-create"
            >
              {t('tk.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Tabs
        activeKey={view}
        onChange={setView}
        className="tk-view-tabs"
        items={TICKET_VIEWS.map((v) => ({ key: v, label: tabLabel(v) }))}
      />
      <FilterForm<FilterValues>
        form={form}
        initialValues={initial}
        onSearch={(v) => listState.search({ ...v, q: v.q?.trim() || undefined })}
        onReset={() => listState.search({})}
        fields={[
          <Form.Item key="q" name="q" label={t('common.keyword')}>
            <Input placeholder={t('tk.qPh')} allowClear />
          </Form.Item>,
          <Form.Item key="status" name="status" label={t('common.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'open', label: t('tk.openOnly') },
                ...TICKET_STATUSES.map((s) => ({ value: s, label: l(TICKET_STATUS_LABELS[s]) })),
              ]}
            />
          </Form.Item>,
          <Form.Item key="sla" name="sla" label={t('tk.f.sla')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'ok', label: t('tk.sla.inTime') },
                { value: 'breached', label: t('tk.sla.breached') },
              ]}
            />
          </Form.Item>,
          <Form.Item key="type" name="type" label={t('tk.f.type')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={REQUEST_TYPES.map((x) => ({ value: x, label: l(REQUEST_TYPE_LABELS[x]) }))}
            />
          </Form.Item>,
          <Form.Item key="priority" name="priority" label={t('tk.f.priority')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={TICKET_PRIORITIES.map((x) => ({ value: x, label: l(TICKET_PRIORITY_LABELS[x]) }))}
            />
          </Form.Item>,
          ...(can('customer.read')
            ? [
                <Form.Item key="customerId" name="customerId" label={t('tk.f.customer')}>
                  <CustomerSelect />
                </Form.Item>,
              ]
            : []),
          ...(can('org.read')
            ? [
                <Form.Item key="orgId" name="orgId" label={t('tk.f.org')}>
                  <TreeSelect
                    treeData={orgTree}
                    allowClear
                    placeholder={t('common.all')}
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    loading={orgs.isLoading}
                  />
                </Form.Item>,
              ]
            : []),
        ]}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card className="table-card">
        <Table<TicketSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching && !list.data}
          scroll={{ x: 'max-content' }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            setSort(s?.columnKey === 'createdAt' || s?.field === 'createdAt' ? '-created' : 'deadline');
          }}
          onRow={(r) => ({ onDoubleClick: () => void navigate(`/tickets/${r.id}`) })}
          locale={{ emptyText: <Empty description={t(EMPTY_KEYS[view])} /> }}
          pagination={listState.pagination(list.data?.total)}
        />
      </Card>
    </PageContainer>
  );
}
