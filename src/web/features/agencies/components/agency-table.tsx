import type { AgencySummary } from '@shared/contracts/agencies';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Link, navigate } from '@web/app/router';
import { Table, type TableColumnsType } from 'antd';
import { AgencyKindTag } from './agency-kind-tag';

export type AgencyTableProps = {
  agencies: AgencySummary[];
  loading: boolean;
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
};

function detailPath(agency: AgencySummary): string {
  return `/agencies/${encodeURIComponent(agency.id)}`;
}

function validityText(agency: AgencySummary): string {
  if (!agency.validFrom && !agency.validTo) {
    return '';
  }
  if (agency.validTo) {
    return `${formatIsoDate(agency.validFrom) || '…'} – ${formatIsoDate(agency.validTo)}`;
  }
  return `từ ${formatIsoDate(agency.validFrom)}`;
}

export function AgencyTable({ agencies, loading, page, pageSize, total, onPageChange }: AgencyTableProps) {
  const columns: TableColumnsType<AgencySummary> = [
    {
      title: 'Tên cơ quan',
      dataIndex: 'name',
      render: (name: string, agency) => <Link to={detailPath(agency)}>{name}</Link>,
    },
    { title: 'Tên viết tắt', dataIndex: 'shortName', width: 180, render: (s: string | null) => s ?? '' },
    {
      title: 'Loại',
      dataIndex: 'kind',
      width: 200,
      render: (kind: AgencySummary['kind']) => <AgencyKindTag kind={kind} />,
    },
    { title: 'Hiệu lực', key: 'validity', width: 200, render: (_: unknown, agency) => validityText(agency) },
  ];
  return (
    <Table<AgencySummary>
      data-testid="agency-table"
      rowKey="id"
      size="small"
      tableLayout="fixed"
      columns={columns}
      dataSource={agencies}
      loading={loading}
      onRow={(agency) => ({
        onClick: (event) => {
          if ((event.target as HTMLElement).closest('a, button')) {
            return;
          }
          navigate(detailPath(agency));
        },
        style: { cursor: 'pointer' },
      })}
      pagination={{
        current: page,
        pageSize,
        total,
        onChange: onPageChange,
        hideOnSinglePage: true,
        size: 'small',
        showSizeChanger: false,
        showTotal: (total) => `${total} cơ quan`,
      }}
      locale={{ emptyText: 'Không tìm thấy cơ quan nào' }}
    />
  );
}
