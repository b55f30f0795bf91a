import { useCallback } from 'react';
import { Button, Card, Empty, Input, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { RequestType, TicketStatus, TicketSummary } from '@paidan/shared';
import { useCan } from '../../auth/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { useListState } from '../../lib/use-list-state';
import { useShell } from '../../layout/shell-context';
import { MobileMyTickets } from '../../mobile/tickets/lazy';
import { useTicketList } from './ticket.api';
import { MY_SEGMENT_KEYS, MY_SEGMENTS, segmentFilter, segmentOf, segmentParams, type MySegment } from './my-segments';
import { useTicketChanged } from './ticket-live';
import { TicketStatusTag, TicketTypeTag } from './TicketTags';
import './tickets.css';

/** 我的申请: the customer's own requests (the enterprise's, for its administrator). */
export function MyTicketsPage() {
  return useShell() === 'mobile' ? <MobileMyTickets /> : <DesktopMyTickets />;
}

function DesktopMyTickets() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const listState = useListState<{ segment: MySegment; q?: string }>({ segment: segmentOf(params.get('seg')) }, 10);
  const { segment, q } = listState.filters;
  const list = useTicketList(
    { ...segmentFilter(segment), q, sort: '-created', page: listState.page, pageSize: listState.pageSize },
    listState.nonce,
  );
  const { refetch } = list;
  useTicketChanged(
    useCallback(() => void refetch(), [refetch]),
    800,
  );

  const columns: ColumnsType<TicketSummary> = [
    {
      title: t('tk.col.ticket'),
      dataIndex: 'number',
      render: (_: string, r) => (
        <div className="tk-cell-ticket">
          <Link to={`/my/tickets/${r.id}`} className="mono" data-testid="ticket-link">
            {r.number}
          </Link>
          <Typography.Text ellipsis={{ tooltip: r.title }} className="tk-cell-title">
            {r.title}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('tk.f.type'), dataIndex: 'type', render: (v: RequestType) => <TicketTypeTag type={v} /> },
    { title: t('common.status'), dataIndex: 'status', render: (v: TicketStatus) => <TicketStatusTag status={v} /> },
    {
      title: t('tk.f.handler'),
      key: 'handler',
      render: (_: unknown, r) => r.assigneeUserName ?? r.assigneeOrgName ?? t('tk.my.waiting'),
    },
    { title: t('tk.my.submittedAt'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
    { title: t('tk.my.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => fmtDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => void navigate(`/my/tickets/${r.id}`)}>
          {t('common.detail')}
        </Button>
      ),
    },
  ];

  const empty =
    segment === 'all' && !q ? (
      <Empty description={t('tk.my.empty')}>
        {can('ticket.create') ? (
          <Button type="primary" onClick={() => void navigate('/my/tickets/new')}>
            {t('tk.my.submit')}
          </Button>
        ) : null}
      </Empty>
    ) : (
      <Empty description={t('tk.my.emptyFiltered')} />
    );

  return (
    <PageContainer
      page="my-tickets"
      extra={
        can('ticket.create') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/my/tickets/new')}
            data-testid="my-ticket-create"
          >
            {t('tk.my.submit')}
          </Button>
        ) : null
      }
    >
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card
        className="table-card"
        title={
          <Space wrap className="tk-my-toolbar">
            <Segmented
              value={segment}
              onChange={(v) => {
                listState.search({ segment: v as MySegment, q });
                setParams(segmentParams(v as MySegment), { replace: true });
              }}
              options={MY_SEGMENTS.map((s) => ({ value: s, label: t(MY_SEGMENT_KEYS[s]) }))}
            />
            <Input.Search
              allowClear
              placeholder={t('tk.my.qPh')}
              onSearch={(v) => listState.search({ segment, q: v.trim() || undefined })}
              className="tk-my-search"
            />
          </Space>
        }
      >
        <Table<TicketSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching && !list.data}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
          pagination={listState.pagination(list.data?.total)}
        />
      </Card>
    </PageContainer>
  );
}
