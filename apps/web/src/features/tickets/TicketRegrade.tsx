import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { ControlOutlined } from '@ant-design/icons';
import {
  BUSINESS_CATEGORIES,
  BUSINESS_CATEGORY_INFO,
  CIRCUIT_LEVEL_LABELS,
  CIRCUIT_LEVELS,
  FINAL_TICKET_STATUSES,
  TICKET_PRIORITIES,
  TICKET_PRIORITY_LABELS,
  UpdateTicketSchema,
  type Me,
  type TicketDetail,
} from '@paidan/shared';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastError, toastSuccess } from '../../api/feedback';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { ticketKey, useRegradeTicket, type RegradeBody } from './ticket.api';

const DESK = ['dispatcher', 'supervisor', 'admin'];

/** The server allows the desk, or whoever holds the ticket, while it is not closed. */
export function canRegrade(t: TicketDetail, me: Me): boolean {
  if (FINAL_TICKET_STATUSES.includes(t.status)) return false;
  if (DESK.includes(me.role)) return true;
  return t.assigneeUserId === me.id || (!t.assigneeUserId && !!t.assigneeOrgId && t.assigneeOrgId === me.orgId);
}

/** 调整等级: priority, business category or circuit level; deadlines are recomputed, elapsed time kept. */
export function TicketRegrade({ ticket }: { ticket: TicketDetail }) {
  const { t, l } = useI18n();
  const me = useMe();
  const qc = useQueryClient();
  const { notification } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<RegradeBody>();
  const regrade = useRegradeTicket(ticket);
  if (!canRegrade(ticket, me)) return null;

  const submit = (v: RegradeBody) => {
    const body: RegradeBody = { reason: v.reason?.trim() };
    if (v.priority && v.priority !== ticket.priority) body.priority = v.priority;
    if (v.businessCategory && v.businessCategory !== ticket.businessCategory)
      body.businessCategory = v.businessCategory;
    if (v.circuitLevel && v.circuitLevel !== ticket.circuitLevel) body.circuitLevel = v.circuitLevel;
    if (!body.priority && !body.businessCategory && !body.circuitLevel) {
      form.setFields([{ name: 'priority', errors: [t('tk.regrade.nothing')] }]);
      return;
    }
    regrade.mutate(body, {
      onSuccess: () => {
        toastSuccess(t('tk.regrade.done'));
        setOpen(false);
      },
      onError: (err) => {
        if (err instanceof ApiError && err.code === 'CONFLICT') {
          notification.warning({ title: err.message, description: t('tk.act.stale') });
          void qc.invalidateQueries({ queryKey: ticketKey(ticket.id) });
          setOpen(false);
          return;
        }
        applyFieldErrors(form, err);
        toastError(err);
      },
    });
  };

  return (
    <>
      <Button icon={<ControlOutlined />} onClick={() => setOpen(true)} data-testid="ticket-regrade">
        {t('tk.regrade.button')}
      </Button>
      <Modal
        open={open}
        title={t('tk.act.modalTitle', { action: t('tk.regrade.button'), number: ticket.number })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={regrade.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('tk.regrade.hint')}</Typography.Paragraph>
        <Form<RegradeBody>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            priority: ticket.priority,
            businessCategory: ticket.businessCategory ?? undefined,
            circuitLevel: ticket.circuitLevel ?? undefined,
          }}
          onFinish={submit}
        >
          <Form.Item name="priority" label={t('tk.f.priority')}>
            <Select options={TICKET_PRIORITIES.map((p) => ({ value: p, label: l(TICKET_PRIORITY_LABELS[p]) }))} />
          </Form.Item>
          <Form.Item name="businessCategory" label={t('tk.f.businessCategory')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={BUSINESS_CATEGORIES.map((c) => ({ value: c, label: l(BUSINESS_CATEGORY_INFO[c]) }))}
            />
          </Form.Item>
          <Form.Item name="circuitLevel" label={t('tk.f.circuitLevel')}>
            <Select allowClear options={CIRCUIT_LEVELS.map((c) => ({ value: c, label: l(CIRCUIT_LEVEL_LABELS[c]) }))} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('tk.regrade.reason')}
            required
            rules={[zodRule(UpdateTicketSchema.shape.reason)]}
          >
            <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
