import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { currentLang, localizeMessage, translate } from '../i18n/i18n';
import { ApiError } from './client';

const GENERIC = '\u0000generic';
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** An antd rule that validates one field with a shared zod schema, showing the schema's own message. */
export function zodRule(schema: z.ZodType, opts: { optional?: boolean } = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const lang = currentLang();
      if (isEmpty(value)) {
        if (opts.optional) return;
        // An empty field gets the schema's own message when it has one (e.g. "请输入用户名"), else a plain "required".
        // Schema-level messages win over this per-parse one, which marks zod's generic texts.
        const r = schema.safeParse('', { error: () => GENERIC });
        if (r.success) return;
        const issue = r.error.issues[0];
        const generic = !issue || issue.message === GENERIC || issue.code === 'custom';
        throw new Error(generic ? translate(lang, 'form.required') : localizeMessage(issue.message, lang));
      }
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(localizeMessage(r.error.issues[0]?.message ?? '', lang));
    },
  };
}

/** Puts the API's field errors onto the form; returns whether any field matched. */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  const fields = err.fieldErrors
    .filter((f) => f.field)
    .map((f) => ({
      name: f.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: [localizeMessage(f.message, currentLang())],
    }));
  if (!fields.length) return false;
  form.setFields(fields);
  return true;
}

/** Removes '' and undefined so optional fields are left out of the request. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== '' && v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
