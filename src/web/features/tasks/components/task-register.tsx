import { useSearchParams } from '@web/app/router';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import {
  DEFAULT_PAGE_SIZE,
  hasActiveFilters,
  PAGE_SIZE_OPTIONS,
  readTaskFilters,
  TASK_FILTER_KEYS,
  type TaskFixedFilters,
  toTaskListQuery,
} from '../task-filters';
import { useTaskList } from '../tasks.queries';
import { TaskDetailDrawer } from './task-detail-drawer';
import { TaskFilterBar, type TaskFilterChange } from './task-filter-bar';
import { TaskTable } from './task-table';

export type TaskRegisterProps = {
  /** Filters set by the embedding page; they are not in the URL and cannot be cleared here. */
  fixed?: TaskFixedFilters;
};

/**
 * The task register: filter bar, server-paged table and the detail drawer. All state (filters, page, sort,
 * the open task) lives in the query string, so a filtered view can be bookmarked or sent to a colleague.
 */
export function TaskRegister({ fixed = {} }: TaskRegisterProps) {
  const [params, setSearch] = useSearchParams();
  const filters = { ...readTaskFilters(params), ...fixed };
  const query = toTaskListQuery(filters);
  const { data, isFetching, error, refetch } = useTaskList(query);

  const handleFilterChange = (change: TaskFilterChange, options?: { replace?: boolean }) => {
    setSearch({ ...change, page: null }, options);
  };
  const handleReset = () => {
    const cleared: Record<string, null> = { page: null, sort: null };
    for (const key of TASK_FILTER_KEYS) {
      if (fixed[key] === undefined) {
        cleared[key] = null;
      }
    }
    setSearch(cleared);
  };

  return (
    <div>
      <TaskFilterBar
        filters={filters}
        fixed={fixed}
        onChange={handleFilterChange}
        onReset={handleReset}
        canReset={hasActiveFilters(filters, fixed)}
      />
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <TaskTable
        tasks={data?.items ?? []}
        loading={isFetching}
        pagination={{
          page: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          pageSizeOptions: PAGE_SIZE_OPTIONS,
        }}
        sortByDue={filters.sort === 'due'}
        onPageChange={(page, pageSize) =>
          pageSize === filters.pageSize
            ? setSearch({ page: page === 1 ? null : page })
            : setSearch({ page: null, pageSize: pageSize === DEFAULT_PAGE_SIZE ? null : pageSize })
        }
        onSortByDueChange={(sortByDue) => setSearch({ sort: sortByDue ? 'due' : null, page: null })}
        onOpenTask={(taskId) => setSearch({ task: taskId })}
        hideDirective={fixed.directiveId !== undefined}
      />
      <TaskDetailDrawer />
    </div>
  );
}
