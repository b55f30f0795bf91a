import { ERRORS, type ErrorDef, type Lang } from './errors';
import { TICKET_ERRORS } from './tickets/ticket-errors';
import { ONBOARDING_ERRORS } from './onboarding/onboarding-errors';

// Every stable error code the API can answer with: platform codes plus each domain's own.
export const ERROR_CATALOGUE = {
  ...ERRORS,
  ...TICKET_ERRORS,
  ...ONBOARDING_ERRORS,
} as const satisfies Record<string, ErrorDef>;
export type AnyErrorCode = keyof typeof ERROR_CATALOGUE;

export function catalogueMessage(code: string, lang: Lang = 'zh'): string {
  const def = (ERROR_CATALOGUE as Record<string, ErrorDef>)[code];
  return def ? def[lang] : code;
}
