import type {
  Page,
  SigningDetail,
  SigningModeRule,
  SigningPreview,
  SigningStats,
  SigningSummary,
} from '@paidan/shared';
import { api } from '../../api/client';

export type SigningRulesResp = { rules: SigningModeRule[]; version: number };

export const signingApi = {
  list: (q: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<Page<SigningSummary>>('/signing/requests', q, signal),
  detail: (id: number, signal?: AbortSignal) => api.get<SigningDetail>(`/signing/requests/${id}`, undefined, signal),
  preview: (q: { kind: string; ref: string; customerId?: number }) =>
    api.get<SigningPreview>('/signing/preview', q as Record<string, string | number>),
  create: (body: unknown) => api.post<SigningDetail>('/signing/requests', body),
  act: (id: number, body: { action: string; version: number; note?: string }) =>
    api.post<SigningDetail>(`/signing/requests/${id}/actions`, body),
  rules: () => api.get<SigningRulesResp>('/signing/rules'),
  putRules: (body: SigningRulesResp) => api.put<SigningRulesResp>('/signing/rules', body),
  stats: (days: number, signal?: AbortSignal) => api.get<SigningStats>('/signing/stats', { days }, signal),
};
