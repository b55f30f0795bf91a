import { useCallback, useState } from 'react';
import { Empty } from 'antd';
import { Button, CapsuleTabs } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { TicketView } from '@paidan/shared';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { ticketKey, useTicketList } from '../../features/tickets/ticket.api';
import { useTicketChanged } from '../../features/tickets/ticket-live';
import { useNow } from '../../features/tickets/ticket-format';
import { SlaCountdown } from '../../features/tickets/TicketTags';
import { VIEW_KEYS } from '../../features/tickets/TicketListPage';
import { useRowClocks } from '../../features/tickets/use-row-clocks';
import { MobileTicketCard } from './MobileTicketCard';
import '../../features/tickets/tickets.css';

const STEP = 10;
const VIEWS: TicketView[] = ['mine', 'team'];

/** A technician's queue on a phone: own and team tickets by deadline, live. */
export function MobileTicketQueue() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const now = useNow();
  const [view, setView] = useState<TicketView>('mine');
  const [pageSize, setPageSize] = useState(STEP);
  const list = useTicketList({ view, open: true, sort: 'deadline', page: 1, pageSize });
  const items = list.data?.items ?? [];
  const clocks = useRowClocks(items, now);
  const { refetch } = list;
  useTicketChanged(
    useCallback(
      (id: number | null) => {
        if (id !== null) void qc.invalidateQueries({ queryKey: ticketKey(id) });
        void refetch();
      },
      [qc, refetch],
    ),
    800,
  );
  return (
    <div className="m-page">
      <CapsuleTabs
        activeKey={view}
        onChange={(k) => {
          setView(k as TicketView);
          setPageSize(STEP);
        }}
        className="m-tk-tabs"
      >
        {VIEWS.map((v) => (
          <CapsuleTabs.Tab key={v} title={t(VIEW_KEYS[v])} />
        ))}
      </CapsuleTabs>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {items.length ? (
        items.map((r) => (
          <MobileTicketCard
            key={r.id}
            ticket={r}
            onOpen={() => void navigate(`/tickets/${r.id}`)}
            extra={<SlaCountdown view={clocks.get(r.id) ?? null} deadline={r.stageDeadline} now={now} />}
          />
        ))
      ) : (
        <div className="m-card m-tk-empty">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={list.isLoading ? t('common.loading') : t(view === 'mine' ? 'tk.empty.mine' : 'tk.empty.team')}
          />
        </div>
      )}
      {list.data && list.data.total > pageSize ? (
        <Button block onClick={() => setPageSize((s) => s + STEP)}>
          {t('common.more')}
        </Button>
      ) : null}
    </div>
  );
}
