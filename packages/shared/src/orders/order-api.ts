import { z } from 'zod';
import { MobileSchema, PageQuerySchema } from '../schemas/common';
import {
  ORDER_STAGES,
  ORDER_STATES,
  WORK_ORDER_STATES,
  WORK_ORDER_TASKS,
  validateOrderNumberFormat,
} from './order-model';

export const ORDER_CHANNELS = ['shop', 'staff', 'api'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];
export const ORDER_TYPES = ['new', 'change', 'cancel'] as const;

export const CartItemSchema = z.strictObject({
  offerId: z.number().int().positive(),
  specs: z.record(z.string().max(32), z.string().max(40)).default({}),
  quantity: z.number().int().min(1).max(99).default(1),
});
export type CartItem = z.infer<typeof CartItemSchema>;

export const AcceptedAgreementSchema = z.strictObject({
  code: z.enum(['marketing', 'security']),
  templateId: z.number().int().positive().nullable().default(null),
  version: z.number().int().positive().nullable().default(null),
});

/** What the shop (and a staff member on the customer's behalf) submits. Prices are what the buyer saw. */
export const PlaceOrderSchema = z.strictObject({
  /** staff only: the customer ordered for; a customer always orders for its own enterprise */
  customerId: z.number().int().positive().optional(),
  items: z.array(CartItemSchema).min(1, { message: '购物车是空的 / the cart is empty' }).max(20),
  contactName: z.string().trim().min(2, { message: '请填写联系人 / contact name' }).max(30),
  contactPhone: MobileSchema,
  installAddress: z.string().trim().min(6, { message: '请填写详细的装机地址 / full install address' }).max(200),
  note: z.string().trim().max(500).default(''),
  /** the totals the buyer was shown: a difference from the server's own pricing refuses the order */
  expectedOneTimeFen: z.number().int().min(0),
  expectedMonthlyFen: z.number().int().min(0),
  agreements: z.array(AcceptedAgreementSchema).default([]),
  /** signed promotion reference from an account manager's QR code link */
  ref: z.string().trim().max(200).optional(),
  /** 预受理单号 from an opportunity */
  preAcceptanceNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, { message: '预受理单号格式不正确 / invalid pre-acceptance number' })
    .optional(),
});
export type PlaceOrder = z.infer<typeof PlaceOrderSchema>;
export type PlaceOrderInput = z.input<typeof PlaceOrderSchema>;

export const QuoteSchema = z.strictObject({
  items: z.array(CartItemSchema).min(1).max(20),
  customerId: z.number().int().positive().optional(),
});
export const QuoteResultSchema = z.object({
  items: z.array(
    z.object({
      offerId: z.number().int(),
      productCode: z.string(),
      productName: z.string(),
      offerName: z.string(),
      specText: z.string(),
      quantity: z.number().int(),
      oneTimeFen: z.number().int(),
      monthlyFen: z.number().int(),
    }),
  ),
  totalOneTimeFen: z.number().int(),
  totalMonthlyFen: z.number().int(),
});
export type QuoteResult = z.infer<typeof QuoteResultSchema>;

export const OrderItemSchema = z.object({
  id: z.number().int(),
  offerId: z.number().int(),
  productCode: z.string(),
  productName: z.string(),
  offerName: z.string(),
  specs: z.record(z.string(), z.string()),
  specText: z.string(),
  quantity: z.number().int(),
  oneTimeFen: z.number().int(),
  monthlyFen: z.number().int(),
  contractMonths: z.number().int(),
});

export const WorkOrderSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  serviceOrderId: z.number().int().nullable(),
  task: z.enum(WORK_ORDER_TASKS),
  state: z.enum(WORK_ORDER_STATES),
  assigneeOrgId: z.number().int().nullable(),
  assigneeOrgName: z.string().nullable(),
  assigneeUserId: z.number().int().nullable(),
  assigneeUserName: z.string().nullable(),
  startedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  result: z.string().nullable(),
});
export type WorkOrder = z.infer<typeof WorkOrderSchema>;

export const ServiceOrderSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  orderItemId: z.number().int(),
  productName: z.string(),
  endLabel: z.string(),
  state: z.enum(['open', 'done', 'cancelled']),
});

export const OrderStageStepSchema = z.object({
  stage: z.enum(ORDER_STAGES),
  enteredAt: z.string().nullable(),
  /** target end for the current stage; null for stages already passed or not reached */
  deadline: z.string().nullable(),
});

export const OrderEventSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  fromState: z.enum(ORDER_STATES).nullable(),
  toState: z.enum(ORDER_STATES).nullable(),
  fromStage: z.enum(ORDER_STAGES).nullable(),
  toStage: z.enum(ORDER_STAGES).nullable(),
  note: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
});
export type OrderEvent = z.infer<typeof OrderEventSchema>;

/** The customer's signature of the order confirmation, as the signing module reported it. */
export const OrderSigningSchema = z.object({
  /** the signing request (签约单) number, QY… */
  number: z.string(),
  requestId: z.number().int(),
  signerName: z.string(),
  signedAt: z.string(),
});
export type OrderSigning = z.infer<typeof OrderSigningSchema>;

export const OrderSummarySchema = z.object({
  id: z.number().int(),
  number: z.string(),
  orderType: z.enum(ORDER_TYPES),
  channel: z.enum(ORDER_CHANNELS),
  state: z.enum(ORDER_STATES),
  stage: z.enum(ORDER_STAGES),
  stageEnteredAt: z.string(),
  stageDeadline: z.string().nullable(),
  overdue: z.boolean(),
  customerId: z.number().int(),
  customerName: z.string(),
  districtName: z.string(),
  title: z.string(),
  totalOneTimeFen: z.number().int(),
  totalMonthlyFen: z.number().int(),
  preAcceptanceNo: z.string().nullable(),
  urgeCount: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

export const ORDER_ACTIONS = [
  'note',
  'urge',
  'hold',
  'resume',
  'cancel',
  'approve_cancel',
  'reject_cancel',
  'fail',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const OrderDetailSchema = OrderSummarySchema.extend({
  contactName: z.string(),
  contactPhone: z.string(),
  installAddress: z.string(),
  note: z.string(),
  customerCreditCode: z.string(),
  promoterName: z.string().nullable(),
  createdByName: z.string().nullable(),
  holdReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  agreements: z.array(
    z.object({
      code: z.string(),
      templateId: z.number().nullable(),
      version: z.number().nullable(),
      title: z.string().optional(),
    }),
  ),
  items: z.array(OrderItemSchema),
  serviceOrders: z.array(ServiceOrderSchema),
  workOrders: z.array(WorkOrderSchema),
  stages: z.array(OrderStageStepSchema),
  events: z.array(OrderEventSchema),
  /** null until the customer has signed */
  signing: OrderSigningSchema.nullable(),
  /** what the viewer may do now */
  actions: z.array(z.enum(ORDER_ACTIONS)),
  /** work orders the viewer may start or finish now */
  workableIds: z.array(z.number().int()),
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;

export const ORDER_VIEWS = ['all', 'mine', 'team', 'created'] as const;
export const OrderListQuerySchema = PageQuerySchema.extend({
  view: z.enum(ORDER_VIEWS).default('all'),
  state: z.enum(ORDER_STATES).optional(),
  stage: z.enum(ORDER_STAGES).optional(),
  open: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  districtId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  preAcceptanceNo: z.string().trim().max(40).optional(),
  sort: z.enum(['-created', 'deadline']).default('-created'),
});
export type OrderListQuery = z.infer<typeof OrderListQuerySchema>;

export const OrderActionSchema = z.strictObject({
  action: z.enum(ORDER_ACTIONS),
  note: z.string().trim().max(500).default(''),
  version: z.number().int(),
});
export type OrderActionInput = z.infer<typeof OrderActionSchema>;

export const OrderChangeSchema = z.strictObject({
  contactName: z.string().trim().min(2).max(30).optional(),
  contactPhone: MobileSchema.optional(),
  installAddress: z.string().trim().min(6).max(200).optional(),
  note: z.string().trim().max(500).optional(),
  version: z.number().int(),
});
export type OrderChange = z.infer<typeof OrderChangeSchema>;

export const WorkOrderActionSchema = z.strictObject({
  action: z.enum(['start', 'finish']),
  result: z.string().trim().max(500).default(''),
});

export const OrderLookupQuerySchema = z.strictObject({
  number: z.string().trim().min(1).max(40),
});

export const StageTargetSchema = z.object({
  stage: z.enum(['accepted', 'resourcing', 'installing', 'completed']),
  targetHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
});
export const OrderSettingsSchema = z.object({
  numberFormat: z.string().superRefine((v, c) => {
    const err = validateOrderNumberFormat(v);
    if (err) c.addIssue({ code: 'custom', message: err });
  }),
  stageTargets: z.array(StageTargetSchema).length(4),
});
export type OrderSettings = z.infer<typeof OrderSettingsSchema>;

export const TowerQuerySchema = z.object({
  districtId: z.coerce.number().int().positive().optional(),
  stage: z.enum(['accepted', 'resourcing', 'installing', 'completed']).optional(),
});
export const TowerSchema = z.object({
  generatedAt: z.string(),
  stages: z.array(StageTargetSchema),
  districts: z.array(
    z.object({
      orgId: z.number().int(),
      name: z.string(),
      open: z.number().int(),
      stuck: z.number().int(),
      byStage: z.record(z.string(), z.object({ open: z.number().int(), stuck: z.number().int() })),
    }),
  ),
  stuck: z.array(OrderSummarySchema.extend({ overdueHours: z.number() })),
});
export type Tower = z.infer<typeof TowerSchema>;

export const PromoLinkSchema = z.object({ ref: z.string(), url: z.string(), managerName: z.string() });
export const RefCheckSchema = z.object({ valid: z.boolean(), managerName: z.string().nullable() });
