import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { PageFallback } from '../components/PageFallback';
import { pageByKey } from '../app/pages';
import { ForbiddenPage } from '../components/ResultPages';
import { useMe, useMeQuery } from './session';

export function loginPath(from: string): string {
  return from && from !== '/' && !from.startsWith('/login') ? `/login?from=${encodeURIComponent(from)}` : '/login';
}

/** Renders its children for a signed-in user; otherwise sends them to sign in and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) return <PageFallback />;
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={me.error.message}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!me.data) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  return children;
}

/** A page the user's role may not open shows the 403 page instead (the API refuses it as well). */
export function Guard({ page, children }: { page: string; children: ReactNode }) {
  const me = useMe();
  return pageByKey(page).allowed(me) ? children : <ForbiddenPage />;
}
