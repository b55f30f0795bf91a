import { Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@paidan/shared';
import { BrowserRouter } from 'react-router';
import { api, onUnauthorized } from '../api/client';
import { registerFeedback } from '../api/feedback';
import { queryClient } from '../api/query-client';
import { ME_KEY, useMeQuery, useSignedOut } from '../auth/session';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageFallback } from '../components/PageFallback';
import { I18nProvider, storedLang, useI18n } from '../i18n/i18n';
import { AppRoutes } from './routes';

/** Gives module code (API client, mutation cache) the antd message/notification bound to this app's theme and locale. */
function FeedbackBridge() {
  const { message, notification } = AntApp.useApp();
  useEffect(() => registerFeedback(message, notification), [message, notification]);
  return null;
}

/** A lapsed session sends the user to sign in (RequireAuth keeps the return URL). */
function SessionWatch() {
  const signedOut = useSignedOut();
  const { message } = AntApp.useApp();
  const { t, lang, setLang } = useI18n();
  useEffect(() => {
    onUnauthorized(() => {
      if (queryClient.getQueryData(ME_KEY)) void message.warning(t('auth.sessionExpired'));
      signedOut();
    });
    return () => onUnauthorized(null);
  }, [signedOut, message, t]);
  // The language follows the user: a browser without a choice takes the account's; a choice made here is saved
  // on the account (PUT /api/me/lang), so it follows them to other devices.
  const me = useMeQuery();
  const qc = useQueryClient();
  useEffect(() => {
    const current = me.data;
    if (!current || current.lang === lang) return;
    if (storedLang() === null) {
      setLang(current.lang);
      return;
    }
    qc.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, lang } : old));
    void api.put('/me/lang', { lang }).catch(() => undefined);
  }, [me.data, lang, setLang, qc]);
  return null;
}

/** Someone who asked their system for less motion gets no sliding, fading or spinning. */
const reduceMotion = typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

function Providers() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1677ff', borderRadius: 6, motion: !reduceMotion },
      }}
    >
      <AntApp>
        <FeedbackBridge />
        <SessionWatch />
        <ErrorBoundary>
          <Suspense fallback={<PageFallback />}>
            <AppRoutes />
          </Suspense>
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <I18nProvider>
          <Providers />
        </I18nProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
