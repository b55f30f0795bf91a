import { Empty, Table, Tag, Typography } from 'antd';
import { SLA_STAGE_LABELS, SLA_STATE_COLORS, type TicketDetail } from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { clockView, fmtDuration, useNow, type TicketClock } from './ticket-format';
import { SlaCountdown } from './TicketTags';
import { useTicketSettings } from './ticket.api';

/** Every stage clock: when it started, its deadline and warning, paused time, met or breached. */
export function TicketClocks({ ticket }: { ticket: TicketDetail }) {
  const { t, l, lang } = useI18n();
  const now = useNow();
  const settings = useTicketSettings();
  const share = settings.data?.warnShare ?? 0.8;
  if (!ticket.clocks.length) return <Empty description={t('tk.clock.none')} />;
  const rows = [...ticket.clocks].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  return (
    <>
      {ticket.slaPolicyId ? (
        <Typography.Paragraph type="secondary">
          {t('tk.clock.policy')} <span className="mono">{ticket.slaPolicyId}</span>
        </Typography.Paragraph>
      ) : null}
      <Table<TicketClock>
        size="small"
        rowKey={(c) => `${c.stage}-${c.startedAt}`}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        data-testid="ticket-clocks"
        columns={[
          {
            title: t('tk.clock.stage'),
            dataIndex: 'stage',
            render: (s: TicketClock['stage']) => l(SLA_STAGE_LABELS[s]),
          },
          { title: t('tk.clock.started'), dataIndex: 'startedAt', render: (v: string) => fmtDateTime(v) },
          { title: t('tk.clock.warnAt'), dataIndex: 'warnAt', render: (v: string) => fmtDateTime(v) },
          { title: t('tk.clock.deadline'), dataIndex: 'deadline', render: (v: string) => fmtDateTime(v) },
          { title: t('tk.clock.ended'), dataIndex: 'endedAt', render: (v: string | null) => fmtDateTime(v) },
          {
            title: t('tk.clock.paused'),
            dataIndex: 'pausedMs',
            render: (v: number) => (v > 0 ? fmtDuration(v, lang) : '—'),
          },
          {
            title: t('tk.clock.state'),
            key: 'state',
            render: (_: unknown, c) => {
              const view = clockView(c, now, ticket.status, share);
              if (!view.ended) return <SlaCountdown view={view} deadline={c.deadline} now={now} />;
              return c.breached ? (
                <Tag color={SLA_STATE_COLORS.breached}>
                  {t('tk.clock.breachedBy', { d: fmtDuration(view.remainingMs, lang) })}
                </Tag>
              ) : (
                <Tag color={SLA_STATE_COLORS.ok}>{t('tk.clock.met')}</Tag>
              );
            },
          },
          {
            title: t('tk.clock.escalation'),
            dataIndex: 'escalationLevel',
            render: (v: number) => (v > 0 ? <Tag color="red">{t('tk.clock.level', { n: v })}</Tag> : '—'),
          },
        ]}
      />
    </>
  );
}
