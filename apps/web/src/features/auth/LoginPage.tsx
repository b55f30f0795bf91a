import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import {
  ClockCircleOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  LockOutlined,
  MobileOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoginSchema, SmsLoginSchema } from '@paidan/shared';
import { api, ApiError, setCsrfToken } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastSuccess } from '../../api/feedback';
import { fetchMe, ME_KEY, useMeQuery } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { LangSwitch } from '../../layout/LangSwitch';
import { fmtDateTime } from '../../lib/format';
import { PageFallback } from '../../components/PageFallback';

interface LoginResult {
  csrfToken: string;
  expiresAt: string;
}

function safeFrom(from: string | null): string {
  // only paths inside this app, never another origin
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/workbench';
}

function useCountdown(): [number, (s: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const id = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(id);
  }, [left]);
  return [left, setLeft];
}

function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  let text = error instanceof Error ? error.message : t('auth.failed');
  if (error instanceof ApiError && error.code === 'ACCOUNT_LOCKED') {
    const until = (error.details as { until?: string } | undefined)?.until;
    if (until) text = `${text} · ${t('auth.lockedUntil', { time: fmtDateTime(until) })}`;
  }
  return <Alert type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="login-error" />;
}

export function LoginPage() {
  const { t } = useI18n();
  const me = useMeQuery();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const from = safeFrom(params.get('from'));
  const [tab, setTab] = useState('password');

  useEffect(() => {
    document.title = `${t('auth.title')} · ${t('app.name')}`;
  }, [t]);

  const finish = async (r: LoginResult) => {
    setCsrfToken(r.csrfToken);
    await qc.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
    toastSuccess(t('auth.loginOk'));
    void navigate(from, { replace: true });
  };

  if (me.isPending) return <PageFallback />;
  if (me.data) return <Navigate to={from} replace />;

  return (
    <div className="login-page">
      <div className="login-top">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={36} height={36} />
          <span>{t('app.fullName')}</span>
        </div>
        <LangSwitch />
      </div>
      <div className="login-center">
        <div className="login-intro">
          <Typography.Title level={2} style={{ marginBottom: 8 }}>
            {t('auth.welcome')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('app.slogan')}</Typography.Paragraph>
          <ul className="login-points">
            <li>
              <FileDoneOutlined /> {t('auth.point1')}
            </li>
            <li>
              <ClockCircleOutlined /> {t('auth.point2')}
            </li>
            <li>
              <EnvironmentOutlined /> {t('auth.point3')}
            </li>
          </ul>
        </div>
        <Card className="login-card">
          <Tabs
            activeKey={tab}
            onChange={setTab}
            centered
            items={[
              { key: 'password', label: t('auth.tabPassword'), children: <PasswordForm onDone={finish} /> },
              { key: 'sms', label: t('auth.tabSms'), children: <SmsForm onDone={finish} /> },
            ]}
          />
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Link to="/signup" data-testid="to-signup">
              {t('su.toSignup')}
            </Link>
          </div>
        </Card>
      </div>
      <div className="login-footer">{t('auth.footer')}</div>
    </div>
  );
}

function PasswordForm({ onDone }: { onDone: (r: LoginResult) => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const login = useMutation({
    mutationFn: (v: { username: string; password: string }) => api.post<LoginResult>('/auth/login', v),
    onSuccess: onDone,
    onError: (err) => applyFieldErrors(form, err),
    meta: { manualError: true },
  });
  return (
    <Form form={form} layout="vertical" size="large" onFinish={(v) => login.mutate(v)} requiredMark={false}>
      <ErrorAlert error={login.error} />
      <Form.Item name="username" label={t('auth.username')} rules={[zodRule(LoginSchema.shape.username)]}>
        <Input prefix={<UserOutlined />} placeholder={t('auth.usernamePh')} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} rules={[zodRule(LoginSchema.shape.password)]}>
        <Input.Password prefix={<LockOutlined />} placeholder={t('auth.passwordPh')} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
        {t('auth.submit')}
      </Button>
    </Form>
  );
}

function SmsForm({ onDone }: { onDone: (r: LoginResult) => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const [left, setLeft] = useCountdown();
  const [sentInfo, setSentInfo] = useState<string | null>(null);

  const sendCode = useMutation({
    mutationFn: (phone: string) =>
      api.post<{ ok: true; ttlSeconds: number; retryAfterSeconds: number }>('/auth/sms-code', { phone }),
    onSuccess: (r) => {
      setLeft(r.retryAfterSeconds || 60);
      setSentInfo(t('auth.codeSent', { m: Math.max(1, Math.round(r.ttlSeconds / 60)) }));
    },
    onError: (err) => {
      setSentInfo(null);
      applyFieldErrors(form, err);
      if (err instanceof ApiError && err.code === 'SMS_CODE_TOO_FREQUENT') {
        const s = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (s) setLeft(s);
      }
    },
    meta: { manualError: true },
  });
  const login = useMutation({
    mutationFn: (v: { phone: string; code: string }) => api.post<LoginResult>('/auth/sms-login', v),
    onSuccess: onDone,
    onError: (err) => applyFieldErrors(form, err),
    meta: { manualError: true },
  });
  const requestCode = async () => {
    try {
      const { phone } = await form.validateFields(['phone']);
      login.reset();
      sendCode.mutate(phone.trim());
    } catch {
      // the field shows why
    }
  };
  return (
    <Form form={form} layout="vertical" size="large" onFinish={(v) => login.mutate(v)} requiredMark={false}>
      <ErrorAlert error={login.error ?? sendCode.error} />
      {sentInfo && !login.error ? (
        <Alert type="success" showIcon title={sentInfo} style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item name="phone" label={t('auth.phone')} rules={[zodRule(SmsLoginSchema.shape.phone)]}>
        <Input
          prefix={<MobileOutlined />}
          placeholder={t('auth.phonePh')}
          inputMode="numeric"
          maxLength={11}
          autoComplete="tel"
        />
      </Form.Item>
      <Form.Item label={t('auth.code')} required>
        <div className="code-row">
          <Form.Item name="code" noStyle rules={[zodRule(SmsLoginSchema.shape.code)]}>
            <Input
              prefix={<SafetyOutlined />}
              placeholder={t('auth.codePh')}
              inputMode="numeric"
              maxLength={6}
              autoComplete="one-time-code"
            />
          </Form.Item>
          <Button
            onClick={requestCode}
            disabled={left > 0}
            loading={sendCode.isPending}
            data-testid="sms-send"
            className="code-btn"
          >
            {left > 0 ? t('auth.resendIn', { s: left }) : t('auth.sendCode')}
          </Button>
        </div>
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="sms-submit">
        {t('auth.submit')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
        {t('auth.smsHint')} {t('auth.demoHint')}
      </Typography.Paragraph>
    </Form>
  );
}
