import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BusinessCategory,
  CircuitLevel,
  CreateTicketInput,
  Me,
  RequestType,
  TicketAction,
  TicketAttachment,
  TicketDetail,
  TicketPriority,
  TicketSettings,
  TicketStatus,
  TicketSummary,
  TicketView,
} from '@paidan/shared';
import { api, ApiError, type Page } from '../../api/client';
import { useRequestKey } from '../../lib/request-key';
import { queryClient } from '../../api/query-client';
import { ME_KEY } from '../../auth/session';
import { currentLang, translate } from '../../i18n/i18n';

export const TICKETS_KEY = ['tickets'] as const;
export const ticketKey = (id: number) => [...TICKETS_KEY, 'detail', id] as const;

export type SlaFilter = 'ok' | 'warning' | 'breached';

export interface TicketFilters {
  view?: TicketView;
  status?: TicketStatus;
  open?: boolean;
  type?: RequestType;
  priority?: TicketPriority;
  customerId?: number;
  orgId?: number;
  sla?: SlaFilter;
  sort?: 'deadline' | '-created';
  q?: string;
}

export function toTicketQuery(f: TicketFilters & { page?: number; pageSize?: number }) {
  return {
    view: f.view,
    status: f.status,
    open: f.open === undefined ? undefined : String(f.open),
    type: f.type,
    priority: f.priority,
    customerId: f.customerId,
    orgId: f.orgId,
    sla: f.sla,
    sort: f.sort,
    q: f.q,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** `nonce` changes on every press of 查询, so a search always fetches again. */
export function useTicketList(params: TicketFilters & { page: number; pageSize: number }, nonce = 0, enabled = true) {
  return useQuery({
    queryKey: [...TICKETS_KEY, 'list', params, nonce],
    queryFn: ({ signal }) => api.get<Page<TicketSummary>>('/tickets', toTicketQuery(params), signal),
    placeholderData: (prev) => prev,
    enabled,
  });
}

/** Only the total of a filtered list (workbench counts). */
export function useTicketTotal(params: TicketFilters, enabled = true) {
  return useQuery({
    queryKey: [...TICKETS_KEY, 'total', params],
    queryFn: ({ signal }) =>
      api.get<Page<TicketSummary>>('/tickets', toTicketQuery({ ...params, page: 1, pageSize: 1 }), signal),
    select: (p) => p.total,
    enabled,
  });
}

export const fetchTicket = (id: number, signal?: AbortSignal) =>
  api.get<TicketDetail>(`/tickets/${id}`, undefined, signal);

export function useTicket(id: number | null, enabled = true) {
  return useQuery({
    queryKey: ticketKey(id ?? 0),
    queryFn: ({ signal }) => fetchTicket(id!, signal),
    enabled: enabled && !!id,
    staleTime: 10_000,
  });
}

export function useTicketSettings(enabled = true) {
  return useQuery({
    queryKey: ['ticket-config', 'settings'],
    queryFn: ({ signal }) => api.get<TicketSettings>('/ticket-config/settings', undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export interface ActionBody {
  action: TicketAction;
  reason?: string;
  result?: string;
  targetOrgId?: number;
  targetUserId?: number;
  copyOrgIds?: number[];
  rating?: number;
  comment?: string;
  attachmentIds?: number[];
}

/** Runs one action on the version the user saw; the fresh ticket replaces the cached one. */
export function useTicketAction(ticket: Pick<TicketDetail, 'id' | 'version'> | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionBody) =>
      api.post<TicketDetail>(`/tickets/${ticket!.id}/actions`, { version: ticket!.version, ...body }),
    meta: { manualError: true },
    onSuccess: (fresh) => {
      qc.setQueryData(ticketKey(fresh.id), fresh);
      void qc.invalidateQueries({ queryKey: [...TICKETS_KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: [...TICKETS_KEY, 'total'] });
    },
  });
}

export interface RegradeBody {
  priority?: TicketPriority;
  businessCategory?: BusinessCategory;
  circuitLevel?: CircuitLevel;
  reason: string;
}

/** Staff change priority, category or circuit level; deadlines are recomputed from the original start. */
export function useRegradeTicket(ticket: Pick<TicketDetail, 'id' | 'version'> | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RegradeBody) =>
      api.patch<TicketDetail>(`/tickets/${ticket!.id}`, { version: ticket!.version, ...body }),
    meta: { manualError: true },
    onSuccess: (fresh) => {
      qc.setQueryData(ticketKey(fresh.id), fresh);
      void qc.invalidateQueries({ queryKey: [...TICKETS_KEY, 'list'] });
    },
  });
}

export interface CreateTicketResult {
  ticket: TicketDetail;
  duplicateOf: { id: number; number: string } | null;
  reclassified: boolean;
}

export function useCreateTicket() {
  const qc = useQueryClient();
  const key = useRequestKey();
  return useMutation({
    mutationFn: (body: CreateTicketInput) => api.post<CreateTicketResult>('/tickets', body, key.headers(body)),
    meta: { manualError: true },
    onSuccess: (r) => {
      key.created();
      qc.setQueryData(ticketKey(r.ticket.id), r.ticket);
      void qc.invalidateQueries({ queryKey: [...TICKETS_KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: [...TICKETS_KEY, 'total'] });
    },
  });
}

export const attachmentUrl = (ticketId: number, attachmentId: number) =>
  `/api/tickets/${ticketId}/attachments/${attachmentId}`;

export const ATTACHMENT_ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf';
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Multipart upload with progress (fetch has none); same CSRF header and error shape as the API client. */
export function uploadAttachment(
  file: File,
  onProgress: (percent: number) => void,
): { promise: Promise<TicketAttachment>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<TicketAttachment>((resolve, reject) => {
    const lang = currentLang();
    xhr.open('POST', '/api/tickets/attachments');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-lang', lang);
    const csrf = queryClient.getQueryData<Me | null>(ME_KEY)?.csrfToken;
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // not JSON: keep the status only
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as unknown as TicketAttachment);
        return;
      }
      reject(
        new ApiError(
          xhr.status,
          typeof body.code === 'string' ? body.code : `HTTP_${xhr.status}`,
          typeof body.message === 'string' ? body.message : translate(lang, 'error.http', { status: xhr.status }),
          body.details,
          typeof body.requestId === 'string' ? body.requestId : undefined,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', translate(lang, 'error.network')));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const fd = new FormData();
    fd.append('file', file);
    xhr.send(fd);
  });
  return { promise, abort: () => xhr.abort() };
}
