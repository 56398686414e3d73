import type { ImportResult } from '@shared/contracts/imports';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost, apiUpload } from '@web/api/client';

/** Answer of POST /api/v1/imports/uploads: the file is stored and read as a dry run. */
export type ImportUpload = { uploadId: string; fileName: string; result: ImportResult };

export function useUploadImport() {
  return useMutation({
    mutationFn: (file: File) => apiUpload<ImportUpload>('/imports/uploads', file),
  });
}

/** Applies a previewed upload; everything the import can change is refetched afterwards. */
export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (uploadId: string) => apiPost<ImportResult>(`/imports/uploads/${encodeURIComponent(uploadId)}/apply`),
    onSuccess: async () => {
      await Promise.all(
        ['directives', 'tasks', 'agencies', 'dashboard'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      );
    },
  });
}

/** A dry run that an apply would refuse: the server imports all or nothing. */
export function hasBlockingErrors(result: ImportResult): boolean {
  return result.summary.errors > 0 || result.problems.some((p) => p.severity === 'error');
}
