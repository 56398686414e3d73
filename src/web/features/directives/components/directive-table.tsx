import { DIRECTIVE_KIND_LABELS, type DirectiveSummary } from '@shared/contracts/directives';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Link, navigate } from '@web/app/router';
import { Table, type TableColumnsType } from 'antd';
import { DirectiveStatusTag } from './directive-status-tag';

export type DirectiveTableProps = {
  directives: DirectiveSummary[];
  loading: boolean;
};

function detailPath(directive: DirectiveSummary): string {
  return `/directives/${encodeURIComponent(directive.id)}`;
}

export function DirectiveTable({ directives, loading }: DirectiveTableProps) {
  const columns: TableColumnsType<DirectiveSummary> = [
    {
      title: 'Số, ký hiệu',
      dataIndex: 'number',
      width: 150,
      render: (number: string | null, d) => <Link to={detailPath(d)}>{number ?? '(không số)'}</Link>,
    },
    {
      title: 'Loại',
      dataIndex: 'kind',
      width: 130,
      render: (kind: DirectiveSummary['kind']) => DIRECTIVE_KIND_LABELS[kind],
    },
    {
      title: 'Ngày',
      dataIndex: 'issuedOn',
      width: 100,
      render: (date: string | null) => formatIsoDate(date) || '—',
    },
    { title: 'Cơ quan ban hành', dataIndex: 'issuer', width: 200, render: (issuer: string | null) => issuer ?? '—' },
    { title: 'Trích yếu', dataIndex: 'title' },
    { title: 'Số nhiệm vụ', dataIndex: 'taskCount', width: 100, align: 'right' },
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      width: 150,
      render: (status: DirectiveSummary['status']) => <DirectiveStatusTag status={status} />,
    },
  ];
  return (
    <Table<DirectiveSummary>
      data-testid="directive-table"
      rowKey="id"
      size="small"
      tableLayout="fixed"
      columns={columns}
      dataSource={directives}
      loading={loading}
      onRow={(d) => ({
        onClick: (event) => {
          if ((event.target as HTMLElement).closest('a, button')) {
            return;
          }
          navigate(detailPath(d));
        },
        style: { cursor: 'pointer' },
      })}
      pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
      locale={{ emptyText: 'Chưa có văn bản nào. Hãy nhập dữ liệu ở mục “Nhập dữ liệu”.' }}
    />
  );
}
