import { DIRECTIVE_KIND_LABELS, type DirectiveSummary } from '@shared/contracts/directives';
import { DirectiveKindSchema } from '@shared/contracts/imports';
import { useSearchParams } from '@web/app/router';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { SearchInput } from '@web/ui/search-input';
import { Flex, Select } from 'antd';
import { DirectiveTable } from '../components/directive-table';
import { DIRECTIVE_STATUS_LABELS } from '../directive-labels';
import { useDirectiveList } from '../directives.queries';

const KIND_OPTIONS = DirectiveKindSchema.options.map((kind) => ({ value: kind, label: DIRECTIVE_KIND_LABELS[kind] }));
const STATUS_OPTIONS = (Object.keys(DIRECTIVE_STATUS_LABELS) as DirectiveSummary['status'][]).map((status) => ({
  value: status,
  label: DIRECTIVE_STATUS_LABELS[status].label,
}));

function parseOption<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((item) => item === value);
}

export function DirectiveListPage() {
  const [params, setSearch] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = parseOption(params.get('kind'), DirectiveKindSchema.options);
  const status = parseOption(params.get('status'), ['issued', 'draft', 'reference'] as const);
  const { data, isFetching, error, refetch } = useDirectiveList({ q: q || undefined, kind, status });

  return (
    <div>
      <PageHeader
        title="Văn bản chỉ đạo"
        subtitle="Nghị quyết, kế hoạch, thông báo kết luận… và các nhiệm vụ được giao"
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <SearchInput
          testId="directive-search"
          placeholder="Tìm theo số, ký hiệu hoặc trích yếu"
          value={q}
          onSearch={(text) => setSearch({ q: text }, { replace: true })}
          style={{ width: 340 }}
        />
        <Select
          data-testid="directive-filter-kind"
          allowClear
          placeholder="Loại văn bản"
          options={KIND_OPTIONS}
          value={kind}
          onChange={(next) => setSearch({ kind: next ?? null })}
          style={{ width: 180 }}
        />
        <Select
          data-testid="directive-filter-status"
          allowClear
          placeholder="Trạng thái"
          options={STATUS_OPTIONS}
          value={status}
          onChange={(next) => setSearch({ status: next ?? null })}
          style={{ width: 180 }}
        />
      </Flex>
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <DirectiveTable directives={data ?? []} loading={isFetching} />
    </div>
  );
}
