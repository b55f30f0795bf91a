import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Certification,
  CertificationQueueQuery,
  EnterpriseBrief,
  Me,
  StartBankTransfer,
  StartELicence,
  StartLegalRepSms,
  SubmitLicence,
} from '@paidan/shared';
import { api, ApiError, type Page } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { ME_KEY } from '../../auth/session';
import { ONBOARDING_KEY } from '../onboarding/onboarding.api';

export const CERT_KEY = ['certification'] as const;
export const CERT_QUEUE_KEY = ['certifications'] as const;

export interface CertificationCurrent {
  enterprise: EnterpriseBrief | null;
  attempt: Certification | null;
  eLicenceConfigured: boolean;
  bankAdapter: string;
}

export function useCertificationCurrent() {
  return useQuery({ queryKey: CERT_KEY, queryFn: () => api.get<CertificationCurrent>('/certification/current') });
}

/** `inline`: the form shows the failure itself (with the tries left), so no toast repeats it over the page. */
function useCertMutation<A>(fn: (a: A) => Promise<Certification>, inline = true) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { manualError: inline },
    // A wrong try or a failed attempt changes the attempt too: refresh whatever the outcome.
    onSettled: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: CERT_KEY }),
        qc.invalidateQueries({ queryKey: ME_KEY }),
        qc.invalidateQueries({ queryKey: ONBOARDING_KEY }),
      ]);
    },
  });
}

export const useStartBankTransfer = () =>
  useCertMutation((b: StartBankTransfer) => api.post<Certification>('/certification/bank-transfer', b));
export const useConfirmAmount = () =>
  useCertMutation(({ id, amount }: { id: number; amount: string }) =>
    api.post<Certification>(`/certification/attempts/${id}/amount`, { amount }),
  );
export const useStartLegalRepSms = () =>
  useCertMutation((b: StartLegalRepSms) => api.post<Certification>('/certification/legal-rep-sms', b));
export const useConfirmCode = () =>
  useCertMutation(({ id, code }: { id: number; code: string }) =>
    api.post<Certification>(`/certification/attempts/${id}/code`, { code }),
  );
export const useSubmitLicence = () =>
  useCertMutation(({ id, ...b }: SubmitLicence & { id: number }) =>
    api.put<Certification>(`/certification/attempts/${id}/licence`, b),
  );
export const useStartELicence = () =>
  useCertMutation((b: StartELicence) => api.post<Certification>('/certification/e-licence', b));
export const useCancelAttempt = () =>
  useCertMutation((id: number) => api.post<Certification>(`/certification/attempts/${id}/cancel`), false);

/** Uploads the licence photo (multipart, with the CSRF header) and returns the OCR pre-fill. */
export function uploadLicence(file: File): Promise<Certification> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/certification/licence');
    xhr.withCredentials = true;
    const csrf = queryClient.getQueryData<Me | null>(ME_KEY)?.csrfToken;
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as unknown as Certification);
      else
        reject(
          new ApiError(
            xhr.status,
            typeof body.code === 'string' ? body.code : `HTTP_${xhr.status}`,
            typeof body.message === 'string' ? body.message : `HTTP ${xhr.status}`,
            body.details,
          ),
        );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    const fd = new FormData();
    fd.append('file', file);
    xhr.send(fd);
  });
}

// ---- staff ----
export function useCertificationQueue(q: Partial<CertificationQueueQuery> & { awaitingStaff?: boolean }) {
  return useQuery({
    queryKey: [...CERT_QUEUE_KEY, q],
    queryFn: () =>
      api.get<Page<Certification>>('/certifications', { ...q, awaitingStaff: q.awaitingStaff ? 'true' : undefined }),
  });
}
export function useCertificationById(id: number | null) {
  return useQuery({
    queryKey: [...CERT_QUEUE_KEY, 'one', id],
    queryFn: () => api.get<Certification>(`/certifications/${id}`),
    enabled: !!id,
  });
}
export function useReviewAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      action,
      version,
      reason,
    }: {
      id: number;
      action: 'approve' | 'reject' | 'deposit-sent';
      version: number;
      reason?: string;
    }) => api.post<Certification>(`/certifications/${id}/${action}`, reason ? { version, reason } : { version }),
    onSettled: () => qc.invalidateQueries({ queryKey: CERT_QUEUE_KEY }),
  });
}
