import { DeadlineKindSchema } from '@shared/contracts/imports';
import { AgencySelect } from '@web/features/agencies/components/agency-select';
import { DirectiveSelect } from '@web/features/directives/components/directive-select';
import { SearchInput } from '@web/ui/search-input';
import { Button, DatePicker, Flex, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DEADLINE_KIND_LABELS } from '../deadline-labels';
import type { TaskFilterKey, TaskFilters, TaskFixedFilters } from '../task-filters';

const DISPLAY_DATE = 'D/M/YYYY';

const ROLE_OPTIONS = [
  { value: 'lead', label: 'Chủ trì' },
  { value: 'coordinator', label: 'Phối hợp' },
];
const STATUS_OPTIONS = [
  { value: 'confirmed', label: 'Đã xác nhận' },
  { value: 'proposed', label: 'Đề xuất' },
];
const DEADLINE_KIND_OPTIONS = DeadlineKindSchema.options.map((kind) => ({
  value: kind,
  label: DEADLINE_KIND_LABELS[kind],
}));

export type TaskFilterChange = Partial<Record<TaskFilterKey, string | null>>;

export type TaskFilterBarProps = {
  filters: TaskFilters;
  /** Filters fixed by the embedding page (directive detail, agency page): their controls are hidden. */
  fixed: TaskFixedFilters;
  onChange: (change: TaskFilterChange, options?: { replace?: boolean }) => void;
  onReset?: () => void;
  canReset: boolean;
};

export function TaskFilterBar({ filters, fixed, onChange, onReset, canReset }: TaskFilterBarProps) {
  const range: [Dayjs | null, Dayjs | null] | null =
    filters.dueFrom || filters.dueTo
      ? [filters.dueFrom ? dayjs(filters.dueFrom) : null, filters.dueTo ? dayjs(filters.dueTo) : null]
      : null;
  const handleRangeChange = (dates: [Dayjs | null, Dayjs | null] | null) => {
    onChange({
      dueFrom: dates?.[0] ? dates[0].format('YYYY-MM-DD') : null,
      dueTo: dates?.[1] ? dates[1].format('YYYY-MM-DD') : null,
    });
  };

  return (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <SearchInput
        testId="task-search"
        placeholder="Tìm nhiệm vụ (có dấu hoặc không dấu)"
        value={filters.q ?? ''}
        onSearch={(text) => onChange({ q: text || null }, { replace: true })}
        style={{ width: 340 }}
      />
      {fixed.directiveId === undefined ? (
        <DirectiveSelect
          testId="task-filter-directive"
          value={filters.directiveId}
          onChange={(directiveId) => onChange({ directiveId: directiveId ?? null, sectionId: null })}
          style={{ width: 240 }}
        />
      ) : null}
      {fixed.agencyId === undefined ? (
        <AgencySelect
          testId="task-filter-agency"
          value={filters.agencyId}
          onChange={(agencyId) => onChange({ agencyId: agencyId ?? null })}
          style={{ width: 240 }}
        />
      ) : null}
      <Select
        data-testid="task-filter-role"
        allowClear
        placeholder="Vai trò"
        value={filters.role}
        options={ROLE_OPTIONS}
        onChange={(role) => onChange({ role: role ?? null })}
        style={{ width: 120 }}
      />
      <span data-testid="task-filter-due">
        <DatePicker.RangePicker
          format={DISPLAY_DATE}
          placeholder={['Hạn từ ngày', 'đến ngày']}
          allowEmpty={[true, true]}
          value={range}
          onChange={handleRangeChange}
          style={{ width: 250 }}
        />
      </span>
      <Select
        data-testid="task-filter-deadline-kind"
        allowClear
        placeholder="Loại thời hạn"
        value={filters.deadlineKind}
        options={DEADLINE_KIND_OPTIONS}
        onChange={(kind) => onChange({ deadlineKind: kind ?? null })}
        style={{ width: 190 }}
        popupMatchSelectWidth={210}
      />
      <Select
        data-testid="task-filter-status"
        allowClear
        placeholder="Trạng thái"
        value={filters.status}
        options={STATUS_OPTIONS}
        onChange={(status) => onChange({ status: status ?? null })}
        style={{ width: 140 }}
      />
      {canReset && onReset ? (
        <Button data-testid="task-filter-reset" onClick={onReset}>
          Xóa lọc
        </Button>
      ) : null}
    </Flex>
  );
}
