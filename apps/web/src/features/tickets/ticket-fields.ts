import type { z } from 'zod';
import {
  BUSINESS_CATEGORIES,
  BUSINESS_CATEGORY_INFO,
  CIRCUIT_LEVEL_LABELS,
  CIRCUIT_LEVELS,
  CircuitSchema,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  CreateCancelFormalTicketSchema,
  CreateCancelReservationTicketSchema,
  CreateComplaintTicketSchema,
  CreateFaultTicketSchema,
  CreateIdeaTicketSchema,
  CreateInquiryTicketSchema,
  CreateInstallTicketSchema,
  CreateProductChangeTicketSchema,
  CreateSuggestionTicketSchema,
  CreateTerminalRepairTicketSchema,
  FAULT_LEVEL_LABELS,
  FAULT_LEVELS,
  REPLY_METHOD_LABELS,
  REPLY_METHODS,
  type RequestType,
} from '@paidan/shared';
import type { Labelled } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';

// The per-type schemas of the shared discriminated union: each field of the form validates with its own.
export const TYPE_SCHEMAS = {
  new_install: CreateInstallTicketSchema,
  product_change: CreateProductChangeTicketSchema,
  cancel_reservation: CreateCancelReservationTicketSchema,
  cancel_formal: CreateCancelFormalTicketSchema,
  terminal_repair: CreateTerminalRepairTicketSchema,
  fault: CreateFaultTicketSchema,
  inquiry: CreateInquiryTicketSchema,
  complaint: CreateComplaintTicketSchema,
  suggestion: CreateSuggestionTicketSchema,
  new_idea: CreateIdeaTicketSchema,
} as const satisfies Record<RequestType, z.ZodObject>;

export type FieldKind = 'text' | 'textarea' | 'select' | 'datetime' | 'date';

export interface FieldOption {
  value: string;
  label: Labelled;
}

export interface FieldSpec {
  /** path in the request body */
  name: string | [string, string];
  labelKey: MsgKey;
  kind: FieldKind;
  required: boolean;
  schema: z.ZodType;
  options?: FieldOption[];
  /** initial value (schema default) */
  initial?: string;
  placeholderKey?: MsgKey;
  max?: number;
}

const opts = <T extends string>(values: readonly T[], labels: Record<T, Labelled>): FieldOption[] =>
  values.map((v) => ({ value: v, label: labels[v] }));

const CATEGORY_OPTIONS = opts(BUSINESS_CATEGORIES, BUSINESS_CATEGORY_INFO);

type Shape = Record<string, z.ZodType>;
const shapeOf = (type: RequestType): Shape => TYPE_SCHEMAS[type].shape as unknown as Shape;

function field(type: RequestType, name: string, kind: FieldKind, labelKey: MsgKey, extra: Partial<FieldSpec> = {}) {
  const schema = shapeOf(type)[name]!;
  const required = !schema.safeParse(undefined).success;
  return { name, kind, labelKey, schema, required, ...extra } satisfies FieldSpec;
}

const productInstance = (type: RequestType, labelKey: MsgKey = 'tk.f.productInstance') =>
  field(type, 'productInstance', 'text', labelKey, { placeholderKey: 'tk.ph.productInstance', max: 64 });

/** Fields that only this request type has, in form order. */
export function typeFields(type: RequestType): FieldSpec[] {
  switch (type) {
    case 'new_install':
      return [
        field(type, 'productName', 'text', 'tk.f.productName', { placeholderKey: 'tk.ph.productName', max: 100 }),
        field(type, 'installAddress', 'text', 'tk.f.installAddress', { max: 200 }),
        field(type, 'businessCategory', 'select', 'tk.f.businessCategory', { options: CATEGORY_OPTIONS }),
        field(type, 'expectedAt', 'datetime', 'tk.f.expectedAt'),
      ];
    case 'product_change':
      return [
        productInstance(type),
        field(type, 'changeDescription', 'textarea', 'tk.f.changeDescription', { max: 1000 }),
        field(type, 'businessCategory', 'select', 'tk.f.businessCategory', { options: CATEGORY_OPTIONS }),
        field(type, 'expectedAt', 'datetime', 'tk.f.expectedAt'),
      ];
    case 'cancel_reservation':
      return [
        productInstance(type),
        field(type, 'cancelOn', 'date', 'tk.f.cancelOn'),
        field(type, 'reason', 'textarea', 'tk.f.cancelReason', { max: 500 }),
      ];
    case 'cancel_formal':
      return [productInstance(type), field(type, 'reason', 'textarea', 'tk.f.cancelReason', { max: 500 })];
    case 'terminal_repair':
      return [
        field(type, 'terminalModel', 'text', 'tk.f.terminalModel', { max: 100 }),
        field(type, 'serialNumber', 'text', 'tk.f.serialNumber', { max: 64 }),
        field(type, 'symptom', 'textarea', 'tk.f.symptom', { max: 1000 }),
        field(type, 'address', 'text', 'tk.f.address', { max: 200 }),
        field(type, 'appointmentAt', 'datetime', 'tk.f.appointmentAt'),
      ];
    case 'fault':
      return [
        field(type, 'businessCategory', 'select', 'tk.f.businessCategory', { options: CATEGORY_OPTIONS }),
        productInstance(type, 'tk.f.faultNumber'),
        field(type, 'symptom', 'textarea', 'tk.f.symptom', { max: 1000 }),
        field(type, 'faultLevel', 'select', 'tk.f.faultLevel', {
          options: opts(FAULT_LEVELS, FAULT_LEVEL_LABELS),
          initial: 'minor',
          required: false,
        }),
        {
          name: ['circuit', 'code'],
          kind: 'text',
          labelKey: 'tk.f.circuitCode',
          schema: CircuitSchema.shape.code,
          required: false,
          max: 64,
        },
        {
          name: ['circuit', 'level'],
          kind: 'select',
          labelKey: 'tk.f.circuitLevel',
          schema: CircuitSchema.shape.level,
          required: false,
          options: opts(CIRCUIT_LEVELS, CIRCUIT_LEVEL_LABELS),
          initial: 'normal',
        },
        field(type, 'faultAt', 'datetime', 'tk.f.faultAt'),
        field(type, 'appointmentAt', 'datetime', 'tk.f.appointmentAt'),
        field(type, 'requestedResolutionAt', 'datetime', 'tk.f.requestedResolutionAt'),
      ];
    case 'complaint':
      return [
        field(type, 'category', 'select', 'tk.f.complaintCategory', {
          options: opts(COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS),
        }),
        field(type, 'serviceNumber', 'text', 'tk.f.serviceNumber', { max: 32 }),
        field(type, 'replyMethod', 'select', 'tk.f.replyMethod', {
          options: opts(REPLY_METHODS, REPLY_METHOD_LABELS),
          initial: 'phone',
          required: false,
        }),
        field(type, 'requestedResolutionAt', 'datetime', 'tk.f.requestedResolutionAt'),
      ];
    case 'new_idea':
      return [field(type, 'expectedBenefit', 'textarea', 'tk.f.expectedBenefit', { max: 1000 })];
    case 'inquiry':
    case 'suggestion':
      return [];
  }
}

/** Product instance is optional for most types; when a type has its own, the common one is not asked again. */
export const hasOwnProductInstance = (type: RequestType) => typeFields(type).some((f) => f.name === 'productInstance');

/** Labels of the per-type `details` of a ticket, for its description list. */
export const DETAIL_LABELS: Record<string, MsgKey> = {
  productName: 'tk.f.productName',
  installAddress: 'tk.f.installAddress',
  expectedAt: 'tk.f.expectedAt',
  changeDescription: 'tk.f.changeDescription',
  cancelOn: 'tk.f.cancelOn',
  reason: 'tk.f.cancelReason',
  terminalModel: 'tk.f.terminalModel',
  serialNumber: 'tk.f.serialNumber',
  symptom: 'tk.f.symptom',
  address: 'tk.f.address',
  appointmentAt: 'tk.f.appointmentAt',
  faultLevel: 'tk.f.faultLevel',
  faultAt: 'tk.f.faultAt',
  requestedResolutionAt: 'tk.f.requestedResolutionAt',
  category: 'tk.f.complaintCategory',
  replyMethod: 'tk.f.replyMethod',
  serviceNumber: 'tk.f.serviceNumber',
  expectedBenefit: 'tk.f.expectedBenefit',
  circuit: 'tk.f.circuitCode',
};

/** Option labels of enumerated detail values. */
export const DETAIL_VALUE_LABELS: Record<string, Record<string, Labelled>> = {
  faultLevel: FAULT_LEVEL_LABELS,
  category: COMPLAINT_CATEGORY_LABELS,
  replyMethod: REPLY_METHOD_LABELS,
};
