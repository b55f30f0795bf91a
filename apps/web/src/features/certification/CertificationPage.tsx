import { useRef, useState, type ReactNode } from 'react';
import type { ZodType } from 'zod';
import { Alert, Button, Card, Form, Input, Popconfirm, Result, Skeleton, Space, Spin, Typography } from 'antd';
import {
  BankOutlined,
  CameraOutlined,
  IdcardOutlined,
  MessageOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  CERT_METHOD_LABELS,
  ConfirmAmountSchema,
  ConfirmCodeSchema,
  StartBankTransferSchema,
  StartELicenceSchema,
  StartLegalRepSmsSchema,
  SubmitLicenceSchema,
  type CertMethod,
  type Certification,
  type EnterpriseBrief,
} from '@paidan/shared';
import { ApiError } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastSuccess } from '../../api/feedback';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import type { MsgKey } from '../../i18n/dict';
import {
  CERT_KEY,
  uploadLicence,
  useCancelAttempt,
  useCertificationCurrent,
  useConfirmAmount,
  useConfirmCode,
  useStartBankTransfer,
  useStartELicence,
  useStartLegalRepSms,
  useSubmitLicence,
} from './certification.api';
import { CertStatusTag } from './CertStatusTag';
import '../onboarding/onboarding.css';

const ICONS: Record<CertMethod, React.ReactNode> = {
  bank_transfer: <BankOutlined />,
  legal_rep_sms: <MessageOutlined />,
  licence_photo: <CameraOutlined />,
  e_licence: <IdcardOutlined />,
};
const METHODS: CertMethod[] = ['licence_photo', 'legal_rep_sms', 'bank_transfer', 'e_licence'];
const OPEN = ['draft', 'awaiting_deposit', 'awaiting_amount', 'awaiting_code', 'submitted'];

/** 企业认证 on the phone: choose one of four methods and follow it to the end. */
export function CertificationPage() {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const q = useCertificationCurrent();
  if (q.isLoading) return <Skeleton active style={{ padding: 16 }} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const cur = q.data!;
  const e = cur.enterprise;
  if (!e)
    return (
      <div className="ob-page">
        <Result
          status="info"
          title={t('cert.needEnterprise')}
          extra={
            <Button type="primary" onClick={() => void navigate('/onboarding')}>
              {t('cert.goOnboarding')}
            </Button>
          }
        />
      </div>
    );
  if (e.certificationStatus === 'certified')
    return (
      <div className="ob-page" data-testid="cert-page">
        <Result
          status="success"
          icon={<SafetyCertificateOutlined />}
          title={<span data-testid="cert-done">{t('cert.certified')}</span>}
          subTitle={
            <>
              <div>{e.name}</div>
              <div>
                {t('cert.certifiedBy', {
                  method: e.certificationMethod ? l(CERT_METHOD_LABELS[e.certificationMethod as CertMethod]) : '—',
                  at: e.certifiedAt ? fmtDateTime(e.certifiedAt) : '—',
                })}
              </div>
            </>
          }
          extra={
            <Button type="primary" onClick={() => void navigate('/workbench')}>
              {t('ob.goHome')}
            </Button>
          }
        />
      </div>
    );
  const a = cur.attempt;
  const open = a && OPEN.includes(a.status) ? a : null;
  return (
    <div className="ob-page" data-testid="cert-page">
      <Card title={e.name} extra={<CertStatusTag status={e.certificationStatus} />}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('cert.intro')}
        </Typography.Paragraph>
      </Card>
      {open ? <OpenAttempt a={open} /> : <StartAttempt e={e} last={a} eLicenceConfigured={cur.eLicenceConfigured} />}
    </div>
  );
}

function OpenAttempt({ a }: { a: Certification }) {
  const { t, l } = useI18n();
  const cancel = useCancelAttempt();
  const cancelBtn = (
    <Popconfirm title={t('cert.cancelConfirm')} onConfirm={() => cancel.mutate(a.id)}>
      <Button block loading={cancel.isPending} data-testid="cert-cancel">
        {t('cert.cancel')}
      </Button>
    </Popconfirm>
  );
  return (
    <Card title={l(CERT_METHOD_LABELS[a.method])}>
      {a.status === 'awaiting_deposit' ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('cert.awaitingDeposit')} />
          <div>
            {t('cert.bankName')}：{a.bankName} · {a.bankAccountMasked}
          </div>
          <div>
            {t('cert.reference')}：<b className="mono">{a.depositReference}</b>
          </div>
          {cancelBtn}
        </Space>
      ) : null}
      {/* a mistyped phone or account must not trap the applicant: these can be withdrawn and started again */}
      {a.status === 'awaiting_amount' || a.status === 'awaiting_code' ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {a.status === 'awaiting_amount' ? <AmountForm a={a} /> : <CodeForm a={a} />}
          {cancelBtn}
        </Space>
      ) : null}
      {a.status === 'draft' ? <LicenceConfirm a={a} /> : null}
      {a.status === 'submitted' ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon title={t('cert.submitted')} data-testid="cert-submitted" />
          {cancelBtn}
        </Space>
      ) : null}
    </Card>
  );
}

function errorText(e: unknown, t: (k: MsgKey, p?: Record<string, string | number>) => string): string | null {
  if (!(e instanceof ApiError)) return null;
  const left = (e.details as { triesLeft?: number } | undefined)?.triesLeft;
  return left !== undefined ? `${e.message}（${t('cert.triesLeft', { n: left })}）` : e.message;
}

function AmountForm({ a }: { a: Certification }) {
  const { t } = useI18n();
  const confirm = useConfirmAmount();
  return (
    <Form
      layout="vertical"
      requiredMark={false}
      onFinish={(v: { amount: string }) =>
        confirm.mutate({ id: a.id, amount: v.amount }, { onSuccess: () => toastSuccess(t('cert.done')) })
      }
    >
      <Alert
        type="info"
        showIcon
        title={t('cert.awaitingAmount', { tail: (a.bankAccountMasked ?? '').slice(-4) })}
        style={{ marginBottom: 12 }}
      />
      {confirm.error ? (
        <Alert type="error" showIcon title={errorText(confirm.error, t)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form.Item
        name="amount"
        label={t('cert.amount')}
        rules={[zodRule(ConfirmAmountSchema.shape.amount)]}
        extra={a.triesLeft !== null ? t('cert.triesLeft', { n: a.triesLeft }) : null}
      >
        <Input inputMode="decimal" placeholder={t('cert.amountPh')} data-testid="cert-amount" />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={confirm.isPending}
        data-testid="cert-amount-submit"
      >
        {t('cert.confirm')}
      </Button>
    </Form>
  );
}

function CodeForm({ a }: { a: Certification }) {
  const { t } = useI18n();
  const confirm = useConfirmCode();
  return (
    <Form
      layout="vertical"
      requiredMark={false}
      onFinish={(v: { code: string }) =>
        confirm.mutate({ id: a.id, code: v.code }, { onSuccess: () => toastSuccess(t('cert.done')) })
      }
    >
      <Alert
        type="info"
        showIcon
        title={t('cert.awaitingCode', { phone: a.legalRepPhoneMasked ?? '' })}
        style={{ marginBottom: 12 }}
      />
      {confirm.error ? (
        <Alert type="error" showIcon title={errorText(confirm.error, t)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form.Item name="code" label={t('cert.code')} rules={[zodRule(ConfirmCodeSchema.shape.code)]}>
        <Input inputMode="numeric" maxLength={6} data-testid="cert-code" />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={confirm.isPending}
        data-testid="cert-code-submit"
      >
        {t('cert.confirm')}
      </Button>
    </Form>
  );
}

function LicenceConfirm({ a }: { a: Certification }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const submit = useSubmitLicence();
  const cancel = useCancelAttempt();
  const s = SubmitLicenceSchema.shape;
  return (
    <>
      <img
        className="ob-licence-preview"
        src={`/api/certification/attempts/${a.id}/licence-image`}
        alt={t('cert.photo')}
      />
      <Alert
        type={a.ocr?.creditCodeChecked ? 'success' : 'warning'}
        showIcon
        title={a.ocr?.creditCodeChecked ? t('cert.ocrDone', { c: a.ocr.confidence }) : t('cert.ocrCodeUnchecked')}
        style={{ margin: '12px 0' }}
        data-testid="ocr-result"
      />
      {submit.error ? <Alert type="error" showIcon title={submit.error.message} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          companyName: a.companyName,
          creditCode: a.creditCode,
          legalRepName: a.legalRepName ?? '',
          address: a.address ?? '',
        }}
        onFinish={(v: { companyName: string; creditCode: string; legalRepName: string; address?: string }) =>
          submit.mutate(
            { id: a.id, ...v, address: v.address || undefined, version: a.version },
            { onError: (e) => applyFieldErrors(form, e) },
          )
        }
      >
        <Form.Item name="companyName" label={t('ob.entName')} rules={[zodRule(s.companyName)]}>
          <Input data-testid="lic-name" />
        </Form.Item>
        <Form.Item name="creditCode" label={t('ob.creditCode')} rules={[zodRule(s.creditCode)]}>
          <Input className="mono" maxLength={18} data-testid="lic-code" />
        </Form.Item>
        <Form.Item name="legalRepName" label={t('cert.legalRep')} rules={[zodRule(s.legalRepName)]}>
          <Input data-testid="lic-rep" />
        </Form.Item>
        <Form.Item name="address" label={t('ob.address')}>
          <Input />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={submit.isPending}
            data-testid="lic-submit"
          >
            {t('cert.submitReview')}
          </Button>
          <Button block onClick={() => cancel.mutate(a.id)} loading={cancel.isPending}>
            {t('cert.cancel')}
          </Button>
        </Space>
      </Form>
    </>
  );
}

function StartAttempt({
  e,
  last,
  eLicenceConfigured,
}: {
  e: EnterpriseBrief;
  last: Certification | null;
  eLicenceConfigured: boolean;
}) {
  const { t } = useI18n();
  const [method, setMethod] = useState<CertMethod | null>(null);
  return (
    <>
      {last?.status === 'rejected' ? (
        <Alert
          type="error"
          showIcon
          title={t('cert.rejected', { reason: last.rejectReason ?? '' })}
          style={{ marginBottom: 12 }}
          data-testid="cert-rejected"
        />
      ) : last?.status === 'failed' ? (
        <Alert type="error" showIcon title={t('cert.failed')} style={{ marginBottom: 12 }} />
      ) : null}
      <Card title={t('cert.chooseMethod')}>
        <div className="ob-methods">
          {METHODS.map((m) => {
            const disabled = m === 'e_licence' && !eLicenceConfigured;
            return (
              <button
                type="button"
                key={m}
                className={`ob-method${method === m ? ' active' : ''}${disabled ? ' disabled' : ''}`}
                onClick={() => setMethod(m)}
                data-testid={`method-${m}`}
              >
                <div className="ob-method-title">
                  {ICONS[m]} {t(`cert.m.${m}`)}
                </div>
                <div className="ob-method-desc">{disabled ? t('cert.notConfigured') : t(`cert.d.${m}`)}</div>
              </button>
            );
          })}
        </div>
      </Card>
      {method ? (
        <Card title={t(`cert.m.${method}`)}>
          {method === 'licence_photo' ? <LicenceUpload /> : null}
          {method === 'bank_transfer' ? <BankForm e={e} /> : null}
          {method === 'legal_rep_sms' ? <LegalRepForm e={e} /> : null}
          {method === 'e_licence' ? (
            eLicenceConfigured ? (
              <ELicenceForm e={e} />
            ) : (
              <Alert type="warning" showIcon title={t('cert.notConfigured')} />
            )
          ) : null}
        </Card>
      ) : null}
    </>
  );
}

function LicenceUpload() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onFile = async (f: File | undefined) => {
    if (!f) return;
    setBusy(true);
    setError(null);
    try {
      await uploadLicence(f);
      await qc.invalidateQueries({ queryKey: CERT_KEY });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Spin spinning={busy} tip={t('cert.reading')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('cert.photoHint')}</Typography.Text>
        {error ? <Alert type="error" showIcon title={error} data-testid="upload-error" /> : null}
        <input
          ref={input}
          type="file"
          accept="image/*"
          capture="environment"
          style={{ display: 'none' }}
          onChange={(ev) => void onFile(ev.target.files?.[0])}
          data-testid="licence-file"
        />
        <Button
          type="primary"
          icon={<CameraOutlined />}
          block
          size="large"
          onClick={() => input.current?.click()}
          loading={busy}
        >
          {t('cert.photoPick')}
        </Button>
      </Space>
    </Spin>
  );
}

/** The start of a certification method: the enterprise's name and credit code, the method's own fields, submit. */
function StartForm<V>({
  e,
  start,
  shape,
  submit,
  submitTestId,
  children,
}: {
  e: EnterpriseBrief;
  start: {
    mutate: (v: V, o: { onError: (err: Error) => void }) => void;
    isPending: boolean;
    error: Error | null;
  };
  shape: { companyName: ZodType; creditCode: ZodType };
  submit: string;
  submitTestId?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ companyName: e.name, creditCode: e.creditCode }}
      onFinish={(v: V) => start.mutate(v, { onError: (err) => applyFieldErrors(form, err) })}
    >
      {start.error ? <Alert type="error" showIcon title={start.error.message} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="companyName" label={t('ob.entName')} rules={[zodRule(shape.companyName)]}>
        <Input />
      </Form.Item>
      <Form.Item name="creditCode" label={t('ob.creditCode')} rules={[zodRule(shape.creditCode)]}>
        <Input className="mono" maxLength={18} />
      </Form.Item>
      {children}
      <Button type="primary" htmlType="submit" block size="large" loading={start.isPending} data-testid={submitTestId}>
        {submit}
      </Button>
    </Form>
  );
}

function BankForm({ e }: { e: EnterpriseBrief }) {
  const { t } = useI18n();
  const s = StartBankTransferSchema.shape;
  return (
    <StartForm e={e} start={useStartBankTransfer()} shape={s} submit={t('cert.start')} submitTestId="bank-submit">
      <Form.Item name="bankName" label={t('cert.bankName')} rules={[zodRule(s.bankName)]}>
        <Input data-testid="bank-name" />
      </Form.Item>
      <Form.Item name="bankAccount" label={t('cert.bankAccount')} rules={[zodRule(s.bankAccount)]}>
        <Input inputMode="numeric" data-testid="bank-account" />
      </Form.Item>
    </StartForm>
  );
}

function LegalRepForm({ e }: { e: EnterpriseBrief }) {
  const { t } = useI18n();
  const s = StartLegalRepSmsSchema.shape;
  return (
    <StartForm e={e} start={useStartLegalRepSms()} shape={s} submit={t('cert.sendCode')} submitTestId="rep-submit">
      <Form.Item name="legalRepName" label={t('cert.legalRep')} rules={[zodRule(s.legalRepName)]}>
        <Input data-testid="rep-name" />
      </Form.Item>
      <Form.Item name="legalRepIdNumber" label={t('cert.legalRepId')} rules={[zodRule(s.legalRepIdNumber)]}>
        <Input className="mono" maxLength={18} data-testid="rep-id" />
      </Form.Item>
      <Form.Item name="legalRepPhone" label={t('cert.legalRepPhone')} rules={[zodRule(s.legalRepPhone)]}>
        <Input inputMode="numeric" maxLength={11} data-testid="rep-phone" />
      </Form.Item>
    </StartForm>
  );
}

function ELicenceForm({ e }: { e: EnterpriseBrief }) {
  const { t } = useI18n();
  const s = StartELicenceSchema.shape;
  return (
    <StartForm e={e} start={useStartELicence()} shape={s} submit={t('cert.start')} submitTestId="el-submit">
      <Form.Item name="legalRepName" label={t('cert.legalRep')} rules={[zodRule(s.legalRepName)]}>
        <Input data-testid="el-rep" />
      </Form.Item>
      <Form.Item name="authCode" label={t('cert.authCode')} rules={[zodRule(s.authCode)]}>
        <Input data-testid="el-auth" />
      </Form.Item>
    </StartForm>
  );
}
