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

const OpportunityPoolPage = lazy(() =>
  import('../features/opportunities/OpportunityPoolPage').then((m) => ({ default: m.OpportunityPoolPage })),
);
const MyOpportunitiesPage = lazy(() =>
  import('../features/opportunities/MyOpportunitiesPage').then((m) => ({ default: m.MyOpportunitiesPage })),
);
const OpportunityBoardPage = lazy(() =>
  import('../features/opportunities/OpportunityBoardPage').then((m) => ({ default: m.OpportunityBoardPage })),
);
const OpportunityReportsPage = lazy(() =>
  import('../features/opportunities/OpportunityReportsPage').then((m) => ({ default: m.OpportunityReportsPage })),
);
const OpportunitySettingsPage = lazy(() =>
  import('../features/opportunities/OpportunitySettingsPage').then((m) => ({ default: m.OpportunitySettingsPage })),
);
const OpportunityDetailRoute = lazy(() =>
  import('../features/opportunities/OpportunityDetailPage').then((m) => ({ default: m.OpportunityDetailRoute })),
);
const LeadPage = lazy(() => import('../features/opportunities/LeadPage').then((m) => ({ default: m.LeadPage })));
const ShopPage = lazy(() => import('../features/shop/ShopPage').then((m) => ({ default: m.ShopPage })));
const ProductPage = lazy(() => import('../features/shop/ProductPage').then((m) => ({ default: m.ProductPage })));
const CartPage = lazy(() => import('../features/shop/CartPage').then((m) => ({ default: m.CartPage })));
const MyOrdersPage = lazy(() => import('../features/orders/MyOrdersPage').then((m) => ({ default: m.MyOrdersPage })));
const MyOrderDetailRoute = lazy(() =>
  import('../features/orders/OrderDetailPage').then((m) => ({ default: m.MyOrderDetailRoute })),
);
const StaffOrderDetailRoute = lazy(() =>
  import('../features/orders/OrderDetailPage').then((m) => ({ default: m.StaffOrderDetailRoute })),
);
const OrderListPage = lazy(() =>
  import('../features/orders/OrderListPage').then((m) => ({ default: m.OrderListPage })),
);
const StaffOrderNewPage = lazy(() =>
  import('../features/orders/StaffOrderNewPage').then((m) => ({ default: m.StaffOrderNewPage })),
);
const TowerPage = lazy(() => import('../features/orders/TowerPage').then((m) => ({ default: m.TowerPage })));
const CatalogAdminPage = lazy(() =>
  import('../features/catalog/CatalogAdminPage').then((m) => ({ default: m.CatalogAdminPage })),
);
const SignupPage = lazy(() => import('../features/onboarding/SignupPage').then((m) => ({ default: m.SignupPage })));
const OnboardingPage = lazy(() =>
  import('../features/onboarding/OnboardingPage').then((m) => ({ default: m.OnboardingPage })),
);
const CertificationPage = lazy(() =>
  import('../features/certification/CertificationPage').then((m) => ({ default: m.CertificationPage })),
);
const CertificationReviewPage = lazy(() =>
  import('../features/certification/CertificationReviewPage').then((m) => ({ default: m.CertificationReviewPage })),
);
const MembersPage = lazy(() =>
  import('../features/enterprise-users/MembersPage').then((m) => ({ default: m.MembersPage })),
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
      <Route path="/lead" element={<LeadPage />} />
      <Route path="/signup" element={<SignupPage />} />
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
        <Route path="opportunities" element={guarded('opp-mine', <MyOpportunitiesPage />)} />
        <Route path="opportunities/pool" element={guarded('opp-pool', <OpportunityPoolPage />)} />
        <Route path="opportunities/board" element={guarded('opp-board', <OpportunityBoardPage />)} />
        <Route path="opportunities/reports" element={guarded('opp-reports', <OpportunityReportsPage />)} />
        <Route path="opportunities/settings" element={guarded('opp-settings', <OpportunitySettingsPage />)} />
        <Route path="opportunities/:id" element={guarded('opp-detail', <OpportunityDetailRoute />)} />
        <Route path="my/tickets" element={guarded('my-tickets', <MyTicketsPage />)} />
        <Route path="my/tickets/new" element={guarded('my-ticket-new', <MyTicketCreatePage />)} />
        <Route path="my/tickets/:id" element={<MyTicketDetailRoute />} />
        <Route path="shop" element={guarded('shop', <ShopPage />)} />
        <Route path="shop/products/:id" element={guarded('shop', <ProductPage />)} />
        <Route path="shop/cart" element={guarded('shop', <CartPage />)} />
        <Route path="my/orders" element={guarded('my-orders', <MyOrdersPage />)} />
        <Route path="my/orders/:id" element={guarded('my-orders', <MyOrderDetailRoute />)} />
        <Route path="orders" element={guarded('orders', <OrderListPage />)} />
        <Route path="orders/new" element={guarded('order-new', <StaffOrderNewPage />)} />
        <Route path="orders/tower" element={guarded('order-tower', <TowerPage />)} />
        <Route path="orders/catalog" element={guarded('catalog', <CatalogAdminPage />)} />
        <Route path="orders/:id" element={guarded('orders', <StaffOrderDetailRoute />)} />
        <Route path="onboarding" element={guarded('onboarding', <OnboardingPage />)} />
        <Route path="certification" element={guarded('certification', <CertificationPage />)} />
        <Route path="enterprise/members" element={guarded('members', <MembersPage />)} />
        <Route path="certifications" element={guarded('cert-review', <CertificationReviewPage />)} />
        <Route path="signing" element={guarded('signing', <SigningListPage />)} />
        <Route path="signing/rules" element={guarded('signing-rules', <SigningRulesPage />)} />
        <Route path="signing/:id" element={guarded('signing-detail', <SigningDetailRoute />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
