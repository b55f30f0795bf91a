import { useState } from 'react';
import {
  Alert,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { formatFen, type OrderAction, type OrderDetail, type WorkOrder } from '@paidan/shared';
import { toastError, toastSuccess } from '../../api/feedback';
import { applyFieldErrors } from '../../api/form';
import { useI18n } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';
import { fmtDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/use-media';
import { useOrderAction, useOrderChange, useWorkOrderAction } from './order.api';
import { Money, OrderStageSteps, OrderStageTag, OrderStateTag } from './OrderBits';
import { OrderSigningCard } from './OrderSigningCard';
import './orders.css';

// Reason-taking actions ask in a dialog; destructive ones say what follows.
const NEEDS_NOTE: OrderAction[] = ['note', 'hold', 'cancel', 'reject_cancel', 'fail'];
const DANGER: OrderAction[] = ['cancel', 'fail', 'approve_cancel'];

export function OrderDetailView({ order, staff }: { order: OrderDetail; staff: boolean }) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const act = useOrderAction(order.id);
  const wo = useWorkOrderAction();
  const [pending, setPending] = useState<OrderAction | null>(null);
  const [finishing, setFinishing] = useState<WorkOrder | null>(null);
  const [changing, setChanging] = useState(false);
  const [note, setNote] = useState('');
  const [result, setResult] = useState('');

  const run = (action: OrderAction, n = '') =>
    act.mutate(
      { action, note: n, version: order.version },
      {
        onSuccess: () => {
          toastSuccess(t('od.act.done'));
          setPending(null);
          setNote('');
        },
        onError: toastError,
      },
    );

  const open = ['acknowledged', 'in_progress', 'pending', 'held'].includes(order.state);
  const canChange = open && (staff || order.actions.includes('cancel') || order.actions.includes('urge'));

  return (
    <div className="od-detail" data-testid="order-detail">
      <Card className="od-head">
        <div className="od-head-row">
          <div>
            <Typography.Title level={4} className="mono od-number" data-testid="order-number">
              {order.number}
            </Typography.Title>
            <Space wrap size={4}>
              <OrderStateTag state={order.state} />
              <OrderStageTag stage={order.stage} overdue={order.overdue} />
              {order.urgeCount ? <Tag color="volcano">{t('od.urged', { n: order.urgeCount })}</Tag> : null}
              {order.signing ? (
                <Tag color="success" data-testid="order-signed-tag">
                  {t('od.sign.signed')}
                </Tag>
              ) : null}
            </Space>
            <div className="od-title">{order.title}</div>
          </div>
          <Space wrap className="od-actions">
            {order.actions
              .filter((a) => staff || a !== 'note')
              .map((a) => (
                <Button
                  key={a}
                  danger={DANGER.includes(a)}
                  type={a === 'approve_cancel' || a === 'resume' ? 'primary' : 'default'}
                  onClick={() => setPending(a)}
                  data-testid={`order-act-${a}`}
                >
                  {t(`od.act.${a}` as MsgKey)}
                </Button>
              ))}
            {canChange ? (
              <Button onClick={() => setChanging(true)} data-testid="order-change">
                {t('od.act.change')}
              </Button>
            ) : null}
          </Space>
        </div>
        {order.state === 'held' && order.holdReason ? (
          <Alert type="warning" showIcon title={`${t('od.holdReason')}：${order.holdReason}`} className="od-alert" />
        ) : null}
        {order.cancelReason && (order.state === 'pending' || order.state === 'cancelled') ? (
          <Alert type="info" showIcon title={`${t('od.cancelReason')}：${order.cancelReason}`} className="od-alert" />
        ) : null}
      </Card>

      <Card title={t('od.progress')} className="od-card">
        <OrderStageSteps order={order} direction={phone ? 'vertical' : 'horizontal'} />
      </Card>

      <Card className="od-card">
        <Descriptions column={phone ? 1 : 3} size="small">
          <Descriptions.Item label={t('od.customer')}>{order.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('od.creditCode')}>
            <span className="mono">{order.customerCreditCode}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('od.district')}>{order.districtName}</Descriptions.Item>
          <Descriptions.Item label={t('od.amount')}>
            <Money oneTime={order.totalOneTimeFen} monthly={order.totalMonthlyFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('od.createdAt')}>{fmtDateTime(order.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('od.channel')}>{t(`od.channel.${order.channel}` as MsgKey)}</Descriptions.Item>
          <Descriptions.Item label={t('od.contact')}>{order.contactName}</Descriptions.Item>
          <Descriptions.Item label={t('od.phone')}>{order.contactPhone}</Descriptions.Item>
          <Descriptions.Item label={t('od.address')}>{order.installAddress}</Descriptions.Item>
          {order.promoterName ? (
            <Descriptions.Item label={t('od.promoter')}>{order.promoterName}</Descriptions.Item>
          ) : null}
          {order.preAcceptanceNo ? (
            <Descriptions.Item label={t('od.preAcceptanceNo')}>
              <span className="mono">{order.preAcceptanceNo}</span>
            </Descriptions.Item>
          ) : null}
          {staff && order.createdByName ? (
            <Descriptions.Item label={t('od.createdBy')}>{order.createdByName}</Descriptions.Item>
          ) : null}
          {order.note ? <Descriptions.Item label={t('od.note')}>{order.note}</Descriptions.Item> : null}
          <Descriptions.Item label={t('od.agreements')}>
            {order.agreements
              .map((a) => `${a.code === 'marketing' ? '营销协议' : '通用安全协议'}${a.version ? ` v${a.version}` : ''}`)
              .join('、')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <OrderSigningCard order={order} staff={staff} />

      <Card title={t('od.items')} className="od-card">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={order.items}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('od.product'),
              render: (_, i) => (
                <>
                  <b>{i.productName}</b>
                  <div className="od-muted">{i.offerName}</div>
                </>
              ),
            },
            { title: t('od.spec'), dataIndex: 'specText' },
            { title: t('od.qty'), dataIndex: 'quantity', width: 60 },
            { title: t('od.oneTime'), dataIndex: 'oneTimeFen', render: (v: number) => formatFen(v) },
            { title: t('od.monthly'), dataIndex: 'monthlyFen', render: (v: number) => formatFen(v) },
          ]}
        />
      </Card>

      <Card
        title={`${t('od.workOrders')} · ${t('od.serviceOrders')} ${order.serviceOrders.length}`}
        className="od-card"
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={order.workOrders}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('od.task'),
              render: (_, w) => {
                const so = order.serviceOrders.find((s) => s.id === w.serviceOrderId);
                return (
                  <>
                    {t(`od.task.${w.task}` as MsgKey)}
                    {so ? <div className="od-muted">{`${so.productName} · ${so.endLabel}`}</div> : null}
                  </>
                );
              },
            },
            {
              title: t('od.team'),
              render: (_, w) => (
                <>
                  {w.assigneeOrgName}
                  {w.assigneeUserName ? <div className="od-muted">{w.assigneeUserName}</div> : null}
                </>
              ),
            },
            {
              title: t('common.status'),
              dataIndex: 'state',
              render: (v: string) => (
                <Tag
                  color={
                    v === 'done' ? 'green' : v === 'in_progress' ? 'processing' : v === 'ready' ? 'blue' : 'default'
                  }
                >
                  {t(`od.wo.${v}` as MsgKey)}
                </Tag>
              ),
            },
            { title: t('od.enteredAt'), render: (_, w) => fmtDateTime(w.doneAt ?? w.startedAt) },
            ...(staff ? [{ title: t('od.result'), dataIndex: 'result', render: (v: string | null) => v ?? '' }] : []),
            ...(staff && order.workableIds.length
              ? [
                  {
                    title: t('common.actions'),
                    render: (_: unknown, w: WorkOrder) =>
                      order.workableIds.includes(w.id) ? (
                        <Space>
                          {w.state === 'ready' ? (
                            <Button
                              size="small"
                              loading={wo.isPending}
                              onClick={() => wo.mutate({ id: w.id, action: 'start' }, { onError: toastError })}
                              data-testid={`wo-start-${w.task}`}
                            >
                              {t('od.wo.start')}
                            </Button>
                          ) : null}
                          <Button
                            size="small"
                            type="primary"
                            onClick={() => setFinishing(w)}
                            data-testid={`wo-finish-${w.task}`}
                          >
                            {t('od.wo.finish')}
                          </Button>
                        </Space>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card title={t('od.timeline')} className="od-card">
        <Timeline
          items={[...order.events].reverse().map((e) => ({
            color:
              e.kind === 'cancelled' || e.kind === 'failed'
                ? 'red'
                : e.toStage || e.kind === 'signed'
                  ? 'green'
                  : e.kind === 'urge'
                    ? 'orange'
                    : 'blue',
            content: (
              <div data-testid="order-event">
                <div>
                  {e.toStage ? <Tag color="green">{t(`od.stage.${e.toStage}` as MsgKey)}</Tag> : null}
                  {e.toState && !e.toStage ? <Tag>{t(`od.state.${e.toState}` as MsgKey)}</Tag> : null}
                  {e.note}
                </div>
                <Typography.Text type="secondary" className="od-muted">
                  {fmtDateTime(e.at)} · {e.actorName}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      </Card>

      <Modal
        open={!!pending}
        title={pending ? t('od.act.confirm', { action: t(`od.act.${pending}` as MsgKey) }) : ''}
        onCancel={() => setPending(null)}
        okButtonProps={
          {
            danger: pending ? DANGER.includes(pending) : false,
            loading: act.isPending,
            'data-testid': 'order-act-ok',
          } as ButtonProps
        }
        onOk={() => pending && run(pending, note.trim())}
        destroyOnHidden
      >
        {pending === 'cancel' ? (
          <Alert type="info" showIcon title={t('od.act.cancelHint')} style={{ marginBottom: 12 }} />
        ) : null}
        {pending ? (
          <Input.TextArea
            rows={3}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('od.act.reasonPh')}
            data-testid="order-act-note"
            status={NEEDS_NOTE.includes(pending) && !note.trim() ? 'warning' : undefined}
          />
        ) : null}
      </Modal>

      <Modal
        open={!!finishing}
        title={finishing ? `${t('od.wo.finish')} · ${t(`od.task.${finishing.task}` as MsgKey)}` : ''}
        onCancel={() => setFinishing(null)}
        okButtonProps={{ loading: wo.isPending, 'data-testid': 'wo-finish-ok' } as ButtonProps}
        onOk={() =>
          finishing &&
          wo.mutate(
            { id: finishing.id, action: 'finish', result: result.trim() },
            {
              onSuccess: () => {
                toastSuccess(t('od.wo.finished'));
                setFinishing(null);
                setResult('');
              },
              onError: toastError,
            },
          )
        }
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={result}
          onChange={(e) => setResult(e.target.value)}
          placeholder={t('od.wo.resultPh')}
        />
      </Modal>

      <ChangeDrawer order={order} open={changing} onClose={() => setChanging(false)} />
    </div>
  );
}

function ChangeDrawer({ order, open, onClose }: { order: OrderDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const change = useOrderChange(order.id);
  const addressLocked = ['installing', 'completed', 'billing_started'].includes(order.stage);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('od.act.change')}
      size={420}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={change.isPending}
          onClick={() =>
            void form.validateFields().then((v: Record<string, string>) =>
              change.mutate(
                { ...v, version: order.version },
                {
                  onSuccess: () => {
                    toastSuccess(t('common.saved'));
                    onClose();
                  },
                  onError: (e) => {
                    if (!applyFieldErrors(form, e)) toastError(e);
                  },
                },
              ),
            )
          }
        >
          {t('common.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          contactName: order.contactName,
          contactPhone: order.contactPhone,
          installAddress: order.installAddress,
          note: order.note,
        }}
      >
        <Form.Item name="contactName" label={t('od.contact')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('od.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/ }]}>
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item name="installAddress" label={t('od.address')} rules={[{ required: true, min: 6 }]}>
          <Input.TextArea rows={2} maxLength={200} disabled={addressLocked} />
        </Form.Item>
        <Form.Item name="note" label={t('od.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
