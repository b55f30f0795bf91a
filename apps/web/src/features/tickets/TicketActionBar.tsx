import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Rate, Select, Space, TreeSelect, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import {
  ROLE_LABELS,
  TICKET_ACTION_LABELS,
  type Role,
  type TicketAction,
  type TicketAssignee,
  type TicketDetail,
} from '@paidan/shared';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { orgTreeSelectData, useOrgs } from '../orgs/org.api';
import {
  actionForm,
  actionNeeds,
  CONFIRM_ACTIONS,
  DANGER_ACTIONS,
  PRIMARY_ACTIONS,
  textField,
  textMax,
  textRequired,
  useRunAction,
} from './ticket-actions';
import type { ActionBody } from './ticket.api';
import { AttachmentUpload } from './AttachmentUpload';

export const RATING_KEYS: MsgKey[] = ['tk.rate.1', 'tk.rate.2', 'tk.rate.3', 'tk.rate.4', 'tk.rate.5'];

/** Label of the text box an action asks for. */
export function textLabelKey(action: TicketAction): MsgKey {
  const known: Partial<Record<TicketAction, MsgKey>> = {
    resolve: 'tk.act.text.resolve',
    note: 'tk.act.text.note',
    reject_back: 'tk.act.text.reject_back',
    suspend: 'tk.act.text.suspend',
    escalate: 'tk.act.text.escalate',
    urge: 'tk.act.text.urge',
    withdraw: 'tk.act.text.withdraw',
    reopen: 'tk.act.text.reopen',
    archive: 'tk.act.text.archive',
  };
  return known[action] ?? 'tk.act.text.reason';
}

/** Explanation shown above an action's input, or in its confirmation. */
export function actionHintKey(action: TicketAction): MsgKey | null {
  const known: Partial<Record<TicketAction, MsgKey>> = {
    withdraw: 'tk.act.hint.withdraw',
    pull_back: 'tk.act.hint.pull_back',
    confirm: 'tk.act.hint.confirm',
    archive: 'tk.act.hint.archive',
    urge: 'tk.act.hint.urge',
    reopen: 'tk.act.hint.reopen',
    suspend: 'tk.act.hint.suspend',
    reject_back: 'tk.act.hint.reject_back',
    escalate: 'tk.act.hint.escalate',
    resolve: 'tk.act.hint.resolve',
    copy: 'tk.act.hint.copy',
  };
  return known[action] ?? null;
}

/** The buttons of the actions allowed now (and only those); each opens what it needs. */
export function TicketActionBar({ ticket, exclude = [] }: { ticket: TicketDetail; exclude?: TicketAction[] }) {
  const { t, l } = useI18n();
  const me = useMe();
  const { modal } = App.useApp();
  const { run, pending } = useRunAction(ticket);
  const [open, setOpen] = useState<TicketAction | null>(null);
  const actions = ticket.allowedActions.filter((a) => !exclude.includes(a));
  const sorted = [...actions].sort((a, b) => Number(PRIMARY_ACTIONS.includes(b)) - Number(PRIMARY_ACTIONS.includes(a)));

  const click = (action: TicketAction) => {
    const needs = actionNeeds(ticket.status, action, me.role);
    const form = actionForm(action, needs);
    const label = l(TICKET_ACTION_LABELS[action]);
    if (form !== 'none') {
      setOpen(action);
      return;
    }
    if (CONFIRM_ACTIONS.includes(action)) {
      const hint = actionHintKey(action);
      modal.confirm({
        title: t('tk.act.confirmTitle', { action: label }),
        content: hint ? t(hint) : undefined,
        okText: label,
        cancelText: t('common.cancel'),
        okButtonProps: { danger: DANGER_ACTIONS.includes(action), 'data-testid': 'action-confirm-ok' },
        onOk: () => run({ action }, t('tk.act.done', { action: label })),
      });
      return;
    }
    void run({ action }, t('tk.act.done', { action: label }));
  };

  if (!actions.length) return null;
  return (
    <>
      <Space wrap size={8}>
        {sorted.map((a) => (
          <Button
            key={a}
            type={PRIMARY_ACTIONS.includes(a) ? 'primary' : 'default'}
            danger={DANGER_ACTIONS.includes(a)}
            loading={pending && open === null}
            onClick={() => click(a)}
            data-testid={`action-${a}`}
          >
            {l(TICKET_ACTION_LABELS[a])}
          </Button>
        ))}
      </Space>
      {open ? <ActionModal ticket={ticket} action={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

interface ModalValues {
  text?: string;
  targetOrgId?: number;
  targetUserId?: number;
  copyOrgIds?: number[];
  rating?: number;
  comment?: string;
}

function ActionModal({ ticket, action, onClose }: { ticket: TicketDetail; action: TicketAction; onClose: () => void }) {
  const { t, l } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<ModalValues>();
  const { run, pending } = useRunAction(ticket);
  const needs = actionNeeds(ticket.status, action, me.role);
  const kind = actionForm(action, needs);
  const label = l(TICKET_ACTION_LABELS[action]);
  const orgs = useOrgs(kind === 'target' || kind === 'copy');
  const orgTree = useMemo(() => orgTreeSelectData(orgs.data ?? []), [orgs.data]);
  const targetOrgId = Form.useWatch('targetOrgId', form);
  const people = useQuery({
    queryKey: ['tickets', ticket.id, 'assignees', targetOrgId],
    queryFn: ({ signal }) =>
      api.get<TicketAssignee[]>(`/tickets/${ticket.id}/assignees`, { orgId: targetOrgId }, signal),
    enabled: kind === 'target' && !!targetOrgId,
  });
  const hint = actionHintKey(action);
  const field = textField(action);
  const required = textRequired(action, needs);
  const [attachmentIds, setAttachmentIds] = useState<number[]>([]);
  const [uploading, setUploading] = useState(false);

  const submit = async (v: ModalValues) => {
    const body: ActionBody = { action };
    if (attachmentIds.length) body.attachmentIds = attachmentIds;
    const text = v.text?.trim();
    if (text) body[field] = text;
    if (kind === 'target') {
      if (v.targetUserId) body.targetUserId = v.targetUserId;
      else if (v.targetOrgId) body.targetOrgId = v.targetOrgId;
    }
    if (kind === 'copy') body.copyOrgIds = v.copyOrgIds;
    if (kind === 'rating') {
      body.rating = v.rating;
      if (v.comment?.trim()) body.comment = v.comment.trim();
    }
    if (await run(body, t('tk.act.done', { action: label }))) onClose();
  };

  const textLabel = t(textLabelKey(action));
  return (
    <Modal
      open
      title={t('tk.act.modalTitle', { action: label, number: ticket.number })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={label}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      okButtonProps={{ danger: DANGER_ACTIONS.includes(action), disabled: uploading, 'data-testid': 'action-submit' }}
      destroyOnHidden
    >
      {hint ? (
        <Typography.Paragraph type="secondary" className="tk-modal-hint">
          {t(hint)}
        </Typography.Paragraph>
      ) : null}
      <Form<ModalValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        {kind === 'target' ? (
          <>
            <Form.Item
              name="targetOrgId"
              label={t('tk.act.targetOrg')}
              rules={[{ required: true, message: t('tk.act.targetRequired') }]}
              extra={orgs.isError ? t('tk.act.orgsUnavailable') : undefined}
            >
              <TreeSelect
                treeData={orgTree}
                loading={orgs.isLoading}
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll
                placeholder={t('tk.act.targetOrgPh')}
                onChange={() => form.setFieldValue('targetUserId', undefined)}
                data-testid="target-org"
              />
            </Form.Item>
            <Form.Item name="targetUserId" label={t('tk.act.targetUser')} extra={t('tk.act.targetUserHint')}>
              <Select
                allowClear
                disabled={!targetOrgId}
                loading={people.isFetching}
                placeholder={t('tk.act.targetUserPh')}
                data-testid="target-user"
                notFoundContent={targetOrgId && !people.isFetching ? t('tk.act.noAssignees') : undefined}
                options={(people.data ?? []).map((u) => ({
                  value: u.id,
                  label: `${u.displayName} · ${l(ROLE_LABELS[u.role as Role] ?? { zh: u.role, en: u.role })} · ${t('tk.act.load', { n: u.openTickets })}`,
                }))}
              />
            </Form.Item>
          </>
        ) : null}
        {kind === 'copy' ? (
          <Form.Item
            name="copyOrgIds"
            label={t('tk.act.copyOrgs')}
            rules={[{ required: true, message: t('tk.act.targetRequired') }]}
            extra={orgs.isError ? t('tk.act.orgsUnavailable') : undefined}
          >
            <TreeSelect
              treeData={orgTree}
              loading={orgs.isLoading}
              multiple
              treeCheckable
              showCheckedStrategy={TreeSelect.SHOW_ALL}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              placeholder={t('tk.act.targetOrgPh')}
            />
          </Form.Item>
        ) : null}
        {kind === 'rating' ? (
          <>
            <Form.Item
              name="rating"
              label={t('tk.rate.label')}
              rules={[{ required: true, message: t('tk.rate.required') }]}
            >
              <Rate tooltips={RATING_KEYS.map((k) => t(k))} className="tk-rate" />
            </Form.Item>
            <Form.Item name="comment" label={t('tk.rate.comment')}>
              <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 3 }} />
            </Form.Item>
          </>
        ) : null}
        {kind === 'text' || kind === 'target' ? (
          <Form.Item
            name="text"
            label={kind === 'target' ? t('tk.act.text.dispatch') : textLabel}
            rules={required ? [{ required: true, whitespace: true, message: t('tk.act.textRequired') }] : []}
            required={required}
          >
            <Input.TextArea
              maxLength={textMax(field)}
              showCount
              autoSize={{ minRows: 3, maxRows: 8 }}
              data-testid="action-text"
            />
          </Form.Item>
        ) : null}
        {kind === 'text' ? (
          <Form.Item label={t('tk.att.addToAction')} extra={t('tk.att.hint')}>
            <AttachmentUpload onChange={setAttachmentIds} onBusyChange={setUploading} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
