import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate } from 'react-router';
import { SignupSchema } from '@paidan/shared';
import { api, ApiError, setCsrfToken } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastSuccess } from '../../api/feedback';
import { fetchMe, ME_KEY, useMeQuery } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { LangSwitch } from '../../layout/LangSwitch';
import { PageFallback } from '../../components/PageFallback';
import './onboarding.css';

interface SignupValues {
  phone: string;
  code: string;
  name: string;
}

/** Phone-first sign-up: mobile number, SMS code, name; signed in at once and sent on to set up the enterprise. */
export function SignupPage() {
  const { t } = useI18n();
  const me = useMeQuery();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<SignupValues>();
  const [left, setLeft] = useState(0);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    document.title = `${t('su.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    if (left <= 0) return;
    const id = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(id);
  }, [left]);

  const sendCode = useMutation({
    mutationFn: (phone: string) => api.post<{ ok: true; retryAfterSeconds: number }>('/onboarding/sms-code', { phone }),
    onSuccess: (r) => {
      setSent(true);
      setLeft(r.retryAfterSeconds || 60);
    },
    onError: (err) => {
      applyFieldErrors(form, err);
      if (err instanceof ApiError && err.code === 'SMS_CODE_TOO_FREQUENT') setLeft(60);
    },
    meta: { manualError: true },
  });
  const signup = useMutation({
    mutationFn: (v: SignupValues) =>
      api.post<{ csrfToken: string }>('/onboarding/signup', {
        phone: v.phone.trim(),
        code: v.code.trim(),
        name: v.name,
      }),
    onSuccess: async (r) => {
      setCsrfToken(r.csrfToken);
      await qc.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
      toastSuccess(t('su.done'));
      void navigate('/onboarding', { replace: true });
    },
    onError: (err) => applyFieldErrors(form, err),
    meta: { manualError: true },
  });

  if (me.isPending) return <PageFallback />;
  if (me.data && !signup.isPending && !signup.isSuccess) return <Navigate to="/onboarding" replace />;

  const requestCode = async () => {
    try {
      const { phone } = await form.validateFields(['phone']);
      sendCode.mutate(phone.trim());
    } catch {
      // the field says why
    }
  };
  const error = signup.error ?? sendCode.error;

  return (
    <div className="login-page">
      <div className="login-top">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={36} height={36} />
          <span>{t('app.fullName')}</span>
        </div>
        <LangSwitch />
      </div>
      <div className="ob-center">
        <Card className="ob-card">
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('su.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('su.subtitle')}</Typography.Paragraph>
          {error ? (
            <Alert
              type="error"
              showIcon
              title={(error as Error).message}
              style={{ marginBottom: 16 }}
              data-testid="signup-error"
            />
          ) : sent ? (
            <Alert type="success" showIcon title={t('su.codeSent')} style={{ marginBottom: 16 }} />
          ) : null}
          <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={(v) => signup.mutate(v)}>
            <Form.Item name="phone" label={t('su.phone')} rules={[zodRule(SignupSchema.shape.phone)]}>
              <Input
                prefix={<MobileOutlined />}
                placeholder={t('su.phonePh')}
                inputMode="numeric"
                maxLength={11}
                autoComplete="tel"
                data-testid="signup-phone"
              />
            </Form.Item>
            <Form.Item label={t('su.code')} required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="code" noStyle rules={[zodRule(SignupSchema.shape.code)]}>
                  <Input
                    prefix={<SafetyOutlined />}
                    placeholder={t('su.codePh')}
                    inputMode="numeric"
                    maxLength={6}
                    autoComplete="one-time-code"
                    data-testid="signup-code"
                  />
                </Form.Item>
                <Button
                  onClick={() => void requestCode()}
                  disabled={left > 0}
                  loading={sendCode.isPending}
                  data-testid="signup-send-code"
                >
                  {left > 0 ? t('su.resend', { s: left }) : t('su.getCode')}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="name" label={t('su.name')} rules={[zodRule(SignupSchema.shape.name)]}>
              <Input prefix={<UserOutlined />} placeholder={t('su.namePh')} maxLength={30} data-testid="signup-name" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={signup.isPending} data-testid="signup-submit">
              {t('su.submit')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, textAlign: 'center' }}>
              {t('su.agree')}
            </Typography.Paragraph>
            <div style={{ textAlign: 'center' }}>
              <Link to="/login">{t('su.haveAccount')}</Link>
            </div>
          </Form>
        </Card>
      </div>
    </div>
  );
}
