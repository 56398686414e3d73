import type { TaskSummary } from '@shared/contracts/tasks';
import { Link } from '@web/app/router';
import { NameList } from '@web/ui/name-list';
import { Table, type TableColumnsType, type TableProps, Tooltip } from 'antd';
import { DeadlineCell } from './deadline-cell';
import { TaskTextCell } from './task-text-cell';

export type TaskTableProps = {
  tasks: TaskSummary[];
  loading: boolean;
  /** Server-side paging; omit for a short, unpaged list. */
  pagination?: { page: number; pageSize: number; total: number; pageSizeOptions: number[] };
  sortByDue?: boolean;
  onPageChange?: (page: number, pageSize: number) => void;
  onSortByDueChange?: (sortByDue: boolean) => void;
  onOpenTask: (taskId: string) => void;
  /** Hide the "Văn bản giao" column when every row has the same directive. */
  hideDirective?: boolean;
  testId?: string;
};

export function TaskTable({
  tasks,
  loading,
  pagination,
  sortByDue = false,
  onPageChange,
  onSortByDueChange,
  onOpenTask,
  hideDirective = false,
  testId = 'task-table',
}: TaskTableProps) {
  const columns: TableColumnsType<TaskSummary> = [
    {
      title: 'STT',
      dataIndex: 'label',
      width: 60,
      render: (label: string | null) => label ?? '',
    },
    {
      title: 'Nhiệm vụ',
      dataIndex: 'text',
      render: (_: string, task) => (
        <TaskTextCell
          text={task.text}
          section={task.section}
          isProposed={task.status === 'proposed'}
          testId="task-text"
        />
      ),
    },
    {
      title: 'Cơ quan chủ trì',
      dataIndex: 'leads',
      width: 170,
      render: (names: string[]) => <NameList names={names} max={2} />,
    },
    {
      title: 'Cơ quan phối hợp',
      dataIndex: 'coordinators',
      width: 180,
      render: (names: string[]) => <NameList names={names} max={2} />,
    },
    {
      title: 'Thời hạn',
      key: 'due',
      width: 150,
      sorter: Boolean(onSortByDueChange),
      sortOrder: sortByDue ? 'ascend' : null,
      sortDirections: ['ascend'],
      showSorterTooltip: { title: 'Sắp xếp theo thời hạn' },
      render: (_: unknown, task) => (
        <DeadlineCell raw={task.deadline.raw} kind={task.deadline.kind} due={task.deadline.due} />
      ),
    },
  ];
  if (!hideDirective) {
    columns.push({
      title: 'Văn bản giao',
      dataIndex: 'directiveKey',
      width: 140,
      render: (key: string, task) => (
        <Tooltip title={task.directiveTitle}>
          <Link to={`/directives/${encodeURIComponent(task.directiveId)}`} onClick={(e) => e.stopPropagation()}>
            {key}
          </Link>
        </Tooltip>
      ),
    });
  }

  const handleChange: TableProps<TaskSummary>['onChange'] = (paging, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const single = Array.isArray(sorter) ? sorter[0] : sorter;
      onSortByDueChange?.(single?.order === 'ascend');
      return;
    }
    if (extra.action === 'paginate' && paging.current && paging.pageSize) {
      onPageChange?.(paging.current, paging.pageSize);
    }
  };

  return (
    <Table<TaskSummary>
      data-testid={testId}
      rowKey="id"
      size="small"
      tableLayout="fixed"
      columns={columns}
      dataSource={tasks}
      loading={loading}
      onChange={handleChange}
      onRow={(task) => ({
        onClick: (event) => {
          // Clicks on links, buttons and popovers inside the row do their own thing.
          if ((event.target as HTMLElement).closest('a, button')) {
            return;
          }
          onOpenTask(task.id);
        },
        style: { cursor: 'pointer' },
        'data-testid': 'task-row',
      })}
      pagination={
        pagination
          ? {
              current: pagination.page,
              pageSize: pagination.pageSize,
              total: pagination.total,
              showSizeChanger: true,
              pageSizeOptions: pagination.pageSizeOptions,
              showTotal: (total, range) => `${range[0]}–${range[1]} / ${total} nhiệm vụ`,
              size: 'small',
            }
          : false
      }
      locale={{ emptyText: 'Không có nhiệm vụ nào phù hợp' }}
    />
  );
}
