import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { formatFen, priceItem, type Offer, type Product } from '@paidan/shared';
import { toastSuccess } from '../../api/feedback';
import { PageFallback } from '../../components/PageFallback';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useIsPhone } from '../../lib/use-media';
import { useProduct, useProducts } from '../catalog/catalog.api';
import { cart } from './cart-store';
import { PromoNotice } from './ShopPage';
import { ScopedPage } from '../orders/OrderBits';
import '../orders/orders.css';
import './shop.css';

/** Price of a choice as the server will compute it (same shared function), or null while incomplete. */
export function localPrice(p: Product, o: Offer, specs: Record<string, string>, qty: number) {
  const r = priceItem(
    {
      id: o.id,
      productCode: p.code,
      productName: p.name,
      name: o.name,
      status: o.status,
      productStatus: p.status,
      attributes: p.attributes,
      fixedSpecs: o.fixedSpecs,
      oneTimeFen: o.oneTimeFen,
      monthlyFen: o.monthlyFen,
      requires: o.requires,
      excludes: o.excludes,
    },
    specs,
    qty,
  );
  return r.ok ? r.item : null;
}

export function ProductPage() {
  const { id } = useParams();
  const q = useProduct(Number(id));
  return (
    <ScopedPage page="shop" title={q.data?.name}>
      <PromoNotice />
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? <ProductView product={q.data} /> : q.isLoading ? <PageFallback /> : null}
    </ScopedPage>
  );
}

function ProductView({ product }: { product: Product }) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const offers = product.offers.filter((o) => o.status === 'published');
  const [offerId, setOfferId] = useState<number | undefined>(offers[0]?.id);
  const offer = offers.find((o) => o.id === offerId);
  const [specs, setSpecs] = useState<Record<string, string>>({});
  const [qty, setQty] = useState(1);
  // names of related products for the dependency and exclusion notes
  const all = useProducts({ shop: true, page: 1, pageSize: 100 });
  const nameOf = (code: string) => all.data?.items.find((p) => p.code === code)?.name ?? code;

  // Free attributes start at their first value; fixed ones come from the offer.
  useEffect(() => {
    if (!offer) return;
    const init: Record<string, string> = {};
    for (const a of product.attributes)
      if (offer.fixedSpecs[a.key] === undefined && a.required) init[a.key] = a.options[0]!.value;
    setSpecs(init);
  }, [offer, product.attributes]);

  const price = useMemo(() => (offer ? localPrice(product, offer, specs, qty) : null), [product, offer, specs, qty]);

  const add = (go: boolean) => {
    if (!offer || !price) return;
    cart.add({
      offerId: offer.id,
      productId: product.id,
      productName: product.name,
      offerName: offer.name,
      specs,
      specText: price.specText,
      quantity: qty,
    });
    if (go) void navigate('/shop/cart');
    else toastSuccess(t('shop.p.added'));
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Card>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          <Tag>{product.lineName}</Tag>
          {product.summary}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {product.description}
        </Typography.Paragraph>
        {product.ends === 2 ? <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('shop.p.ends')} /> : null}
      </Card>
      <Card title={t('shop.p.offers')}>
        {offers.length ? null : (
          <Empty description={t('shop.p.noOffers')} data-testid="no-offers">
            <Button type="primary" onClick={() => void navigate('/shop')}>
              {t('shop.c.continue')}
            </Button>
          </Empty>
        )}
        <Radio.Group value={offerId} onChange={(e) => setOfferId(e.target.value as number)} style={{ width: '100%' }}>
          {offers.map((o) => (
            <label
              key={o.id}
              className={`shop-offer${o.id === offerId ? ' active' : ''}`}
              data-testid={`offer-${o.code}`}
            >
              <Radio value={o.id}>
                <b>{o.name}</b>
              </Radio>
              <div style={{ marginLeft: 24 }}>
                <span className="shop-price">
                  {formatFen(o.monthlyFen)}
                  <small>{t('shop.perMonth')}</small>
                </span>
                {o.oneTimeFen ? (
                  <Typography.Text type="secondary">
                    {' '}
                    + {formatFen(o.oneTimeFen)} {t('shop.oneTimeOnly')}
                  </Typography.Text>
                ) : null}
                <div className="od-muted">
                  {o.contractMonths ? t('shop.p.contract', { m: o.contractMonths }) : t('shop.p.noContract')}
                  {o.description ? ` · ${o.description}` : ''}
                </div>
                {o.requires.length ? (
                  <div className="od-muted">{t('shop.p.requires', { names: o.requires.map(nameOf).join(' / ') })}</div>
                ) : null}
                {o.excludes.length ? (
                  <div className="od-muted">{t('shop.p.excludes', { names: o.excludes.map(nameOf).join('、') })}</div>
                ) : null}
              </div>
            </label>
          ))}
        </Radio.Group>
      </Card>
      {offer ? (
        <Card title={t('shop.p.specs')}>
          <Descriptions column={1} size="small" layout={phone ? 'vertical' : 'horizontal'} className="shop-spec">
            {product.attributes.map((a) => {
              const fixed = offer.fixedSpecs[a.key];
              return (
                <Descriptions.Item key={a.key} label={a.label}>
                  {fixed !== undefined ? (
                    <Tag color="blue">{a.options.find((x) => x.value === fixed)?.label ?? fixed}</Tag>
                  ) : (
                    <Radio.Group
                      optionType="button"
                      value={specs[a.key]}
                      onChange={(e) => setSpecs((s) => ({ ...s, [a.key]: e.target.value as string }))}
                      data-testid={`spec-${a.key}`}
                    >
                      {a.options.map((x) => (
                        <Radio.Button key={x.value} value={x.value}>
                          {x.label}
                          {x.monthlyFen ? ` +${formatFen(x.monthlyFen)}${t('shop.perMonth')}` : ''}
                          {x.oneTimeFen ? ` +${formatFen(x.oneTimeFen)}` : ''}
                        </Radio.Button>
                      ))}
                    </Radio.Group>
                  )}
                </Descriptions.Item>
              );
            })}
            <Descriptions.Item label={t('shop.p.qty')}>
              <InputNumber min={1} max={99} value={qty} onChange={(v) => setQty(v ?? 1)} />
            </Descriptions.Item>
          </Descriptions>
          <div className="shop-bar">
            <div>
              {price ? (
                <>
                  <span className="shop-price" data-testid="product-price">
                    {formatFen(price.monthlyFen)}
                    <small>{t('shop.perMonth')}</small>
                  </span>
                  {price.oneTimeFen ? (
                    <div className="od-muted shop-nowrap">
                      + {formatFen(price.oneTimeFen)} {t('shop.oneTimeOnly')}
                    </div>
                  ) : null}
                </>
              ) : null}
            </div>
            <Space>
              <Button onClick={() => add(false)} disabled={!price} data-testid="add-cart">
                {t('shop.p.addCart')}
              </Button>
              <Button type="primary" onClick={() => add(true)} disabled={!price} data-testid="buy-now">
                {t('shop.p.buyNow')}
              </Button>
            </Space>
          </div>
        </Card>
      ) : null}
    </Space>
  );
}
