import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Pagination,
  Popconfirm,
  Segmented,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { InviteMemberSchema, ROLE_LABELS, type EnterpriseRole, type InviteMember, type Member } from '@paidan/shared';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastSuccess } from '../../api/feedback';
import { useMe } from '../../auth/session';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import {
  useInvitations,
  useInvite,
  useMembers,
  useRevokeInvitation,
  useUpdateMember,
} from '../onboarding/onboarding.api';
import '../onboarding/onboarding.css';

/** The customer_admin's colleagues: invite by phone, set roles, disable and enable; one list on phone and desk. */
export function MembersPage() {
  const { t, l } = useI18n();
  const me = useMe();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'all' | 'active' | 'disabled'>('all');
  const [page, setPage] = useState(1);
  const [inviting, setInviting] = useState(false);
  const list = useMembers({ page, pageSize: 20, q: q || undefined, status: status === 'all' ? undefined : status });
  const invitations = useInvitations();
  const update = useUpdateMember();
  const revoke = useRevokeInvitation();
  const other = (r: EnterpriseRole): EnterpriseRole => (r === 'customer_admin' ? 'customer_user' : 'customer_admin');

  const actions = (m: Member) =>
    m.id === me.id
      ? [<Tag key="me">{t('mb.you')}</Tag>]
      : [
          <Popconfirm
            key="role"
            title={t('mb.roleConfirm', { name: m.name, role: l(ROLE_LABELS[other(m.role)]) })}
            onConfirm={() =>
              update.mutate(
                { id: m.id, role: other(m.role), version: m.version },
                { onSuccess: () => toastSuccess(t('common.saved')) },
              )
            }
          >
            <Button size="small" data-testid={`role-${m.id}`}>
              {m.role === 'customer_admin' ? t('mb.makeUser') : t('mb.makeAdmin')}
            </Button>
          </Popconfirm>,
          m.status === 'active' ? (
            <Popconfirm
              key="st"
              title={t('mb.disableConfirm', { name: m.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                update.mutate(
                  { id: m.id, status: 'disabled', version: m.version },
                  { onSuccess: () => toastSuccess(t('common.saved')) },
                )
              }
            >
              <Button size="small" danger data-testid={`disable-${m.id}`}>
                {t('mb.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              key="st"
              size="small"
              onClick={() =>
                update.mutate(
                  { id: m.id, status: 'active', version: m.version },
                  { onSuccess: () => toastSuccess(t('common.saved')) },
                )
              }
            >
              {t('mb.enable')}
            </Button>
          ),
        ];

  return (
    <div className="ob-page" data-testid="members-page">
      <Card
        title={t('mb.title')}
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)} data-testid="invite-open">
            {t('mb.invite')}
          </Button>
        }
      >
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('mb.searchPh')} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
          <Segmented
            value={status}
            onChange={(v) => (setStatus(v as typeof status), setPage(1))}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'active', label: t('mb.active') },
              { value: 'disabled', label: t('mb.disabled') },
            ]}
          />
        </Space>
        {update.error ? (
          <Alert type="error" showIcon title={update.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        {list.isLoading ? (
          <Skeleton active />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <List
              dataSource={list.data!.items}
              locale={{ emptyText: <Empty description={t('mb.empty')} /> }}
              renderItem={(m) => (
                <List.Item data-testid={`member-${m.id}`}>
                  <div style={{ width: '100%' }}>
                    <div className="ob-member-row">
                      <Space wrap>
                        <b>{m.name}</b>
                        <Tag color={m.role === 'customer_admin' ? 'blue' : 'default'}>{l(ROLE_LABELS[m.role])}</Tag>
                        {m.status === 'disabled' ? <Tag color="red">{t('mb.disabled')}</Tag> : null}
                      </Space>
                      <Space wrap>{actions(m)}</Space>
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.phoneMasked} · {t('mb.lastLogin')} {m.lastLoginAt ? fmtDateTime(m.lastLoginAt) : '—'}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
            {list.data!.total > 20 ? (
              <Pagination
                size="small"
                current={page}
                total={list.data!.total}
                pageSize={20}
                onChange={setPage}
                style={{ marginTop: 12 }}
              />
            ) : null}
            <Typography.Text type="secondary">{t('common.total', { total: list.data!.total })}</Typography.Text>
          </>
        )}
      </Card>
      <Card title={t('mb.pending')}>
        <List
          loading={invitations.isLoading}
          dataSource={invitations.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          renderItem={(i) => (
            <List.Item
              actions={[
                <Popconfirm
                  key="r"
                  title={t('mb.revokeConfirm', { name: i.name })}
                  onConfirm={() => revoke.mutate(i.id)}
                >
                  <Button size="small">{t('mb.revoke')}</Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {i.name}
                    <Tag>{l(ROLE_LABELS[i.role])}</Tag>
                  </Space>
                }
                description={`${i.phoneMasked} · ${t('mb.expires', { at: fmtDateTime(i.expiresAt) })}`}
              />
            </List.Item>
          )}
        />
      </Card>
      <InviteModal open={inviting} onClose={() => setInviting(false)} />
    </div>
  );
}

function InviteModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, l } = useI18n();
  const [form] = Form.useForm<InviteMember>();
  const invite = useInvite();
  const s = InviteMemberSchema.shape;
  return (
    <Modal
      open={open}
      title={t('mb.invite')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={invite.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'invite-submit' }}
    >
      {invite.error && !applyFieldErrors(form, invite.error) ? (
        <Alert type="error" showIcon title={invite.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ role: 'customer_user' }}
        onFinish={(v) =>
          invite.mutate(v, {
            onSuccess: () => {
              toastSuccess(t('mb.invited'));
              onClose();
            },
          })
        }
      >
        <Form.Item name="name" label={t('mb.name')} rules={[zodRule(s.name)]}>
          <Input maxLength={30} data-testid="invite-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('mb.phone')} rules={[zodRule(s.phone)]}>
          <Input inputMode="numeric" maxLength={11} data-testid="invite-phone" />
        </Form.Item>
        <Form.Item name="role" label={t('mb.role')}>
          <Select
            options={(['customer_user', 'customer_admin'] as const).map((r) => ({
              value: r,
              label: l(ROLE_LABELS[r]),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
