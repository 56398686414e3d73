import { type TaskListQuery, TaskListQuerySchema } from '@shared/contracts/tasks';
import type { QueryValue } from '@web/api/client';

/** Task-register filters as kept in the URL (shareable); every key is also a GET /api/v1/tasks parameter. */
export type TaskFilters = Omit<Partial<TaskListQuery>, 'page' | 'pageSize' | 'sort'> & {
  page: number;
  pageSize: number;
  sort: TaskListQuery['sort'];
};

export const TASK_FILTER_KEYS = [
  'q',
  'directiveId',
  'sectionId',
  'agencyId',
  'role',
  'dueFrom',
  'dueTo',
  'deadlineKind',
  'status',
] as const;
export type TaskFilterKey = (typeof TASK_FILTER_KEYS)[number];

/** Filters an embedding page sets for good (directive detail, agency page). */
export type TaskFixedFilters = Partial<Pick<TaskListQuery, TaskFilterKey>>;

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZE_OPTIONS = [20, 50, 100];

const shape = TaskListQuerySchema.shape;

/** Reads filters from the query string; a value the API would reject is dropped, not sent. */
export function readTaskFilters(params: URLSearchParams): TaskFilters {
  const filters: TaskFilters = { page: 1, pageSize: DEFAULT_PAGE_SIZE, sort: 'position' };
  for (const key of TASK_FILTER_KEYS) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === '') {
      continue;
    }
    const parsed = shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) {
      Object.assign(filters, { [key]: parsed.data });
    }
  }
  const page = shape.page.safeParse(params.get('page') ?? undefined);
  if (page.success) {
    filters.page = page.data;
  }
  const pageSize = shape.pageSize.safeParse(params.get('pageSize') ?? undefined);
  if (pageSize.success && params.has('pageSize')) {
    filters.pageSize = pageSize.data;
  }
  const sort = shape.sort.safeParse(params.get('sort') ?? undefined);
  if (sort.success) {
    filters.sort = sort.data;
  }
  return filters;
}

/** The API query for a set of filters (empty values left out). */
export function toTaskListQuery(filters: TaskFilters): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const key of TASK_FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') {
      query[key] = value;
    }
  }
  query.page = filters.page;
  query.pageSize = filters.pageSize;
  if (filters.sort !== 'position') {
    query.sort = filters.sort;
  }
  return query;
}

/** True when any filter the user can clear is set (fixed filters of the embedding page excluded). */
export function hasActiveFilters(filters: TaskFilters, fixed: TaskFixedFilters = {}): boolean {
  return TASK_FILTER_KEYS.some((key) => fixed[key] === undefined && filters[key] !== undefined);
}
