import { Alert, Card, Skeleton } from 'antd';
import { useMe } from '../../auth/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useShell } from '../../layout/shell-context';
import { useIsPhone } from '../../lib/use-media';
import { MobileEnterprise } from '../../mobile/lazy';
import { CustomerDescriptions } from '../customers/CustomerDescriptions';
import { useCustomer } from '../customers/customer.api';

/** The customer's own enterprise, read-only. */
export function EnterprisePage() {
  const me = useMe();
  const { t } = useI18n();
  const shell = useShell();
  const isPhone = useIsPhone();
  const q = useCustomer(me.customerId);
  const c = q.data;
  if (shell === 'mobile') return <MobileEnterprise />;
  return (
    <PageContainer page="enterprise" title={c?.name}>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Card>
        {q.isLoading ? (
          <Skeleton active />
        ) : c ? (
          <CustomerDescriptions customer={c} columns={isPhone ? 1 : 2} />
        ) : (
          t('ent.none')
        )}
      </Card>
      <Alert type="info" showIcon title={t('ent.contactAm')} style={{ marginTop: 16 }} />
    </PageContainer>
  );
}
