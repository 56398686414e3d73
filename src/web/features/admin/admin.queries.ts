import type { AuditPage } from '@shared/contracts/audit';
import type {
  BulkPreview,
  PasswordReset,
  User,
  UserCreate,
  UserCredentials,
  UserPage,
  UserUpdate,
} from '@shared/contracts/users';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  API_BASE,
  ApiError,
  apiGet,
  apiPost,
  apiRequest,
  apiUpload,
  CSRF_COOKIE,
  CSRF_HEADER,
  NETWORK_ERROR_MESSAGE,
  type QueryValue,
  readCookie,
  toApiError,
} from '@web/api/client';

export const adminKeys = {
  users: (query: Record<string, QueryValue>) => ['users', 'list', query] as const,
  audit: (query: Record<string, QueryValue>) => ['audit', 'list', query] as const,
};

export function useUserList(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: adminKeys.users(query),
    queryFn: ({ signal }) => apiGet<UserPage>('/users', query, signal),
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<TInput, TOutput>(run: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['users'] }),
        queryClient.invalidateQueries({ queryKey: ['audit'] }),
      ]);
    },
  });
}

export function useCreateUser() {
  return useUserMutation((input: UserCreate) => apiPost<UserCredentials>('/users', input));
}

export function useUpdateUser() {
  return useUserMutation(({ userId, patch }: { userId: string; patch: UserUpdate }) =>
    apiRequest<User>('PATCH', `/users/${encodeURIComponent(userId)}`, { json: patch }),
  );
}

export function useResetPassword() {
  return useUserMutation(({ userId, options }: { userId: string; options: PasswordReset }) =>
    apiPost<UserCredentials>(`/users/${encodeURIComponent(userId)}/reset-password`, options),
  );
}

export function useBulkPreview() {
  return useMutation({ mutationFn: (file: File) => apiUpload<BulkPreview>('/users/bulk/preview', file) });
}

export type BulkCreated = { created: number; file: Blob; fileName: string };

/**
 * Creates the accounts and receives the one-time password workbook. The server keeps no copy: this response is
 * the only place the passwords exist, so the page saves it at once.
 */
async function postBulkCreate(file: File): Promise<BulkCreated> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = {};
  const token = typeof document === 'undefined' ? undefined : readCookie(CSRF_COOKIE, document.cookie);
  if (token) {
    headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/users/bulk`, {
      method: 'POST',
      body: form,
      headers,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE });
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'tai-khoan.xlsx';
  return { created: Number(response.headers.get('x-accounts-created') ?? 0), file: await response.blob(), fileName };
}

export function useBulkCreate() {
  return useUserMutation(postBulkCreate);
}

/** Offers a blob as a download (the browser's save dialog or downloads bar). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useAuditList(query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: adminKeys.audit(query),
    queryFn: ({ signal }) => apiGet<AuditPage>('/audit', query, signal),
    placeholderData: keepPreviousData,
  });
}
