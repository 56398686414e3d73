import { STATUS_LABELS, type StatusCategory } from '@shared/domain/task-status';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Link, useParams } from '@web/app/router';
import { useTaskStatus } from '@web/features/status/status.queries';
import { PageHeader } from '@web/ui/page-header';
import { Card, Tag, Tooltip } from 'antd';
import { TaskDetailView } from '../components/task-detail-view';

const STATUS_COLORS: Partial<Record<StatusCategory, string>> = {
  completedOnTime: 'green',
  completedLate: 'orange',
  inProgress: 'blue',
  overdue: 'red',
  recurring: 'purple',
};

/** The task's status as of today (server's business day), as the status engine computes it. */
function TaskStatusTag({ taskId }: { taskId: string }) {
  const { data } = useTaskStatus(taskId);
  if (!data) {
    return null;
  }
  return (
    <Tooltip title={`Tính đến hết ngày ${formatIsoDate(data.asOf)}`}>
      <Tag color={STATUS_COLORS[data.category]} data-testid="task-status">
        {STATUS_LABELS[data.category]}
      </Tag>
    </Tooltip>
  );
}

export function TaskDetailPage() {
  const { taskId = '' } = useParams();
  return (
    <div style={{ maxWidth: 960 }}>
      <PageHeader
        title="Chi tiết nhiệm vụ"
        back={<Link to="/tasks">← Danh sách nhiệm vụ</Link>}
        extra={<TaskStatusTag taskId={taskId} />}
      />
      <Card size="small">
        <TaskDetailView taskId={taskId} />
      </Card>
    </div>
  );
}
