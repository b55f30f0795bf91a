import { useMemo, useRef, useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CreateOrgSchema, ORG_CHILD_TYPE, ORG_TYPE_LABELS, UpdateOrgSchema, type Org } from '@paidan/shared';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastError, toastSuccess } from '../../api/feedback';
import { useCan } from '../../auth/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useIsPhone } from '../../lib/use-media';
import { buildOrgTree, ORG_TYPE_COLORS, ORGS_KEY, useOrgs, type OrgNode } from './org.api';

interface TreeItem {
  key: number;
  title: ReactNode;
  children?: TreeItem[];
}

type Dialog = { kind: 'add' | 'rename' | 'move'; org: Org } | null;

export function OrgsPage() {
  const { t, l } = useI18n();
  const can = useCan();
  const writable = can('org.write');
  const orgs = useOrgs();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const isPhone = useIsPhone();
  const detailRef = useRef<HTMLDivElement>(null);

  const list = useMemo(() => orgs.data ?? [], [orgs.data]);
  const byId = useMemo(() => new Map(list.map((o) => [o.id, o])), [list]);
  const tree = useMemo(() => buildOrgTree(list), [list]);
  const selected = selectedId !== null ? byId.get(selectedId) : tree[0]?.org;

  // Searching shows matching units with their ancestors, all expanded.
  const term = search.trim().toLowerCase();
  const filtered = useMemo(() => {
    if (!term) return tree;
    const keep = (n: OrgNode): OrgNode | null => {
      const kids = n.children.map(keep).filter((x): x is OrgNode => x !== null);
      const hit = n.org.name.toLowerCase().includes(term) || n.org.code.toLowerCase().includes(term);
      return hit || kids.length ? { org: n.org, children: kids } : null;
    };
    return tree.map(keep).filter((x): x is OrgNode => x !== null);
  }, [tree, term]);
  const defaultExpanded = useMemo(
    () => list.filter((o) => o.type === 'province' || o.type === 'city').map((o) => o.id),
    [list],
  );
  const allIds = (ns: OrgNode[]): number[] => ns.flatMap((n) => [n.org.id, ...allIds(n.children)]);

  const toTreeData = (ns: OrgNode[]): TreeItem[] =>
    ns.map((n) => ({
      key: n.org.id,
      title: (
        <span className="org-node">
          <span>{n.org.name}</span>
          <Tag color={ORG_TYPE_COLORS[n.org.type]} bordered={false} className="org-node-tag">
            {l(ORG_TYPE_LABELS[n.org.type])}
          </Tag>
          {n.org.userCount ? (
            <Typography.Text type="secondary" className="org-node-count">
              <TeamOutlined /> {n.org.userCount}
            </Typography.Text>
          ) : null}
        </span>
      ),
      children: n.children.length ? toTreeData(n.children) : undefined,
    }));

  const remove = useMutation({
    mutationFn: (o: Org) => api.del(`/orgs/${o.id}`),
    meta: { manualError: true },
    onSuccess: () => {
      toastSuccess(t('common.deleted'));
      setSelectedId(selected?.parentId ?? null);
      void qc.invalidateQueries({ queryKey: ORGS_KEY });
    },
  });
  const confirmDelete = (o: Org) =>
    modal.confirm({
      title: t('org.deleteConfirm', { name: o.name }),
      content: t('org.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(o).catch((err: unknown) => {
          if (err instanceof ApiError && err.code === 'ORG_HAS_CHILDREN') {
            modal.warning({
              title: t('page.forbidden'),
              content: t('org.hasChildren', { name: o.name }),
              okText: t('common.confirm'),
            });
          } else toastError(err);
        }),
    });

  const childType = selected ? ORG_CHILD_TYPE[selected.type] : null;
  const children = selected
    ? list.filter((o) => o.parentId === selected.id).sort((a, b) => a.code.localeCompare(b.code))
    : [];
  const ancestors = (o: Org): Org[] => {
    const chain: Org[] = [];
    let cur = o.parentId !== null ? byId.get(o.parentId) : undefined;
    while (cur) {
      chain.unshift(cur);
      cur = cur.parentId !== null ? byId.get(cur.parentId) : undefined;
    }
    return chain;
  };

  return (
    <PageContainer
      page="orgs"
      extra={
        writable && selected && childType ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add', org: selected })}>
            {t('org.addChild')}
          </Button>
        ) : null
      }
    >
      {orgs.isError ? <QueryError error={orgs.error} onRetry={() => void orgs.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Card title={t('org.tree')} className="org-tree-card">
            <Input.Search
              placeholder={t('org.searchPh')}
              allowClear
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {orgs.isLoading ? (
              <Skeleton active />
            ) : filtered.length ? (
              <Tree
                blockNode
                showLine
                treeData={toTreeData(filtered)}
                selectedKeys={selected ? [selected.id] : []}
                expandedKeys={term ? allIds(filtered) : (expanded ?? defaultExpanded)}
                onExpand={(keys) => setExpanded(keys as number[])}
                onSelect={(keys) => {
                  if (!keys.length) return;
                  setSelectedId(Number(keys[0]));
                  // on a phone the details sit below the tree
                  if (isPhone) setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth' }), 50);
                }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15} ref={detailRef}>
          <Card
            title={selected ? selected.name : t('common.detail')}
            extra={
              selected && writable ? (
                <Space wrap size={4}>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setDialog({ kind: 'rename', org: selected })}
                  >
                    {t('org.rename')}
                  </Button>
                  {selected.parentId !== null ? (
                    <Button
                      size="small"
                      icon={<SwapOutlined />}
                      onClick={() => setDialog({ kind: 'move', org: selected })}
                    >
                      {t('org.move')}
                    </Button>
                  ) : null}
                  {selected.parentId !== null ? (
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(selected)}>
                      {t('common.delete')}
                    </Button>
                  ) : null}
                </Space>
              ) : null
            }
          >
            {selected ? (
              <>
                <Descriptions
                  column={1}
                  size="small"
                  bordered
                  items={[
                    { key: 'name', label: t('org.name'), children: selected.name },
                    {
                      key: 'type',
                      label: t('org.type'),
                      children: <Tag color={ORG_TYPE_COLORS[selected.type]}>{l(ORG_TYPE_LABELS[selected.type])}</Tag>,
                    },
                    { key: 'code', label: t('org.code'), children: <span className="mono">{selected.code}</span> },
                    {
                      key: 'path',
                      label: t('org.path'),
                      children: [...ancestors(selected), selected].map((o) => o.name).join(' / '),
                    },
                    {
                      key: 'users',
                      label: t('org.userCount'),
                      children: can('user.read') ? (
                        <Link to={`/system/users?orgId=${selected.id}`}>{selected.userCount ?? 0}</Link>
                      ) : (
                        (selected.userCount ?? 0)
                      ),
                    },
                  ]}
                />
                <Typography.Title level={5} style={{ marginTop: 20 }}>
                  {t('org.children')}
                </Typography.Title>
                <Table<Org>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={children}
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: t('org.noChildren') }}
                  onRow={(o) => ({ onClick: () => setSelectedId(o.id), style: { cursor: 'pointer' } })}
                  columns={[
                    {
                      title: t('org.name'),
                      dataIndex: 'name',
                      render: (v: string) => <Typography.Link>{v}</Typography.Link>,
                    },
                    {
                      title: t('org.type'),
                      dataIndex: 'type',
                      render: (v: Org['type']) => <Tag color={ORG_TYPE_COLORS[v]}>{l(ORG_TYPE_LABELS[v])}</Tag>,
                    },
                    {
                      title: t('org.code'),
                      dataIndex: 'code',
                      render: (v: string) => <span className="mono">{v}</span>,
                    },
                    { title: t('org.userCount'), dataIndex: 'userCount', render: (v?: number) => v ?? 0 },
                  ]}
                />
                {!writable ? (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                    {t('org.readOnly')}
                  </Typography.Paragraph>
                ) : !childType ? (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                    {t('org.noChildType')}
                  </Typography.Paragraph>
                ) : null}
              </>
            ) : (
              <Empty description={t('org.selectHint')} />
            )}
          </Card>
        </Col>
      </Row>
      <OrgDialog dialog={dialog} orgs={list} onClose={() => setDialog(null)} onCreated={(o) => setSelectedId(o.id)} />
    </PageContainer>
  );
}

function OrgDialog({
  dialog,
  orgs,
  onClose,
  onCreated,
}: {
  dialog: Dialog;
  orgs: Org[];
  onClose: () => void;
  onCreated: (o: Org) => void;
}) {
  const { t, l } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name?: string; code?: string; parentId?: number }>();
  const save = useMutation({
    mutationFn: (v: { name?: string; code?: string; parentId?: number }) => {
      if (!dialog) throw new Error('no dialog');
      if (dialog.kind === 'add') return api.post<Org>('/orgs', { parentId: dialog.org.id, name: v.name, code: v.code });
      if (dialog.kind === 'rename') return api.patch<Org>(`/orgs/${dialog.org.id}`, { name: v.name });
      return api.patch<Org>(`/orgs/${dialog.org.id}`, { parentId: v.parentId });
    },
    meta: { manualError: true },
    onSuccess: (o) => {
      toastSuccess(
        dialog?.kind === 'add' ? t('common.created') : dialog?.kind === 'move' ? t('org.moved') : t('common.saved'),
      );
      void qc.invalidateQueries({ queryKey: ORGS_KEY });
      if (dialog?.kind === 'add') onCreated(o);
      onClose();
    },
    onError: (err) => {
      applyFieldErrors(form, err);
      toastError(err);
    },
  });

  if (!dialog) return null;
  const { org } = dialog;
  const childType = ORG_CHILD_TYPE[org.type];
  // A unit can move only under a unit one level up, and never into its own subtree.
  const parents = orgs.filter(
    (o) => ORG_CHILD_TYPE[o.type] === org.type && !`${o.path}`.startsWith(org.path) && o.id !== org.parentId,
  );
  const title =
    dialog.kind === 'add'
      ? t('org.addChildTo', { name: org.name, type: childType ? l(ORG_TYPE_LABELS[childType]) : '' })
      : dialog.kind === 'rename'
        ? t('org.rename')
        : t('org.moveTo', { name: org.name });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={dialog.kind === 'rename' ? { name: org.name } : {}}
        preserve={false}
      >
        {dialog.kind !== 'move' ? (
          <Form.Item
            name="name"
            label={t('org.name')}
            required
            rules={[zodRule(dialog.kind === 'add' ? CreateOrgSchema.shape.name : UpdateOrgSchema.shape.name.unwrap())]}
          >
            <Input autoFocus maxLength={60} />
          </Form.Item>
        ) : null}
        {dialog.kind === 'add' ? (
          <Form.Item
            name="code"
            label={t('org.code')}
            required
            rules={[zodRule(CreateOrgSchema.shape.code)]}
            normalize={(v: string) => v?.toUpperCase()}
          >
            <Input maxLength={32} className="mono" />
          </Form.Item>
        ) : null}
        {dialog.kind === 'move' ? (
          <Form.Item
            name="parentId"
            label={t('org.newParent')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <TreeSelect
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              treeData={parents.map((o) => ({ value: o.id, title: o.name }))}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
