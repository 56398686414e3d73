import type { TaskDetail, TaskSummary } from '@shared/contracts/tasks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, type QueryValue } from '@web/api/client';

export type TaskPage = { items: TaskSummary[]; total: number; page: number; pageSize: number };

export const taskKeys = {
  all: ['tasks'] as const,
  list: (query: Record<string, QueryValue>) => ['tasks', 'list', query] as const,
  detail: (taskId: string) => ['tasks', 'detail', taskId] as const,
};

/** One page of the task register; the previous page stays on screen while the next one loads. */
export function useTaskList(query: Record<string, QueryValue>, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: taskKeys.list(query),
    queryFn: ({ signal }) => apiGet<TaskPage>('/tasks', query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useTask(taskId: string | undefined) {
  return useQuery({
    queryKey: taskKeys.detail(taskId ?? ''),
    queryFn: ({ signal }) => apiGet<TaskDetail>(`/tasks/${encodeURIComponent(taskId ?? '')}`, undefined, signal),
    enabled: Boolean(taskId),
  });
}
