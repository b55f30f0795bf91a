import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import {
  BUSINESS_CATEGORY_INFO,
  CIRCUIT_LEVEL_LABELS,
  CUSTOMER_LEVEL_LABELS,
  SLA_CLOCKS,
  SLA_STAGE_LABELS,
  SLA_STAGES,
  SLA_UNITS,
  SlaPolicySchema,
  type BusinessCategory,
  type CircuitLevel,
  type CustomerLevel,
  type SlaLimit,
  type SlaPolicy,
  type SlaStage,
} from '@paidan/shared';
import { toastError, toastSuccess } from '../../api/feedback';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { useIsPhone } from '../../lib/use-media';
import { usePolicies, useSavePolicies } from './config.api';
import { stageLimitProblem, type StageValues } from './stage-limit';

const UNIT_KEYS: Record<SlaLimit['unit'], MsgKey> = {
  minutes: 'cfg.unit.minutes',
  hours: 'cfg.unit.hours',
  working_days: 'cfg.unit.working_days',
};
const CLOCK_KEYS: Record<SlaLimit['clock'], MsgKey> = { '24x7': 'cfg.clock.24x7', business: 'cfg.clock.business' };

export function useLimitText() {
  const { t } = useI18n();
  return (l: SlaLimit | null) => (l ? `${l.amount} ${t(UNIT_KEYS[l.unit])} · ${t(CLOCK_KEYS[l.clock])}` : '—');
}

/** The SLA table of 004 as data: see every row, edit a row's limits in a drawer, save the whole table. */
export function SlaPolicyTab({ readOnly }: { readOnly: boolean }) {
  const { t, l } = useI18n();
  const isPhone = useIsPhone();
  const q = usePolicies();
  const save = useSavePolicies();
  const limitText = useLimitText();
  const [draft, setDraft] = useState<SlaPolicy[] | null>(null);
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const [kind, setKind] = useState<'all' | 'fault' | 'request'>('all');
  const [search, setSearch] = useState('');
  const rows = draft ?? q.data ?? [];
  const changed = useMemo(() => {
    if (!draft || !q.data) return 0;
    const before = new Map(q.data.map((p) => [p.id, JSON.stringify(p)]));
    return draft.filter((p) => before.get(p.id) !== JSON.stringify(p)).length;
  }, [draft, q.data]);

  const anyLabel = t('cfg.any');
  const level = (v: SlaPolicy['level']) => (v === 'any' ? anyLabel : l(CUSTOMER_LEVEL_LABELS[v as CustomerLevel]));
  const cat = (v: SlaPolicy['category']) => (v === 'any' ? anyLabel : l(BUSINESS_CATEGORY_INFO[v as BusinessCategory]));
  const circ = (v: SlaPolicy['circuitLevel']) => (v === 'any' ? anyLabel : l(CIRCUIT_LEVEL_LABELS[v as CircuitLevel]));

  const shown = rows.filter(
    (p) =>
      (kind === 'all' || p.kind === kind) &&
      (!search || `${p.id} ${p.name} ${cat(p.category)} ${p.source}`.toLowerCase().includes(search.toLowerCase())),
  );

  const columns: ColumnsType<SlaPolicy> = [
    {
      title: t('cfg.policy'),
      dataIndex: 'name',
      fixed: isPhone ? undefined : 'left',
      render: (v: string, p) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary" className="mono tk-small">
            {p.id}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('cfg.kind'),
      dataIndex: 'kind',
      render: (v: SlaPolicy['kind']) => (
        <Tag color={v === 'fault' ? 'volcano' : 'blue'}>{t(`cfg.kind.${v}` as MsgKey)}</Tag>
      ),
    },
    { title: t('cfg.level'), dataIndex: 'level', render: level },
    { title: t('cfg.category'), dataIndex: 'category', render: cat },
    { title: t('cfg.circuit'), dataIndex: 'circuitLevel', render: circ },
    ...SLA_STAGES.map((s) => ({
      title: l(SLA_STAGE_LABELS[s]),
      key: s,
      render: (_: unknown, p: SlaPolicy) => <span className="cfg-limit">{limitText(p.limits[s])}</span>,
    })),
    {
      title: t('cfg.source'),
      dataIndex: 'source',
      render: (v: string) => (
        <Typography.Text type="secondary" ellipsis={{ tooltip: v }} className="cfg-source">
          {v}
        </Typography.Text>
      ),
    },
  ];
  if (!readOnly) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      render: (_: unknown, p) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing(p)}
          data-testid="policy-edit"
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  const saveAll = () =>
    draft &&
    save.mutate(draft, {
      onSuccess: () => {
        setDraft(null);
        toastSuccess(t('cfg.saved'));
      },
      onError: toastError,
    });

  return (
    <>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <div className="cfg-toolbar">
        <Space wrap>
          <Segmented
            value={kind}
            onChange={(v) => setKind(v as typeof kind)}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'fault', label: t('cfg.kind.fault') },
              { value: 'request', label: t('cfg.kind.request') },
            ]}
          />
          <Input.Search allowClear placeholder={t('cfg.policySearch')} onSearch={setSearch} className="cfg-search" />
        </Space>
        {readOnly ? null : (
          <Space wrap>
            <Button icon={<UndoOutlined />} disabled={!changed} onClick={() => setDraft(null)}>
              {t('cfg.discard')}
            </Button>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!changed}
              loading={save.isPending}
              onClick={saveAll}
            >
              {t('cfg.saveAll')}
            </Button>
          </Space>
        )}
      </div>
      {changed ? (
        <Alert type="warning" showIcon className="cfg-alert" title={t('cfg.unsaved', { n: changed })} />
      ) : (
        <Typography.Paragraph type="secondary">{t('cfg.policyHint')}</Typography.Paragraph>
      )}
      <Table<SlaPolicy>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={shown}
        loading={q.isLoading}
        scroll={{ x: 'max-content' }}
        pagination={false}
        footer={() => t('common.total', { total: shown.length })}
        locale={{ emptyText: <Empty description={t('cfg.noPolicies')} /> }}
        data-testid="sla-policies"
      />
      {editing ? (
        <PolicyDrawer
          policy={editing}
          onClose={() => setEditing(null)}
          onApply={(p) => {
            setDraft(rows.map((x) => (x.id === p.id ? p : x)));
            setEditing(null);
          }}
        />
      ) : null}
    </>
  );
}

type DrawerValues = { name: string; source: string } & Record<SlaStage, StageValues>;

function PolicyDrawer({
  policy,
  onClose,
  onApply,
}: {
  policy: SlaPolicy;
  onClose: () => void;
  onApply: (p: SlaPolicy) => void;
}) {
  const { t, l, m } = useI18n();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<DrawerValues>();
  const initial: DrawerValues = {
    name: policy.name,
    source: policy.source,
    ...(Object.fromEntries(
      SLA_STAGES.map((s) => {
        const lim = policy.limits[s];
        return [s, lim ? { on: true, ...lim } : { on: false, amount: 1, unit: 'hours', clock: '24x7' }];
      }),
    ) as Record<SlaStage, StageValues>),
  };

  const apply = (v: DrawerValues) => {
    const limits = Object.fromEntries(
      SLA_STAGES.map((s) => [s, v[s].on ? { amount: v[s].amount, unit: v[s].unit, clock: v[s].clock } : null]),
    ) as SlaPolicy['limits'];
    const next = { ...policy, name: v.name.trim(), source: v.source.trim(), limits };
    const r = SlaPolicySchema.safeParse(next);
    if (!r.success) {
      form.setFields(
        r.error.issues.map((i) => {
          const [first, stage] = i.path as string[];
          return {
            name: (first === 'limits' && stage ? [stage, '_check'] : [first!]) as never,
            errors: [m(i.message)],
          };
        }),
      );
      return;
    }
    onApply(r.data);
  };

  return (
    <Drawer
      open
      title={t('cfg.editPolicy', { name: policy.name })}
      size={isPhone ? '100%' : 560}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => form.submit()} data-testid="policy-apply">
            {t('cfg.apply')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('cfg.applyHint')}</Typography.Paragraph>
      <Form<DrawerValues> form={form} layout="vertical" initialValues={initial} onFinish={apply}>
        <Form.Item
          name="name"
          label={t('cfg.policyName')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {SLA_STAGES.map((s) => (
          <StageRow key={s} stage={s} label={l(SLA_STAGE_LABELS[s])} />
        ))}
        <Form.Item name="source" label={t('cfg.source')}>
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function StageRow({ stage, label }: { stage: SlaStage; label: string }) {
  const { t, m } = useI18n();
  const form = Form.useFormInstance<DrawerValues>();
  const on = Form.useWatch([stage, 'on'], form);
  const check = {
    validator: async () => {
      const problem = stageLimitProblem(form.getFieldValue(stage) as StageValues | undefined);
      if (problem === 'amountRequired') throw new Error(t('cfg.amountRequired'));
      if (problem) throw new Error(m(problem.message));
    },
  };
  return (
    <div className="cfg-stage">
      <Space className="cfg-stage-head">
        <Typography.Text strong>{label}</Typography.Text>
        <Form.Item name={[stage, 'on']} valuePropName="checked" noStyle>
          <Switch size="small" checkedChildren={t('cfg.limited')} unCheckedChildren={t('cfg.noLimit')} />
        </Form.Item>
      </Space>
      {on ? (
        <Space.Compact block>
          <Form.Item name={[stage, 'amount']} noStyle rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={0.1} max={100000} step={1} style={{ width: '34%' }} aria-label={t('cfg.amount')} />
          </Form.Item>
          <Form.Item name={[stage, 'unit']} noStyle>
            <Select style={{ width: '33%' }} options={SLA_UNITS.map((u) => ({ value: u, label: t(UNIT_KEYS[u]) }))} />
          </Form.Item>
          <Form.Item name={[stage, 'clock']} noStyle>
            <Select style={{ width: '33%' }} options={SLA_CLOCKS.map((c) => ({ value: c, label: t(CLOCK_KEYS[c]) }))} />
          </Form.Item>
        </Space.Compact>
      ) : null}
      <Form.Item
        name={[stage, '_check']}
        rules={[check]}
        dependencies={[
          [stage, 'unit'],
          [stage, 'clock'],
          [stage, 'amount'],
          [stage, 'on'],
        ]}
        className="cfg-stage-check"
      >
        <span />
      </Form.Item>
    </div>
  );
}
