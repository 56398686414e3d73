import type { StatusSummaryDto, TaskStatusDto } from '@shared/contracts/status';
import type { StatusCategory } from '@shared/domain/task-status';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '@web/api/client';

export type StatusTaskPage = {
  items: {
    taskId: string;
    text: string;
    directiveKey: string;
    deadlineRaw: string | null;
    effectiveDue: string | null;
    category: StatusCategory;
  }[];
  total: number;
  page: number;
  pageSize: number;
};

export const statusKeys = {
  all: ['status'] as const,
  summary: (q: Record<string, string | undefined>) => ['status', 'summary', q] as const,
  tasks: (q: Record<string, string | number | undefined>) => ['status', 'tasks', q] as const,
  task: (taskId: string, asOf: string | undefined) => ['status', 'task', taskId, asOf] as const,
};

/** Counts per category as of a date, optionally for one directive and grouped by agency or directive. */
export function useStatusSummary(query: { asOf?: string; directiveId?: string; by?: 'agency' | 'directive' }) {
  return useQuery({
    queryKey: statusKeys.summary(query),
    queryFn: ({ signal }) => apiGet<StatusSummaryDto>('/status', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The tasks behind one count (click-through). */
export function useStatusTasks(
  query: { asOf?: string; directiveId?: string; agencyId?: string; category?: StatusCategory; page: number },
  options: { enabled: boolean },
) {
  return useQuery({
    queryKey: statusKeys.tasks(query),
    queryFn: ({ signal }) => apiGet<StatusTaskPage>('/status/tasks', { ...query, pageSize: 20 }, signal),
    enabled: options.enabled,
    placeholderData: keepPreviousData,
  });
}

export function useTaskStatus(taskId: string | undefined, asOf?: string) {
  return useQuery({
    queryKey: statusKeys.task(taskId ?? '', asOf),
    queryFn: ({ signal }) =>
      apiGet<TaskStatusDto>(`/tasks/${encodeURIComponent(taskId ?? '')}/status`, { asOf }, signal),
    enabled: Boolean(taskId),
  });
}
