import { useState, type ReactNode } from 'react';
import { Empty, Rate } from 'antd';
import { Card, ErrorBlock, Image, ImageViewer, List, Skeleton, Steps } from 'antd-mobile';
import { FilePdfOutlined, LeftOutlined } from '@ant-design/icons';
import { SLA_STAGE_LABELS, TICKET_STATUS_LABELS, type TicketDetail } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { fmtDateTime } from '../../lib/format';
import { attachmentUrl } from '../../features/tickets/ticket.api';
import { eventLabel, isImage } from '../../features/tickets/ticket-format';
import { StageCountdown } from '../../features/tickets/StageCountdown';
import { useDetailItems } from '../../features/tickets/TicketDescriptions';
import { CustomerPrompt, Notices } from '../../features/tickets/TicketNotices';
import { PriorityTag, TicketStatusTag, TicketTypeTag } from '../../features/tickets/TicketTags';
import { actorText, useEventFacts } from '../../features/tickets/TicketTimeline';
import { useLiveTicket } from '../../features/tickets/use-live-ticket';
import { useBack } from '../../features/tickets/use-back';
import { FLAT_LIST } from '../flat-list';
import { MobileTicketActions } from './MobileTicketActions';
import '../../features/tickets/tickets.css';

// The loop as the customer sees it, five steps.
const LOOP: Record<TicketDetail['status'], number> = {
  submitted: 1,
  rejected: 1,
  dispatched: 1,
  cancelled: 1,
  accepted: 2,
  in_progress: 2,
  pending_customer: 2,
  reopened: 2,
  resolved: 3,
  closed: 4,
};
const LOOP_KEYS: MsgKey[] = [
  'tk.stepShort.submit',
  'tk.stepShort.accept',
  'tk.stepShort.handle',
  'tk.stepShort.resolved',
  'tk.stepShort.closed',
];

/** A request on a phone: where it stands, what to do now, what was asked, and every step so far. */
export function MobileTicketDetail({ id, audience }: { id: number | null; audience: 'customer' | 'staff' }) {
  const { t, l } = useI18n();
  const q = useLiveTicket(id);
  const tk = q.data;
  const back = useBack(audience === 'customer' ? '/my/tickets' : '/tickets');
  const backBar = (
    <button type="button" className="m-tk-back" onClick={back} data-testid="m-back">
      <LeftOutlined /> {audience === 'customer' ? t('tk.my.backToList') : t('common.back')}
    </button>
  );
  if (!id || (q.error instanceof ApiError && q.error.status === 404)) {
    return (
      <div className="m-page">
        {backBar}
        <ErrorBlock status="empty" title={t('tk.notFound')} description={t('tk.notFoundSub')} />
      </div>
    );
  }
  return (
    <div className="m-page">
      {backBar}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!tk ? (
        <Card className="m-card">
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={4} animated />
        </Card>
      ) : (
        <>
          <Card className="m-card">
            <div className="m-tk-title">{tk.title}</div>
            <div className="m-tk-card-tags">
              <TicketStatusTag status={tk.status} />
              <TicketTypeTag type={tk.type} />
              {audience === 'staff' ? <PriorityTag priority={tk.priority} /> : null}
              {audience === 'staff' ? <StageCountdown ticket={tk} /> : null}
            </div>
            <div className="m-tk-card-foot">
              <span className="mono" data-testid="ticket-number">
                {tk.number}
              </span>
              <span>{fmtDateTime(tk.createdAt)}</span>
            </div>
            {audience === 'customer' ? (
              <Steps current={LOOP[tk.status]} className="m-tk-steps">
                {LOOP_KEYS.map((k, i) => (
                  <Steps.Step
                    key={k}
                    title={t(k)}
                    status={
                      tk.status === 'cancelled' && i === LOOP.cancelled
                        ? 'error'
                        : i < LOOP[tk.status] || tk.status === 'closed'
                          ? 'finish'
                          : i === LOOP[tk.status]
                            ? 'process'
                            : 'wait'
                    }
                  />
                ))}
              </Steps>
            ) : null}
          </Card>
          {audience === 'customer' ? <CustomerPrompt ticket={tk} /> : null}
          <Notices ticket={tk} />
          {tk.allowedActions.length ? (
            <Card className="m-card">
              <MobileTicketActions ticket={tk} />
            </Card>
          ) : null}
          {tk.resolution || tk.rating !== null ? <ResultCard ticket={tk} /> : null}
          <DetailsCard ticket={tk} audience={audience} />
          {tk.attachments.length ? <AttachmentsCard ticket={tk} /> : null}
          <Card className="m-card" title={t('tk.tab.timeline')}>
            <EventSteps ticket={tk} />
          </Card>
          <div className="m-muted m-tk-status-line">
            {t('common.status')}: {l(TICKET_STATUS_LABELS[tk.status])}
          </div>
        </>
      )}
    </div>
  );
}

function ResultCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  return (
    <Card className="m-card" title={t('tk.f.resolution')} data-testid="ticket-result">
      {ticket.resolution ? <div className="tk-pre">{ticket.resolution}</div> : null}
      {ticket.resolvedAt ? <div className="m-time">{fmtDateTime(ticket.resolvedAt)}</div> : null}
      {ticket.rating !== null ? (
        <div className="m-tk-rated">
          <span className="m-muted">{t('tk.f.rating')}</span>{' '}
          <Rate disabled value={ticket.rating} className="tk-rate-sm" />
          {ticket.ratingComment ? <div className="tk-pre">{ticket.ratingComment}</div> : null}
        </div>
      ) : null}
    </Card>
  );
}

function DetailsCard({ ticket, audience }: { ticket: TicketDetail; audience: 'customer' | 'staff' }) {
  const { t, l } = useI18n();
  const details = useDetailItems(ticket);
  const rows: { key: string; label: string; value: ReactNode; long?: boolean }[] = [
    { key: 'customer', label: t('tk.f.customer'), value: ticket.customerName },
    { key: 'contact', label: t('tk.f.contact'), value: `${ticket.contactName} ${ticket.contactPhoneMasked}` },
    {
      key: 'handler',
      label: t('tk.f.handler'),
      value: [ticket.assigneeOrgName, ticket.assigneeUserName].filter(Boolean).join(' · ') || t('tk.unassigned'),
    },
    ...(ticket.productInstance ? [{ key: 'p', label: t('tk.f.productInstance'), value: ticket.productInstance }] : []),
    ...(audience === 'staff' && ticket.stage
      ? [
          {
            key: 'stage',
            label: t('tk.f.stage'),
            value: `${l(SLA_STAGE_LABELS[ticket.stage])} · ${fmtDateTime(ticket.stageDeadline)}`,
          },
        ]
      : []),
    ...details.map((d) => ({ key: d.key, label: d.label, value: d.children, long: true })),
    ...(ticket.description
      ? [{ key: 'desc', label: t('tk.f.description'), value: ticket.description, long: true }]
      : []),
  ];
  return (
    <Card className="m-card" title={t('tk.my.request')}>
      <List style={FLAT_LIST} data-testid="ticket-descriptions">
        {rows.map((r) =>
          r.long ? (
            <List.Item key={r.key} description={<div className="tk-pre m-tk-long">{r.value}</div>}>
              <span className="m-muted">{r.label}</span>
            </List.Item>
          ) : (
            <List.Item key={r.key} extra={<span className="m-wrap">{r.value}</span>}>
              <span className="m-muted">{r.label}</span>
            </List.Item>
          ),
        )}
      </List>
    </Card>
  );
}

function AttachmentsCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const images = ticket.attachments.filter((a) => isImage(a.mimeType));
  const files = ticket.attachments.filter((a) => !isImage(a.mimeType));
  const urls = images.map((a) => attachmentUrl(ticket.id, a.id));
  const [viewing, setViewing] = useState<number | null>(null);
  return (
    <Card className="m-card" title={t('tk.tab.attachments')}>
      {images.length ? (
        <div className="m-tk-thumbs">
          {images.map((a, i) => (
            <Image key={a.id} src={urls[i]} width={96} height={96} fit="cover" lazy onClick={() => setViewing(i)} />
          ))}
        </div>
      ) : null}
      <ImageViewer.Multi
        images={urls}
        visible={viewing !== null}
        defaultIndex={viewing ?? 0}
        onClose={() => setViewing(null)}
      />
      {files.map((a) => (
        <a key={a.id} className="m-tk-file" href={attachmentUrl(ticket.id, a.id)} target="_blank" rel="noreferrer">
          <FilePdfOutlined /> {a.fileName}
        </a>
      ))}
    </Card>
  );
}

/** Every step, newest at the bottom, with who and when. */
function EventSteps({ ticket }: { ticket: TicketDetail }) {
  const { t, l } = useI18n();
  const facts = useEventFacts();
  if (!ticket.events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tk.noEvents')} />;
  return (
    <Steps
      direction="vertical"
      current={ticket.events.length - 1}
      className="m-tk-events"
      data-testid="ticket-timeline"
    >
      {ticket.events.map((e) => (
        <Steps.Step
          key={e.id}
          status="finish"
          title={
            <span data-testid={`event-${e.action}`}>
              {eventLabel(e.action, t, l)}
              {e.toStatus && e.fromStatus !== e.toStatus ? (
                <span className="m-tk-ev-status"> · {l(TICKET_STATUS_LABELS[e.toStatus])}</span>
              ) : null}
            </span>
          }
          description={
            <div className="m-tk-ev">
              <div>
                {actorText(e, t, l)} · {fmtDateTime(e.at)}
              </div>
              {facts(e).map((f) => (
                <div key={f}>{f}</div>
              ))}
              {e.note ? <div className="m-tk-ev-note">{e.note}</div> : null}
            </div>
          }
        />
      ))}
    </Steps>
  );
}
