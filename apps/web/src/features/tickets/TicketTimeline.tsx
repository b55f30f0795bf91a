import { Empty, Rate, Steps, Tag, Timeline, Typography } from 'antd';
import {
  BUSINESS_CATEGORY_INFO,
  CIRCUIT_LEVEL_LABELS,
  ROLE_LABELS,
  SLA_STAGE_LABELS,
  TICKET_PRIORITY_LABELS,
  TICKET_STATUS_LABELS,
  type BusinessCategory,
  type CircuitLevel,
  type SlaStage,
  type TicketDetail,
  type TicketPriority,
  type TicketStatus,
} from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { fmtDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/use-media';
import { eventLabel } from './ticket-format';

type TicketEvent = TicketDetail['events'][number];

const GOOD = new Set(['resolve', 'confirm', 'rate', 'accept', 'start']);
const BAD = new Set(['reject_back', 'withdraw', 'reopen', 'sla_escalate', 'escalate']);
export const eventColor = (action: string) => (GOOD.has(action) ? 'green' : BAD.has(action) ? 'red' : 'blue');

/** The extra facts an event carries, in words (who it went to, which units were copied, the level…). */
export function useEventFacts() {
  const { t, l } = useI18n();
  return (e: TicketEvent): string[] => {
    const d = e.data ?? {};
    const out: string[] = [];
    if ((e.action === 'dispatch' || e.action === 'transfer') && (d.orgName || d.userName)) {
      out.push(t('tk.ev.to', { who: [d.orgName, d.userName].filter(Boolean).join(' · ') }));
    }
    if (e.action === 'copy' && Array.isArray(d.orgs)) out.push(t('tk.ev.copied', { orgs: d.orgs.join('、') }));
    if (e.action === 'sla_escalate' && typeof d.stage === 'string') {
      out.push(t('tk.ev.stage', { stage: l(SLA_STAGE_LABELS[d.stage as SlaStage]) }));
    }
    if (e.action === 'reclassify' && typeof d.from === 'string') out.push(String(d.from));
    if (e.action === 'regrade' && d.before && d.after) {
      const b = d.before as Record<string, string | null>;
      const x = d.after as Record<string, string | null>;
      if (b.priority !== x.priority && x.priority) {
        out.push(
          `${t('tk.f.priority')}: ${l(TICKET_PRIORITY_LABELS[b.priority as TicketPriority])} → ${l(TICKET_PRIORITY_LABELS[x.priority as TicketPriority])}`,
        );
      }
      if (b.businessCategory !== x.businessCategory && x.businessCategory) {
        out.push(`${t('tk.f.businessCategory')}: ${l(BUSINESS_CATEGORY_INFO[x.businessCategory as BusinessCategory])}`);
      }
      if (b.circuitLevel !== x.circuitLevel && x.circuitLevel) {
        out.push(`${t('tk.f.circuitLevel')}: ${l(CIRCUIT_LEVEL_LABELS[x.circuitLevel as CircuitLevel])}`);
      }
    }
    if (Array.isArray(d.attachmentIds) && d.attachmentIds.length) {
      out.push(t('tk.ev.attachments', { n: d.attachmentIds.length }));
    }
    return out;
  };
}

export function actorText(e: TicketEvent, t: (k: MsgKey) => string, l: (x: { zh: string; en: string }) => string) {
  const role = e.actorRole === 'system' ? t('tk.system') : l(ROLE_LABELS[e.actorRole]);
  return e.actorRole === 'system' ? role : `${e.actorName}（${role}）`;
}

/** Every step with who, when and what, newest last (the order things happened). */
export function TicketTimeline({ events }: { events: TicketEvent[] }) {
  const { t, l } = useI18n();
  const isPhone = useIsPhone();
  const facts = useEventFacts();
  if (!events.length) return <Empty description={t('tk.noEvents')} />;
  return (
    <Timeline
      titleSpan={isPhone ? '92px' : '150px'}
      className="tk-timeline"
      data-testid="ticket-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: eventColor(e.action),
        title: <span className="tk-time">{fmtDateTime(e.at)}</span>,
        content: (
          <div className="tk-event" data-testid={`event-${e.action}`}>
            <div className="tk-event-head">
              <Typography.Text strong>{eventLabel(e.action, t, l)}</Typography.Text>
              {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                <span className="tk-event-move">
                  {l(TICKET_STATUS_LABELS[e.fromStatus])} → {l(TICKET_STATUS_LABELS[e.toStatus])}
                </span>
              ) : e.toStatus && !e.fromStatus ? (
                <span className="tk-event-move">{l(TICKET_STATUS_LABELS[e.toStatus])}</span>
              ) : null}
            </div>
            <div className="tk-muted">{actorText(e, t, l)}</div>
            {facts(e).map((f) => (
              <div key={f} className="tk-event-fact">
                {f}
              </div>
            ))}
            {e.action === 'rate' ? (
              <RateNote note={e.note} />
            ) : e.note ? (
              <div className="tk-event-note">{e.note}</div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

function RateNote({ note }: { note: string | null }) {
  const stars = Number(note?.match(/^(\d)/)?.[1] ?? 0);
  const comment = note?.replace(/^\d\s*星[：:]?/, '').trim();
  return (
    <div className="tk-event-note">
      {stars ? <Rate disabled value={stars} className="tk-rate-sm" /> : null}
      {comment ? <div>{comment}</div> : null}
    </div>
  );
}

// The customer's view of the loop: 提交 → 受理 → 处理 → 待确认 → 办结.
const LOOP_STEP: Record<TicketStatus, number> = {
  submitted: 1,
  rejected: 1,
  dispatched: 1,
  accepted: 2,
  in_progress: 2,
  pending_customer: 2,
  reopened: 2,
  resolved: 3,
  closed: 4,
  cancelled: 1,
};
const STEP_KEYS: MsgKey[] = [
  'tk.step.submit',
  'tk.step.accept',
  'tk.step.handle',
  'tk.step.resolved',
  'tk.step.closed',
];
// The events that complete each step.
const STEP_EVENTS: string[][] = [['submit'], ['accept'], ['resolve'], ['confirm', 'archive'], ['confirm', 'archive']];

/** Where the request stands in the loop, with the time each finished step was reached. */
export function TicketProgress({ ticket }: { ticket: TicketDetail }) {
  const { t, l } = useI18n();
  const isPhone = useIsPhone();
  const current = LOOP_STEP[ticket.status];
  const doneAt = (i: number) => {
    const e = [...ticket.events].reverse().find((ev) => STEP_EVENTS[i]!.includes(ev.action));
    return e ? fmtDateTime(e.at) : undefined;
  };
  const cancelled = ticket.status === 'cancelled';
  return (
    <Steps
      className="tk-progress"
      size="small"
      orientation={isPhone ? 'vertical' : 'horizontal'}
      current={current}
      status={cancelled ? 'error' : ticket.status === 'closed' ? 'finish' : 'process'}
      items={STEP_KEYS.map((k, i) => ({
        title: i === current && cancelled ? l(TICKET_STATUS_LABELS.cancelled) : t(k),
        content: i < current || ticket.status === 'closed' ? doneAt(i) : undefined,
        subTitle:
          i === current && !cancelled && ticket.status !== 'closed' ? (
            <Tag color="processing" className="tk-tag">
              {l(TICKET_STATUS_LABELS[ticket.status])}
            </Tag>
          ) : undefined,
      }))}
    />
  );
}
