import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { formatFen, PlaceOrderSchema, type AgreementTemplate, type Customer, type Product } from '@paidan/shared';
import { api, ApiError, type Page } from '../../api/client';
import { toastError, toastSuccess } from '../../api/feedback';
import { applyFieldErrors, zodRule } from '../../api/form';
import { PageContainer } from '../../components/PageContainer';
import { useI18n } from '../../i18n/i18n';
import { useProducts } from '../catalog/catalog.api';
import { localPrice } from '../shop/ProductPage';
import { useOpportunity } from '../opportunities/opportunity.api';
import { quote, usePlaceOrder } from './order.api';
import { submitGuard } from '../../lib/submit-guard';
import './orders.css';

const shape = PlaceOrderSchema.shape;

interface Line {
  offerId?: number;
  specs: Record<string, string>;
  quantity: number;
}

/** The specs an offer starts with: each required choice it does not fix, at its first option. */
function startSpecs(p: Product, o: Product['offers'][number]): Record<string, string> {
  const specs: Record<string, string> = {};
  for (const a of p.attributes) if (o.fixedSpecs[a.key] === undefined && a.required) specs[a.key] = a.options[0]!.value;
  return specs;
}

/** 代客下单: a hotline agent or account manager orders for a customer, with the opportunity's 预受理单号. */
export function StaffOrderNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [customerId, setCustomerId] = useState<number | undefined>(Number(params.get('customerId')) || undefined);
  const [custQ, setCustQ] = useState('');
  const [lines, setLines] = useState<Line[]>([{ specs: {}, quantity: 1 }]);
  const [agreed, setAgreed] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [form] = Form.useForm();
  const place = usePlaceOrder();
  const [guard] = useState(submitGuard);
  const customers = useQuery({
    queryKey: ['customers', 'pick', custQ, customerId],
    queryFn: () => api.get<Page<Customer>>('/customers', { q: custQ || undefined, pageSize: 20, page: 1 }),
  });
  const picked = useQuery({
    queryKey: ['customers', 'one', customerId],
    queryFn: () => api.get<Customer>(`/customers/${customerId}`),
    enabled: !!customerId,
  });
  const products = useProducts({ shop: true, page: 1, pageSize: 100 });
  const agreements = useQuery({
    queryKey: ['agreements', 'current', 'marketing,security'],
    queryFn: () => api.get<AgreementTemplate[]>('/agreements/current', { codes: 'marketing,security' }),
  });
  const offerIndex = useMemo(() => {
    const m = new Map<number, { p: Product; o: Product['offers'][number] }>();
    for (const p of products.data?.items ?? []) for (const o of p.offers) m.set(o.id, { p, o });
    return m;
  }, [products.data]);
  const ready = lines.filter((l) => l.offerId);
  const items = ready.map((l) => ({ offerId: l.offerId!, specs: l.specs, quantity: l.quantity }));
  const priced = useQuery({
    queryKey: ['orders', 'quote', 'staff', items, customerId],
    queryFn: () => quote(items, customerId),
    enabled: items.length > 0,
    retry: false,
  });
  const preNo = params.get('preAcceptanceNo') ?? undefined;
  // Opened from an opportunity: its contact, its enterprise (searched for by name when it is not a known customer)
  // and its product, when the shop sells it, are filled in once; the user can change each.
  const opportunity = useOpportunity(Number(params.get('opportunity')) || null).data;
  const prefilled = useRef(false);
  useEffect(() => {
    if (!opportunity || !products.data || prefilled.current) return;
    prefilled.current = true;
    form.setFieldsValue({
      contactName: form.getFieldValue('contactName') || opportunity.contactName,
      // a phone the viewer may not see in full is left for them to ask for
      ...(opportunity.contactPhone.includes('*')
        ? {}
        : { contactPhone: form.getFieldValue('contactPhone') || opportunity.contactPhone }),
    });
    if (!opportunity.customerId) setCustQ(opportunity.customerName);
    const p = products.data.items.find((x) => x.code === opportunity.productCode);
    const o = p?.offers[0];
    if (p && o)
      setLines((ls) => (ls.some((l) => l.offerId) ? ls : [{ offerId: o.id, specs: startSpecs(p, o), quantity: 1 }]));
  }, [opportunity, products.data, form]);
  const customerOptions = [
    ...(picked.data && !customers.data?.items.some((c) => c.id === picked.data.id) ? [picked.data] : []),
    ...(customers.data?.items ?? []),
  ].map((c) => ({ value: c.id, label: c.name }));

  const submit = (v: {
    contactName: string;
    contactPhone: string;
    installAddress: string;
    note?: string;
    preAcceptanceNo?: string;
  }) => {
    if (!customerId || !priced.data || !agreements.data) return;
    if (!guard.begin()) return;
    setProblem(null);
    place.mutate(
      {
        customerId,
        items,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        installAddress: v.installAddress,
        note: v.note ?? '',
        ...(v.preAcceptanceNo ? { preAcceptanceNo: v.preAcceptanceNo } : {}),
        expectedOneTimeFen: priced.data.totalOneTimeFen,
        expectedMonthlyFen: priced.data.totalMonthlyFen,
        agreements: agreements.data.map((a) => ({
          code: a.code as 'marketing' | 'security',
          templateId: a.id,
          version: a.version,
        })),
      },
      {
        onSettled: guard.end,
        onSuccess: (o) => {
          toastSuccess(t('od.new.created', { number: o.number }));
          void navigate(`/orders/${o.id}`);
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code !== 'VALIDATION_FAILED') setProblem(e);
          if (!applyFieldErrors(form, e)) toastError(e);
        },
      },
    );
  };

  return (
    <PageContainer page="order-new" subTitle={preNo ? t('od.new.fromOpportunity', { no: preNo }) : undefined}>
      <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 980 }}>
        {problem ? (
          <Alert
            type="error"
            showIcon
            title={problem.message}
            description={problem.fieldErrors.map((f) => f.message).join('；') || undefined}
            data-testid="order-problem"
          />
        ) : null}
        <Card title={t('od.new.customer')}>
          <Select
            showSearch
            filterOption={false}
            style={{ width: '100%', maxWidth: 480 }}
            placeholder={t('od.new.customerPh')}
            value={customerId}
            onSearch={setCustQ}
            onChange={(v) => setCustomerId(v)}
            options={customerOptions}
            data-testid="new-customer"
          />
        </Card>
        <Card title={t('od.items')}>
          {lines.map((l, i) => {
            const hit = l.offerId ? offerIndex.get(l.offerId) : undefined;
            const price = hit ? localPrice(hit.p, hit.o, l.specs, l.quantity) : null;
            const set = (patch: Partial<Line>) =>
              setLines((ls) => ls.map((x, k) => (k === i ? { ...x, ...patch } : x)));
            return (
              <Card key={i} size="small" style={{ marginBottom: 8 }}>
                <Space wrap align="start">
                  <Select
                    showSearch
                    optionFilterProp="label"
                    style={{ width: 300 }}
                    placeholder={t('od.new.offerPh')}
                    value={l.offerId}
                    onChange={(v: number) => {
                      const h = offerIndex.get(v)!;
                      set({ offerId: v, specs: startSpecs(h.p, h.o) });
                    }}
                    options={(products.data?.items ?? []).map((p) => ({
                      label: p.name,
                      options: p.offers.map((o) => ({ value: o.id, label: `${p.name} · ${o.name}` })),
                    }))}
                  />
                  {hit
                    ? hit.p.attributes
                        .filter((a) => hit.o.fixedSpecs[a.key] === undefined)
                        .map((a) => (
                          <Select
                            key={a.key}
                            allowClear={!a.required}
                            style={{ width: 150 }}
                            placeholder={a.label}
                            value={l.specs[a.key]}
                            onChange={(v?: string) => {
                              const specs = { ...l.specs };
                              if (v) specs[a.key] = v;
                              else delete specs[a.key];
                              set({ specs });
                            }}
                            options={a.options.map((o) => ({ value: o.value, label: `${a.label}：${o.label}` }))}
                          />
                        ))
                    : null}
                  <InputNumber
                    min={1}
                    max={99}
                    value={l.quantity}
                    onChange={(v) => set({ quantity: v ?? 1 })}
                    addonBefore={t('od.qty')}
                    style={{ width: 130 }}
                  />
                  {price ? (
                    <Typography.Text>
                      {formatFen(price.monthlyFen)}
                      {t('od.perMonth')} {price.oneTimeFen ? `+ ${formatFen(price.oneTimeFen)}` : ''}
                    </Typography.Text>
                  ) : null}
                  {lines.length > 1 ? (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}
                    />
                  ) : null}
                </Space>
              </Card>
            );
          })}
          <Button icon={<PlusOutlined />} onClick={() => setLines((ls) => [...ls, { specs: {}, quantity: 1 }])}>
            {t('od.new.addLine')}
          </Button>
          {priced.error instanceof ApiError ? (
            <Alert
              style={{ marginTop: 8 }}
              type="error"
              showIcon
              title={priced.error.message}
              description={priced.error.fieldErrors.map((f) => f.message).join('；') || undefined}
            />
          ) : null}
          {priced.data ? (
            <div style={{ marginTop: 8 }}>
              {t('shop.c.total')}：<b>{formatFen(priced.data.totalMonthlyFen)}</b>
              {t('od.perMonth')} + {formatFen(priced.data.totalOneTimeFen)} {t('shop.oneTimeOnly')}
            </div>
          ) : null}
        </Card>
        <Card title={t('shop.c.contact')}>
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ preAcceptanceNo: preNo }}>
            <Space wrap style={{ width: '100%' }} align="start">
              <Form.Item name="contactName" label={t('od.contact')} required rules={[zodRule(shape.contactName)]}>
                <Input maxLength={30} style={{ width: 200 }} data-testid="new-contact" />
              </Form.Item>
              <Form.Item name="contactPhone" label={t('od.phone')} required rules={[zodRule(shape.contactPhone)]}>
                <Input maxLength={11} inputMode="tel" style={{ width: 200 }} data-testid="new-phone" />
              </Form.Item>
              <Form.Item name="preAcceptanceNo" label={t('od.preAcceptanceNo')}>
                <Input maxLength={40} style={{ width: 220 }} />
              </Form.Item>
            </Space>
            <Form.Item name="installAddress" label={t('od.address')} required rules={[zodRule(shape.installAddress)]}>
              <Input.TextArea rows={2} maxLength={200} placeholder={picked.data?.address ?? t('shop.c.addressPh')} />
            </Form.Item>
            <Form.Item name="note" label={t('od.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
              {t('od.new.agreed')}
              {agreements.data ? `（${agreements.data.map((a) => `${a.title} v${a.version}`).join('、')}）` : ''}
            </Checkbox>
            <div style={{ marginTop: 12 }}>
              <Button
                type="primary"
                htmlType="submit"
                loading={place.isPending}
                disabled={!customerId || !priced.data || !agreed}
              >
                {t('od.new.submit')}
              </Button>
            </div>
          </Form>
        </Card>
      </Space>
    </PageContainer>
  );
}
