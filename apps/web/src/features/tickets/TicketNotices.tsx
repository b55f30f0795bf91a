import { Alert } from 'antd';
import type { TicketDetail } from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';

/** Duplicate link and reclassification, said plainly. */
export function Notices({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  return (
    <>
      {ticket.duplicateOf ? (
        <Alert
          className="tk-notice"
          type="warning"
          showIcon
          title={t('tk.notice.duplicate', { number: ticket.duplicateOfNumber ?? `#${ticket.duplicateOf}` })}
        />
      ) : null}
      {ticket.reclassifiedFrom ? (
        <Alert className="tk-notice" type="info" showIcon title={t('tk.notice.reclassified')} />
      ) : null}
    </>
  );
}

/** What the customer is expected to do now, in one sentence. */
export function CustomerPrompt({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const a = ticket.allowedActions;
  const key =
    ticket.status === 'resolved' && a.includes('confirm')
      ? 'tk.my.promptConfirm'
      : ticket.status === 'closed' && a.includes('rate')
        ? 'tk.my.promptRate'
        : ticket.status === 'pending_customer'
          ? 'tk.my.promptPending'
          : null;
  if (!key) return null;
  return <Alert className="tk-notice" type="success" showIcon title={t(key)} data-testid="customer-prompt" />;
}
