import { registerScopedTopic } from '../../platform/events/sse';
import { registerSmsTemplates } from '../../platform/sms/sms-templates';

/** Live updates of orders (customer timeline, my orders, the tower): `{id, orgPath, customerId, userIds}`. */
export const ORDER_TOPIC = 'order.changed';

registerScopedTopic(ORDER_TOPIC, {
  permission: 'order.read',
  target: (d) => {
    const x = d as { orgPath?: string; customerId?: number; accountManagerId?: number | null; userIds?: number[] };
    return {
      orgPath: x.orgPath ?? null,
      customerId: x.customerId ?? null,
      accountManagerId: x.accountManagerId ?? null,
      userIds: x.userIds ?? [],
    };
  },
});

registerSmsTemplates({
  order_accepted: '【政企派单】您的订单 {number}「{title}」已受理，可在企业门户“我的订单”按订单号查看进度。',
  order_stage: '【政企派单】您的订单 {number} 已进入「{stage}」环节。',
  order_cancelled: '【政企派单】您的订单 {number} 已撤单。{note}',
});
