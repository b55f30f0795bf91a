import { z } from 'zod';
import { MobileSchema } from './common';
import { ROLES, PERMISSIONS } from '../roles';

export const LoginSchema = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});
export type Login = z.infer<typeof LoginSchema>;

export const SmsCodeRequestSchema = z.strictObject({
  phone: MobileSchema,
  purpose: z.enum(['login']).default('login'),
});
export type SmsCodeRequest = z.infer<typeof SmsCodeRequestSchema>;

export const SmsLoginSchema = z.strictObject({
  phone: MobileSchema,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '验证码为 6 位数字 / The code has 6 digits'),
});
export type SmsLogin = z.infer<typeof SmsLoginSchema>;

export const ChangePasswordSchema = z.strictObject({
  oldPassword: z.string().min(1).max(128),
  newPassword: z.string().min(8).max(128),
});

export const MeSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  phoneMasked: z.string(),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string(),
  lang: z.enum(['zh', 'en']),
});
export type Me = z.infer<typeof MeSchema>;
