import { useMemo, useState } from 'react';
import { Alert, Button, Card, Drawer, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined } from '@ant-design/icons';
import { PRODUCT_GROUPS, type AgentScopeEntry, type AgentScopeOptions, type ProductGroup } from '@paidan/shared';
import { toastError, toastSuccess } from '../../api/feedback';
import { applyFieldErrors } from '../../api/form';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useIsPhone } from '../../lib/use-media';
import { useListState } from '../../lib/use-list-state';
import { useAgentScopeOptions, useAgentScopes, useSaveAgentScope, type AgentScopeFilters } from './opportunity.api';
import { groupLabel } from './OpportunityTags';

type Region = AgentScopeOptions['regions'][number];

/** The hotline agents and the product groups and districts each grabs from; an empty choice means all. */
export function AgentScopesCard() {
  const { t } = useI18n();
  const isPhone = useIsPhone();
  const listState = useListState<AgentScopeFilters>({});
  const list = useAgentScopes(
    { ...listState.filters, page: listState.page, pageSize: listState.pageSize },
    listState.nonce,
  );
  const options = useAgentScopeOptions();
  const [editing, setEditing] = useState<AgentScopeEntry | null>(null);
  const [q, setQ] = useState('');
  const filtered = !!(listState.filters.q || listState.filters.orgId);

  const unlimited = <Tag className="opp-scope-any">{t('opp.scope.unlimited')}</Tag>;
  const columns: ColumnsType<AgentScopeEntry> = [
    {
      title: t('opp.scope.agent'),
      dataIndex: 'displayName',
      fixed: isPhone ? undefined : 'left',
      render: (v: string, r) => (
        <div className="opp-cell-main opp-scope-agent">
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary" className="opp-small mono">
            {r.username}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('opp.scope.org'), dataIndex: 'orgName', render: (v: string | null) => v ?? '—' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (v: AgentScopeEntry['status']) =>
        v === 'active' ? <Tag color="green">{t('user.active')}</Tag> : <Tag>{t('user.disabled')}</Tag>,
    },
    {
      title: t('opp.scope.groups'),
      dataIndex: 'groups',
      render: (v: ProductGroup[]) =>
        v.length ? (
          <Space size={[0, 4]} wrap>
            {v.map((g) => (
              <Tag key={g} color="blue">
                {groupLabel(t, g)}
              </Tag>
            ))}
          </Space>
        ) : (
          unlimited
        ),
    },
    {
      title: t('opp.scope.regions'),
      dataIndex: 'regions',
      render: (v: AgentScopeEntry['regions']) =>
        v.length ? (
          <Space size={[0, 4]} wrap className="opp-scope-regions">
            {v.map((r) => (
              <Tag key={r.id ?? r.name} color={r.id === null ? 'warning' : 'purple'}>
                {r.name}
              </Tag>
            ))}
          </Space>
        ) : (
          unlimited
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      render: (_: unknown, r) => (
        <Button
          type="link"
          icon={<EditOutlined />}
          onClick={() => setEditing(r)}
          data-testid={`scope-edit-${r.username}`}
        >
          {t('opp.scope.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Card title={t('opp.scope.title')} className="opp-scope-card">
      <Alert type="info" showIcon title={t('opp.scope.hint')} className="opp-scope-hint" />
      <div className="opp-scope-toolbar">
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => listState.search({ ...listState.filters, q: v.trim() || undefined })}
          placeholder={t('opp.scope.qPh')}
          aria-label={t('opp.scope.qPh')}
          data-testid="scope-search"
        />
        <Select
          allowClear
          value={listState.filters.orgId}
          onChange={(v?: number) => listState.search({ ...listState.filters, orgId: v })}
          placeholder={t('opp.scope.allOrgs')}
          aria-label={t('opp.scope.org')}
          options={(options.data?.orgs ?? []).map((o) => ({ value: o.id, label: o.name }))}
          loading={options.isLoading}
          data-testid="scope-org"
        />
      </div>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <div data-testid="scope-table">
        <Table<AgentScopeEntry>
          rowKey="userId"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching && !list.data}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: list.isError ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.loadFailed')} />
            ) : (
              <Empty description={filtered ? t('opp.scope.emptyFiltered') : t('opp.scope.empty')} />
            ),
          }}
          pagination={listState.pagination(list.data?.total)}
        />
      </div>
      {editing ? (
        <AgentScopeDrawer entry={editing} regions={options.data?.regions ?? []} onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}

interface ScopeValues {
  groups: ProductGroup[];
  regionIds: number[];
}

function AgentScopeDrawer({
  entry,
  regions,
  onClose,
}: {
  entry: AgentScopeEntry;
  regions: Region[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const isPhone = useIsPhone();
  const save = useSaveAgentScope();
  const [form] = Form.useForm<ScopeValues>();
  const initial: ScopeValues = {
    groups: entry.groups,
    regionIds: entry.regions.flatMap((r) => (r.id === null ? [] : [r.id])),
  };
  const groups = Form.useWatch('groups', form) ?? initial.groups;
  const regionIds = Form.useWatch('regionIds', form) ?? initial.regionIds;
  const gone = entry.regions.filter((r) => r.id === null);

  // districts grouped under their branch, searchable by name
  const regionOptions = useMemo(() => {
    const byParent = new Map<string, { value: number; label: string }[]>();
    for (const r of regions) {
      const key = r.parentName ?? '—';
      byParent.set(key, [...(byParent.get(key) ?? []), { value: r.id, label: r.name }]);
    }
    return [...byParent].map(([label, opts]) => ({ label, title: label, options: opts }));
  }, [regions]);

  const preview = t('opp.scope.preview', {
    groups: groups.length ? groups.map((g) => groupLabel(t, g)).join('、') : t('opp.scope.previewAllGroups'),
    regions: regionIds.length
      ? t('opp.scope.previewRegions', {
          regions: regionIds.map((id) => regions.find((r) => r.id === id)?.name ?? id).join('、'),
        })
      : t('opp.scope.previewAllRegions'),
  });

  const submit = (v: ScopeValues) =>
    save.mutate(
      { userId: entry.userId, body: { groups: v.groups ?? [], regionIds: v.regionIds ?? [] } },
      {
        onSuccess: () => {
          toastSuccess(t('opp.scope.saved', { name: entry.displayName }));
          onClose();
        },
        onError: (err) => {
          applyFieldErrors(form, err);
          toastError(err);
        },
      },
    );

  return (
    <Drawer
      open
      title={t('opp.scope.editTitle', { name: entry.displayName })}
      size={isPhone ? '100%' : 520}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="scope-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {entry.username}
        {entry.orgName ? ` · ${entry.orgName}` : ''}
      </Typography.Paragraph>
      {gone.length ? (
        <Alert
          type="warning"
          showIcon
          className="opp-scope-hint"
          title={t('opp.scope.gone', { names: gone.map((r) => r.name).join('、') })}
        />
      ) : null}
      <Form<ScopeValues> form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item name="groups" label={t('opp.scope.groups')} extra={t('opp.scope.emptyMeansAll')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('opp.scope.allGroups')}
            options={PRODUCT_GROUPS.map((g) => ({ value: g, label: groupLabel(t, g) }))}
            data-testid="scope-groups"
          />
        </Form.Item>
        <Form.Item name="regionIds" label={t('opp.scope.regions')} extra={t('opp.scope.regionsHint')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('opp.scope.allRegions')}
            options={regionOptions}
            data-testid="scope-regions"
          />
        </Form.Item>
      </Form>
      <Alert type="success" title={preview} data-testid="scope-preview" />
    </Drawer>
  );
}
