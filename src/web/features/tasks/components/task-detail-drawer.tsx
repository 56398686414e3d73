import { Link, useSearchParams } from '@web/app/router';
import { Drawer } from 'antd';
import { TaskDetailView } from './task-detail-view';

/** The task detail over the register, opened by `?task=<id>` so the open task is part of the shareable URL. */
export function TaskDetailDrawer() {
  const [params, setSearch] = useSearchParams();
  const taskId = params.get('task') ?? undefined;
  return (
    <Drawer
      data-testid="task-detail-drawer"
      open={Boolean(taskId)}
      onClose={() => setSearch({ task: null })}
      size={760}
      title="Chi tiết nhiệm vụ"
      extra={taskId ? <Link to={`/tasks/${encodeURIComponent(taskId)}`}>Mở trang riêng</Link> : null}
      destroyOnHidden
    >
      {taskId ? <TaskDetailView taskId={taskId} /> : null}
    </Drawer>
  );
}
