import { Suspense, useCallback, useEffect } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { api, onUnauthorized } from '../api/client';
import { registerFeedback } from '../api/feedback';
import { queryClient } from '../api/query-client';
import { ME_KEY, useMeQuery, useSignedOut } from '../auth/session';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageFallback } from '../components/PageFallback';
import { I18nProvider, storedLang, useI18n, type Lang } from '../i18n/i18n';
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
  // First visit on this browser: take the language saved on the account.
  const me = useMeQuery();
  useEffect(() => {
    if (!me.data || me.data.lang === lang) return;
    if (storedLang() === null) setLang(me.data.lang);
    else void api.put('/me/lang', { lang }).catch(() => undefined);
  }, [me.data, lang, setLang]);
  return null;
}

function Providers() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
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
  // The choice is remembered on the account too, so it follows the user to other devices.
  const onLangChange = useCallback((lang: Lang) => {
    if (queryClient.getQueryData(ME_KEY)) void api.put('/me/lang', { lang }).catch(() => undefined);
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <I18nProvider onChange={onLangChange}>
          <Providers />
        </I18nProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
