import type { Problem } from '@shared/contracts/imports';
import { Table, type TableColumnsType, Tag } from 'antd';
import { positionText, SEVERITY_LABELS } from '../import-labels';

export type ImportProblemTableProps = { problems: Problem[] };

const SEVERITY_ORDER: Record<Problem['severity'], number> = { error: 0, warning: 1, info: 2 };

export function ImportProblemTable({ problems }: ImportProblemTableProps) {
  const sorted = [...problems].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const codes = [...new Set(problems.map((p) => p.code))].sort();
  const columns: TableColumnsType<Problem> = [
    {
      title: 'Mức độ',
      dataIndex: 'severity',
      width: 100,
      filters: (Object.keys(SEVERITY_LABELS) as Problem['severity'][]).map((s) => ({
        text: SEVERITY_LABELS[s].label,
        value: s,
      })),
      onFilter: (value, problem) => problem.severity === value,
      render: (severity: Problem['severity']) => (
        <Tag color={SEVERITY_LABELS[severity].color}>{SEVERITY_LABELS[severity].label}</Tag>
      ),
    },
    { title: 'Tệp', dataIndex: 'file', width: 200, ellipsis: true },
    { title: 'Vị trí', key: 'position', width: 130, render: (_: unknown, problem) => positionText(problem) || '—' },
    {
      title: 'Mã',
      dataIndex: 'code',
      width: 190,
      filters: codes.map((code) => ({ text: code, value: code })),
      onFilter: (value, problem) => problem.code === value,
      render: (code: string) => <code>{code}</code>,
    },
    { title: 'Nội dung', dataIndex: 'message' },
  ];
  return (
    <Table<Problem>
      data-testid="import-problems"
      rowKey={(problem, index) => `${problem.file}-${problem.line ?? ''}-${problem.row ?? ''}-${problem.code}-${index}`}
      size="small"
      tableLayout="fixed"
      columns={columns}
      dataSource={sorted}
      pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
      locale={{ emptyText: 'Không có lỗi hay cảnh báo' }}
    />
  );
}
