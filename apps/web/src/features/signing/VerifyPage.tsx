import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { VerifyResult } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { LangSwitch } from '../../layout/LangSwitch';
import { fmtDateTime } from '../../lib/format';
import { signerApi } from './signer.api';
import './signing.css';

/** Public: anyone can check a signed PDF (sealed by us? unchanged? who signed, when). */
export function VerifyPage() {
  const { t } = useI18n();
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = `${t('vf.title')} · ${t('app.name')}`;
  }, [t]);
  const ok = result?.verdict === 'valid';
  return (
    <div className="verify-page">
      <div className="verify-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('vf.title')}
        </Typography.Title>
        <LangSwitch />
      </div>
      <Typography.Paragraph type="secondary">{t('vf.hint')}</Typography.Paragraph>
      <Card>
        <Upload.Dragger
          accept="application/pdf,.pdf"
          showUploadList={false}
          disabled={busy}
          customRequest={async ({ file }) => {
            setBusy(true);
            setError(null);
            setResult(null);
            try {
              setResult(await signerApi.verifyPdf(file as File));
            } catch (e) {
              setError(e instanceof ApiError ? e.message : String(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{busy ? t('vf.checking') : t('vf.pick')}</p>
        </Upload.Dragger>
      </Card>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} /> : null}
      {result ? (
        <Card style={{ marginTop: 16 }} data-testid="verify-result">
          <Alert
            type={ok ? 'success' : result.verdict === 'foreign_seal' ? 'warning' : 'error'}
            showIcon
            title={t(`vf.${result.verdict}`)}
            description={result.detail}
            style={{ marginBottom: 16 }}
          />
          <Descriptions column={1} size="small" bordered>
            {result.signer ? (
              <Descriptions.Item label={t('vf.signer')}>
                {result.signer}（{result.signerPhoneMasked}）
              </Descriptions.Item>
            ) : null}
            {result.number ? <Descriptions.Item label={t('vf.number')}>{result.number}</Descriptions.Item> : null}
            {result.signedAt ? (
              <Descriptions.Item label={t('vf.signedAt')}>{fmtDateTime(result.signedAt)}</Descriptions.Item>
            ) : null}
            {result.sealedAt ? (
              <Descriptions.Item label={t('vf.sealedAt')}>{fmtDateTime(result.sealedAt)}</Descriptions.Item>
            ) : null}
            {result.certificateSubject ? (
              <Descriptions.Item label={t('vf.cert')}>{result.certificateSubject}</Descriptions.Item>
            ) : null}
            {result.documentSha256 ? (
              <Descriptions.Item label={t('vf.docHash')}>
                <span className="mono">{result.documentSha256}</span>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('vf.fileHash')}>
              <span className="mono">{result.fileSha256}</span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}
    </div>
  );
}
