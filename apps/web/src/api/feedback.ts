import type { MessageInstance } from 'antd/es/message/interface';
import type { NotificationInstance } from 'antd/es/notification/interface';
import { currentLang, translate } from '../i18n/i18n';
import { ApiError } from './client';

let messageApi: MessageInstance | null = null;
let notificationApi: NotificationInstance | null = null;

export function registerFeedback(m: MessageInstance, n: NotificationInstance): void {
  messageApi = m;
  notificationApi = n;
}

export function toastSuccess(text: string): void {
  void messageApi?.success(text);
}

/** Tells the user why something failed: the server's message, plus the request id for support when it is our fault. */
export function toastError(err: unknown): void {
  const lang = currentLang();
  if (err instanceof ApiError) {
    if (err.status >= 500 && err.requestId) {
      notificationApi?.error({
        title: translate(lang, 'error.title'),
        description: `${err.message} · ${translate(lang, 'common.requestId', { id: err.requestId })}`,
      });
      return;
    }
    void messageApi?.error(err.message);
    return;
  }
  void messageApi?.error(err instanceof Error && err.message ? err.message : translate(lang, 'error.title'));
}

export function notifyInfo(title: string, description?: string, onClick?: () => void): void {
  notificationApi?.info({ title, description, onClick, placement: 'topRight' });
}
