import { Card, Grid } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { isCustomerRole } from '@paidan/shared';
import { useCan, useMe } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { useTicketTotal, type TicketFilters } from '../../features/tickets/ticket.api';
import '../../features/tickets/tickets.css';

interface Figure {
  key: string;
  titleKey: MsgKey;
  filters: TicketFilters;
  to: string;
}

const CUSTOMER: Figure[] = [
  { key: 'open', titleKey: 'tk.wb.custOpen', filters: { open: true }, to: '/my/tickets?seg=open' },
  { key: 'resolved', titleKey: 'tk.wb.custResolved', filters: { status: 'resolved' }, to: '/my/tickets?seg=resolved' },
  { key: 'closed', titleKey: 'tk.wb.custClosed', filters: { status: 'closed' }, to: '/my/tickets?seg=closed' },
];
const TECH: Figure[] = [
  { key: 'mine', titleKey: 'tk.wb.mine', filters: { view: 'mine', open: true }, to: '/tickets' },
  { key: 'team', titleKey: 'tk.wb.team', filters: { view: 'team', open: true }, to: '/tickets' },
  {
    key: 'breached',
    titleKey: 'tk.wb.breached',
    filters: { view: 'all', open: true, sla: 'breached' },
    to: '/tickets',
  },
];

function Cell({ f }: { f: Figure }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useTicketTotal(f.filters);
  return (
    <div className="m-tk-figure" onClick={() => void navigate(f.to)} data-testid={`wb-tickets-${f.key}`}>
      <div className={`m-tk-figure-value${f.key === 'breached' && q.data ? ' m-tk-figure-bad' : ''}`}>
        {q.data ?? (q.isLoading ? '…' : q.isError ? '—' : 0)}
      </div>
      <div className="m-tk-figure-title">{t(f.titleKey)}</div>
    </div>
  );
}

/** Ticket counts at the top of the phone workbench, each opening its list. */
export function MobileTicketSummary() {
  const { t } = useI18n();
  const me = useMe();
  const can = useCan();
  if (!can('ticket.read')) return null;
  const customer = isCustomerRole(me.role);
  const figures = customer ? CUSTOMER : TECH;
  return (
    <Card className="m-card" title={customer ? t('tk.wb.custTitle') : t('tk.wb.title')} data-testid="wb-tickets">
      <Grid columns={3} gap={8}>
        {figures.map((f) => (
          <Grid.Item key={f.key}>
            <Cell f={f} />
          </Grid.Item>
        ))}
      </Grid>
    </Card>
  );
}
