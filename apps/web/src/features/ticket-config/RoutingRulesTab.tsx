import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import {
  BUSINESS_CATEGORIES,
  BUSINESS_CATEGORY_INFO,
  CUSTOMER_LEVEL_LABELS,
  CUSTOMER_LEVELS,
  ORG_FUNCTIONS,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  ROUTING_STRATEGIES,
  ROUTING_TARGETS,
  RoutingRuleInputSchema,
  type RoutingRule,
  type RoutingRuleInput,
  type User,
} from '@paidan/shared';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastError, toastSuccess } from '../../api/feedback';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { useIsPhone } from '../../lib/use-media';
import { orgTreeSelectData, useOrgs } from '../orgs/org.api';
import { useDeleteRule, useRules, useSaveRule } from './config.api';
import { UserPicker } from './UserPicker';

const S = RoutingRuleInputSchema.shape;
const TARGET_KEYS: Record<RoutingRule['targetKind'], MsgKey> = {
  account_manager: 'cfg.rule.target.account_manager',
  district_function: 'cfg.rule.target.district_function',
  org: 'cfg.rule.target.org',
  user: 'cfg.rule.target.user',
};
const FUNCTION_KEYS: Record<(typeof ORG_FUNCTIONS)[number], MsgKey> = {
  account: 'cfg.fn.account',
  dispatch: 'cfg.fn.dispatch',
  field: 'cfg.fn.field',
  hotline: 'cfg.fn.hotline',
  monitoring: 'cfg.fn.monitoring',
};
const STRATEGY_KEYS: Record<RoutingRule['strategy'], MsgKey> = {
  queue: 'cfg.strategy.queue',
  round_robin: 'cfg.strategy.round_robin',
  least_loaded: 'cfg.strategy.least_loaded',
};

/** Dispatch rules, tried in order; the first that matches a new ticket decides where it goes. */
export function RoutingRulesTab({ readOnly }: { readOnly: boolean }) {
  const { t, l } = useI18n();
  const isPhone = useIsPhone();
  const { modal } = App.useApp();
  const q = useRules();
  const del = useDeleteRule();
  const orgs = useOrgs();
  const orgName = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const rules = [...(q.data ?? [])].sort((a, b) => a.position - b.position);
  const userIds = [...new Set(rules.map((r) => r.targetUserId).filter((x): x is number => !!x))];
  const users = useQueries({
    queries: userIds.map((id) => ({
      queryKey: ['users', 'one', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<User>(`/users/${id}`, undefined, signal),
      staleTime: 5 * 60_000,
    })),
  });
  const userName = new Map(users.flatMap((u) => (u.data ? [[u.data.id, u.data.displayName] as const] : [])));

  const list = (values: string[], label: (v: string) => string) =>
    values.length ? (
      <div className="cfg-tags">
        {values.map((v) => (
          <Tag key={v}>{label(v)}</Tag>
        ))}
      </div>
    ) : (
      <Typography.Text type="secondary">{t('cfg.any')}</Typography.Text>
    );

  const target = (r: RoutingRule) => {
    const kind = t(TARGET_KEYS[r.targetKind]);
    const what =
      r.targetKind === 'district_function' && r.targetFunction
        ? t(FUNCTION_KEYS[r.targetFunction])
        : r.targetKind === 'org' && r.targetOrgId
          ? (orgName.get(r.targetOrgId) ?? `#${r.targetOrgId}`)
          : r.targetKind === 'user' && r.targetUserId
            ? (userName.get(r.targetUserId) ?? `#${r.targetUserId}`)
            : null;
    return (
      <Space orientation="vertical" size={0}>
        <span>
          {kind}
          {what ? ` · ${what}` : ''}
        </span>
        {r.targetKind === 'org' || r.targetKind === 'district_function' ? (
          <Typography.Text type="secondary" className="tk-small">
            {t(STRATEGY_KEYS[r.strategy])}
          </Typography.Text>
        ) : null}
      </Space>
    );
  };

  const remove = (r: RoutingRule) =>
    modal.confirm({
      title: t('cfg.rule.deleteTitle', { name: r.name }),
      content: t('cfg.rule.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        del
          .mutateAsync(r.id)
          .then(() => toastSuccess(t('common.deleted')))
          .catch(() => undefined),
    });

  const columns: ColumnsType<RoutingRule> = [
    { title: t('cfg.rule.position'), dataIndex: 'position', width: 72 },
    {
      title: t('cfg.rule.name'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Typography.Text strong>{v}</Typography.Text>
          {r.active ? null : <Tag>{t('cfg.rule.inactive')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('cfg.rule.types'),
      dataIndex: 'requestTypes',
      render: (v: RoutingRule['requestTypes']) =>
        list(v, (x) => l(REQUEST_TYPE_LABELS[x as RoutingRule['requestTypes'][number]])),
    },
    {
      title: t('cfg.rule.conditions'),
      key: 'cond',
      render: (_: unknown, r) => (
        <Space size={[4, 4]} wrap>
          {r.businessCategories.map((c) => (
            <Tag key={c} color="blue">
              {l(BUSINESS_CATEGORY_INFO[c])}
            </Tag>
          ))}
          {r.customerLevels.map((c) => (
            <Tag key={c} color="purple">
              {l(CUSTOMER_LEVEL_LABELS[c])}
            </Tag>
          ))}
          {r.productPattern ? <Tag color="cyan">{t('cfg.rule.productLike', { p: r.productPattern })}</Tag> : null}
          {r.districtOrgId ? <Tag color="geekblue">{orgName.get(r.districtOrgId) ?? `#${r.districtOrgId}`}</Tag> : null}
          {!r.businessCategories.length && !r.customerLevels.length && !r.productPattern && !r.districtOrgId ? (
            <Typography.Text type="secondary">{t('cfg.any')}</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('cfg.rule.target'), key: 'target', render: (_: unknown, r) => target(r) },
  ];
  if (!readOnly) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      render: (_: unknown, r) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
            {t('common.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={() => remove(r)}
            data-testid="rule-delete"
          >
            {t('common.delete')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <div className="cfg-toolbar">
        <Typography.Paragraph type="secondary" className="cfg-hint">
          {t('cfg.rule.hint')}
        </Typography.Paragraph>
        {readOnly ? null : (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-create">
            {t('cfg.rule.create')}
          </Button>
        )}
      </div>
      <Table<RoutingRule>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rules}
        loading={q.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.active ? '' : 'cfg-row-inactive')}
        locale={{ emptyText: <Empty description={t('cfg.rule.empty')} /> }}
        data-testid="routing-rules"
      />
      {editing ? (
        <RuleDrawer
          rule={editing === 'new' ? null : editing}
          nextPosition={(rules.at(-1)?.position ?? 0) + 10}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function RuleDrawer({
  rule,
  nextPosition,
  onClose,
}: {
  rule: RoutingRule | null;
  nextPosition: number;
  onClose: () => void;
}) {
  const { t, l } = useI18n();
  const isPhone = useIsPhone();
  const { notification } = App.useApp();
  const [form] = Form.useForm<RoutingRuleInput>();
  const save = useSaveRule();
  const orgs = useOrgs();
  const orgTree = useMemo(() => orgTreeSelectData(orgs.data ?? []), [orgs.data]);
  const districtTree = useMemo(() => orgTreeSelectData(orgs.data ?? [], (o) => o.type === 'district'), [orgs.data]);
  const kind = Form.useWatch('targetKind', form);
  const initial: RoutingRuleInput = rule ?? {
    position: nextPosition,
    name: '',
    requestTypes: [],
    businessCategories: [],
    productPattern: null,
    customerLevels: [],
    districtOrgId: null,
    targetKind: 'org',
    targetFunction: null,
    targetOrgId: null,
    targetUserId: null,
    strategy: 'queue',
    active: true,
  };

  const submit = (v: RoutingRuleInput) => {
    const input = {
      ...initial,
      ...v,
      name: v.name?.trim(),
      productPattern: v.productPattern?.trim() || null,
      districtOrgId: v.districtOrgId ?? null,
      targetFunction: v.targetKind === 'district_function' ? (v.targetFunction ?? null) : null,
      targetOrgId: v.targetKind === 'org' ? (v.targetOrgId ?? null) : null,
      targetUserId: v.targetKind === 'user' ? (v.targetUserId ?? null) : null,
    };
    save.mutate(
      { id: rule?.id ?? null, version: rule?.version, input },
      {
        onSuccess: () => {
          toastSuccess(rule ? t('common.saved') : t('common.created'));
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            notification.warning({ title: err.message, description: t('cfg.rule.conflict') });
            onClose();
            return;
          }
          applyFieldErrors(form, err);
          toastError(err);
        },
      },
    );
  };

  return (
    <Drawer
      open
      title={rule ? t('cfg.rule.edit', { name: rule.name }) : t('cfg.rule.create')}
      size={isPhone ? '100%' : 560}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="rule-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<RoutingRuleInput> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Space.Compact block>
          <Form.Item
            name="position"
            label={t('cfg.rule.position')}
            rules={[zodRule(S.position)]}
            style={{ width: 110 }}
          >
            <InputNumber min={0} max={10000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="name" label={t('cfg.rule.name')} required rules={[zodRule(S.name)]} style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
        </Space.Compact>
        <Typography.Title level={5} className="tk-section">
          {t('cfg.rule.when')}
        </Typography.Title>
        <Form.Item name="requestTypes" label={t('cfg.rule.types')} extra={t('cfg.rule.emptyMeansAny')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={REQUEST_TYPES.map((x) => ({ value: x, label: l(REQUEST_TYPE_LABELS[x]) }))}
          />
        </Form.Item>
        <Form.Item name="businessCategories" label={t('cfg.rule.categories')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={BUSINESS_CATEGORIES.map((x) => ({ value: x, label: l(BUSINESS_CATEGORY_INFO[x]) }))}
          />
        </Form.Item>
        <Form.Item name="customerLevels" label={t('cfg.rule.levels')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={CUSTOMER_LEVELS.map((x) => ({ value: x, label: l(CUSTOMER_LEVEL_LABELS[x]) }))}
          />
        </Form.Item>
        <Form.Item name="productPattern" label={t('cfg.rule.product')} extra={t('cfg.rule.productHint')}>
          <Input maxLength={60} allowClear />
        </Form.Item>
        <Form.Item name="districtOrgId" label={t('cfg.rule.district')}>
          <TreeSelect
            treeData={districtTree}
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('cfg.any')}
          />
        </Form.Item>
        <Typography.Title level={5} className="tk-section">
          {t('cfg.rule.then')}
        </Typography.Title>
        <Form.Item name="targetKind" label={t('cfg.rule.targetKind')} required>
          <Radio.Group
            optionType="button"
            options={ROUTING_TARGETS.map((x) => ({ value: x, label: t(TARGET_KEYS[x]) }))}
            className="cfg-target-kind"
          />
        </Form.Item>
        {kind === 'account_manager' ? (
          <Typography.Paragraph type="secondary">{t('cfg.rule.amHint')}</Typography.Paragraph>
        ) : null}
        {kind === 'district_function' ? (
          <Form.Item
            name="targetFunction"
            label={t('cfg.rule.function')}
            rules={[{ required: true, message: t('form.required') }]}
            extra={t('cfg.rule.functionHint')}
          >
            <Select options={ORG_FUNCTIONS.map((x) => ({ value: x, label: t(FUNCTION_KEYS[x]) }))} />
          </Form.Item>
        ) : null}
        {kind === 'org' ? (
          <Form.Item
            name="targetOrgId"
            label={t('cfg.rule.targetOrg')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <TreeSelect treeData={orgTree} showSearch={{ treeNodeFilterProp: 'title' }} loading={orgs.isLoading} />
          </Form.Item>
        ) : null}
        {kind === 'user' ? (
          <Form.Item
            name="targetUserId"
            label={t('cfg.rule.targetUser')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <UserPicker />
          </Form.Item>
        ) : null}
        <Form.Item
          name="strategy"
          label={t('cfg.rule.strategy')}
          hidden={kind !== 'org' && kind !== 'district_function'}
        >
          <Select options={ROUTING_STRATEGIES.map((x) => ({ value: x, label: t(STRATEGY_KEYS[x]) }))} />
        </Form.Item>
        <Form.Item name="active" label={t('cfg.rule.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
