import type { ReactNode } from 'react';
import { Card } from 'antd-mobile';
import { RightOutlined } from '@ant-design/icons';
import type { TicketSummary } from '@paidan/shared';
import { fmtDateTime } from '../../lib/format';
import { TicketStatusTag, TicketTypeTag } from '../../features/tickets/TicketTags';

/** One request as a tappable card: title, number, status, type, time, and an optional extra line. */
export function MobileTicketCard({
  ticket,
  onOpen,
  extra,
}: {
  ticket: TicketSummary;
  onOpen: () => void;
  extra?: ReactNode;
}) {
  return (
    <Card className="m-card m-tk-card" onClick={onOpen} data-testid="m-ticket-card">
      <div className="m-tk-card-head">
        <span className="m-tk-card-title">{ticket.title}</span>
        <RightOutlined className="m-tk-arrow" />
      </div>
      <div className="m-tk-card-tags">
        <TicketStatusTag status={ticket.status} />
        <TicketTypeTag type={ticket.type} />
        {extra}
      </div>
      <div className="m-tk-card-foot">
        <span className="mono">{ticket.number}</span>
        <span>{fmtDateTime(ticket.createdAt)}</span>
      </div>
    </Card>
  );
}
