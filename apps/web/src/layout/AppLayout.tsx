import { Suspense, useCallback, useState, type ReactNode } from 'react';
import { Button, Drawer, Layout, Menu } from 'antd';
import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { notifyInfo } from '../api/feedback';
import { useLogout } from '../features/profile/use-logout';
import { isPhoneFirst, useCan, useMe } from '../auth/session';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageFallback } from '../components/PageFallback';
import { ChangePasswordModal } from '../features/profile/ChangePasswordForm';
import { isInternalLink, NotificationBell } from '../features/notifications/NotificationBell';
import { useNotificationStream } from '../features/notifications/use-notification-stream';
import type { AppNotification } from '../features/notifications/notification.api';
import { useI18n } from '../i18n/i18n';
import { useIsPhone } from '../lib/use-media';
import { LangSwitch } from './LangSwitch';
import { activePage, buildMenu, openGroupKeys } from './menu-items';
import { MobileShell } from '../mobile/lazy';
import { ShellContext } from './shell-context';
import { UserMenu } from './UserMenu';
import { Logo } from './Logo';

/** Signed-in frame: side menu + header on desktop, drawer menu on a phone, bottom tabs for phone-first roles. */
export function AppLayout() {
  const me = useMe();
  const can = useCan();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [pwdOpen, setPwdOpen] = useState(false);

  const onNotification = useCallback(
    (n: AppNotification) =>
      notifyInfo(n.title, n.body ?? undefined, isInternalLink(n.link) ? () => void navigate(n.link!) : undefined),
    [navigate],
  );
  useNotificationStream(can('notification.read'), onNotification);

  const logout = useLogout();

  const headerTools = (compact: boolean) => (
    <>
      <LangSwitch compact={compact} />
      {can('notification.read') ? <NotificationBell /> : null}
      <UserMenu compact={compact} onChangePassword={() => setPwdOpen(true)} onLogout={() => logout.mutate()} />
    </>
  );

  const pwdModal = <ChangePasswordModal open={pwdOpen} onClose={() => setPwdOpen(false)} />;

  if (isPhone && isPhoneFirst(me)) {
    return (
      <ShellContext.Provider value="mobile">
        <Suspense fallback={<PageFallback />}>
          <MobileShell tools={headerTools(true)} />
        </Suspense>
        {pwdModal}
      </ShellContext.Provider>
    );
  }
  return (
    <ShellContext.Provider value="desktop">
      <DesktopShell isPhone={isPhone} tools={headerTools(isPhone)} />
      {pwdModal}
    </ShellContext.Provider>
  );
}

function DesktopShell({ isPhone, tools }: { isPhone: boolean; tools: ReactNode }) {
  const me = useMe();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const current = activePage(location.pathname);
  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      items={buildMenu(me, t)}
      selectedKeys={current ? [current.path] : []}
      defaultOpenKeys={openGroupKeys(me)}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
    />
  );
  return (
    <Layout className="shell">
      {isPhone ? null : (
        <Layout.Sider width={220} collapsible collapsed={collapsed} trigger={null} className="shell-sider">
          <Logo collapsed={collapsed} />
          {menu}
        </Layout.Sider>
      )}
      <Layout className="shell-main">
        <Layout.Header className="shell-header">
          {isPhone ? (
            <>
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('menu.open')}
                onClick={() => setDrawerOpen(true)}
              />
              <Logo light compact />
            </>
          ) : (
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={t('menu.open')}
              onClick={() => setCollapsed((c) => !c)}
            />
          )}
          <div className="shell-header-spacer" />
          <div className="shell-header-tools">{tools}</div>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageFallback />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      {isPhone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Logo />
          {menu}
        </Drawer>
      ) : null}
    </Layout>
  );
}
