import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import {
  REQUEST_TYPE_LABELS,
  SLA_STATE_COLORS,
  TICKET_PRIORITY_LABELS,
  TICKET_STATUS_COLORS,
  TICKET_STATUS_LABELS,
  type RequestType,
  type TicketPriority,
  type TicketStatus,
} from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { fmtDuration, type ClockView } from './ticket-format';
import './tickets.css';

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { l } = useI18n();
  return (
    <Tag color={TICKET_STATUS_COLORS[status]} className="tk-tag" data-testid="ticket-status">
      {l(TICKET_STATUS_LABELS[status])}
    </Tag>
  );
}

export function TicketTypeTag({ type }: { type: RequestType }) {
  const { l } = useI18n();
  return <Tag className="tk-tag">{l(REQUEST_TYPE_LABELS[type])}</Tag>;
}

export const PRIORITY_COLORS: Record<TicketPriority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const { l } = useI18n();
  return (
    <Tag color={PRIORITY_COLORS[priority]} className="tk-tag">
      {l(TICKET_PRIORITY_LABELS[priority])}
    </Tag>
  );
}

/** "剩余 2小时13分" in green/orange, "超时 35分" in red; grey while the state is not known yet or paused. */
export function SlaCountdown({
  view,
  deadline,
  now,
}: {
  view: ClockView | null;
  deadline: string | null;
  now: number;
}) {
  const { t, lang } = useI18n();
  if (!deadline) return <span className="tk-muted">—</span>;
  const remaining = view ? view.remainingMs : Date.parse(deadline) - now;
  const breached = view ? view.state === 'breached' : remaining < 0;
  if (view?.paused) {
    return (
      <Tooltip title={t('tk.pausedHint')}>
        <Tag icon={<PauseCircleOutlined />} className="tk-tag">
          {t('tk.paused')}
        </Tag>
      </Tooltip>
    );
  }
  const color = breached ? SLA_STATE_COLORS.breached : view ? SLA_STATE_COLORS[view.state] : 'default';
  const text = breached
    ? t('tk.overdue', { d: fmtDuration(remaining, lang) })
    : t('tk.remaining', { d: fmtDuration(remaining, lang) });
  return (
    <Tooltip title={t('tk.deadlineAt', { at: fmtDateTime(deadline) })}>
      <Tag color={color} icon={<ClockCircleOutlined />} className="tk-tag" data-testid="sla-countdown">
        {text}
      </Tag>
    </Tooltip>
  );
}
