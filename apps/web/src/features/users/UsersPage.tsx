import { useMemo, useState } from 'react';
import {
  App,
  Badge,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { CreateUserSchema, isCustomerRole, ROLE_LABELS, ROLES, type Role, type User } from '@paidan/shared';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastError, toastSuccess } from '../../api/feedback';
import { useCan } from '../../auth/session';
import { FilterForm } from '../../components/FilterForm';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useListState } from '../../lib/use-list-state';
import { fmtDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/use-media';
import { orgTreeSelectData, useOrgs } from '../orgs/org.api';
import { useUserList, USERS_KEY, type UserFilters } from './user.api';
import { UserFormDrawer } from './UserFormDrawer';

export function UsersPage() {
  const { t, l } = useI18n();
  const can = useCan();
  const isPhone = useIsPhone();
  const writable = can('user.write');
  const qc = useQueryClient();
  const { modal, notification } = App.useApp();
  const [params] = useSearchParams();
  const initialOrg = Number(params.get('orgId')) || undefined;
  const listState = useListState<UserFilters>({ orgId: initialOrg });
  const [form] = Form.useForm<UserFilters>();
  const [editing, setEditing] = useState<User | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const list = useUserList(
    { ...listState.filters, page: listState.page, pageSize: listState.pageSize },
    listState.nonce,
  );
  const orgs = useOrgs();
  const orgTree = useMemo(() => orgTreeSelectData(orgs.data ?? []), [orgs.data]);
  const roleOptions = ROLES.map((r) => ({ value: r, label: l(ROLE_LABELS[r]) }));

  const setStatus = useMutation({
    mutationFn: (v: { user: User; status: User['status'] }) =>
      api.patch<User>(`/users/${v.user.id}`, { version: v.user.version, status: v.status }),
    meta: { manualError: true },
    onSuccess: (_u, v) => {
      toastSuccess(v.status === 'active' ? t('user.enabled') : t('user.disabledOk'));
      void qc.invalidateQueries({ queryKey: USERS_KEY });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        notification.warning({ title: err.message, description: t('user.conflict') });
        void qc.invalidateQueries({ queryKey: USERS_KEY });
      } else toastError(err);
    },
  });
  const confirmStatus = (u: User) => {
    const enable = u.status !== 'active';
    modal.confirm({
      title: enable ? t('user.enable') : t('user.disable'),
      content: enable
        ? t('user.enableConfirm', { name: u.displayName })
        : t('user.disableConfirm', { name: u.displayName }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: !enable },
      onOk: () => setStatus.mutateAsync({ user: u, status: enable ? 'active' : 'disabled' }).catch(() => undefined),
    });
  };

  const columns: ColumnsType<User> = [
    {
      title: t('user.displayName'),
      dataIndex: 'displayName',
      fixed: isPhone ? undefined : 'left',
      render: (v: string, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('user.role'),
      dataIndex: 'role',
      render: (r: Role) => (
        <Tag color={isCustomerRole(r) ? 'purple' : r === 'admin' ? 'red' : 'blue'}>{l(ROLE_LABELS[r])}</Tag>
      ),
    },
    {
      title: t('user.orgOrCustomer'),
      key: 'place',
      render: (_: unknown, u) => u.customerName ?? u.orgName ?? '—',
    },
    {
      title: t('user.phone'),
      dataIndex: 'phoneMasked',
      render: (v: string) => <span className="mono">{v || '—'}</span>,
    },
    {
      title: t('user.status'),
      dataIndex: 'status',
      render: (s: User['status']) =>
        s === 'active' ? (
          <Badge status="success" text={t('user.active')} />
        ) : (
          <Badge status="default" text={t('user.disabled')} />
        ),
    },
    { title: t('user.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => fmtDateTime(v) },
  ];
  if (writable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      render: (_: unknown, u) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setEditing(u);
              setDrawerOpen(true);
            }}
          >
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" danger={u.status === 'active'} onClick={() => confirmStatus(u)}>
            {u.status === 'active' ? t('user.disable') : t('user.enable')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetFor(u)}>
            {t('user.resetPassword')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <PageContainer
      page="users"
      subTitle={writable ? undefined : t('user.readOnly')}
      extra={
        writable ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="user-create"
            onClick={() => {
              setEditing(null);
              setDrawerOpen(true);
            }}
          >
            {t('user.create')}
          </Button>
        ) : null
      }
    >
      <FilterForm<UserFilters>
        form={form}
        initialValues={{ orgId: initialOrg }}
        onSearch={(v) => listState.search({ ...v, q: v.q?.trim() || undefined })}
        onReset={() => listState.search({})}
        fields={[
          <Form.Item key="q" name="q" label={t('common.keyword')}>
            <Input placeholder={t('user.qPh')} allowClear />
          </Form.Item>,
          <Form.Item key="role" name="role" label={t('user.role')}>
            <Select options={roleOptions} allowClear placeholder={t('common.all')} />
          </Form.Item>,
          <Form.Item key="orgId" name="orgId" label={t('user.org')}>
            <TreeSelect
              treeData={orgTree}
              allowClear
              placeholder={t('common.all')}
              showSearch={{ treeNodeFilterProp: 'title' }}
              loading={orgs.isLoading}
            />
          </Form.Item>,
          <Form.Item key="status" name="status" label={t('user.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'active', label: t('user.active') },
                { value: 'disabled', label: t('user.disabled') },
              ]}
            />
          </Form.Item>,
        ]}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card className="table-card">
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: <Empty description={writable ? t('user.empty') : t('user.emptyReadOnly')} />,
          }}
          pagination={listState.pagination(list.data?.total)}
        />
      </Card>
      <UserFormDrawer
        open={drawerOpen}
        user={editing}
        onClose={() => setDrawerOpen(false)}
        onReload={(fresh) => setEditing(fresh)}
      />
      <ResetPasswordModal user={resetFor} onClose={() => setResetFor(null)} />
    </PageContainer>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useMutation({
    mutationFn: (v: { password: string }) => api.post(`/users/${user?.id}/reset-password`, v),
    meta: { manualError: true },
    onSuccess: () => {
      toastSuccess(t('user.resetDone'));
      onClose();
    },
    onError: (err) => {
      applyFieldErrors(form, err);
      toastError(err);
    },
  });
  return (
    <Modal
      open={user !== null}
      title={user ? t('user.resetPasswordFor', { name: user.displayName }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('user.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v)} preserve={false}>
        <Form.Item
          name="password"
          label={t('user.newPassword')}
          required
          extra={t('pwd.rule')}
          rules={[zodRule(CreateUserSchema.shape.password)]}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
