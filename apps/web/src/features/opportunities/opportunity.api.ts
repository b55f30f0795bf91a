import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgentScopeEntry,
  AgentScopeOptions,
  FunnelReport,
  ImportResult,
  IntakeResult,
  OpportunityDetail,
  OpportunityStatus,
  OpportunitySummary,
  ProductGroup,
  ReportColumn,
  ReportFilters,
  ReportView,
  OpportunitySettings,
  OpportunityStage,
  OpportunitySource,
  PutAgentScope,
} from '@paidan/shared';
import type { Me } from '@paidan/shared';
import { api, ApiError, type Page } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { ME_KEY } from '../../auth/session';
import { currentLang } from '../../i18n/i18n';

export const OPP_KEY = ['opportunities'] as const;
export const oppKey = (id: number) => [...OPP_KEY, 'detail', id] as const;

export interface OppFilters {
  view?: 'pool' | 'mine' | 'all';
  status?: OpportunityStatus;
  source?: OpportunitySource;
  productGroup?: ProductGroup;
  stage?: OpportunityStage;
  q?: string;
}

export function useOpportunityList(params: OppFilters & { page: number; pageSize: number }, nonce = 0) {
  return useQuery({
    queryKey: [...OPP_KEY, 'list', params, nonce],
    queryFn: ({ signal }) => api.get<Page<OpportunitySummary>>('/opportunities', { ...params }, signal),
    placeholderData: (prev) => prev,
  });
}

export function useOpportunity(id: number | null) {
  return useQuery({
    queryKey: oppKey(id ?? 0),
    queryFn: ({ signal }) => api.get<OpportunityDetail>(`/opportunities/${id}`, undefined, signal),
    enabled: id !== null,
    retry: (n, e) => (e as { status?: number }).status !== 404 && n < 2,
  });
}

export function useAccountManagers(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...OPP_KEY, 'ams', id],
    queryFn: ({ signal }) =>
      api.get<{ id: number; name: string }[]>(`/opportunities/${id}/account-managers`, undefined, signal),
    enabled,
  });
}

/** Every action on an opportunity posts to /opportunities/:id/<path> and answers the fresh detail. */
export function useOpportunityAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: object }) =>
      api.post<OpportunityDetail>(`/opportunities/${id}/${path}`, body ?? {}),
    onSuccess: (d) => {
      qc.setQueryData(oppKey(id), d);
      void qc.invalidateQueries({ queryKey: [...OPP_KEY, 'list'] });
    },
  });
}

export function useCreateOpportunity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => api.post<IntakeResult>('/opportunities', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: OPP_KEY }),
  });
}

export async function importOpportunities(file: File): Promise<ImportResult> {
  const fd = new FormData();
  fd.append('file', file);
  const csrf = queryClient.getQueryData<Me | null>(ME_KEY)?.csrfToken;
  const res = await fetch('/api/opportunities/import', {
    method: 'POST',
    body: fd,
    credentials: 'include',
    headers: { accept: 'application/json', 'x-lang': currentLang(), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
  });
  const body = (await res.json().catch(() => ({}))) as ImportResult & {
    code?: string;
    message?: string;
    details?: unknown;
  };
  if (!res.ok)
    throw new ApiError(
      res.status,
      body.code ?? `HTTP_${res.status}`,
      body.message ?? `HTTP ${res.status}`,
      body.details,
    );
  return body;
}

export function useFunnel(filters: ReportFilters) {
  return useQuery({
    queryKey: [...OPP_KEY, 'funnel', filters],
    queryFn: ({ signal }) => api.get<FunnelReport>('/opportunity-reports/funnel', { ...filters }, signal),
  });
}

export interface ReportPage {
  columns: ReportColumn[];
  items: { id: number; values: Record<string, unknown> }[];
  total: number;
  page: number;
  pageSize: number;
}
export function useReportList(q: ReportFilters & { columns: ReportColumn[]; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...OPP_KEY, 'report', q],
    queryFn: ({ signal }) =>
      api.get<ReportPage>('/opportunity-reports/list', { ...q, columns: q.columns.join(',') }, signal),
    placeholderData: (prev) => prev,
  });
}

export function useReportViews() {
  return useQuery({
    queryKey: [...OPP_KEY, 'views'],
    queryFn: ({ signal }) => api.get<ReportView[]>('/opportunity-reports/views', undefined, signal),
  });
}

// ---- pool settings and agent claim scopes (supervisors) ----

const SETTINGS_KEY = [...OPP_KEY, 'settings'] as const;
const SCOPES_KEY = [...OPP_KEY, 'agent-scopes'] as const;

export function useOpportunitySettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => api.get<OpportunitySettings>('/opportunities/settings', undefined, signal),
  });
}

export function useSaveOpportunitySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: OpportunitySettings) => api.put<OpportunitySettings>('/opportunities/settings', s),
    meta: { manualError: true },
    onSuccess: (data) => qc.setQueryData(SETTINGS_KEY, data),
  });
}

export interface AgentScopeFilters {
  q?: string;
  orgId?: number;
}

export function useAgentScopes(params: AgentScopeFilters & { page: number; pageSize: number }, nonce = 0) {
  return useQuery({
    queryKey: [...SCOPES_KEY, 'list', params, nonce],
    queryFn: ({ signal }) => api.get<Page<AgentScopeEntry>>('/opportunities/agent-scopes', { ...params }, signal),
    placeholderData: (prev) => prev,
  });
}

export function useAgentScopeOptions() {
  return useQuery({
    queryKey: [...SCOPES_KEY, 'options'],
    queryFn: ({ signal }) => api.get<AgentScopeOptions>('/opportunities/agent-scopes/options', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useSaveAgentScope() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: number; body: PutAgentScope }) =>
      api.put<AgentScopeEntry>(`/opportunities/agent-scopes/${userId}`, body),
    meta: { manualError: true },
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...SCOPES_KEY, 'list'] }),
  });
}
