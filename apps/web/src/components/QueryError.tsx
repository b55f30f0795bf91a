import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** What a list or card shows when loading failed; a missing endpoint is told as "not ready yet". */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const missing = error instanceof ApiError && error.isMissingRoute;
  const message = missing ? t('common.notAvailable') : error instanceof Error ? error.message : t('common.loadFailed');
  const requestId = error instanceof ApiError && !missing ? error.requestId : undefined;
  return (
    <Alert
      type={missing ? 'info' : 'error'}
      showIcon
      title={missing ? message : t('common.loadFailed')}
      description={
        missing ? undefined : `${message}${requestId ? ` · ${t('common.requestId', { id: requestId })}` : ''}`
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
