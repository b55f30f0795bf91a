import { z } from 'zod';
import { ROLES } from '../roles';
import { MobileSchema, PageQuerySchema } from './common';

export const USER_STATUSES = ['active', 'disabled'] as const;

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  phoneMasked: z.string(),
  email: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof UserSchema>;

export const UserListQuerySchema = PageQuerySchema.extend({
  role: z.enum(ROLES).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

const PasswordSchema = z
  .string()
  .min(8, '密码至少 8 位 / At least 8 characters')
  .max(128)
  .regex(/[A-Za-z]/, '密码需包含字母 / Needs a letter')
  .regex(/\d/, '密码需包含数字 / Needs a digit');

export const CreateUserSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名为 3–32 位字母、数字、_ . -，以字母开头'),
  displayName: z.string().trim().min(1).max(40),
  role: z.enum(ROLES),
  orgId: z.number().int().positive().nullable().optional(),
  customerId: z.number().int().positive().nullable().optional(),
  phone: MobileSchema,
  email: z.email().nullable().optional(),
  password: PasswordSchema,
});
export type CreateUser = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z.strictObject({
  version: z.number().int(),
  displayName: z.string().trim().min(1).max(40).optional(),
  role: z.enum(ROLES).optional(),
  orgId: z.number().int().positive().nullable().optional(),
  phone: MobileSchema.optional(),
  email: z.email().nullable().optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export type UpdateUser = z.infer<typeof UpdateUserSchema>;

export const ResetPasswordSchema = z.strictObject({ password: PasswordSchema });
