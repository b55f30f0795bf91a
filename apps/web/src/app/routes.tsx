import { lazy, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Guard, RequireAuth } from '../auth/RequireAuth';
import { AppLayout } from '../layout/AppLayout';
import { NotFoundPage } from '../components/ResultPages';

// Every page is its own chunk: the sign-in page does not carry the admin screens.
const LoginPage = lazy(() => import('../features/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const WorkbenchPage = lazy(() =>
  import('../features/workbench/WorkbenchPage').then((m) => ({ default: m.WorkbenchPage })),
);
const EnterprisePage = lazy(() =>
  import('../features/enterprise/EnterprisePage').then((m) => ({ default: m.EnterprisePage })),
);
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
const ProfilePage = lazy(() => import('../features/profile/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const OrgsPage = lazy(() => import('../features/orgs/OrgsPage').then((m) => ({ default: m.OrgsPage })));
const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const CustomersPage = lazy(() =>
  import('../features/customers/CustomersPage').then((m) => ({ default: m.CustomersPage })),
);
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const SmsOutboxPage = lazy(() =>
  import('../features/sms-outbox/SmsOutboxPage').then((m) => ({ default: m.SmsOutboxPage })),
);
const AgreementTemplatesPage = lazy(() =>
  import('../features/agreements/AgreementTemplatesPage').then((m) => ({ default: m.AgreementTemplatesPage })),
);
const TicketListPage = lazy(() =>
  import('../features/tickets/TicketListPage').then((m) => ({ default: m.TicketListPage })),
);
const TicketDetailRoute = lazy(() =>
  import('../features/tickets/TicketDetailPage').then((m) => ({ default: m.TicketDetailRoute })),
);
const MyTicketDetailRoute = lazy(() =>
  import('../features/tickets/TicketDetailPage').then((m) => ({ default: m.MyTicketDetailRoute })),
);
const MyTicketsPage = lazy(() =>
  import('../features/tickets/MyTicketsPage').then((m) => ({ default: m.MyTicketsPage })),
);
const MyTicketCreatePage = lazy(() =>
  import('../features/tickets/TicketCreatePage').then((m) => ({ default: m.MyTicketCreatePage })),
);
const StaffTicketCreatePage = lazy(() =>
  import('../features/tickets/TicketCreatePage').then((m) => ({ default: m.StaffTicketCreatePage })),
);
const TicketMonitorPage = lazy(() =>
  import('../features/ticket-monitor/TicketMonitorPage').then((m) => ({ default: m.TicketMonitorPage })),
);
const TicketConfigPage = lazy(() =>
  import('../features/ticket-config/TicketConfigPage').then((m) => ({ default: m.TicketConfigPage })),
);

const SigningListPage = lazy(() =>
  import('../features/signing/SigningListPage').then((m) => ({ default: m.SigningListPage })),
);
const SigningDetailRoute = lazy(() =>
  import('../features/signing/SigningDetailPage').then((m) => ({ default: m.SigningDetailRoute })),
);
const SigningRulesPage = lazy(() =>
  import('../features/signing/SigningRulesPage').then((m) => ({ default: m.SigningRulesPage })),
);
const SignPage = lazy(() => import('../features/signing/SignPage').then((m) => ({ default: m.SignPage })));
const VerifyPage = lazy(() => import('../features/signing/VerifyPage').then((m) => ({ default: m.VerifyPage })));

const guarded = (page: string, el: ReactNode) => <Guard page={page}>{el}</Guard>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/s/:token" element={<SignPage />} />
      <Route path="/verify" element={<VerifyPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/workbench" replace />} />
        <Route path="workbench" element={<WorkbenchPage />} />
        <Route path="enterprise" element={guarded('enterprise', <EnterprisePage />)} />
        <Route path="notifications" element={guarded('notifications', <NotificationsPage />)} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="system/orgs" element={guarded('orgs', <OrgsPage />)} />
        <Route path="system/users" element={guarded('users', <UsersPage />)} />
        <Route path="system/customers" element={guarded('customers', <CustomersPage />)} />
        <Route path="system/audit" element={guarded('audit', <AuditPage />)} />
        <Route path="system/sms-outbox" element={guarded('sms-outbox', <SmsOutboxPage />)} />
        <Route path="system/agreements" element={guarded('agreements', <AgreementTemplatesPage />)} />
        <Route path="tickets" element={guarded('tickets', <TicketListPage />)} />
        <Route path="tickets/new" element={guarded('ticket-new', <StaffTicketCreatePage />)} />
        <Route path="tickets/monitor" element={guarded('ticket-monitor', <TicketMonitorPage />)} />
        <Route path="tickets/config" element={guarded('ticket-config', <TicketConfigPage />)} />
        <Route path="tickets/:id" element={<TicketDetailRoute />} />
        <Route path="my/tickets" element={guarded('my-tickets', <MyTicketsPage />)} />
        <Route path="my/tickets/new" element={guarded('my-ticket-new', <MyTicketCreatePage />)} />
        <Route path="my/tickets/:id" element={<MyTicketDetailRoute />} />
        <Route path="signing" element={guarded('signing', <SigningListPage />)} />
        <Route path="signing/rules" element={guarded('signing-rules', <SigningRulesPage />)} />
        <Route path="signing/:id" element={guarded('signing-detail', <SigningDetailRoute />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
