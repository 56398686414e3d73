import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@web/api/client';
import { PageFallback } from '@web/ui/page-fallback';
import { type ReactNode, useEffect } from 'react';
import { sessionKey, useSession } from '../auth.queries';
import { LoginPage } from '../pages/login-page';

export type AuthGateProps = { children: ReactNode };

/**
 * Shows the app only to a signed-in user; otherwise the login page at whatever step the session is. Any request
 * answered 401 (session expired, idle timeout, logged out elsewhere) re-reads the session, which brings the login
 * page back.
 */
export function AuthGate({ children }: AuthGateProps) {
  const queryClient = useQueryClient();
  const session = useSession();

  // Subscribing to the cache is how one 401 anywhere (query or mutation) reaches the gate without every page
  // handling it.
  useEffect(() => {
    const isExpired = (error: unknown) =>
      error instanceof ApiError &&
      error.status === 401 &&
      !error.code.startsWith('TOTP') &&
      error.code !== 'INVALID_CREDENTIALS';
    const onError = (error: unknown) => {
      if (isExpired(error)) {
        void queryClient.invalidateQueries({ queryKey: sessionKey });
      }
    };
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && event.query.queryKey[0] !== sessionKey[0]) {
        onError(event.action.error);
      }
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') {
        onError(event.action.error);
      }
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient]);

  if (session.isPending) {
    return <PageFallback />;
  }
  if (session.data?.stage !== 'full') {
    return <LoginPage />;
  }
  return <>{children}</>;
}
