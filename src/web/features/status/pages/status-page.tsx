import type { StatusSummaryDto } from '@shared/contracts/status';
import { STATUS_CATEGORIES, STATUS_LABELS, type StatusCategory } from '@shared/domain/task-status';
import { formatIsoDate, formatNumber } from '@shared/lib/vn-format';
import { Link, useSearchParams } from '@web/app/router';
import { useDirectiveList } from '@web/features/directives/directives.queries';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Flex,
  Row,
  Segmented,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type StatusTaskPage, useStatusSummary, useStatusTasks } from '../status.queries';

const CATEGORY_COLORS: Record<StatusCategory, string> = {
  completedOnTime: '#389e0d',
  completedLate: '#d48806',
  completedUndated: '#7cb305',
  inProgress: '#1677ff',
  overdue: '#cf1322',
  recurring: '#722ed1',
  noDeadline: '#8c8c8c',
};

const DISCREPANCY_LABELS: Record<string, string> = {
  'completion-contradicted': 'Văn bản sau mâu thuẫn với văn bản trước',
  'claimed-overdue-not-due': 'Ghi "quá hạn" khi chưa hết hạn',
  'units-not-assigned': 'Đơn vị chưa hoàn thành không phải cơ quan chủ trì',
  'unreadable-status': 'Không đọc được tình trạng',
  'stated-totals-mismatch': 'Số liệu tổng hợp khác bảng chi tiết',
};

function todayIso(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

type Group = NonNullable<StatusSummaryDto['groups']>[number];
type Selection = { category: StatusCategory; agencyId?: string; directiveId?: string; label: string };

/**
 * Status of every task as of a cut-off date (computed from what was recorded by the end of that day): counts per
 * category, against the granted and the original deadlines, by directive or by lead agency; every count opens the
 * list of its tasks; discrepancies between documents are listed, never hidden.
 */
export function StatusPage() {
  const [params, setSearch] = useSearchParams();
  const asOf = params.get('asOf') ?? todayIso();
  const directiveId = params.get('directiveId') ?? undefined;
  const by = params.get('by') === 'agency' ? 'agency' : params.get('by') === 'directive' ? 'directive' : undefined;
  const category = STATUS_CATEGORIES.find((c) => c === params.get('category'));
  const groupKey = params.get('group') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, isFetching, error, refetch } = useStatusSummary({ asOf, directiveId, by });
  const directives = useDirectiveList();

  const selection: Selection | null = category
    ? {
        category,
        ...(groupKey && by === 'agency' ? { agencyId: groupKey } : {}),
        ...(groupKey && by === 'directive' ? { directiveId: groupKey } : {}),
        label: STATUS_LABELS[category],
      }
    : null;
  const tasks = useStatusTasks(
    {
      asOf,
      directiveId: selection?.directiveId ?? directiveId,
      agencyId: selection?.agencyId,
      category: selection?.category,
      page,
    },
    { enabled: Boolean(selection) },
  );

  const select = (c: StatusCategory, group?: string) => setSearch({ category: c, group: group ?? null, page: null });

  const groupColumns: TableColumnsType<Group> = [
    {
      title: by === 'agency' ? 'Cơ quan chủ trì' : 'Văn bản',
      dataIndex: 'name',
      render: (name: string, g) =>
        by === 'agency' ? (
          <Link to={`/agencies/${g.key}`}>{name}</Link>
        ) : (
          <Link to={`/directives/${g.key}`}>{name}</Link>
        ),
    },
    ...STATUS_CATEGORIES.map((c) => ({
      title: STATUS_LABELS[c],
      key: c,
      width: 110,
      align: 'right' as const,
      render: (_: unknown, g: Group) =>
        g.counts[c] > 0 ? (
          <Button type="link" size="small" onClick={() => select(c, g.key)} style={{ color: CATEGORY_COLORS[c] }}>
            {formatNumber(g.counts[c])}
          </Button>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
      sorter: (a: Group, b: Group) => a.counts[c] - b.counts[c],
    })),
    { title: 'Tổng', dataIndex: 'total', width: 80, align: 'right', sorter: (a, b) => a.total - b.total },
  ];

  const taskColumns: TableColumnsType<StatusTaskPage['items'][number]> = [
    {
      title: 'Nhiệm vụ',
      dataIndex: 'text',
      render: (text: string, t) => (
        <Link to={`/tasks/${t.taskId}`}>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {text}
          </Typography.Paragraph>
        </Link>
      ),
    },
    { title: 'Văn bản', dataIndex: 'directiveKey', width: 140 },
    {
      title: 'Thời hạn',
      key: 'due',
      width: 140,
      render: (_, t) => (t.effectiveDue ? formatIsoDate(t.effectiveDue) : (t.deadlineRaw ?? '—')),
    },
  ];

  return (
    <>
      <PageHeader
        title="Tình trạng thực hiện nhiệm vụ"
        subtitle={`Tính đến hết ngày ${formatIsoDate(asOf)} (giờ Việt Nam), theo báo cáo đã được tiếp nhận, gia hạn đã được đồng ý và số liệu các văn bản đã nhập.`}
        extra={
          <Flex gap={8} wrap>
            <DatePicker
              allowClear={false}
              format="DD/MM/YYYY"
              value={dayjs(asOf)}
              onChange={(d) => setSearch({ asOf: d ? d.format('YYYY-MM-DD') : null, page: null })}
              data-testid="status-as-of"
            />
            <Select
              allowClear
              showSearch
              placeholder="Mọi văn bản"
              style={{ width: 260 }}
              value={directiveId}
              optionFilterProp="label"
              options={(directives.data ?? []).map((d) => ({ value: d.id, label: `${d.stableKey} — ${d.title}` }))}
              onChange={(v?: string) => setSearch({ directiveId: v ?? null, category: null, group: null, page: null })}
              data-testid="status-directive"
            />
            <Segmented
              value={by ?? 'none'}
              options={[
                { value: 'none', label: 'Tổng' },
                { value: 'directive', label: 'Theo văn bản' },
                { value: 'agency', label: 'Theo cơ quan' },
              ]}
              onChange={(v) =>
                setSearch({ by: v === 'none' ? null : String(v), category: null, group: null, page: null })
              }
              data-testid="status-by"
            />
          </Flex>
        }
      />
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {data ? (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {STATUS_CATEGORIES.map((c) => (
              <Col key={c} xs={12} sm={8} md={6} lg={3} style={{ minWidth: 150 }}>
                <Card
                  size="small"
                  hoverable
                  onClick={() => select(c)}
                  data-testid={`status-count-${c}`}
                  style={{ borderColor: category === c && !groupKey ? CATEGORY_COLORS[c] : undefined }}
                >
                  <Statistic
                    title={STATUS_LABELS[c]}
                    value={data[c]}
                    valueStyle={{ color: CATEGORY_COLORS[c] }}
                    formatter={(v) => formatNumber(Number(v))}
                  />
                  {data.againstOriginal[c] !== data[c] ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      Theo hạn ban đầu: {formatNumber(data.againstOriginal[c])}
                    </Typography.Text>
                  ) : null}
                </Card>
              </Col>
            ))}
          </Row>
          {data.recurring > 0 ? (
            <Typography.Paragraph type="secondary">
              Nhiệm vụ thường xuyên, kỳ {data.recurringPeriod.period}: đã báo cáo {data.recurringPeriod.reported}, chưa
              báo cáo {data.recurringPeriod.notReported}.
            </Typography.Paragraph>
          ) : null}
          {data.discrepancies.length > 0 ? (
            <Collapse
              style={{ marginBottom: 16 }}
              items={[
                {
                  key: 'd',
                  label: (
                    <Typography.Text type="warning">
                      {data.discrepancies.length} chênh lệch giữa các nguồn số liệu (hiển thị đầy đủ, không tự điều
                      chỉnh)
                    </Typography.Text>
                  ),
                  children: (
                    <Flex vertical gap={8} data-testid="status-discrepancies">
                      {data.discrepancies.map((d, i) => (
                        <Alert
                          // biome-ignore lint/suspicious/noArrayIndexKey: discrepancies have no id and never reorder in place
                          key={i}
                          type="warning"
                          showIcon
                          title={
                            <>
                              <Tag>{DISCREPANCY_LABELS[d.kind] ?? d.kind}</Tag>
                              {d.taskId ? <Link to={`/tasks/${d.taskId}`}>{d.message}</Link> : d.message}
                            </>
                          }
                          description={d.units?.length ? `Đơn vị: ${d.units.join(', ')}` : undefined}
                        />
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          ) : null}
          {by && data.groups ? (
            <Table<Group>
              rowKey="key"
              size="small"
              loading={isFetching}
              columns={groupColumns}
              dataSource={data.groups}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              scroll={{ x: 1100 }}
              caption={
                by === 'agency'
                  ? 'Theo cơ quan chủ trì: mỗi nhiệm vụ được tính một lần cho mỗi cơ quan chủ trì.'
                  : 'Theo văn bản giao nhiệm vụ.'
              }
              data-testid="status-groups"
            />
          ) : null}
        </>
      ) : null}
      {selection ? (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={`${selection.label}${groupKey ? ` — ${data?.groups?.find((g) => g.key === groupKey)?.name ?? ''}` : ''} (${formatNumber(tasks.data?.total ?? 0)})`}
          extra={
            <Button size="small" onClick={() => setSearch({ category: null, group: null, page: null })}>
              Đóng
            </Button>
          }
        >
          {tasks.error ? <QueryErrorAlert error={tasks.error} /> : null}
          <Table
            rowKey="taskId"
            size="small"
            loading={tasks.isFetching}
            columns={taskColumns}
            dataSource={tasks.data?.items ?? []}
            pagination={{
              current: page,
              pageSize: 20,
              total: tasks.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => setSearch({ page: p }),
            }}
            data-testid="status-tasks"
          />
        </Card>
      ) : null}
    </>
  );
}
