import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, Radio, Select, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  SIGNING_MODE_LABELS,
  SIGNING_MODE_STRENGTH,
  SIGNING_MODES,
  type SigningDetail,
  type SigningPreview,
} from '@paidan/shared';
import { api, ApiError, type Page } from '../../api/client';
import { toastError, toastSuccess } from '../../api/feedback';
import { applyFieldErrors } from '../../api/form';
import { useI18n } from '../../i18n/i18n';
import { signingApi } from './signing.api';
import { signerApi } from './signer.api';
import { submitGuard } from '../../lib/submit-guard';

interface Values {
  kind: 'order' | 'agreement';
  ref: string;
  customerId?: number;
  signerName: string;
  signerPhone: string;
  mode?: string;
  expiresInHours: number;
  params?: Record<string, string>;
}

/** Send a document for signing: preview what will be signed and the mode the rules pick, then send the SMS. */
export function NewSigningDrawer({
  onClose,
  subject,
  onSent,
}: {
  onClose: () => void;
  /** a fixed document, e.g. from an order's page: it is previewed at once and cannot be changed here */
  subject?: { kind: 'order'; ref: string };
  /** instead of going to the new request's page */
  onSent?: (d: SigningDetail) => void;
}) {
  const { t, l } = useI18n();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const kind = Form.useWatch('kind', form) ?? subject?.kind ?? 'agreement';
  const [preview, setPreview] = useState<SigningPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [guard] = useState(submitGuard);
  const [search, setSearch] = useState('');
  const customers = useQuery({
    queryKey: ['signing', 'customers', search],
    queryFn: ({ signal }) =>
      api.get<Page<{ id: number; name: string }>>('/customers', { q: search || undefined, pageSize: 20 }, signal),
    enabled: kind === 'agreement',
  });
  // the agreements an enterprise representative signs on its own (委托书, 用途说明), current published versions
  const templates = useQuery({ queryKey: ['signing', 'templates'], queryFn: () => signerApi.templates() });

  const doPreview = async (given?: Partial<Values>) => {
    const v = { ...form.getFieldsValue(), ...given };
    setPreviewError(null);
    setPreview(null);
    if (!v.ref) return setPreviewError(t('sg.previewFirst'));
    try {
      const p = await signingApi.preview({ kind: v.kind, ref: v.ref, customerId: v.customerId });
      setPreview(p);
      if (!form.getFieldValue('signerName') && p.suggestedSignerName)
        form.setFieldValue('signerName', p.suggestedSignerName);
      if (!form.getFieldValue('signerPhone') && p.suggestedSignerPhone)
        form.setFieldValue('signerPhone', p.suggestedSignerPhone);
    } catch (e) {
      setPreviewError(e instanceof ApiError ? e.message : String(e));
    }
  };

  // a fixed document needs nothing more to be previewed
  useEffect(() => {
    if (subject) void doPreview(subject);
  }, [subject?.kind, subject?.ref]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Drawer open size={560} title={t('sg.new')} onClose={onClose} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: subject?.kind ?? 'agreement', ref: subject?.ref, expiresInHours: 72 }}
        onValuesChange={(ch) => {
          if ('kind' in ch || 'ref' in ch || 'customerId' in ch) setPreview(null);
        }}
        onFinish={async (v) => {
          if (!guard.begin()) return;
          setBusy(true);
          try {
            const d = await signingApi.create({
              kind: v.kind,
              ref: v.ref,
              customerId: v.customerId,
              signerName: v.signerName,
              signerPhone: v.signerPhone,
              mode: v.mode || undefined,
              expiresInHours: v.expiresInHours,
              params: v.params ?? {},
            });
            toastSuccess(t('sg.sent'));
            await qc.invalidateQueries({ queryKey: ['signing'] });
            if (onSent) onSent(d);
            else navigate(`/signing/${d.id}`);
          } catch (e) {
            if (!applyFieldErrors(form, e)) toastError(e);
          } finally {
            guard.end();
            setBusy(false);
          }
        }}
      >
        <Form.Item name="kind" label={t('sg.kind')}>
          <Radio.Group
            optionType="button"
            disabled={!!subject}
            options={[
              { value: 'agreement', label: l({ zh: '企业协议', en: 'Agreement' }) },
              { value: 'order', label: l({ zh: '订单', en: 'Order' }) },
            ]}
          />
        </Form.Item>
        {kind === 'order' ? (
          <Form.Item name="ref" label={t('sg.ref')} rules={[{ required: true, message: t('form.required') }]}>
            <Input placeholder="DD…" readOnly={!!subject} onBlur={subject ? undefined : () => void doPreview()} />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="customerId"
              label={t('sg.customer')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                showSearch
                filterOption={false}
                onSearch={setSearch}
                placeholder={t('sg.customerPh')}
                options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                data-testid="signing-customer"
              />
            </Form.Item>
            <Form.Item name="ref" label={t('sg.template')} rules={[{ required: true, message: t('form.required') }]}>
              <Select
                data-testid="signing-template"
                options={(templates.data ?? []).map((x) => ({ value: x.code, label: `${x.title}（v${x.version}）` }))}
                onChange={() => setTimeout(() => void doPreview(), 0)}
              />
            </Form.Item>
          </>
        )}
        <Button onClick={() => void doPreview()} style={{ marginBottom: 16 }} data-testid="signing-preview">
          {t('sg.preview')}
        </Button>
        {previewError ? <Alert type="warning" showIcon title={previewError} style={{ marginBottom: 16 }} /> : null}
        {preview ? (
          <>
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} title={preview.title}>
              {preview.lines.map((x) => (
                <Descriptions.Item key={x.label} label={x.label}>
                  {x.value}
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t('sg.modeRule')}>
                <Tag color="blue">{l(SIGNING_MODE_LABELS[preview.mode])}</Tag> {preview.ruleName ?? ''}
              </Descriptions.Item>
            </Descriptions>
            {preview.templateParams.length ? (
              <div className="signing-params">
                {preview.templateParams.map((p) => (
                  <Form.Item
                    key={p.key}
                    name={['params', p.key]}
                    label={p.label}
                    rules={p.required ? [{ required: true, message: t('form.required') }] : []}
                  >
                    <Input data-testid={`param-${p.key}`} />
                  </Form.Item>
                ))}
              </div>
            ) : null}
            <Space.Compact block>
              <Form.Item
                name="signerName"
                label={t('sg.signerName')}
                rules={[{ required: true, message: t('form.required') }]}
                style={{ flex: 1 }}
              >
                <Input data-testid="signer-name" />
              </Form.Item>
              <Form.Item
                name="signerPhone"
                label={t('sg.signerPhone')}
                rules={[{ required: true, message: t('form.required') }]}
                style={{ flex: 1 }}
              >
                <Input inputMode="numeric" maxLength={11} data-testid="signer-phone" />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="mode" label={t('sg.modeRaise')}>
              <Select
                allowClear
                options={SIGNING_MODES.filter(
                  (m) => SIGNING_MODE_STRENGTH[m] > SIGNING_MODE_STRENGTH[preview.mode],
                ).map((m) => ({
                  value: m,
                  label: l(SIGNING_MODE_LABELS[m]),
                }))}
              />
            </Form.Item>
            <Form.Item name="expiresInHours" label={t('sg.expires')}>
              <InputNumber min={1} max={720} style={{ width: 160 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block data-testid="signing-send">
              {t('sg.send')}
            </Button>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
