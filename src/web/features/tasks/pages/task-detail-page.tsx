import { Link, useParams } from '@web/app/router';
import { PageHeader } from '@web/ui/page-header';
import { Card } from 'antd';
import { TaskDetailView } from '../components/task-detail-view';

export function TaskDetailPage() {
  const { taskId = '' } = useParams();
  return (
    <div style={{ maxWidth: 960 }}>
      <PageHeader title="Chi tiết nhiệm vụ" back={<Link to="/tasks">← Danh sách nhiệm vụ</Link>} />
      <Card size="small">
        <TaskDetailView taskId={taskId} />
      </Card>
    </div>
  );
}
