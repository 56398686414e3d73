import type { ImportList, ImportTask } from '@shared/contracts/imports';
import { DeadlineCell } from '@web/features/tasks/components/deadline-cell';
import { TaskTextCell } from '@web/features/tasks/components/task-text-cell';
import { NameList } from '@web/ui/name-list';
import { Collapse, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { LIST_KIND_LABELS } from '../import-labels';

const TASK_COLUMNS: TableColumnsType<ImportTask> = [
  { title: 'STT', dataIndex: 'label', width: 56, render: (label: string | null | undefined) => label ?? '' },
  {
    title: 'Nhiệm vụ',
    dataIndex: 'text',
    render: (text: string, task) => (
      <TaskTextCell text={text} section={task.section} isProposed={task.status === 'proposed'} />
    ),
  },
  { title: 'Chủ trì', dataIndex: 'lead', width: 160, render: (names: string[]) => <NameList names={names} /> },
  {
    title: 'Phối hợp',
    dataIndex: 'coordinators',
    width: 170,
    render: (names: string[]) => <NameList names={names} />,
  },
  {
    title: 'Thời hạn',
    dataIndex: 'deadline',
    width: 140,
    render: (deadline: ImportTask['deadline']) => (
      <DeadlineCell raw={deadline.raw || null} kind={deadline.kind} due={deadline.due} />
    ),
  },
  {
    title: 'Văn bản giao',
    dataIndex: 'assignedBy',
    width: 120,
    render: (key: string | null) => key ?? '—',
  },
];

function RowsTable({ list }: { list: ImportList }) {
  const rows = list.rows ?? [];
  const headers = list.columns?.length ? list.columns : Object.keys(rows[0] ?? {});
  return (
    <Table<Record<string, string>>
      size="small"
      rowKey={(_, index) => String(index)}
      dataSource={rows}
      columns={headers.map((header) => ({ title: header, dataIndex: header, key: header }))}
      pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
    />
  );
}

export type ImportListCollapseProps = { lists: ImportList[] };

/** One panel per table or appendix found in the file; panels render their rows only when opened. */
export function ImportListCollapse({ lists }: ImportListCollapseProps) {
  if (lists.length === 0) {
    return <Typography.Text type="secondary">Không tìm thấy danh mục nào trong tệp.</Typography.Text>;
  }
  return (
    <Collapse
      data-testid="import-lists"
      size="small"
      destroyOnHidden
      items={lists.map((list, index) => ({
        key: `${list.file}-${list.line ?? ''}-${index}`,
        label: (
          <Flex gap={8} wrap align="baseline">
            <Tag color="blue">{LIST_KIND_LABELS[list.kind]}</Tag>
            <Typography.Text strong>{list.title || '(không có tiêu đề)'}</Typography.Text>
            <Typography.Text type="secondary">
              {list.tasks.length > 0 ? `${list.tasks.length} nhiệm vụ` : `${list.rows?.length ?? 0} dòng`}
              {list.assignedBy ? ` · Văn bản giao: ${list.assignedBy}` : ''}
              {list.line !== null ? ` · dòng ${list.line}` : ''}
            </Typography.Text>
          </Flex>
        ),
        children:
          list.tasks.length > 0 ? (
            <Table<ImportTask>
              size="small"
              rowKey={(task, taskIndex) => `${task.id}-${taskIndex}`}
              tableLayout="fixed"
              columns={TASK_COLUMNS}
              dataSource={list.tasks}
              pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
            />
          ) : (
            <RowsTable list={list} />
          ),
      }))}
    />
  );
}
