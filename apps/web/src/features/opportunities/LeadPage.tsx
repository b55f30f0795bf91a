import { useEffect, useState } from 'react';
import {
  Button,
  ConfigProvider as MobileConfigProvider,
  Form,
  Input,
  Picker,
  Result,
  TextArea,
  Toast,
} from 'antd-mobile';
import mobileZh from 'antd-mobile/es/locales/zh-CN';
import mobileEn from 'antd-mobile/es/locales/en-US';
import { useQuery } from '@tanstack/react-query';
import { CN_MOBILE_RE, OPPORTUNITY_PRODUCTS, type IntakeResult } from '@paidan/shared';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { LangSwitch } from '../../layout/LangSwitch';
import '../../mobile/render';
import './opportunities.css';

interface Values {
  customerName: string;
  contactName: string;
  phone: string;
  code: string;
  productCode?: string;
  need?: string;
}

/** The chosen product's name in its form item (the item opens the picker). */
function ProductValue({ value, placeholder }: { value?: string; placeholder: string }) {
  const name = OPPORTUNITY_PRODUCTS.find((p) => p.code === value)?.name;
  return <span data-testid="lead-product">{name ?? <span className="lead-placeholder">{placeholder}</span>}</span>;
}

/** The public 留资 page (翼企购 product page): no sign-in, phone verified by an SMS code, phone width. */
export function LeadPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [initialProduct] = useState(() => {
    const code = new URLSearchParams(window.location.search).get('product')?.toUpperCase();
    return OPPORTUNITY_PRODUCTS.some((p) => p.code === code) ? code : undefined;
  });
  const productCode = Form.useWatch('productCode', form);
  const [district, setDistrict] = useState<string | null>(null);
  const [pick, setPick] = useState<'product' | 'district' | null>(null);
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<IntakeResult | null>(null);
  const districts = useQuery({
    queryKey: ['public', 'districts'],
    queryFn: ({ signal }) => api.get<{ code: string; name: string }[]>('/public/leads/districts', undefined, signal),
  });
  useEffect(() => {
    document.title = `${t('lead.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);

  const fail = (e: unknown) => Toast.show({ icon: 'fail', content: e instanceof ApiError ? e.message : String(e) });

  const sendCode = async () => {
    const phone = String(form.getFieldValue('phone') ?? '').trim();
    if (!CN_MOBILE_RE.test(phone)) {
      form.setFields([{ name: 'phone', errors: [t('lead.phoneBad')] }]);
      return;
    }
    try {
      const r = await api.post<{ retryAfterSeconds: number }>('/public/leads/code', { phone });
      setWait(r.retryAfterSeconds);
      Toast.show({ icon: 'success', content: t('lead.codeSent') });
    } catch (e) {
      // too soon after the last code: count down from what the server says instead of leaving the button live
      const retry = e instanceof ApiError ? (e.details as { retryAfterSeconds?: unknown } | undefined) : undefined;
      if (typeof retry?.retryAfterSeconds === 'number') setWait(retry.retryAfterSeconds);
      fail(e);
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const r = await api.post<IntakeResult>('/public/leads', {
        phone: v.phone.trim(),
        code: v.code.trim(),
        customerName: v.customerName.trim(),
        contactName: v.contactName.trim(),
        productCode: v.productCode,
        need: v.need?.trim() ?? '',
        ...(district ? { districtCode: district } : {}),
      });
      setDone(r);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const districtName = districts.data?.find((d) => d.code === district)?.name;

  return (
    <MobileConfigProvider locale={lang === 'en' ? mobileEn : mobileZh}>
      <div className="lead-page" data-testid="lead-page">
        <div className="lead-hero">
          <div style={{ float: 'right' }}>
            <LangSwitch />
          </div>
          <h1>{t('lead.title')}</h1>
          <p>{t('lead.subtitle')}</p>
        </div>
        {done ? (
          <>
            <Result
              status="success"
              title={t('lead.thanks')}
              description={t('lead.thanksSub', { number: done.number })}
            />
            <div className="lead-again">
              <Button
                block
                onClick={() => {
                  // the same person, another need: the code was used up
                  form.setFieldsValue({ code: '', need: '' });
                  setDone(null);
                }}
                data-testid="lead-again"
              >
                {t('lead.again')}
              </Button>
            </div>
          </>
        ) : (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ productCode: initialProduct }}
            onFinish={(v) => void submit(v)}
            footer={
              <Button block type="submit" color="primary" size="large" loading={busy} data-testid="lead-submit">
                {t('lead.submit')}
              </Button>
            }
          >
            <Form.Item
              name="customerName"
              label={t('lead.company')}
              rules={[{ required: true, min: 2, message: t('lead.required') }]}
            >
              <Input placeholder={t('lead.companyPh')} maxLength={100} data-testid="lead-company" />
            </Form.Item>
            <Form.Item
              name="productCode"
              label={t('lead.product')}
              rules={[{ required: true, message: t('lead.productRequired') }]}
              onClick={() => setPick('product')}
              arrow
            >
              <ProductValue placeholder={t('lead.productPh')} />
            </Form.Item>
            <Form.Item
              name="contactName"
              label={t('lead.name')}
              rules={[{ required: true, message: t('lead.required') }]}
            >
              <Input maxLength={40} data-testid="lead-name" />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('lead.phone')}
              rules={[{ required: true, pattern: CN_MOBILE_RE, message: t('lead.phoneBad') }]}
            >
              <Input type="tel" maxLength={11} data-testid="lead-phone" />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('lead.code')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('lead.codeBad') }]}
              extra={
                <Button
                  size="small"
                  color="primary"
                  fill="outline"
                  disabled={wait > 0}
                  onClick={() => void sendCode()}
                  data-testid="lead-get-code"
                >
                  {wait > 0 ? t('lead.resend', { s: wait }) : t('lead.getCode')}
                </Button>
              }
            >
              <Input type="tel" maxLength={6} data-testid="lead-code" />
            </Form.Item>
            <Form.Item label={t('lead.district')} onClick={() => setPick('district')} arrow>
              <span>{districtName ?? '—'}</span>
            </Form.Item>
            <Form.Item name="need" label={t('lead.need')}>
              <TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </Form>
        )}
        <div className="lead-privacy">{t('lead.privacy')}</div>
        <Picker
          visible={pick === 'product'}
          onClose={() => setPick(null)}
          columns={[OPPORTUNITY_PRODUCTS.map((p) => ({ label: p.name, value: p.code }))]}
          value={productCode ? [productCode] : []}
          onConfirm={(v) => {
            form.setFieldValue('productCode', v[0] ?? undefined);
            void form.validateFields(['productCode']).catch(() => undefined);
          }}
        />
        <Picker
          visible={pick === 'district'}
          onClose={() => setPick(null)}
          columns={[(districts.data ?? []).map((d) => ({ label: d.name, value: d.code }))]}
          value={district ? [district] : []}
          onConfirm={(v) => setDistrict((v[0] as string | null) ?? null)}
        />
      </div>
    </MobileConfigProvider>
  );
}
