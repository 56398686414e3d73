import { AGENCY_KIND_LABELS, AgencyKindSchema } from '@shared/contracts/agencies';
import { useSearchParams } from '@web/app/router';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { SearchInput } from '@web/ui/search-input';
import { Checkbox, Flex, Select } from 'antd';
import { useAgencyList } from '../agencies.queries';
import { AgencyTable } from '../components/agency-table';

const KIND_OPTIONS = AgencyKindSchema.options.map((kind) => ({ value: kind, label: AGENCY_KIND_LABELS[kind] }));
const PAGE_SIZE = 50;

export function AgencyListPage() {
  const [params, setSearch] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = AgencyKindSchema.options.find((k) => k === params.get('kind'));
  const assignedOnly = params.get('assignedOnly') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, isFetching, error, refetch } = useAgencyList({
    q: q || undefined,
    kind,
    assignedOnly: assignedOnly || undefined,
    page,
    pageSize: PAGE_SIZE,
  });

  return (
    <div>
      <PageHeader title="Cơ quan" subtitle="Cơ quan chủ trì, phối hợp thực hiện nhiệm vụ" />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <SearchInput
          testId="agency-search"
          placeholder="Tìm theo mọi tên gọi (không cần dấu)"
          value={q}
          onSearch={(text) => setSearch({ q: text, page: null }, { replace: true })}
          style={{ width: 340 }}
        />
        <Select
          data-testid="agency-filter-kind"
          allowClear
          placeholder="Loại cơ quan"
          options={KIND_OPTIONS}
          value={kind}
          onChange={(next) => setSearch({ kind: next ?? null, page: null })}
          style={{ width: 220 }}
        />
        <Checkbox
          data-testid="agency-filter-assigned"
          checked={assignedOnly}
          onChange={(event) => setSearch({ assignedOnly: event.target.checked ? 'true' : null, page: null })}
        >
          Chỉ cơ quan được giao nhiệm vụ
        </Checkbox>
      </Flex>
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <AgencyTable
        agencies={data?.items ?? []}
        loading={isFetching}
        page={page}
        pageSize={PAGE_SIZE}
        total={data?.total ?? 0}
        onPageChange={(next) => setSearch({ page: next === 1 ? null : next })}
      />
    </div>
  );
}
