import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Empty,
  Input,
  Modal,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ShoppingCartOutlined, ProfileOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatFen, type Product } from '@paidan/shared';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useProductLines, useProducts } from '../catalog/catalog.api';
import { useRefCheck } from '../orders/order.api';
import { promoRef, useCart } from './cart-store';
import { ScopedPage } from '../orders/OrderBits';
import '../orders/orders.css';
import './shop.css';

/** The promotion notice: whose QR code brought the customer here, or a clear warning that the link is not valid. */
export function PromoNotice() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [ref, setRef] = useState(() => params.get('ref') ?? promoRef.get());
  const check = useRefCheck(ref);
  if (!ref || !check.data) return null;
  if (check.data.valid)
    return (
      <Alert
        type="success"
        showIcon
        title={t('shop.promoBy', { name: check.data.managerName ?? '' })}
        style={{ marginBottom: 12 }}
        data-testid="promo-ok"
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      data-testid="promo-invalid"
      title={t('shop.promoInvalid')}
      action={
        <Button
          size="small"
          onClick={() => {
            promoRef.clear();
            setRef(null);
          }}
        >
          {t('shop.promoRemove')}
        </Button>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

export function Price({ p }: { p: Pick<Product, 'fromMonthlyFen' | 'fromOneTimeFen'> }) {
  const { t } = useI18n();
  if (p.fromMonthlyFen)
    return (
      <span className="shop-price">
        {t('shop.from', { price: formatFen(p.fromMonthlyFen), unit: '' })}
        <small>{t('shop.perMonth')}</small>
      </span>
    );
  return <span className="shop-price">{t('shop.from', { price: formatFen(p.fromOneTimeFen ?? 0), unit: '' })}</span>;
}

/** 翼企购: product lines, search, cards with the lowest price, compare up to three. */
export function ShopPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const lines = useProductLines();
  const [lineId, setLineId] = useState<number | 0>(0);
  const [q, setQ] = useState<string | undefined>();
  const [compare, setCompare] = useState<number[]>([]);
  const [compareOpen, setCompareOpen] = useState(false);
  const cart = useCart();
  const products = useProducts({ lineId: lineId || undefined, q, shop: true, page: 1, pageSize: 100 });

  // A manager's QR code link carries ?ref=…; keep it for this visit.
  useEffect(() => {
    const ref = params.get('ref');
    if (ref) promoRef.set(ref);
  }, [params]);

  const items = products.data?.items ?? [];
  const chosen = items.filter((p) => compare.includes(p.id));
  return (
    <ScopedPage
      page="shop"
      extra={
        <Space>
          <Button icon={<ProfileOutlined />} onClick={() => void navigate('/my/orders')}>
            {t('shop.myOrders')}
          </Button>
          <Badge count={cart.length} size="small">
            <Button
              type="primary"
              icon={<ShoppingCartOutlined />}
              onClick={() => void navigate('/shop/cart')}
              data-testid="shop-cart"
            >
              {t('shop.cart')}
            </Button>
          </Badge>
        </Space>
      }
    >
      <PromoNotice />
      <div className="shop-toolbar">
        <Input.Search
          allowClear
          placeholder={t('shop.qPh')}
          onSearch={(v) => setQ(v.trim() || undefined)}
          data-testid="shop-search"
        />
        <Button disabled={compare.length < 2} onClick={() => setCompareOpen(true)}>
          {t('shop.compareN', { n: compare.length })}
        </Button>
      </div>
      <div className="shop-lines">
        <Segmented
          value={lineId}
          onChange={(v) => setLineId(v as number)}
          options={[
            { value: 0, label: t('shop.allLines') },
            ...(lines.data ?? []).map((l) => ({ value: l.id, label: l.name })),
          ]}
        />
      </div>
      {products.isError ? <QueryError error={products.error} onRetry={() => void products.refetch()} /> : null}
      {items.length ? (
        <div className="shop-grid">
          {items.map((p) => (
            <Card key={p.id} className="shop-card" hoverable data-testid="shop-product">
              <Link to={`/shop/products/${p.id}`} className="shop-card-name" data-testid={`shop-product-${p.code}`}>
                {p.name}
              </Link>
              <Space size={4} wrap>
                <Tag>{p.lineName}</Tag>
                {p.ends === 2 ? <Tag color="purple">A/Z</Tag> : null}
              </Space>
              <div className="shop-card-summary">{p.summary}</div>
              <div className="shop-card-foot">
                <Price p={p} />
                <Checkbox
                  checked={compare.includes(p.id)}
                  disabled={!compare.includes(p.id) && compare.length >= 3}
                  onChange={(e) => setCompare((c) => (e.target.checked ? [...c, p.id] : c.filter((x) => x !== p.id)))}
                >
                  {t('shop.compare')}
                </Checkbox>
              </div>
            </Card>
          ))}
        </div>
      ) : (
        <Card>
          <Empty description={products.isLoading ? t('common.loading') : t('shop.empty')} />
        </Card>
      )}
      <Modal
        open={compareOpen}
        onCancel={() => setCompareOpen(false)}
        footer={null}
        title={t('shop.compareTitle')}
        width={900}
      >
        <CompareTable products={chosen} />
      </Modal>
    </ScopedPage>
  );
}

function CompareTable({ products }: { products: Product[] }) {
  const { t } = useI18n();
  const attrLabels = [...new Map(products.flatMap((p) => p.attributes.map((a) => [a.label, a.label]))).keys()];
  const rows = [
    { key: 'price', label: t('shop.p.price'), cells: products.map((p) => <Price key={p.id} p={p} />) },
    { key: 'summary', label: t('shop.p.desc'), cells: products.map((p) => p.summary) },
    {
      key: 'offers',
      label: t('shop.p.offers'),
      cells: products.map((p) => (
        <div key={p.id}>
          {p.offers.map((o) => (
            <div key={o.id}>
              {o.name} · {formatFen(o.monthlyFen)}
              {t('shop.perMonth')}
              {o.contractMonths ? ` · ${t('shop.p.contract', { m: o.contractMonths })}` : ''}
            </div>
          ))}
        </div>
      )),
    },
    ...attrLabels.map((label) => ({
      key: label,
      label,
      cells: products.map(
        (p) =>
          p.attributes
            .find((a) => a.label === label)
            ?.options.map((o) => o.label)
            .join(' / ') ?? '—',
      ),
    })),
  ];
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[
        {
          title: '',
          dataIndex: 'label',
          width: 110,
          render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
        },
        ...products.map((p, i) => ({ title: p.name, render: (_: unknown, r: (typeof rows)[number]) => r.cells[i] })),
      ]}
    />
  );
}
