import type { ReactNode } from 'react';
import { Descriptions, Rate, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  BUSINESS_CATEGORY_INFO,
  CIRCUIT_LEVEL_LABELS,
  CUSTOMER_LEVEL_LABELS,
  REQUEST_TYPE_LABELS,
  SLA_STAGE_LABELS,
  TICKET_CHANNEL_LABELS,
  type CircuitLevel,
  type TicketDetail,
} from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { DETAIL_LABELS, DETAIL_VALUE_LABELS } from './ticket-fields';
import { PriorityTag, TicketStatusTag, TicketTypeTag } from './TicketTags';

const DATE_TIME_DETAILS = new Set(['expectedAt', 'appointmentAt', 'faultAt', 'requestedResolutionAt']);

/** The request's own words: per-type details as label → value. */
export function useDetailItems(ticket: TicketDetail) {
  const { t, l } = useI18n();
  const out: { key: string; label: string; children: ReactNode }[] = [];
  for (const [k, v] of Object.entries(ticket.details ?? {})) {
    const labelKey = DETAIL_LABELS[k];
    if (!labelKey || v === null || v === undefined || v === '') continue;
    let text: ReactNode;
    if (k === 'circuit' && typeof v === 'object') {
      const c = v as { code?: string; level?: CircuitLevel };
      text = `${c.code ?? ''}${c.level ? ` · ${l(CIRCUIT_LEVEL_LABELS[c.level])}` : ''}`;
    } else if (DATE_TIME_DETAILS.has(k)) text = fmtDateTime(String(v));
    else if (DETAIL_VALUE_LABELS[k]) text = l(DETAIL_VALUE_LABELS[k][String(v)]) || String(v);
    else text = <span className="tk-pre">{String(v)}</span>;
    out.push({ key: k, label: t(labelKey), children: text });
  }
  return out;
}

export function TicketDescriptions({ ticket, audience }: { ticket: TicketDetail; audience: 'staff' | 'customer' }) {
  const { t, l } = useI18n();
  const details = useDetailItems(ticket);
  const staff = audience === 'staff';
  const base = staff ? '/tickets' : '/my/tickets';
  const items: { key: string; label: string; children: ReactNode; span?: number | 'filled' }[] = [
    { key: 'status', label: t('common.status'), children: <TicketStatusTag status={ticket.status} /> },
    { key: 'type', label: t('tk.f.type'), children: <TicketTypeTag type={ticket.type} /> },
    ...(staff
      ? [{ key: 'priority', label: t('tk.f.priority'), children: <PriorityTag priority={ticket.priority} /> }]
      : []),
    { key: 'channel', label: t('tk.f.channel'), children: l(TICKET_CHANNEL_LABELS[ticket.channel]) },
    {
      key: 'customer',
      label: t('tk.f.customer'),
      children: (
        <>
          {ticket.customerName}
          {staff ? <Tag className="tk-tag tk-tag-gap">{l(CUSTOMER_LEVEL_LABELS[ticket.customerLevel])}</Tag> : null}
        </>
      ),
    },
    {
      key: 'contact',
      label: t('tk.f.contact'),
      children: (
        <>
          {ticket.contactName} <span className="mono">{ticket.contactPhoneMasked}</span>
        </>
      ),
    },
    ...(ticket.businessCategory
      ? [
          {
            key: 'cat',
            label: t('tk.f.businessCategory'),
            children: l(BUSINESS_CATEGORY_INFO[ticket.businessCategory]),
          },
        ]
      : []),
    ...(ticket.productInstance
      ? [
          {
            key: 'product',
            label: t('tk.f.productInstance'),
            children: <span className="mono">{ticket.productInstance}</span>,
          },
        ]
      : []),
    ...(ticket.circuitLevel
      ? [{ key: 'circuit', label: t('tk.f.circuitLevel'), children: l(CIRCUIT_LEVEL_LABELS[ticket.circuitLevel]) }]
      : []),
    {
      key: 'handler',
      label: t('tk.f.handler'),
      children: [ticket.assigneeOrgName, ticket.assigneeUserName].filter(Boolean).join(' · ') || t('tk.unassigned'),
    },
    { key: 'created', label: t('common.createdAt'), children: fmtDateTime(ticket.createdAt) },
    ...(staff && ticket.stage
      ? [
          {
            key: 'stage',
            label: t('tk.f.stage'),
            children: `${l(SLA_STAGE_LABELS[ticket.stage])} · ${fmtDateTime(ticket.stageDeadline)}`,
          },
        ]
      : []),
    ...(ticket.urgeCount ? [{ key: 'urge', label: t('tk.f.urgeCount'), children: String(ticket.urgeCount) }] : []),
    ...(staff && ticket.escalationLevel
      ? [
          {
            key: 'esc',
            label: t('tk.f.escalation'),
            children: <Tag color="red">{t('tk.clock.level', { n: ticket.escalationLevel })}</Tag>,
          },
        ]
      : []),
    ...(staff && ticket.copiedOrgs.length
      ? [{ key: 'copies', label: t('tk.f.copied'), children: ticket.copiedOrgs.map((o) => o.name).join('、') }]
      : []),
    ...(ticket.duplicateOf
      ? [
          {
            key: 'dup',
            label: t('tk.f.duplicateOf'),
            children: (
              <Link to={`${base}/${ticket.duplicateOf}`}>{ticket.duplicateOfNumber ?? `#${ticket.duplicateOf}`}</Link>
            ),
          },
        ]
      : []),
    ...(ticket.reclassifiedFrom
      ? [{ key: 'recl', label: t('tk.f.reclassifiedFrom'), children: l(REQUEST_TYPE_LABELS[ticket.reclassifiedFrom]) }]
      : []),
    ...details,
    ...(ticket.description
      ? [
          {
            key: 'desc',
            label: t('tk.f.description'),
            children: <span className="tk-pre">{ticket.description}</span>,
            span: 'filled' as const,
          },
        ]
      : []),
  ];
  return (
    <Descriptions
      size="small"
      bordered
      column={staff ? { xs: 1, sm: 1, md: 2, lg: 2, xl: 3 } : { xs: 1, sm: 2, md: 2, lg: 2, xl: 2 }}
      items={items}
      className="tk-desc"
      data-testid="ticket-descriptions"
    />
  );
}

/** The answer: result of handling, and the customer's rating. */
export function TicketResult({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  if (!ticket.resolution && ticket.rating === null) return null;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      className="tk-desc tk-result"
      data-testid="ticket-result"
      items={[
        ...(ticket.resolution
          ? [
              {
                key: 'res',
                label: t('tk.f.resolution'),
                children: (
                  <>
                    <span className="tk-pre">{ticket.resolution}</span>
                    {ticket.resolvedAt ? (
                      <Typography.Text type="secondary" className="tk-block">
                        {fmtDateTime(ticket.resolvedAt)}
                      </Typography.Text>
                    ) : null}
                  </>
                ),
              },
            ]
          : []),
        ...(ticket.rating !== null
          ? [
              {
                key: 'rating',
                label: t('tk.f.rating'),
                children: (
                  <>
                    <Rate disabled value={ticket.rating} className="tk-rate-sm" />
                    {ticket.ratingComment ? <div className="tk-pre">{ticket.ratingComment}</div> : null}
                  </>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
