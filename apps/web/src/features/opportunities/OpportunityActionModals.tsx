import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Radio, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { CALL_RESULTS, INVALID_REASONS, type OpportunityAction, type OpportunityDetail } from '@paidan/shared';
import { api, ApiError, type Page } from '../../api/client';
import { useI18n, type MsgKey } from '../../i18n/i18n';
import { useAccountManagers, useOpportunityAction } from './opportunity.api';

type FormAction = 'call' | 'mark_invalid' | 'dispatch' | 'feedback' | 'terminate' | 'decide_approval' | 'reassign';

/** The actions allowed now, as buttons; those that need input open a small form. */
export function OpportunityActionBar({ o }: { o: OpportunityDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const act = useOpportunityAction(o.id);
  const [open, setOpen] = useState<FormAction | null>(null);
  const [form] = Form.useForm();
  const ams = useAccountManagers(o.id, open === 'dispatch');
  const agents = useQuery({
    queryKey: ['users', 'hotline_agent'],
    queryFn: ({ signal }) =>
      api.get<Page<{ id: number; displayName: string }>>('/users', { role: 'hotline_agent', pageSize: 200 }, signal),
    enabled: open === 'reassign',
  });

  /**
   * Sends an action. `from` is the form it was submitted from (none for a plain button): only that form closes when
   * it succeeds, so a form opened while another action was still on its way stays open.
   */
  const run = async (path: string, body: object = {}, from: FormAction | null = null) => {
    try {
      await act.mutateAsync({ path, body: { version: o.version, ...body } });
      void message.success(t('opp.done'));
      if (from) {
        setOpen((current) => (current === from ? null : current));
        form.resetFields();
      }
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const has = (a: OpportunityAction) => o.actions.includes(a);
  const clean = (v: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));

  const submit = (v: Record<string, unknown>) => {
    switch (open) {
      case 'call':
        return run('calls', clean(v), open);
      case 'mark_invalid':
        return run('invalid', clean(v), open);
      case 'dispatch':
        return run('dispatch', clean(v), open);
      case 'feedback':
        return run('feedback', clean(v), open);
      case 'terminate':
        return run('stage', { action: 'terminate', reason: v.reason }, open);
      case 'decide_approval':
        return run('approval/decision', clean(v), open);
      case 'reassign':
        return run('reassign', clean(v), open);
      default:
        return undefined;
    }
  };
  const titles: Record<FormAction, MsgKey> = {
    call: 'opp.a.call',
    mark_invalid: 'opp.a.invalid',
    dispatch: 'opp.a.dispatch',
    feedback: 'opp.a.feedback',
    terminate: 'opp.a.terminate',
    decide_approval: 'opp.a.approve',
    reassign: 'opp.a.reassign',
  };
  const btn = (a: FormAction, key: MsgKey, primary = false, danger = false) =>
    has(a) ? (
      <Button
        key={a}
        type={primary ? 'primary' : 'default'}
        danger={danger}
        onClick={() => setOpen(a)}
        data-testid={`opp-act-${a}`}
      >
        {t(key)}
      </Button>
    ) : null;

  return (
    <>
      <Space wrap>
        {btn('call', 'opp.a.call', true)}
        {has('mark_valid') ? (
          <Popconfirm title={t('opp.confirm.valid')} onConfirm={() => void run('valid')} okText={t('common.confirm')}>
            <Button type="primary" data-testid="opp-act-mark_valid">
              {t('opp.a.valid')}
            </Button>
          </Popconfirm>
        ) : null}
        {btn('mark_invalid', 'opp.a.invalid', false, true)}
        {btn('dispatch', 'opp.a.dispatch')}
        {btn('feedback', 'opp.a.feedback')}
        {has('advance') ? (
          <Button
            type="primary"
            loading={act.isPending}
            onClick={() => void run('stage', { action: 'advance' })}
            data-testid="opp-act-advance"
          >
            {t('opp.a.advance')}
          </Button>
        ) : null}
        {has('rollback') ? (
          <Popconfirm title={t('opp.confirm.rollback')} onConfirm={() => void run('stage', { action: 'rollback' })}>
            <Button data-testid="opp-act-rollback">{t('opp.a.rollback')}</Button>
          </Popconfirm>
        ) : null}
        {has('request_approval') ? (
          <Button loading={act.isPending} onClick={() => void run('approval')} data-testid="opp-act-request_approval">
            {t('opp.a.requestApproval')}
          </Button>
        ) : null}
        {btn('decide_approval', 'opp.a.approve', true)}
        {btn('reassign', 'opp.a.reassign')}
        {btn('terminate', 'opp.a.terminate', false, true)}
        {has('release') ? (
          <Popconfirm title={t('opp.confirm.release')} onConfirm={() => void run('release')}>
            <Button data-testid="opp-act-release">{t('opp.a.release')}</Button>
          </Popconfirm>
        ) : null}
      </Space>
      <Modal
        open={open !== null}
        title={open ? t(titles[open]) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: act.isPending, ...{ 'data-testid': 'opp-modal-ok' } }}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v as Record<string, unknown>)}
          preserve={false}
        >
          {open === 'call' ? (
            <Form.Item name="result" label={t('opp.callResult')} rules={[{ required: true }]} initialValue="connected">
              <Radio.Group
                optionType="button"
                options={CALL_RESULTS.map((r) => ({ value: r, label: t(`opp.call.${r}` as MsgKey) }))}
              />
            </Form.Item>
          ) : null}
          {open === 'mark_invalid' ? (
            <Form.Item name="reason" label={t('opp.reason')} rules={[{ required: true }]}>
              <Select options={INVALID_REASONS.map((r) => ({ value: r, label: t(`opp.invalid.${r}` as MsgKey) }))} />
            </Form.Item>
          ) : null}
          {open === 'dispatch' ? (
            <Form.Item name="accountManagerId" label={t('opp.f.am')}>
              <Select
                allowClear
                placeholder={t('opp.amAuto')}
                loading={ams.isLoading}
                options={(ams.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
              />
            </Form.Item>
          ) : null}
          {open === 'feedback' ? (
            <Form.Item
              name="orderNumber"
              label={t('opp.orderNumber')}
              rules={[{ required: true, min: 4 }]}
              extra={t('opp.feedbackHint')}
            >
              <Input maxLength={40} data-testid="opp-order-number" />
            </Form.Item>
          ) : null}
          {open === 'terminate' ? (
            <Form.Item name="reason" label={t('opp.reason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          ) : null}
          {open === 'decide_approval' ? (
            <Form.Item name="approve" label={t('opp.f.approval')} rules={[{ required: true }]} initialValue>
              <Radio.Group
                options={[
                  { value: true, label: t('opp.a.approve') },
                  { value: false, label: t('opp.a.reject') },
                ]}
              />
            </Form.Item>
          ) : null}
          {open === 'reassign' ? (
            <Form.Item name="userId" label={t('opp.userId')} rules={[{ required: true }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={agents.isLoading}
                options={(agents.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              />
            </Form.Item>
          ) : null}
          {open === 'decide_approval' ? (
            <Form.Item name="comment" label={t('opp.comment')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          ) : open && open !== 'feedback' && open !== 'terminate' && open !== 'reassign' ? (
            <Form.Item name="note" label={t('opp.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
