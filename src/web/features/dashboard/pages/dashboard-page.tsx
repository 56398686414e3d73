import { businessDateOf, formatIsoDate, formatNumber } from '@shared/lib/vn-format';
import { buildHref, Link, navigate, useSearchParams } from '@web/app/router';
import { useAgencyList } from '@web/features/agencies/agencies.queries';
import { useDirectiveList } from '@web/features/directives/directives.queries';
import { TaskDetailDrawer } from '@web/features/tasks/components/task-detail-drawer';
import { TaskTable } from '@web/features/tasks/components/task-table';
import { useTaskList } from '@web/features/tasks/tasks.queries';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Button, Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';

const UPCOMING_DAYS = 30;
const UPCOMING_LIMIT = 10;

type CountCardProps = { title: string; value: number | undefined; loading: boolean; to: string; testId: string };

function CountCard({ title, value, loading, to, testId }: CountCardProps) {
  return (
    <Card size="small" data-testid={testId}>
      <Statistic
        title={<Link to={to}>{title}</Link>}
        value={value ?? 0}
        loading={loading}
        formatter={(v) => formatNumber(Number(v))}
      />
    </Card>
  );
}

export function DashboardPage() {
  const [, setSearch] = useSearchParams();
  const today = businessDateOf(new Date());
  const until = dayjs(today).add(UPCOMING_DAYS, 'day').format('YYYY-MM-DD');
  const directives = useDirectiveList();
  const allTasks = useTaskList({ page: 1, pageSize: 1 });
  const agencies = useAgencyList({ assignedOnly: true, pageSize: 1 });
  const upcoming = useTaskList({ dueFrom: today, dueTo: until, sort: 'due', page: 1, pageSize: UPCOMING_LIMIT });
  const isEmpty = directives.data !== undefined && directives.data.length === 0;
  const upcomingHref = buildHref('/tasks', { dueFrom: today, dueTo: until, sort: 'due' });

  return (
    <div>
      <PageHeader title="Tổng quan" subtitle={`Số liệu đến ngày ${formatIsoDate(today)}`} />
      {directives.error ? <QueryErrorAlert error={directives.error} onRetry={() => void directives.refetch()} /> : null}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <CountCard
            testId="count-directives"
            title="Văn bản chỉ đạo"
            value={directives.data?.length}
            loading={directives.isLoading}
            to="/directives"
          />
        </Col>
        <Col span={8}>
          <CountCard
            testId="count-tasks"
            title="Nhiệm vụ"
            value={allTasks.data?.total}
            loading={allTasks.isLoading}
            to="/tasks"
          />
        </Col>
        <Col span={8}>
          <CountCard
            testId="count-agencies"
            title="Cơ quan được giao nhiệm vụ"
            value={agencies.data?.total}
            loading={agencies.isLoading}
            to={buildHref('/agencies', { assignedOnly: 'true' })}
          />
        </Col>
      </Row>
      {isEmpty ? (
        <Card>
          <Empty description="Chưa có dữ liệu. Hãy nhập văn bản chỉ đạo hoặc báo cáo để bắt đầu theo dõi.">
            <Button type="primary" data-testid="dashboard-import" onClick={() => navigate('/imports')}>
              Nhập dữ liệu
            </Button>
          </Empty>
        </Card>
      ) : (
        <Card
          size="small"
          title={`Nhiệm vụ đến hạn trong ${UPCOMING_DAYS} ngày tới`}
          extra={
            <Flex gap={12} align="center">
              {upcoming.data ? (
                <Typography.Text type="secondary">{formatNumber(upcoming.data.total)} nhiệm vụ</Typography.Text>
              ) : null}
              <Link to={upcomingHref}>Xem tất cả</Link>
            </Flex>
          }
        >
          {upcoming.error ? <QueryErrorAlert error={upcoming.error} onRetry={() => void upcoming.refetch()} /> : null}
          <TaskTable
            testId="upcoming-task-table"
            tasks={upcoming.data?.items ?? []}
            loading={upcoming.isFetching}
            onOpenTask={(taskId) => setSearch({ task: taskId })}
          />
        </Card>
      )}
      <TaskDetailDrawer />
    </div>
  );
}
