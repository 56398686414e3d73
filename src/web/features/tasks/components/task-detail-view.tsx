import type { TaskDetail } from '@shared/contracts/tasks';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Link } from '@web/app/router';
import { listKindLabel } from '@web/features/imports/import-labels';
import { formatDateTime } from '@web/ui/format';
import { PageFallback } from '@web/ui/page-fallback';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Collapse, Descriptions, Empty, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { DEADLINE_KIND_LABELS, deadlineTagOf } from '../deadline-labels';
import { useTask } from '../tasks.queries';

const FACT_LABELS: Record<string, string> = {
  status: 'Tình trạng',
  unitsNotCompleted: 'Đơn vị chưa hoàn thành',
  result: 'Kết quả',
  description: 'Mô tả',
  note: 'Ghi chú',
};

const HISTORY_FIELD_LABELS: Record<string, string> = {
  text: 'Nội dung',
  product: 'Sản phẩm',
  notes: 'Ghi chú',
  label: 'STT',
  section: 'Mục',
  deadlineRaw: 'Thời hạn',
  deadline: 'Thời hạn',
  leadText: 'Cơ quan chủ trì',
  coordinatorsText: 'Cơ quan phối hợp',
  leads: 'Cơ quan chủ trì',
  coordinators: 'Cơ quan phối hợp',
  status: 'Trạng thái',
};

function renderValue(value: unknown): ReactNode {
  if (value === null || value === undefined || value === '') {
    return <Typography.Text type="secondary">(trống)</Typography.Text>;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? (
      <Typography.Text type="secondary">(trống)</Typography.Text>
    ) : (
      <Flex wrap gap={4}>
        {[...new Set(value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))))].map((item) => (
          <Tag key={item}>{item}</Tag>
        ))}
      </Flex>
    );
  }
  if (typeof value === 'object') {
    return <code style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(value, null, 1)}</code>;
  }
  return <span style={{ whiteSpace: 'pre-line' }}>{String(value)}</span>;
}

function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={5} style={{ marginTop: 20, marginBottom: 8 }}>
      {children}
    </Typography.Title>
  );
}

type AssignmentListProps = { assignments: TaskDetail['assignments']; raw: string | null };

function AssignmentList({ assignments, raw }: AssignmentListProps) {
  return (
    <div>
      {assignments.length === 0 ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : (
        <Flex wrap gap={6} style={{ maxHeight: 200, overflow: 'auto' }}>
          {assignments.map((a, index) => (
            <span key={a.agencyId} data-testid="task-assignment">
              <Link to={`/agencies/${encodeURIComponent(a.agencyId)}`}>{a.agencyName}</Link>
              {a.viaGroup ? (
                <Tooltip title={`Mở rộng từ “${a.viaGroup}”`}>
                  <Tag color="purple" style={{ marginLeft: 4 }}>
                    qua nhóm
                  </Tag>
                </Tooltip>
              ) : null}
              {index < assignments.length - 1 ? <Typography.Text type="secondary">;</Typography.Text> : null}
            </span>
          ))}
        </Flex>
      )}
      {raw ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Nguyên văn: {raw}
        </Typography.Text>
      ) : null}
    </div>
  );
}

export type TaskDetailViewProps = { taskId: string };

/** Everything known about one task, each fact with where it was read. */
export function TaskDetailView({ taskId }: TaskDetailViewProps) {
  const { data: task, isLoading, error, refetch } = useTask(taskId);
  if (isLoading) {
    return <PageFallback />;
  }
  if (error || !task) {
    return <QueryErrorAlert error={error} onRetry={() => void refetch()} />;
  }
  const leads = task.assignments.filter((a) => a.role === 'lead');
  const coordinators = task.assignments.filter((a) => a.role === 'coordinator');
  const deadlineTag = deadlineTagOf(task.deadline.kind, task.deadline.raw);
  const { provenance } = task;

  return (
    <div data-testid="task-detail">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        {task.label ? <Tag>STT {task.label}</Tag> : null}
        {task.status === 'proposed' ? (
          <Tooltip title="Đọc từ văn bản dạng lời; cần người xác nhận trước khi tính">
            <Tag color="gold">Đề xuất</Tag>
          </Tooltip>
        ) : (
          <Tag color="green">Đã xác nhận</Tag>
        )}
      </Flex>
      <Typography.Paragraph style={{ fontSize: 15, whiteSpace: 'pre-line' }} data-testid="task-detail-text">
        {task.text}
      </Typography.Paragraph>

      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 170 } }}
        items={[
          {
            key: 'directive',
            label: 'Văn bản giao',
            children: (
              <Link to={`/directives/${encodeURIComponent(task.directiveId)}`}>
                {task.directiveKey} — {task.directiveTitle}
              </Link>
            ),
          },
          { key: 'section', label: 'Mục', children: task.section ?? '—' },
          { key: 'product', label: 'Sản phẩm', children: task.product ?? '—' },
          { key: 'notes', label: 'Ghi chú', children: task.notes ?? '—' },
          {
            key: 'leads',
            label: `Cơ quan chủ trì (${leads.length})`,
            children: <AssignmentList assignments={leads} raw={task.leadText} />,
          },
          {
            key: 'coordinators',
            label: `Cơ quan phối hợp (${coordinators.length})`,
            children: <AssignmentList assignments={coordinators} raw={task.coordinatorsText} />,
          },
        ]}
      />

      <SectionTitle>Thời hạn</SectionTitle>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 170 } }}
        items={[
          { key: 'raw', label: 'Nguyên văn', children: task.deadline.raw ?? '—' },
          {
            key: 'kind',
            label: 'Loại',
            children: (
              <span>
                {DEADLINE_KIND_LABELS[task.deadline.kind]}
                {deadlineTag ? (
                  <Tag color={deadlineTag.color} style={{ marginLeft: 8 }}>
                    {deadlineTag.label}
                  </Tag>
                ) : null}
              </span>
            ),
          },
          { key: 'due', label: 'Hạn hoàn thành', children: formatIsoDate(task.deadline.due) || '—' },
          ...(task.deadline.start
            ? [{ key: 'start', label: 'Bắt đầu từ', children: formatIsoDate(task.deadline.start) }]
            : []),
          { key: 'rule', label: 'Quy tắc áp dụng', children: task.deadline.rule ?? '—' },
        ]}
      />

      <SectionTitle>Nguồn</SectionTitle>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 170 } }}
        items={[
          { key: 'file', label: 'Tệp', children: provenance.file },
          ...(provenance.list ? [{ key: 'list', label: 'Danh mục', children: provenance.list }] : []),
          ...(provenance.row !== undefined ? [{ key: 'row', label: 'Hàng', children: provenance.row }] : []),
          ...(provenance.line !== undefined ? [{ key: 'line', label: 'Dòng', children: provenance.line }] : []),
        ]}
      />

      <SectionTitle>Xuất hiện trong các danh mục ({task.occurrences.length})</SectionTitle>
      {task.occurrences.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không có" />
      ) : (
        <Collapse
          size="small"
          destroyOnHidden
          items={task.occurrences.map((o, index) => ({
            key: `${o.listId}-${o.row}-${index}`,
            label: (
              <span>
                {o.listTitle}{' '}
                <Typography.Text type="secondary">
                  ({listKindLabel(o.listKind)} · {o.fileName} · hàng {o.row}
                  {o.line !== null ? `, dòng ${o.line}` : ''})
                </Typography.Text>
              </span>
            ),
            children: (
              <Descriptions
                size="small"
                column={1}
                bordered
                styles={{ label: { width: 170 } }}
                items={Object.entries(o.cells).map(([header, cell]) => ({
                  key: header,
                  label: header,
                  children: <span style={{ whiteSpace: 'pre-line' }}>{cell}</span>,
                }))}
              />
            ),
          }))}
        />
      )}

      <SectionTitle>Thông tin được báo cáo ({task.facts.length})</SectionTitle>
      <Table
        size="small"
        rowKey={(_, index) => String(index)}
        pagination={false}
        dataSource={task.facts}
        locale={{ emptyText: 'Chưa có thông tin báo cáo' }}
        columns={[
          { title: 'Nội dung', dataIndex: 'kind', width: 150, render: (kind: string) => FACT_LABELS[kind] ?? kind },
          { title: 'Giá trị', dataIndex: 'value', render: (value: unknown) => renderValue(value) },
          {
            title: 'Ngày',
            dataIndex: 'reportedOn',
            width: 90,
            render: (date: string | null) => formatIsoDate(date) || '—',
          },
          { title: 'Nguồn', dataIndex: 'listTitle', width: 300, render: (title: string | null) => title ?? '—' },
        ]}
      />

      <SectionTitle>Lịch sử thay đổi</SectionTitle>
      <Typography.Paragraph type="secondary">
        Phiên bản hiện tại: {task.version} · tạo lúc {formatDateTime(task.createdAt)} · cập nhật lúc{' '}
        {formatDateTime(task.updatedAt)}
      </Typography.Paragraph>
      {task.history.length === 0 ? null : (
        <Table
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={task.history}
          columns={[
            { title: 'Phiên bản', dataIndex: 'version', width: 90 },
            { title: 'Thay đổi lúc', dataIndex: 'changedAt', width: 130, render: (at: string) => formatDateTime(at) },
            {
              title: 'Giá trị trước khi thay đổi',
              dataIndex: 'before',
              render: (before: Record<string, unknown>) => (
                <Descriptions
                  size="small"
                  column={1}
                  items={Object.entries(before).map(([field, value]) => ({
                    key: field,
                    label: HISTORY_FIELD_LABELS[field] ?? field,
                    children: renderValue(value),
                  }))}
                />
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
