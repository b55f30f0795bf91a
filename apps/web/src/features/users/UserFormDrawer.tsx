import { useEffect, useMemo } from 'react';
import { App, Button, Drawer, Form, Input, Select, Space, TreeSelect } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  CreateUserSchema,
  isCustomerRole,
  ROLE_LABELS,
  ROLES,
  UpdateUserSchema,
  type Role,
  type User,
} from '@paidan/shared';
import { api, ApiError } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastError, toastSuccess } from '../../api/feedback';
import { useI18n } from '../../i18n/i18n';
import { useIsPhone } from '../../lib/use-media';
import { orgTreeSelectData, useOrgs } from '../orgs/org.api';
import { CustomerSelect } from './CustomerSelect';
import { fetchUser, USERS_KEY } from './user.api';

interface Values {
  username?: string;
  displayName?: string;
  role?: Role;
  orgId?: number | null;
  customerId?: number | null;
  phone?: string;
  email?: string;
  password?: string;
}

const S = CreateUserSchema.shape;

/** Create (user === null) or edit a user. Edits carry the version; a 409 reloads the latest data. */
export function UserFormDrawer({
  open,
  user,
  onClose,
  onReload,
}: {
  open: boolean;
  user: User | null;
  onClose: () => void;
  /** someone else changed the user: edit on from this fresh copy */
  onReload: (fresh: User) => void;
}) {
  const { t, l } = useI18n();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const { notification } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgs = useOrgs(open);
  const role = Form.useWatch('role', form);
  const editing = user !== null;
  const customerSide = role ? isCustomerRole(role) : editing && isCustomerRole(user.role);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        displayName: user.displayName,
        role: user.role,
        orgId: user.orgId,
        customerId: user.customerId,
        email: user.email ?? '',
        phone: '',
      });
    }
  }, [open, user, form]);

  const roleOptions = useMemo(
    () =>
      ROLES.filter((r) => !editing || isCustomerRole(r) === isCustomerRole(user.role)).map((r) => ({
        value: r,
        label: l(ROLE_LABELS[r]),
      })),
    [editing, user, l],
  );
  const orgTree = useMemo(() => orgTreeSelectData(orgs.data ?? []), [orgs.data]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (!user) {
        const body = {
          username: v.username?.trim(),
          displayName: v.displayName?.trim(),
          role: v.role,
          orgId: customerSide ? null : (v.orgId ?? null),
          customerId: customerSide ? (v.customerId ?? null) : null,
          phone: v.phone?.trim(),
          email: v.email?.trim() ? v.email.trim() : null,
          password: v.password,
        };
        return api.post<User>('/users', body);
      }
      // only what changed, plus the version the edit started from
      const body: Record<string, unknown> = { version: user.version };
      if (v.displayName?.trim() !== user.displayName) body.displayName = v.displayName?.trim();
      if (v.role !== user.role) body.role = v.role;
      if (!customerSide && (v.orgId ?? null) !== user.orgId) body.orgId = v.orgId ?? null;
      if (v.phone?.trim()) body.phone = v.phone.trim();
      const email = v.email?.trim() ? v.email.trim() : null;
      if (email !== user.email) body.email = email;
      return api.patch<User>(`/users/${user.id}`, body);
    },
    meta: { manualError: true },
    onSuccess: () => {
      toastSuccess(editing ? t('common.saved') : t('common.created'));
      void qc.invalidateQueries({ queryKey: USERS_KEY });
      onClose();
    },
    onError: async (err) => {
      if (user && err instanceof ApiError && err.code === 'CONFLICT') {
        notification.warning({ title: err.message, description: t('user.conflict') });
        void qc.invalidateQueries({ queryKey: USERS_KEY });
        try {
          onReload(await fetchUser(user.id));
        } catch (e) {
          toastError(e);
        }
        return;
      }
      applyFieldErrors(form, err);
      toastError(err);
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? `${t('user.edit')} · ${user.username}` : t('user.create')}
      size={isPhone ? '100%' : 520}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="user-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} autoComplete="off">
        {editing ? null : (
          <Form.Item name="username" label={t('user.username')} required rules={[zodRule(S.username)]}>
            <Input maxLength={32} />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('user.displayName')} required rules={[zodRule(S.displayName)]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="role" label={t('user.role')} required rules={[zodRule(S.role)]}>
          <Select options={roleOptions} />
        </Form.Item>
        {customerSide ? (
          <Form.Item
            name="customerId"
            label={t('user.customer')}
            rules={editing ? [] : [{ required: true, message: t('form.required') }]}
          >
            {editing ? <Input disabled value={user.customerName ?? ''} /> : <CustomerSelect />}
          </Form.Item>
        ) : (
          <Form.Item name="orgId" label={t('user.org')} rules={[{ required: true, message: t('form.required') }]}>
            <TreeSelect
              treeData={orgTree}
              loading={orgs.isLoading}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              allowClear
            />
          </Form.Item>
        )}
        <Form.Item
          name="phone"
          label={t('user.phone')}
          required={!editing}
          rules={[zodRule(editing ? UpdateUserSchema.shape.phone : S.phone, { optional: editing })]}
        >
          <Input
            inputMode="numeric"
            maxLength={11}
            placeholder={editing ? t('user.phoneKeep', { masked: user.phoneMasked }) : undefined}
          />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('user.email')}
          rules={[zodRule(S.email.unwrap().unwrap(), { optional: true })]}
        >
          <Input maxLength={120} />
        </Form.Item>
        {editing ? null : (
          <Form.Item
            name="password"
            label={t('user.password')}
            required
            extra={t('pwd.rule')}
            rules={[zodRule(S.password)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
