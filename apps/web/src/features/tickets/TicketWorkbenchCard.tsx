import { Button, Card, Col, Row, Statistic } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { isCustomerRole } from '@paidan/shared';
import { useCan, useMe } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { useTicketTotal, type TicketFilters } from './ticket.api';
import './tickets.css';

interface Figure {
  key: string;
  titleKey: MsgKey;
  filters: TicketFilters;
  to: string;
  danger?: boolean;
}

// Real totals from the queue endpoint with the same filters the link opens.
const STAFF: Figure[] = [
  { key: 'mine', titleKey: 'tk.wb.mine', filters: { view: 'mine', open: true }, to: '/tickets?view=mine&status=open' },
  { key: 'team', titleKey: 'tk.wb.team', filters: { view: 'team', open: true }, to: '/tickets?view=team&status=open' },
  { key: 'unassigned', titleKey: 'tk.wb.unassigned', filters: { view: 'unassigned' }, to: '/tickets?view=unassigned' },
  {
    key: 'breached',
    titleKey: 'tk.wb.breached',
    filters: { view: 'all', open: true, sla: 'breached' },
    to: '/tickets?view=all&status=open&sla=breached',
    danger: true,
  },
];
const CUSTOMER: Figure[] = [
  { key: 'open', titleKey: 'tk.wb.custOpen', filters: { open: true }, to: '/my/tickets?seg=open' },
  { key: 'resolved', titleKey: 'tk.wb.custResolved', filters: { status: 'resolved' }, to: '/my/tickets?seg=resolved' },
  { key: 'closed', titleKey: 'tk.wb.custClosed', filters: { status: 'closed' }, to: '/my/tickets?seg=closed' },
];

function FigureCard({ f }: { f: Figure }) {
  const { t } = useI18n();
  const q = useTicketTotal(f.filters);
  return (
    <Link to={f.to} className="tk-wb-figure" data-testid={`wb-tickets-${f.key}`}>
      <Card size="small" className="figure-card" hoverable>
        <Statistic
          title={t(f.titleKey)}
          value={q.data ?? (q.isError ? '—' : 0)}
          loading={q.isLoading}
          styles={{ content: f.danger && q.data ? { color: '#f5222d' } : undefined }}
        />
      </Card>
    </Link>
  );
}

/** Ticket counts on the desktop workbench, each opening the list it counts. */
export function TicketWorkbenchCard() {
  const { t } = useI18n();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  if (!can('ticket.read')) return null;
  const customer = isCustomerRole(me.role);
  const figures = customer ? CUSTOMER : STAFF;
  const newPath = customer ? '/my/tickets/new' : '/tickets/new';
  return (
    <Card
      title={customer ? t('tk.wb.custTitle') : t('tk.wb.title')}
      style={{ marginTop: 16 }}
      data-testid="wb-tickets"
      extra={
        can('ticket.create') ? (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => void navigate(newPath)}>
            {customer ? t('tk.my.submit') : t('tk.create')}
          </Button>
        ) : null
      }
    >
      <Row gutter={[12, 12]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} md={customer ? 8 : 6}>
            <FigureCard f={f} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
