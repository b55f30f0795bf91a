import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, InputNumber, Popconfirm, Select, Space, Switch, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  SIGNING_KIND_LABELS,
  SIGNING_KINDS,
  SIGNING_MODE_LABELS,
  SIGNING_MODES,
  type SigningModeRule,
} from '@paidan/shared';
import { toastError, toastSuccess } from '../../api/feedback';
import { useMe } from '../../auth/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { signingApi } from './signing.api';

const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
const fen = (y: number | null) => (y === null || y === undefined ? null : Math.round(y * 100));
const codes = (s: string) =>
  s
    .split(/[\s,，、]+/)
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);

/** Seed 000 table 1 as an editable table: order type, amount and products → signing mode. */
export function SigningRulesPage() {
  const { t, l } = useI18n();
  const me = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['signing', 'rules'], queryFn: () => signingApi.rules() });
  const [rows, setRows] = useState<SigningModeRule[]>([]);
  const [saving, setSaving] = useState(false);
  const editable = me.permissions.includes('signing.config');
  useEffect(() => {
    if (q.data) setRows(q.data.rules);
  }, [q.data]);
  const set = (i: number, patch: Partial<SigningModeRule>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const typeOpts = [
    { value: '', label: t('sg.rules.any_') },
    ...(['new', 'change', 'cancel'] as const).map((v) => ({ value: v, label: t(`sg.orderType.${v}`) })),
  ];
  return (
    <PageContainer
      page="signing-rules"
      title={t('sg.rules.title')}
      extra={
        editable ? (
          <Space>
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                setRows((rs) => [
                  ...rs,
                  {
                    priority: (rs.at(-1)?.priority ?? 0) + 10,
                    name: '',
                    kind: 'order',
                    orderType: null,
                    minAmountFen: null,
                    maxAmountFen: null,
                    anyProducts: [],
                    noneProducts: [],
                    mode: 'e_sign',
                    active: true,
                  },
                ])
              }
            >
              {t('sg.rules.add')}
            </Button>
            <Button
              type="primary"
              loading={saving}
              onClick={async () => {
                setSaving(true);
                try {
                  const next = await signingApi.putRules({
                    version: q.data!.version,
                    rules: rows.map(({ id: _id, ...r }) => r),
                  });
                  qc.setQueryData(['signing', 'rules'], next);
                  toastSuccess(t('common.saved'));
                } catch (e) {
                  toastError(e);
                } finally {
                  setSaving(false);
                }
              }}
            >
              {t('common.save')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Alert type="info" showIcon title={t('sg.rules.hint')} style={{ marginBottom: 16 }} />
      <Card className="table-card">
        <Table<SigningModeRule>
          rowKey={(r) => `${r.id ?? 'n'}-${r.priority}-${r.name}`}
          size="small"
          loading={q.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1300 }}
          columns={[
            {
              title: t('sg.rules.priority'),
              width: 90,
              render: (_, r, i) => (
                <InputNumber
                  size="small"
                  disabled={!editable}
                  value={r.priority}
                  min={0}
                  onChange={(v) => set(i, { priority: v ?? 0 })}
                />
              ),
            },
            {
              title: t('sg.rules.name'),
              width: 260,
              render: (_, r, i) => (
                <Input
                  size="small"
                  disabled={!editable}
                  value={r.name}
                  onChange={(e) => set(i, { name: e.target.value })}
                />
              ),
            },
            {
              title: t('sg.rules.kind'),
              width: 150,
              render: (_, r, i) => (
                <Select
                  size="small"
                  disabled={!editable}
                  style={{ width: 140 }}
                  value={r.kind ?? ''}
                  onChange={(v) => set(i, { kind: (v || null) as SigningModeRule['kind'] })}
                  options={[
                    { value: '', label: t('sg.rules.any_') },
                    ...SIGNING_KINDS.map((k) => ({ value: k, label: l(SIGNING_KIND_LABELS[k]) })),
                  ]}
                />
              ),
            },
            {
              title: t('sg.rules.orderType'),
              width: 100,
              render: (_, r, i) => (
                <Select
                  size="small"
                  disabled={!editable}
                  style={{ width: 90 }}
                  value={r.orderType ?? ''}
                  onChange={(v) => set(i, { orderType: (v || null) as SigningModeRule['orderType'] })}
                  options={typeOpts}
                />
              ),
            },
            {
              title: t('sg.rules.amount'),
              width: 200,
              render: (_, r, i) => (
                <Space size={4}>
                  <InputNumber
                    size="small"
                    disabled={!editable}
                    placeholder={t('sg.rules.min')}
                    value={yuan(r.minAmountFen)}
                    min={0}
                    onChange={(v) => set(i, { minAmountFen: fen(v) })}
                    style={{ width: 85 }}
                  />
                  <InputNumber
                    size="small"
                    disabled={!editable}
                    placeholder={t('sg.rules.max')}
                    value={yuan(r.maxAmountFen)}
                    min={0}
                    onChange={(v) => set(i, { maxAmountFen: fen(v) })}
                    style={{ width: 85 }}
                  />
                </Space>
              ),
            },
            {
              title: t('sg.rules.any'),
              width: 200,
              render: (_, r, i) => (
                <Input
                  size="small"
                  disabled={!editable}
                  value={r.anyProducts.join(', ')}
                  onChange={(e) => set(i, { anyProducts: codes(e.target.value) })}
                />
              ),
            },
            {
              title: t('sg.rules.none'),
              width: 160,
              render: (_, r, i) => (
                <Input
                  size="small"
                  disabled={!editable}
                  value={r.noneProducts.join(', ')}
                  onChange={(e) => set(i, { noneProducts: codes(e.target.value) })}
                />
              ),
            },
            {
              title: t('sg.mode'),
              width: 170,
              render: (_, r, i) => (
                <Select
                  size="small"
                  disabled={!editable}
                  style={{ width: 160 }}
                  value={r.mode}
                  onChange={(v) => set(i, { mode: v })}
                  options={SIGNING_MODES.map((m) => ({ value: m, label: l(SIGNING_MODE_LABELS[m]) }))}
                />
              ),
            },
            {
              title: t('sg.rules.active'),
              width: 70,
              render: (_, r, i) => (
                <Switch size="small" disabled={!editable} checked={r.active} onChange={(v) => set(i, { active: v })} />
              ),
            },
            {
              title: '',
              width: 50,
              render: (_, _r, i) =>
                editable ? (
                  <Popconfirm
                    title={t('common.delete')}
                    onConfirm={() => setRows((rs) => rs.filter((_x, j) => j !== i))}
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} />
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
