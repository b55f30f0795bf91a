import { Suspense, type ReactNode } from 'react';
import { ConfigProvider as MobileConfigProvider, NavBar, TabBar } from 'antd-mobile';
import './render';
import mobileZh from 'antd-mobile/es/locales/zh-CN';
import mobileEn from 'antd-mobile/es/locales/en-US';
import {
  AppstoreOutlined,
  BankOutlined,
  BellOutlined,
  ProfileOutlined,
  ShoppingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../auth/session';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { pageByKey } from '../app/pages';
import { useI18n } from '../i18n/i18n';
import type { MsgKey } from '../i18n/dict';
import { activePage } from '../layout/menu-items';
import { PageFallback } from '../components/PageFallback';

interface Tab {
  key: string;
  titleKey: MsgKey;
  icon: ReactNode;
}

/** Customers and technicians on a phone: a title bar, the page, and a bottom tab bar with big targets. */
export function MobileShell({ tools }: { tools: ReactNode }) {
  const me = useMe();
  const { t, lang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs: Tab[] = [
    { key: '/workbench', titleKey: 'menu.workbench', icon: <AppstoreOutlined /> },
    ...(pageByKey('my-tickets').allowed(me)
      ? [{ key: '/my/tickets', titleKey: 'menu.requests' as MsgKey, icon: <ProfileOutlined /> }]
      : []),
    ...(pageByKey('shop').allowed(me)
      ? [{ key: '/shop', titleKey: 'menu.shop' as MsgKey, icon: <ShoppingOutlined /> }]
      : []),
    ...(pageByKey('tickets').allowed(me)
      ? [{ key: '/tickets', titleKey: 'menu.workOrders' as MsgKey, icon: <ProfileOutlined /> }]
      : []),
    ...(pageByKey('enterprise').allowed(me)
      ? [{ key: '/enterprise', titleKey: 'menu.enterprise' as MsgKey, icon: <BankOutlined /> }]
      : []),
    ...(pageByKey('notifications').allowed(me)
      ? [{ key: '/notifications', titleKey: 'menu.messages' as MsgKey, icon: <BellOutlined /> }]
      : []),
    { key: '/profile', titleKey: 'menu.me', icon: <UserOutlined /> },
  ];
  const current = activePage(location.pathname);
  const active = tabs.find((tab) => tab.key === current?.path)?.key ?? '';
  return (
    <MobileConfigProvider locale={lang === 'en' ? mobileEn : mobileZh}>
      <div className="m-shell">
        <NavBar className="m-navbar" backIcon={false} right={<div className="m-navbar-tools">{tools}</div>}>
          {current ? t(current.titleKey) : t('app.name')}
        </NavBar>
        <main className="m-body">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageFallback />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
        <TabBar className="m-tabbar" activeKey={active} onChange={(key) => void navigate(key)} safeArea>
          {tabs.map((tab) => (
            <TabBar.Item key={tab.key} icon={tab.icon} title={t(tab.titleKey)} />
          ))}
        </TabBar>
      </div>
    </MobileConfigProvider>
  );
}
