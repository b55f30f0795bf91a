import { useCallback, useState } from 'react';
import { Empty } from 'antd';
import { Button, CapsuleTabs, SearchBar } from 'antd-mobile';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../auth/session';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useTicketList } from '../../features/tickets/ticket.api';
import { useTicketChanged } from '../../features/tickets/ticket-live';
import {
  MY_SEGMENT_KEYS,
  MY_SEGMENTS,
  segmentFilter,
  segmentOf,
  segmentParams,
  type MySegment,
} from '../../features/tickets/my-segments';
import { MobileTicketCard } from './MobileTicketCard';
import '../../features/tickets/tickets.css';

const STEP = 10;

/** 我的申请 on a phone: search, status tabs, cards, "more". */
export function MobileMyTickets() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [segment, setSegment] = useState<MySegment>(() => segmentOf(params.get('seg')));
  const [q, setQ] = useState('');
  const [pageSize, setPageSize] = useState(STEP);
  const list = useTicketList({ ...segmentFilter(segment), q: q || undefined, sort: '-created', page: 1, pageSize });
  const { refetch } = list;
  useTicketChanged(
    useCallback(() => void refetch(), [refetch]),
    800,
  );
  const items = list.data?.items ?? [];

  return (
    <div className="m-page">
      {can('ticket.create') ? (
        <Button
          block
          color="primary"
          size="large"
          className="m-tk-submit"
          onClick={() => void navigate('/my/tickets/new')}
          data-testid="my-ticket-create"
        >
          <PlusOutlined /> {t('tk.my.submit')}
        </Button>
      ) : null}
      <SearchBar
        placeholder={t('tk.my.qPh')}
        onSearch={(v) => {
          setQ(v.trim());
          setPageSize(STEP);
        }}
        onClear={() => setQ('')}
        className="m-tk-search"
      />
      <CapsuleTabs
        activeKey={segment}
        onChange={(k) => {
          setSegment(k as MySegment);
          setParams(segmentParams(k as MySegment), { replace: true });
          setPageSize(STEP);
        }}
        className="m-tk-tabs"
      >
        {MY_SEGMENTS.map((s) => (
          <CapsuleTabs.Tab key={s} title={t(MY_SEGMENT_KEYS[s])} />
        ))}
      </CapsuleTabs>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {items.length ? (
        items.map((r) => <MobileTicketCard key={r.id} ticket={r} onOpen={() => void navigate(`/my/tickets/${r.id}`)} />)
      ) : (
        <div className="m-card m-tk-empty">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              list.isLoading
                ? t('common.loading')
                : segment === 'all' && !q
                  ? t('tk.my.empty')
                  : t('tk.my.emptyFiltered')
            }
          />
        </div>
      )}
      {list.data && list.data.total > pageSize ? (
        <Button block onClick={() => setPageSize((s) => s + STEP)}>
          {t('common.more')}
        </Button>
      ) : null}
      {list.data && items.length ? (
        <div className="m-tk-total">{t('common.total', { total: list.data.total })}</div>
      ) : null}
    </div>
  );
}
