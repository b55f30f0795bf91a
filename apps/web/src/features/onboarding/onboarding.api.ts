import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateEnterprise,
  Invitation,
  InviteMember,
  Member,
  MemberListQuery,
  OnboardingState,
  UpdateMember,
} from '@paidan/shared';
import { api, type Page } from '../../api/client';
import { ME_KEY } from '../../auth/session';

export const ONBOARDING_KEY = ['onboarding'] as const;
export const MEMBERS_KEY = ['enterprise-members'] as const;

export function useOnboardingState(enabled = true) {
  return useQuery({
    queryKey: ONBOARDING_KEY,
    queryFn: () => api.get<OnboardingState>('/onboarding/state'),
    enabled,
  });
}

/** Every onboarding step may change who the user is (enterprise, role): refresh /me along with the state. */
function useOnboardingMutation<A>(fn: (a: A) => Promise<OnboardingState>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (st) => {
      qc.setQueryData(ONBOARDING_KEY, st);
      await qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export const useCreateEnterprise = () =>
  useOnboardingMutation((body: CreateEnterprise) => api.post<OnboardingState>('/onboarding/enterprise', body));
export const useWithdrawClaim = () => useOnboardingMutation(() => api.del<OnboardingState>('/onboarding/enterprise'));
export const useRespondInvitation = () =>
  useOnboardingMutation(({ id, accept }: { id: number; accept: boolean }) =>
    api.post<OnboardingState>(`/onboarding/invitations/${id}/${accept ? 'accept' : 'decline'}`),
  );

export function useMembers(q: Partial<MemberListQuery>) {
  return useQuery({
    queryKey: [...MEMBERS_KEY, 'list', q],
    queryFn: () => api.get<Page<Member>>('/enterprise/members', q),
  });
}
export function useInvitations() {
  return useQuery({
    queryKey: [...MEMBERS_KEY, 'invitations'],
    queryFn: () => api.get<{ items: Invitation[] }>('/enterprise/invitations'),
  });
}
export function useInvite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteMember) => api.post<Invitation>('/enterprise/invitations', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: MEMBERS_KEY }),
  });
}
export function useRevokeInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del(`/enterprise/invitations/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: MEMBERS_KEY }),
  });
}
export function useUpdateMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateMember & { id: number }) =>
      api.patch<Member>(`/enterprise/members/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: MEMBERS_KEY }),
  });
}
