import { Alert } from 'antd';
import { useMe } from '../../auth/session';
import { PageContainer } from '../../components/PageContainer';
import { useI18n } from '../../i18n/i18n';
import { useShell } from '../../layout/shell-context';
import { MobileTicketCreate } from '../../mobile/tickets/lazy';
import { TicketForm } from './TicketForm';
import './tickets.css';

/** 提交申请 for customers (web portal; the phone shell submits as H5). */
export function MyTicketCreatePage() {
  const me = useMe();
  const { t } = useI18n();
  if (useShell() === 'mobile') return <MobileTicketCreate />;
  return (
    <PageContainer page="my-ticket-new">
      {me.customerId ? (
        <TicketForm mode="customer" channel="web" />
      ) : (
        <Alert type="warning" showIcon title={t('ent.none')} />
      )}
    </PageContainer>
  );
}

/** 新建工单 for staff: on the customer's behalf, from the hotline or the monitoring centre. */
export function StaffTicketCreatePage() {
  return (
    <PageContainer page="ticket-new">
      <TicketForm mode="staff" />
    </PageContainer>
  );
}
