import { AUDIT_ACTION_LABELS, type AuditEntry } from '@shared/contracts/audit';
import { useSearchParams } from '@web/app/router';
import { formatDateTime } from '@web/ui/format';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { SearchInput } from '@web/ui/search-input';
import { DatePicker, Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useAuditList } from '../admin.queries';
import { AnyAgencySelect } from '../components/any-agency-select';

const PAGE_SIZE = 50;

const ACTION_OPTIONS = [
  { value: 'auth.', label: 'Mọi sự kiện đăng nhập' },
  { value: 'user.', label: 'Mọi thay đổi tài khoản' },
  ...Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label })),
];

function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

function ChangeView({ entry }: { entry: AuditEntry }) {
  const show = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));
  return (
    <Flex gap={16} wrap>
      <div style={{ flex: 1, minWidth: 280 }}>
        <Typography.Text strong>Trước</Typography.Text>
        <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{show(entry.before)}</pre>
      </div>
      <div style={{ flex: 1, minWidth: 280 }}>
        <Typography.Text strong>Sau</Typography.Text>
        <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{show(entry.after)}</pre>
      </div>
    </Flex>
  );
}

/** The append-only audit log (standing office and administrators): who did what, for which agency, when, from where. */
export function AuditPage() {
  const [params, setSearch] = useSearchParams();
  const actor = params.get('actor') ?? '';
  const agencyId = params.get('agencyId') ?? undefined;
  const action = params.get('action') ?? undefined;
  const entityType = params.get('entityType') ?? '';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, isFetching, error, refetch } = useAuditList({
    actor: actor || undefined,
    agencyId,
    action,
    entityType: entityType || undefined,
    from,
    to,
    page,
    pageSize: PAGE_SIZE,
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: 'Thời điểm', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: 'Người thực hiện',
      key: 'actor',
      width: 220,
      render: (_, e) =>
        e.actorLoginName ? (
          <>
            <Typography.Text code>{e.actorLoginName}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{e.actorDisplayName}</Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">Hệ thống / chưa đăng nhập</Typography.Text>
        ),
    },
    { title: 'Cơ quan', dataIndex: 'actorAgencyName', render: (v: string | null) => v ?? '' },
    { title: 'Thao tác', dataIndex: 'action', width: 220, render: (v: string) => actionLabel(v) },
    {
      title: 'Đối tượng',
      key: 'entity',
      width: 220,
      render: (_, e) => (
        <Typography.Text type="secondary" ellipsis>
          {e.entityType}
          {e.entityId ? ` ${e.entityId}` : ''}
        </Typography.Text>
      ),
    },
    { title: 'Địa chỉ IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '' },
  ];

  return (
    <div>
      <PageHeader
        title="Nhật ký thao tác"
        subtitle="Mọi thay đổi dữ liệu và sự kiện đăng nhập; chỉ ghi thêm, không sửa, không xóa"
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <SearchInput
          testId="audit-actor"
          placeholder="Tên đăng nhập người thực hiện"
          value={actor}
          onSearch={(text) => setSearch({ actor: text, page: null }, { replace: true })}
          style={{ width: 240 }}
        />
        <AnyAgencySelect
          value={agencyId}
          onChange={(next) => setSearch({ agencyId: next ?? null, page: null })}
          placeholder="Cơ quan của người thực hiện"
          style={{ width: 280 }}
        />
        <Select
          allowClear
          showSearch
          placeholder="Thao tác"
          options={ACTION_OPTIONS}
          value={action}
          onChange={(next: string | undefined) => setSearch({ action: next ?? null, page: null })}
          style={{ width: 240 }}
          data-testid="audit-action"
        />
        <SearchInput
          placeholder="Loại đối tượng (user, task…)"
          value={entityType}
          onSearch={(text) => setSearch({ entityType: text, page: null }, { replace: true })}
          style={{ width: 200 }}
        />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(range) =>
            setSearch({
              from: range?.[0]?.format('YYYY-MM-DD') ?? null,
              to: range?.[1]?.format('YYYY-MM-DD') ?? null,
              page: null,
            })
          }
        />
      </Flex>
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        expandable={{ expandedRowRender: (entry) => <ChangeView entry={entry} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          onChange: (next) => setSearch({ page: next === 1 ? null : next }),
          hideOnSinglePage: true,
          size: 'small',
          showSizeChanger: false,
          showTotal: (total) => `${total} bản ghi`,
        }}
        locale={{ emptyText: 'Không có bản ghi nào' }}
      />
    </div>
  );
}
