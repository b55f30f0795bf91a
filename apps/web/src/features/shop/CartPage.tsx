import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Form, Input, InputNumber, Space, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  formatFen,
  PlaceOrderSchema,
  renderAgreement,
  type AgreementTemplate,
  type PlaceOrderInput,
} from '@paidan/shared';
import { api, ApiError } from '../../api/client';
import { toastError, toastSuccess } from '../../api/feedback';
import { applyFieldErrors, zodRule } from '../../api/form';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { AgreementText } from '../agreements/AgreementText';
import { quote, usePlaceOrder } from '../orders/order.api';
import { submitGuard } from '../../lib/submit-guard';
import { cart, promoRef, useCart } from './cart-store';
import { PromoNotice } from './ShopPage';
import { ScopedPage } from '../orders/OrderBits';
import '../orders/orders.css';
import './shop.css';

interface ContactForm {
  contactName: string;
  contactPhone: string;
  installAddress: string;
  note?: string;
}

/** Cart and checkout: server prices, contact and address, both agreements in full, place the order. */
export function CartPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const lines = useCart();
  const [form] = Form.useForm<ContactForm>();
  const [agreed, setAgreed] = useState<Record<string, boolean>>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const place = usePlaceOrder();
  const [guard] = useState(submitGuard);
  const items = lines.map((l) => ({ offerId: l.offerId, specs: l.specs, quantity: l.quantity }));
  const priced = useQuery({
    queryKey: ['orders', 'quote', items],
    queryFn: () => quote(items),
    enabled: items.length > 0,
    retry: false,
  });
  const agreements = useQuery({
    queryKey: ['agreements', 'current', 'marketing,security'],
    queryFn: () => api.get<AgreementTemplate[]>('/agreements/current', { codes: 'marketing,security' }),
    staleTime: 60_000,
  });
  const shape = PlaceOrderSchema.shape;
  const allAgreed = !!agreements.data?.length && agreements.data.every((a) => agreed[a.code]);

  const submit = (v: ContactForm) => {
    if (!priced.data || !agreements.data) return;
    if (!allAgreed) {
      toastError(new Error(t('shop.c.mustAgree')));
      return;
    }
    const body: PlaceOrderInput = {
      items,
      contactName: v.contactName,
      contactPhone: v.contactPhone,
      installAddress: v.installAddress,
      note: v.note ?? '',
      expectedOneTimeFen: priced.data.totalOneTimeFen,
      expectedMonthlyFen: priced.data.totalMonthlyFen,
      agreements: agreements.data.map((a) => ({
        code: a.code as 'marketing' | 'security',
        templateId: a.id,
        version: a.version,
      })),
      ...(promoRef.get() ? { ref: promoRef.get()! } : {}),
    };
    if (!guard.begin()) return;
    setProblem(null);
    place.mutate(body, {
      onSettled: guard.end,
      onSuccess: (o) => {
        cart.clear();
        toastSuccess(t('shop.c.submitted', { number: o.number }));
        void navigate(`/my/orders/${o.id}`);
      },
      onError: (e) => {
        if (e instanceof ApiError && e.code === 'ORDER_PRICE_CHANGED') {
          void priced.refetch();
          toastError(new Error(t('shop.c.priceChanged')));
          return;
        }
        if (e instanceof ApiError && e.code === 'ORDER_AGREEMENT_OUTDATED') {
          setAgreed({});
          void agreements.refetch();
        }
        if (e instanceof ApiError && e.code !== 'VALIDATION_FAILED') setProblem(e);
        if (!applyFieldErrors(form, e)) toastError(e);
      },
    });
  };

  if (!lines.length)
    return (
      <ScopedPage page="shop" title={t('shop.c.title')}>
        <Card>
          <Empty description={t('shop.c.empty')}>
            <Button type="primary" onClick={() => void navigate('/shop')}>
              {t('shop.c.continue')}
            </Button>
          </Empty>
        </Card>
      </ScopedPage>
    );

  const quoteError = priced.error instanceof ApiError ? priced.error : null;
  return (
    <ScopedPage page="shop" title={t('shop.c.title')}>
      <PromoNotice />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {problem ? (
          <Alert
            type="error"
            showIcon
            data-testid="order-problem"
            title={problem.message}
            description={problem.fieldErrors.map((f) => f.message).join('；') || undefined}
            action={
              problem.code === 'ORDER_NOT_CERTIFIED' ? (
                <Button size="small" onClick={() => void navigate('/enterprise')}>
                  {t('shop.goCertify')}
                </Button>
              ) : undefined
            }
          />
        ) : null}
        <Card
          title={t('shop.c.title')}
          extra={
            <Button type="link" onClick={() => void navigate('/shop')}>
              {t('shop.c.continue')}
            </Button>
          }
        >
          {lines.map((l, i) => {
            const p = priced.data?.items[i];
            return (
              <div key={l.key} className="shop-cart-line" data-testid="cart-line">
                <div>
                  <b>{l.productName}</b>
                  <div className="od-muted">
                    {l.offerName}
                    {l.specText ? ` · ${l.specText}` : ''}
                  </div>
                  {p ? (
                    <div>
                      <span className="shop-price" style={{ fontSize: 15 }}>
                        {formatFen(p.monthlyFen)}
                        <small>{t('shop.perMonth')}</small>
                      </span>
                      {p.oneTimeFen ? <span className="od-muted"> + {formatFen(p.oneTimeFen)}</span> : null}
                    </div>
                  ) : null}
                </div>
                <Space orientation="vertical" align="end">
                  <InputNumber
                    size="small"
                    min={1}
                    max={99}
                    value={l.quantity}
                    onChange={(v) => cart.setQuantity(l.key, v ?? 1)}
                  />
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => cart.remove(l.key)}>
                    {t('shop.c.remove')}
                  </Button>
                </Space>
              </div>
            );
          })}
          {quoteError ? (
            <Alert
              type="error"
              showIcon
              title={quoteError.message}
              description={quoteError.fieldErrors.map((f) => f.message).join('；') || undefined}
              data-testid="quote-problem"
            />
          ) : null}
        </Card>

        <Card title={t('shop.c.contact')}>
          <Form<ContactForm>
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{ contactName: me.displayName, contactPhone: '' }}
          >
            <Form.Item name="contactName" label={t('shop.c.contactName')} required rules={[zodRule(shape.contactName)]}>
              <Input maxLength={30} data-testid="cart-contact" />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label={t('shop.c.contactPhone')}
              required
              rules={[zodRule(shape.contactPhone)]}
            >
              <Input maxLength={11} inputMode="tel" data-testid="cart-phone" />
            </Form.Item>
            <Form.Item
              name="installAddress"
              label={t('shop.c.address')}
              required
              rules={[zodRule(shape.installAddress)]}
            >
              <Input.TextArea rows={2} maxLength={200} placeholder={t('shop.c.addressPh')} data-testid="cart-address" />
            </Form.Item>
            <Form.Item name="note" label={t('shop.c.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Form>
        </Card>

        <Card title={t('shop.c.agreements')}>
          {agreements.isError ? <Alert type="error" showIcon title={t('shop.c.agreementsMissing')} /> : null}
          {(agreements.data ?? []).map((a) => (
            <div key={a.id} style={{ marginBottom: 16 }} data-testid={`agreement-${a.code}`}>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {a.title}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('shop.c.version', { v: a.version })}
                </Typography.Text>
              </Typography.Title>
              <AgreementText
                className="shop-agreement-body"
                body={renderAgreement(a.body, { customerName: me.customerName })}
              />
              <Checkbox
                style={{ marginTop: 8 }}
                checked={!!agreed[a.code]}
                onChange={(e) => setAgreed((s) => ({ ...s, [a.code]: e.target.checked }))}
                data-testid={`agree-${a.code}`}
              >
                {t('shop.c.agree', { title: a.title })}
              </Checkbox>
            </div>
          ))}
        </Card>

        <div className="shop-bar" style={{ margin: 0, borderRadius: 8 }}>
          <div>
            <div className="od-muted">{t('shop.c.total')}</div>
            {priced.data ? (
              <div data-testid="cart-total">
                <span className="shop-price">
                  {formatFen(priced.data.totalMonthlyFen)}
                  <small>{t('shop.perMonth')}</small>
                </span>
                {priced.data.totalOneTimeFen ? (
                  <span className="od-muted">
                    {' '}
                    + {formatFen(priced.data.totalOneTimeFen)} {t('shop.oneTimeOnly')}
                  </span>
                ) : null}
              </div>
            ) : null}
            <div className="od-muted">{t('shop.c.serverPrice')}</div>
          </div>
          <Button
            type="primary"
            size="large"
            loading={place.isPending}
            disabled={!priced.data || !allAgreed}
            onClick={() => form.submit()}
            data-testid="cart-submit"
          >
            {t('shop.c.submit')}
          </Button>
        </div>
      </Space>
    </ScopedPage>
  );
}
