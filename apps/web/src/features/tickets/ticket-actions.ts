import { useCallback } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { TicketDetail } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { toastError, toastSuccess } from '../../api/feedback';
import { useI18n } from '../../i18n/i18n';
import { TICKETS_KEY, ticketKey, useTicketAction, type ActionBody } from './ticket.api';

export * from './ticket-action-rules';

/** Runs an action and tells the outcome; a stale version or a changed status reloads the ticket. */
export function useRunAction(ticket: TicketDetail | undefined) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { notification } = App.useApp();
  const mutation = useTicketAction(ticket);
  const run = useCallback(
    async (body: ActionBody, doneText: string): Promise<boolean> => {
      try {
        await mutation.mutateAsync(body);
        toastSuccess(doneText);
        return true;
      } catch (err) {
        if (err instanceof ApiError && (err.code === 'CONFLICT' || err.code === 'TICKET_ILLEGAL_TRANSITION')) {
          notification.warning({ title: err.message, description: t('tk.act.stale') });
          if (ticket) await qc.invalidateQueries({ queryKey: ticketKey(ticket.id) });
          void qc.invalidateQueries({ queryKey: [...TICKETS_KEY, 'list'] });
          return true;
        }
        toastError(err);
        return false;
      }
    },
    [mutation, notification, qc, t, ticket],
  );
  return { run, pending: mutation.isPending };
}
