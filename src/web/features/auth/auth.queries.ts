import type { LoginRequest, PasswordChangeRequest, Role, SessionView, TotpSetupResponse } from '@shared/contracts/auth';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '@web/api/client';

export const sessionKey = ['auth', 'session'] as const;

/**
 * The current session: who is signed in, for which agency, with which roles, and which sign-in step is next
 * (`anonymous`, `totp`, `password-change`, `totp-enrol`, `full`). Never cached as stale data: it gates the app.
 */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: ({ signal }) => apiGet<SessionView>('/auth/session', undefined, signal),
    staleTime: 60_000,
    retry: 1,
  });
}

/** Each sign-in step answers with the new session view; it replaces the cached one. */
function useSessionStep<TInput>(post: (input: TInput) => Promise<SessionView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: post,
    onSuccess: (view) => {
      queryClient.setQueryData(sessionKey, view);
    },
  });
}

export function useLogin() {
  return useSessionStep((input: LoginRequest) => apiPost<SessionView>('/auth/login', input));
}

export function useVerifyTotp() {
  return useSessionStep((code: string) => apiPost<SessionView>('/auth/totp', { code }));
}

export function useChangePassword() {
  return useSessionStep((input: PasswordChangeRequest) => apiPost<SessionView>('/auth/password', input));
}

export function useEnableTotp() {
  return useSessionStep((code: string) => apiPost<SessionView>('/auth/totp/enable', { code }));
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => apiPost<TotpSetupResponse>('/auth/totp/setup') });
}

/** Ends the session and forgets every cached answer (they belonged to the user who left). */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<void>('/auth/logout'),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, {
        stage: 'anonymous',
        user: null,
        csrfToken: null,
        totpRequired: false,
        idleTimeoutSeconds: 0,
        expiresAt: null,
      } satisfies SessionView);
    },
  });
}

/** Whether the signed-in user holds one of the roles (administrators count as standing office, as on the server). */
export function sessionHasRole(session: SessionView | undefined, ...roles: Role[]): boolean {
  const mine = session?.stage === 'full' ? (session.user?.roles ?? []) : [];
  return mine.some((r) => roles.includes(r) || (r === 'admin' && roles.includes('standing-office')));
}
