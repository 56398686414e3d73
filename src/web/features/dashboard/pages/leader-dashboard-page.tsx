import type { DashboardStatusRow, Drill } from '@shared/contracts/reports';
import { STATUS_CATEGORIES, STATUS_LABELS } from '@shared/domain/task-status';
import { formatIsoDate, formatNumber } from '@shared/lib/vn-format';
import { Link, navigate, useSearchParams } from '@web/app/router';
import { drillHref, useDashboard } from '@web/features/reports/reports.queries';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Card, Col, DatePicker, Empty, Flex, Row, Segmented, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { StatusBarChart, StatusTrendChart } from '../components/status-trend-chart';

function todayIso(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

type CountLinkProps = { count: number; drill: Drill; testId?: string };

/** A number that opens the list of tasks behind it. */
function CountLink({ count, drill, testId }: CountLinkProps) {
  return (
    <Link to={drillHref(drill)} data-testid={testId}>
      {formatNumber(count)}
    </Link>
  );
}

const COLUMN_CATEGORIES = ['completedOnTime', 'completedLate', 'inProgress', 'overdue', 'recurring'] as const;

type StatusTableProps = { rows: DashboardStatusRow[]; title: string; testId: string };

function StatusTable({ rows, title, testId }: StatusTableProps) {
  return (
    <Table<DashboardStatusRow>
      data-testid={testId}
      size="small"
      rowKey="key"
      pagination={rows.length > 10 ? { pageSize: 10 } : false}
      dataSource={rows}
      columns={[
        { title, dataIndex: 'name', key: 'name' },
        { title: 'Tổng số', dataIndex: 'total', key: 'total', align: 'right', render: (v: number) => formatNumber(v) },
        ...COLUMN_CATEGORIES.map((c) => ({
          title: STATUS_LABELS[c],
          key: c,
          align: 'right' as const,
          render: (_: unknown, row: DashboardStatusRow) => {
            const cell = row.cells[c];
            return cell ? (
              <span>
                <CountLink count={cell.count} drill={cell.drill} />{' '}
                <Typography.Text type="secondary">({formatNumber(cell.share, 1)}%)</Typography.Text>
              </span>
            ) : null;
          },
        })),
      ]}
    />
  );
}

/**
 * Leaders' overview: counts and shares by directive and agency group, the trend over snapshots, the overdue league
 * table, agencies that have not reported, tasks due soon and indicator achievement. Every number links to its tasks.
 */
export function LeaderDashboardPage() {
  const [params, setSearch] = useSearchParams();
  const asOf = params.get('asOf') ?? todayIso();
  const role = params.get('role') === 'coordinator' ? 'coordinator' : 'lead';
  const agencyMode = params.get('agencyMode') === 'rolled-up' ? 'rolled-up' : 'as-constituted';
  const directiveId = params.get('directiveId') ?? undefined;
  const query = useDashboard({ asOf, role, agencyMode, ...(directiveId ? { directiveId } : {}) });
  const d = query.data;

  const handleGroupSelect = (group: string, category: string) => {
    navigate(drillHref({ asOf, category: category as Drill['category'], group }));
  };

  return (
    <div data-testid="leader-dashboard-page">
      <PageHeader
        title="Tổng quan cho lãnh đạo"
        subtitle={`Số liệu tính đến hết ngày ${formatIsoDate(asOf)}`}
        extra={
          <Flex gap={8} wrap>
            <DatePicker
              data-testid="dashboard-as-of"
              format="DD/MM/YYYY"
              allowClear={false}
              value={dayjs(asOf)}
              onChange={(v) => setSearch({ asOf: v ? v.format('YYYY-MM-DD') : null })}
            />
            <Segmented
              value={role}
              options={[
                { label: 'Chủ trì', value: 'lead' },
                { label: 'Phối hợp', value: 'coordinator' },
              ]}
              onChange={(v) => setSearch({ role: v === 'lead' ? null : String(v) })}
            />
            <Segmented
              value={agencyMode}
              options={[
                { label: 'Cơ quan tại thời điểm giao', value: 'as-constituted' },
                { label: 'Quy về cơ quan hiện nay', value: 'rolled-up' },
              ]}
              onChange={(v) => setSearch({ agencyMode: v === 'as-constituted' ? null : String(v) })}
            />
          </Flex>
        }
      />
      {query.error ? <QueryErrorAlert error={query.error} onRetry={() => query.refetch()} /> : null}
      <Row gutter={[12, 12]}>
        {STATUS_CATEGORIES.filter((c) => c !== 'completedUndated' && c !== 'noDeadline').map((c) => {
          const cell = d?.totals.cells[c];
          return (
            <Col key={c} xs={12} md={8} lg={4}>
              <Card size="small" loading={query.isLoading}>
                <Statistic
                  title={STATUS_LABELS[c]}
                  valueRender={() =>
                    cell ? <CountLink count={cell.count} drill={cell.drill} testId={`dashboard-count-${c}`} /> : '—'
                  }
                  suffix={
                    cell ? <Typography.Text type="secondary">{formatNumber(cell.share, 1)}%</Typography.Text> : null
                  }
                />
              </Card>
            </Col>
          );
        })}
        <Col xs={12} md={8} lg={4}>
          <Card size="small" loading={query.isLoading}>
            <Statistic
              title="Đến hạn trong 7 / 30 ngày"
              valueRender={() =>
                d ? (
                  <span>
                    <CountLink count={d.dueSoon.next7.count} drill={d.dueSoon.next7.drill} /> /{' '}
                    <CountLink count={d.dueSoon.next30.count} drill={d.dueSoon.next30.drill} />
                  </span>
                ) : (
                  '—'
                )
              }
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title="Theo khối cơ quan (tỷ lệ)">
            <StatusBarChart rows={d?.byAgencyGroup ?? []} onSelect={handleGroupSelect} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="Xu hướng qua các bản chốt số liệu">
            <StatusTrendChart trend={d?.trend ?? []} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="Theo văn bản giao nhiệm vụ" style={{ marginTop: 12 }}>
        <StatusTable rows={d?.byDirective ?? []} title="Văn bản" testId="dashboard-by-directive" />
      </Card>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title="Cơ quan có nhiều nhiệm vụ quá hạn">
            <Table
              data-testid="dashboard-overdue-league"
              size="small"
              rowKey="agencyId"
              pagination={false}
              dataSource={d?.overdueLeague ?? []}
              columns={[
                { title: 'TT', key: 'i', width: 48, render: (_: unknown, __: unknown, i: number) => i + 1 },
                { title: 'Cơ quan', dataIndex: 'agencyName', key: 'name' },
                {
                  title: 'Quá hạn',
                  key: 'overdue',
                  align: 'right',
                  render: (_: unknown, r: NonNullable<typeof d>['overdueLeague'][number]) => (
                    <CountLink count={r.overdue} drill={r.drill} />
                  ),
                },
                { title: 'Tổng số', dataIndex: 'total', key: 'total', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`Cơ quan chưa báo cáo kỳ ${d?.notReported?.period ?? ''}`}>
            {d?.notReported && d.notReported.items.length > 0 ? (
              <Table
                size="small"
                rowKey="agencyId"
                pagination={false}
                dataSource={d.notReported.items}
                columns={[
                  {
                    title: 'Cơ quan',
                    key: 'name',
                    render: (_: unknown, r: { agencyId: string; agencyName: string }) => (
                      <Link to={`/agencies/${r.agencyId}`}>{r.agencyName}</Link>
                    ),
                  },
                  { title: 'Số nhiệm vụ chưa báo cáo', dataIndex: 'owed', key: 'owed', align: 'right' },
                ]}
              />
            ) : (
              <Empty description="Không có cơ quan nào còn nợ báo cáo" />
            )}
          </Card>
          <Card size="small" title="Kết quả thực hiện chỉ tiêu" style={{ marginTop: 12 }}>
            {d && d.indicators.length > 0 ? (
              d.indicators.map((i) => (
                <Typography.Paragraph key={i.indicatorCode}>
                  <Link to={`/indicators?period=${i.period}`}>{i.indicatorName}</Link> (kỳ {i.period}):{' '}
                  {formatNumber(i.met)}/{formatNumber(i.agencies)} cơ quan đạt chỉ tiêu; {formatNumber(i.notMet)} chưa
                  đạt; {formatNumber(i.noTarget)} chưa đăng ký.
                </Typography.Paragraph>
              ))
            ) : (
              <Empty description="Chưa có số liệu chỉ tiêu" />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
