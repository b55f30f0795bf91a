import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import {
  Button,
  Card,
  ConfigProvider as MobileConfigProvider,
  Dialog,
  DotLoading,
  Input,
  List,
  NavBar,
  NoticeBar,
  Result,
  Tag,
  Toast,
} from 'antd-mobile';
import mobileZh from 'antd-mobile/es/locales/zh-CN';
import mobileEn from 'antd-mobile/es/locales/en-US';
import { SIGNING_MODE_LABELS, SIGNING_STATUS_LABELS, type SignerLink, type SignerView } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { LangSwitch } from '../../layout/LangSwitch';
import { fmtDateTime } from '../../lib/format';
import { SignaturePadBox, type SignaturePadHandle } from './SignaturePadBox';
import { signerApi, storeAccess, storedAccess } from './signer.api';
// Toast and Dialog render through React 19 only with this in place
import '../../mobile/render';
import './signing.css';

const errText = (e: unknown) => {
  if (!(e instanceof ApiError)) return String(e);
  const reasons = (e.details as { reasons?: string[] } | undefined)?.reasons;
  const left = (e.details as { attemptsLeft?: number } | undefined)?.attemptsLeft;
  return [e.message, ...(reasons ?? []), ...(left !== undefined ? [`(${left})`] : [])].join(' ');
};

/** The customer's signing page on a phone: code, content, then the mode's way of signing. */
export function SignPage() {
  const { token = '' } = useParams();
  const { t, l, lang } = useI18n();
  const [link, setLink] = useState<SignerLink | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [access, setAccess] = useState<string | null>(() => storedAccess(token));
  const [view, setView] = useState<SignerView | null>(null);

  useEffect(() => {
    document.title = `${t('sgn.title')} · ${t('app.name')}`;
    signerApi
      .link(token)
      .then(setLink)
      .catch((e) => setLinkError(errText(e)));
  }, [token, t]);

  const load = useCallback(
    async (a: string) => {
      try {
        setView(await signerApi.view(a));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          storeAccess(token, null);
          setAccess(null);
        } else Toast.show({ content: errText(e) });
      }
    },
    [token],
  );
  useEffect(() => {
    if (access) void load(access);
  }, [access, load]);

  return (
    <MobileConfigProvider locale={lang === 'en' ? mobileEn : mobileZh}>
      <div className="sign-page">
        <NavBar backIcon={false} right={<LangSwitch />}>
          {t('sgn.title')}
        </NavBar>
        <div className="sign-body">
          {linkError ? (
            <Result status="error" title={linkError} />
          ) : !link ? (
            <div className="sign-loading">
              {t('sgn.loading')} <DotLoading />
            </div>
          ) : (
            <>
              <Card className="sign-card">
                <div className="sign-title">{link.title}</div>
                <div className="sign-meta">{link.customerName}</div>
                <div className="sign-meta">
                  {t('sgn.for', { name: link.signerNameMasked, phone: link.phoneMasked })}
                </div>
                <div className="sign-tags">
                  <Tag color="primary" fill="outline">
                    {l(SIGNING_MODE_LABELS[link.mode])}
                  </Tag>
                  <Tag
                    color={link.status === 'signed' ? 'success' : 'default'}
                    fill="outline"
                    data-testid="sign-status"
                  >
                    {l(SIGNING_STATUS_LABELS[(view?.status ?? link.status) as keyof typeof SIGNING_STATUS_LABELS])}
                  </Tag>
                  <span className="sign-meta">
                    {t('sg.expiresAt')} {fmtDateTime(link.expiresAt)}
                  </span>
                </div>
              </Card>
              {!access || !view ? (
                <CodeStep
                  token={token}
                  link={link}
                  onAccess={(a) => {
                    storeAccess(token, a);
                    setAccess(a);
                  }}
                />
              ) : (
                <Signing view={view} access={access} onView={setView} reload={() => load(access)} />
              )}
              <Templates />
            </>
          )}
        </div>
      </div>
    </MobileConfigProvider>
  );
}

function CodeStep({ token, link, onAccess }: { token: string; link: SignerLink; onAccess: (a: string) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);
  const closed = ['expired', 'cancelled', 'declined', 'rejected'].includes(link.status);
  if (closed) return <Result status="info" title={t(`sgn.closed.${link.status}` as 'sgn.closed.expired')} />;
  return (
    <Card className="sign-card" title={t('sgn.codeHint')}>
      <div className="sign-code-row">
        <Input
          placeholder={t('sgn.codePh')}
          value={code}
          onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
          inputMode="numeric"
          data-testid="sign-code"
          clearable
        />
        <Button
          size="small"
          color="primary"
          fill="outline"
          disabled={wait > 0}
          data-testid="sign-get-code"
          onClick={async () => {
            try {
              const r = await signerApi.requestCode(token);
              setWait(r.retryAfterSeconds);
              setSent(true);
            } catch (e) {
              Toast.show({ content: errText(e) });
            }
          }}
        >
          {wait > 0 ? t('sgn.resendIn', { s: wait }) : t('sgn.getCode')}
        </Button>
      </div>
      {sent ? <div className="sign-meta">{t('sgn.codeSent', { phone: link.phoneMasked })}</div> : null}
      <Button
        block
        color="primary"
        size="large"
        className="sign-main-btn"
        disabled={code.length !== 6}
        loading={busy}
        data-testid="sign-verify"
        onClick={async () => {
          setBusy(true);
          try {
            onAccess((await signerApi.verify(token, code)).accessToken);
          } catch (e) {
            Toast.show({ content: errText(e) });
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('sgn.verify')}
      </Button>
    </Card>
  );
}

function Signing({
  view,
  access,
  onView,
  reload,
}: {
  view: SignerView;
  access: string;
  onView: (v: SignerView) => void;
  reload: () => void;
}) {
  const { t } = useI18n();
  const pad = useRef<SignaturePadHandle>(null);
  const [empty, setEmpty] = useState(true);
  const [busy, setBusy] = useState(false);
  const onPadChange = useCallback((e: boolean) => setEmpty(e), []);
  const submit = async (requestReview = false) => {
    if (!pad.current || pad.current.isEmpty()) {
      Toast.show({ content: t('sgn.signHere') });
      return;
    }
    setBusy(true);
    try {
      onView(await signerApi.sign(access, pad.current.toPng(), requestReview));
    } catch (e) {
      Toast.show({ content: errText(e), duration: 4000 });
      if (e instanceof ApiError && e.code === 'SIGNING_MATERIALS_MISMATCH') reload();
    } finally {
      setBusy(false);
    }
  };

  const details = (
    <Card className="sign-card" title={t('sgn.order')}>
      <List>
        {view.lines.map((ln) => (
          <List.Item key={ln.label} extra={<span className="sign-value">{ln.value}</span>}>
            {ln.label}
          </List.Item>
        ))}
      </List>
      {view.agreementBody ? (
        <details className="sign-agreement">
          <summary>
            {t('sgn.agreement')}：{view.agreementTitle}
          </summary>
          <pre>{view.agreementBody}</pre>
        </details>
      ) : null}
      <div className="sign-meta mono">
        {t('sgn.hash')} {view.documentSha256.slice(0, 16)}…
      </div>
      <a className="sign-link" href={signerApi.documentUrl(access)} target="_blank" rel="noreferrer">
        {view.status === 'signed' ? t('sgn.downloadSigned') : t('sgn.download')}
      </a>
    </Card>
  );

  if (view.status === 'signed')
    return (
      <>
        <Result
          status="success"
          title={t('sgn.signedOk')}
          description={t('sgn.signedAt', { at: fmtDateTime(view.signedAt) })}
        />
        {details}
      </>
    );
  if (view.status === 'review')
    return (
      <>
        <Result status="waiting" title={t('sgn.review')} description={t('sgn.reviewHint')} />
        {details}
      </>
    );
  if (['expired', 'cancelled', 'declined', 'rejected'].includes(view.status))
    return <Result status="info" title={t(`sgn.closed.${view.status}` as 'sgn.closed.expired')} />;

  return (
    <>
      {details}
      {view.mode === 'sms_reply' ? (
        <Card className="sign-card">
          <NoticeBar content={t('sgn.replyKt')} color="info" wrap />
          <Button block className="sign-main-btn" onClick={reload} data-testid="sign-refresh">
            {t('sgn.refresh')}
          </Button>
        </Card>
      ) : (
        <>
          {view.mode === 'online' ? <Materials view={view} access={access} onView={onView} /> : null}
          <Card
            className="sign-card"
            title={t('sgn.signHere')}
            extra={
              <Button size="mini" fill="none" onClick={() => pad.current?.clear()}>
                {t('sgn.clear')}
              </Button>
            }
          >
            <SignaturePadBox ref={pad} onChange={onPadChange} />
            <Button
              block
              color="primary"
              size="large"
              className="sign-main-btn"
              loading={busy}
              disabled={empty}
              data-testid="sign-submit"
              onClick={() => void submit(false)}
            >
              {t('sgn.submit')}
            </Button>
            {view.mode === 'online' && view.ocr && view.ocr.mismatches.length > 0 ? (
              <Button block fill="outline" className="sign-main-btn" disabled={empty} onClick={() => void submit(true)}>
                {t('sgn.askReview')}
              </Button>
            ) : null}
            <Button
              block
              fill="none"
              color="danger"
              className="sign-main-btn"
              onClick={async () => {
                const ok = await Dialog.confirm({ content: t('sgn.declineConfirm') });
                if (!ok) return;
                try {
                  onView(await signerApi.decline(access, ''));
                } catch (e) {
                  Toast.show({ content: errText(e) });
                }
              }}
            >
              {t('sgn.decline')}
            </Button>
          </Card>
        </>
      )}
    </>
  );
}

const MATERIALS = [
  { kind: 'licence', key: 'licence', label: 'sgn.licence' },
  { kind: 'id_front', key: 'idFront', label: 'sgn.idFront' },
  { kind: 'id_back', key: 'idBack', label: 'sgn.idBack' },
] as const;

function Materials({ view, access, onView }: { view: SignerView; access: string; onView: (v: SignerView) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const ocr = view.ocr;
  return (
    <Card className="sign-card" title={t('sgn.materials')}>
      {MATERIALS.map((m) => (
        <label key={m.kind} className="sign-upload" data-testid={`upload-${m.kind}`}>
          <span>{t(m.label)}</span>
          <span className="sign-meta">
            {busy === m.kind ? t('sgn.reading') : view.materials[m.key] ? `✓ ${t('sgn.uploaded')}` : t('sgn.upload')}
          </span>
          <input
            type="file"
            accept="image/*"
            capture="environment"
            style={{ display: 'none' }}
            onChange={async (e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (!f) return;
              setBusy(m.kind);
              try {
                onView(await signerApi.upload(access, m.kind, f));
              } catch (err) {
                Toast.show({ content: errText(err) });
              } finally {
                setBusy(null);
              }
            }}
          />
        </label>
      ))}
      {ocr && view.materials.licence && view.materials.idFront ? (
        ocr.mismatches.length ? (
          <NoticeBar color="alert" wrap content={`${t('sgn.ocrBad')} ${ocr.mismatches.join('；')}`} />
        ) : (
          <NoticeBar color="success" wrap content={t('sgn.ocrOk')} />
        )
      ) : null}
    </Card>
  );
}

function Templates() {
  const { t } = useI18n();
  const [list, setList] = useState<{ code: string; title: string; version: number }[]>([]);
  useEffect(() => {
    signerApi.templates().then(setList, () => setList([]));
  }, []);
  if (!list.length) return null;
  return (
    <Card className="sign-card" title={t('sgn.templates')}>
      {list.map((x) => (
        <a key={x.code} className="sign-link" href={`/api/sign/templates/${x.code}.pdf`}>
          {x.title}（v{x.version}）
        </a>
      ))}
    </Card>
  );
}
