import { lazy } from 'react';

// antd-mobile (and its global CSS) loads only with the phone shell.
export const MobileShell = lazy(() => import('./MobileShell').then((m) => ({ default: m.MobileShell })));
export const MobileWorkbench = lazy(() => import('./MobileWorkbench').then((m) => ({ default: m.MobileWorkbench })));
export const MobileEnterprise = lazy(() => import('./MobileEnterprise').then((m) => ({ default: m.MobileEnterprise })));
export const MobileNotifications = lazy(() =>
  import('./MobileNotifications').then((m) => ({ default: m.MobileNotifications })),
);
export const MobileProfile = lazy(() => import('./MobileProfile').then((m) => ({ default: m.MobileProfile })));
