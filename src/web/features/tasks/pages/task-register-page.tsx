import { PageHeader } from '@web/ui/page-header';
import { TaskRegister } from '../components/task-register';

export function TaskRegisterPage() {
  return (
    <div>
      <PageHeader title="Nhiệm vụ" subtitle="Sổ theo dõi nhiệm vụ được giao tại các văn bản chỉ đạo" />
      <TaskRegister />
    </div>
  );
}
