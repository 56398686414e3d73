import { Link, useParams } from '@web/app/router';
import { TaskRegister } from '@web/features/tasks/components/task-register';
import { PageHeader } from '@web/ui/page-header';
import { useAssignedAgencies } from '../agencies.queries';
import { AgencyKindTag } from '../components/agency-kind-tag';

export function AgencyDetailPage() {
  const { agencyId = '' } = useParams();
  // There is no single-agency endpoint yet (agency register issue); the assigned list holds every agency
  // that can have tasks, and the select on the register already loads it.
  const { data: agencies } = useAssignedAgencies();
  const agency = agencies?.find((a) => a.id === agencyId);

  return (
    <div>
      <PageHeader
        back={<Link to="/agencies">← Cơ quan</Link>}
        title={agency?.name ?? 'Cơ quan'}
        subtitle={agency?.shortName ?? undefined}
        extra={agency ? <AgencyKindTag kind={agency.kind} /> : null}
      />
      <TaskRegister fixed={{ agencyId }} />
    </div>
  );
}
