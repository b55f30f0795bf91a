import { useState, type HTMLAttributes, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  AttributeSpecSchema,
  formatFen,
  ProductInputSchema,
  type CatalogStatus,
  type Offer,
  type Product,
} from '@paidan/shared';
import { useCan } from '../../auth/session';
import { toastError, toastSuccess } from '../../api/feedback';
import { applyFieldErrors, zodRule } from '../../api/form';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { fmtDateTime } from '../../lib/format';
import { useListState } from '../../lib/use-list-state';
import { useOrderSettings } from '../orders/order.api';
import { SettingsForm } from '../orders/TowerPage';
import { useCatalogMutations, useProductLines, useProducts } from './catalog.api';

// product and offer codes share one rule (upper-case letters, digits, - and _), with the schema's own message
const CODE = ProductInputSchema.shape.code;
const STATUS_COLOUR: Record<CatalogStatus, string> = { draft: 'default', published: 'green', retired: 'red' };
const fen = (yuan: number | null | undefined) => Math.round((yuan ?? 0) * 100);
const yuan = (f: number) => f / 100;

/** A catalogue entry's actions: edit (until retired), publish a draft and retire a published one, each confirmed. */
function LifecycleActions({
  status,
  onEdit,
  onChange,
  children,
}: {
  status: CatalogStatus;
  onEdit: () => void;
  onChange: (action: 'publish' | 'retire') => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {status !== 'retired' ? (
        <Button size="small" type="link" onClick={onEdit}>
          {t('common.edit')}
        </Button>
      ) : null}
      {status === 'draft' ? (
        <Popconfirm title={t('cat.confirmPublish')} onConfirm={() => onChange('publish')}>
          <Button size="small" type="link">
            {t('cat.publish')}
          </Button>
        </Popconfirm>
      ) : null}
      {status === 'published' ? (
        <Popconfirm title={t('cat.confirmRetire')} onConfirm={() => onChange('retire')}>
          <Button size="small" type="link" danger>
            {t('cat.retire')}
          </Button>
        </Popconfirm>
      ) : null}
      {children}
    </Space>
  );
}

export function StatusTag({ s }: { s: CatalogStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOUR[s]}>{t(`cat.status.${s}` as MsgKey)}</Tag>;
}

/** 产品目录: product lines, products with their specification templates, versioned offers with prices; lifecycle. */
export function CatalogAdminPage() {
  const { t } = useI18n();
  const can = useCan();
  const settings = useOrderSettings();
  return (
    <PageContainer page="catalog">
      <Tabs
        items={[
          { key: 'catalog', label: t('cat.tabCatalog'), children: <CatalogTab /> },
          ...(can('order.config')
            ? [
                {
                  key: 'settings',
                  label: t('cat.tabSettings'),
                  children: (
                    <Card style={{ maxWidth: 520 }}>
                      {settings.data ? <SettingsForm initial={settings.data} /> : null}
                    </Card>
                  ),
                },
              ]
            : []),
        ]}
      />
    </PageContainer>
  );
}

function CatalogTab() {
  const { t } = useI18n();
  const lines = useProductLines();
  const ls = useListState<{ lineId?: number; status?: CatalogStatus; q?: string }>({}, 20);
  const [draft, setDraft] = useState(ls.filters);
  const list = useProducts({ ...ls.filters, page: ls.page, pageSize: ls.pageSize });
  const m = useCatalogMutations();
  const [editProduct, setEditProduct] = useState<Product | 'new' | null>(null);
  const [editOffer, setEditOffer] = useState<{ product: Product; offer: Offer | null } | null>(null);
  const done = { onSuccess: () => toastSuccess(t('common.saved')), onError: toastError };

  const offerColumns = (p: Product) => [
    {
      title: t('cat.code'),
      dataIndex: 'code',
      render: (v: string, o: Offer) => (
        <span className="mono">
          {v} · v{o.version}
        </span>
      ),
    },
    { title: t('cat.name'), dataIndex: 'name' },
    { title: t('common.status'), dataIndex: 'status', render: (s: CatalogStatus) => <StatusTag s={s} /> },
    {
      title: t('cat.fixedSpecs'),
      render: (_: unknown, o: Offer) =>
        Object.entries(o.fixedSpecs)
          .map(([k, v]) => `${p.attributes.find((a) => a.key === k)?.label ?? k} ${v}`)
          .join('；') || '—',
    },
    { title: t('cat.monthly'), dataIndex: 'monthlyFen', render: (v: number) => formatFen(v) },
    { title: t('cat.oneTime'), dataIndex: 'oneTimeFen', render: (v: number) => formatFen(v) },
    { title: t('cat.contractMonths'), dataIndex: 'contractMonths' },
    { title: t('cat.liveOrders'), dataIndex: 'liveOrders' },
    { title: t('cat.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => fmtDateTime(v) },
    {
      title: t('common.actions'),
      render: (_: unknown, o: Offer) => (
        <LifecycleActions
          status={o.status}
          onEdit={() => setEditOffer({ product: p, offer: o })}
          onChange={(action) => m.offerLifecycle.mutate({ id: o.id, action }, done)}
        >
          <Popconfirm
            title={t('cat.confirmDelete')}
            onConfirm={() =>
              m.deleteOffer.mutate(o.id, { onSuccess: () => toastSuccess(t('common.deleted')), onError: toastError })
            }
          >
            <Button size="small" type="link" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </LifecycleActions>
      ),
    },
  ];

  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('cat.line')}
            style={{ width: 160 }}
            value={draft.lineId}
            onChange={(v) => setDraft({ ...draft, lineId: v })}
            options={(lines.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          />
          <Select
            allowClear
            placeholder={t('common.status')}
            style={{ width: 120 }}
            value={draft.status}
            onChange={(v) => setDraft({ ...draft, status: v })}
            options={(['draft', 'published', 'retired'] as const).map((s) => ({
              value: s,
              label: t(`cat.status.${s}`),
            }))}
          />
          <Input
            allowClear
            placeholder={t('cat.qPh')}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value || undefined })}
            onPressEnter={() => ls.search(draft)}
            style={{ width: 200 }}
          />
          <Button type="primary" onClick={() => ls.search(draft)}>
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              setDraft({});
              ls.search({});
            }}
          >
            {t('common.reset')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditProduct('new')}
            data-testid="cat-new-product"
          >
            {t('cat.newProduct')}
          </Button>
        </Space>
      </Card>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={ls.pagination(list.data?.total)}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('cat.empty') }}
        onRow={(p) => ({ 'data-testid': `product-${p.code}` }) as HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowRender: (p) => (
            <div>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={p.offers}
                columns={offerColumns(p)}
                onRow={(o) => ({ 'data-testid': `offer-${o.code}-v${o.version}` }) as HTMLAttributes<HTMLElement>}
                scroll={{ x: 'max-content' }}
              />
              {p.status !== 'retired' ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  style={{ marginTop: 8 }}
                  onClick={() => setEditOffer({ product: p, offer: null })}
                >
                  {t('cat.newOffer')}
                </Button>
              ) : null}
            </div>
          ),
        }}
        columns={[
          {
            title: t('cat.name'),
            dataIndex: 'name',
            render: (v: string, p) => (
              <>
                <b>{v}</b>
                <div className="od-muted mono">{p.code}</div>
              </>
            ),
          },
          { title: t('cat.line'), dataIndex: 'lineName' },
          { title: t('common.status'), dataIndex: 'status', render: (s: CatalogStatus) => <StatusTag s={s} /> },
          { title: t('cat.attributes'), render: (_, p) => p.attributes.map((a) => a.label).join('、') || '—' },
          { title: t('cat.offers'), render: (_, p) => p.offers.length },
          {
            title: t('cat.ends'),
            dataIndex: 'ends',
            render: (v: number) => (v === 2 ? t('cat.ends2') : t('cat.ends1')),
          },
          {
            title: t('common.actions'),
            render: (_, p) => (
              <LifecycleActions
                status={p.status}
                onEdit={() => setEditProduct(p)}
                onChange={(action) => m.productLifecycle.mutate({ id: p.id, action }, done)}
              />
            ),
          },
        ]}
      />
      <ProductDrawer value={editProduct} onClose={() => setEditProduct(null)} />
      <OfferDrawer value={editOffer} onClose={() => setEditOffer(null)} />
    </>
  );
}

type AttrForm = {
  key: string;
  label: string;
  required: boolean;
  options: { value: string; label: string; once?: number; monthly?: number }[];
};

function ProductDrawer({ value, onClose }: { value: Product | 'new' | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const lines = useProductLines();
  const m = useCatalogMutations();
  const p = value && value !== 'new' ? value : null;
  const save = (v: {
    lineId: number;
    code: string;
    name: string;
    summary: string;
    description: string;
    ends: number;
    attributes: AttrForm[];
  }) => {
    const attributes = (v.attributes ?? []).map((a) => ({
      key: a.key,
      label: a.label,
      required: !!a.required,
      options: (a.options ?? []).map((o) => ({
        value: o.value,
        label: o.label,
        oneTimeFen: fen(o.once),
        monthlyFen: fen(o.monthly),
      })),
    }));
    const body = {
      lineId: v.lineId,
      name: v.name,
      summary: v.summary ?? '',
      description: v.description ?? '',
      ends: v.ends,
      attributes,
    };
    const opts = {
      onSuccess: () => {
        toastSuccess(t('common.saved'));
        onClose();
      },
      onError: (e: unknown) => {
        if (!applyFieldErrors(form, e)) toastError(e);
      },
    };
    if (p) m.updateProduct.mutate({ id: p.id, ...body, version: p.version }, opts);
    else m.createProduct.mutate({ ...body, code: v.code }, opts);
  };
  return (
    <Drawer
      open={!!value}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={p ? `${t('cat.editProduct')} · ${p.name}` : t('cat.newProduct')}
      extra={
        <Button
          type="primary"
          loading={m.createProduct.isPending || m.updateProduct.isPending}
          onClick={() => form.submit()}
        >
          {t('common.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          p
            ? {
                ...p,
                attributes: p.attributes.map((a) => ({
                  ...a,
                  options: a.options.map((o) => ({ ...o, once: yuan(o.oneTimeFen), monthly: yuan(o.monthlyFen) })),
                })),
              }
            : { ends: 1, attributes: [] }
        }
      >
        <Space wrap>
          <Form.Item name="lineId" label={t('cat.line')} rules={[{ required: true }]}>
            <Select style={{ width: 180 }} options={(lines.data ?? []).map((l) => ({ value: l.id, label: l.name }))} />
          </Form.Item>
          <Form.Item name="code" label={t('cat.code')} required rules={[zodRule(CODE)]}>
            <Input disabled={!!p} style={{ width: 180 }} className="mono" data-testid="cat-product-code" />
          </Form.Item>
          <Form.Item name="name" label={t('cat.name')} rules={[{ required: true, min: 2 }]}>
            <Input style={{ width: 220 }} maxLength={40} />
          </Form.Item>
          <Form.Item name="ends" label={t('cat.ends')}>
            <Radio.Group
              options={[
                { value: 1, label: t('cat.ends1') },
                { value: 2, label: t('cat.ends2') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label={t('cat.summary')}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="description" label={t('cat.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.List name="attributes">
          {(fields, { add, remove }) => (
            <Card
              size="small"
              title={t('cat.attributes')}
              extra={
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ required: true, options: [{}] })}>
                  {t('cat.addAttr')}
                </Button>
              }
            >
              {fields.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  extra={<MinusCircleOutlined onClick={() => remove(f.name)} />}
                >
                  <Space wrap>
                    <Form.Item
                      name={[f.name, 'key']}
                      label={t('cat.attrKey')}
                      required
                      rules={[zodRule(AttributeSpecSchema.shape.key)]}
                    >
                      <Input style={{ width: 140 }} className="mono" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} label={t('cat.attrLabel')} rules={[{ required: true }]}>
                      <Input style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'required']} valuePropName="checked" label=" ">
                      <Checkbox>{t('cat.attrRequired')}</Checkbox>
                    </Form.Item>
                  </Space>
                  <Form.List name={[f.name, 'options']}>
                    {(opts, o) => (
                      <>
                        {opts.map((x) => (
                          <Space key={x.key} wrap align="baseline">
                            <Form.Item name={[x.name, 'value']} rules={[{ required: true }]}>
                              <Input placeholder={t('cat.optValue')} style={{ width: 100 }} />
                            </Form.Item>
                            <Form.Item name={[x.name, 'label']} rules={[{ required: true }]}>
                              <Input placeholder={t('cat.optLabel')} style={{ width: 120 }} />
                            </Form.Item>
                            <Form.Item name={[x.name, 'once']}>
                              <InputNumber min={0} placeholder={t('cat.optOnce')} style={{ width: 150 }} />
                            </Form.Item>
                            <Form.Item name={[x.name, 'monthly']}>
                              <InputNumber min={0} placeholder={t('cat.optMonthly')} style={{ width: 150 }} />
                            </Form.Item>
                            <MinusCircleOutlined onClick={() => o.remove(x.name)} />
                          </Space>
                        ))}
                        <Button size="small" type="dashed" onClick={() => o.add({})} icon={<PlusOutlined />}>
                          {t('cat.addOpt')}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
            </Card>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

function OfferDrawer({
  value,
  onClose,
}: {
  value: { product: Product; offer: Offer | null } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const m = useCatalogMutations();
  const products = useProducts({ page: 1, pageSize: 200 });
  const p = value?.product;
  const o = value?.offer ?? null;
  const codes = (products.data?.items ?? []).map((x) => ({ value: x.code, label: x.name }));
  const save = (v: {
    code: string;
    name: string;
    description?: string;
    fixed: Record<string, string | undefined>;
    once: number;
    monthly: number;
    contractMonths: number;
    requires?: string[];
    excludes?: string[];
  }) => {
    const fixedSpecs: Record<string, string> = {};
    for (const [k, x] of Object.entries(v.fixed ?? {})) if (x) fixedSpecs[k] = x;
    const body = {
      name: v.name,
      description: v.description ?? '',
      fixedSpecs,
      oneTimeFen: fen(v.once),
      monthlyFen: fen(v.monthly),
      contractMonths: v.contractMonths ?? 0,
      requires: v.requires ?? [],
      excludes: v.excludes ?? [],
    };
    const opts = {
      onSuccess: () => {
        toastSuccess(t('common.saved'));
        onClose();
      },
      onError: (e: unknown) => {
        if (!applyFieldErrors(form, e)) toastError(e);
      },
    };
    if (o) m.updateOffer.mutate({ id: o.id, ...body }, opts);
    else m.createOffer.mutate({ ...body, productId: p!.id, code: v.code }, opts);
  };
  return (
    <Drawer
      open={!!value}
      onClose={onClose}
      size={560}
      destroyOnHidden
      title={o ? `${t('cat.editOffer')} · ${o.name} v${o.version}` : `${t('cat.newOffer')} · ${p?.name ?? ''}`}
      extra={
        <Button
          type="primary"
          loading={m.createOffer.isPending || m.updateOffer.isPending}
          onClick={() => form.submit()}
        >
          {t('common.save')}
        </Button>
      }
    >
      {o?.status === 'published' ? (
        <Alert type="info" showIcon title={t('cat.editPublishedHint')} style={{ marginBottom: 12 }} />
      ) : null}
      {p ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={
            o
              ? { ...o, fixed: o.fixedSpecs, once: yuan(o.oneTimeFen), monthly: yuan(o.monthlyFen) }
              : { contractMonths: 0, once: 0, monthly: 0, fixed: {}, requires: [], excludes: [] }
          }
        >
          <Space wrap>
            <Form.Item name="code" label={t('cat.code')} required rules={[zodRule(CODE)]}>
              <Input disabled={!!o} className="mono" style={{ width: 200 }} data-testid="cat-offer-code" />
            </Form.Item>
            <Form.Item name="name" label={t('cat.name')} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={60} style={{ width: 260 }} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t('cat.description')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Card size="small" title={t('cat.fixedSpecs')} style={{ marginBottom: 12 }}>
            {p.attributes.map((a) => (
              <Form.Item key={a.key} name={['fixed', a.key]} label={a.label}>
                <Select
                  allowClear
                  placeholder={t('cat.any')}
                  options={a.options.map((x) => ({ value: x.value, label: x.label }))}
                  style={{ width: 220 }}
                />
              </Form.Item>
            ))}
          </Card>
          <Space wrap>
            <Form.Item name="monthly" label={t('cat.monthly')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="once" label={t('cat.oneTime')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="contractMonths" label={t('cat.contractMonths')}>
              <InputNumber min={0} max={120} style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Form.Item name="requires" label={t('cat.requires')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={codes} />
          </Form.Item>
          <Form.Item name="excludes" label={t('cat.excludes')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={codes} />
          </Form.Item>
        </Form>
      ) : null}
    </Drawer>
  );
}
