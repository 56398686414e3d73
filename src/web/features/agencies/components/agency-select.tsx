import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useAgency, useAgencyList } from '../agencies.queries';

const SEARCH_DEBOUNCE_MS = 300;
const OPTION_LIMIT = 50;

export type AgencySelectProps = {
  value: string | undefined;
  onChange: (agencyId: string | undefined) => void;
  style?: React.CSSProperties;
  testId?: string;
};

/**
 * Agencies that have assignments, searched on the server by any of their names without diacritics
 * ("bo khcn" finds "Bộ Khoa học và Công nghệ"): the register can hold thousands of agencies.
 */
export function AgencySelect({ value, onChange, style, testId }: AgencySelectProps) {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { data, isFetching } = useAgencyList({ assignedOnly: true, q: query || undefined, pageSize: OPTION_LIMIT });
  // The chosen agency may not be on the current page of options; its name comes from the detail endpoint.
  const { data: selected } = useAgency(value);

  useEffect(() => () => clearTimeout(timer.current), []);

  const handleSearch = (text: string) => {
    setSearch(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setQuery(text.trim()), SEARCH_DEBOUNCE_MS);
  };

  const options = (data?.items ?? []).map((agency) => ({
    value: agency.id,
    label: agency.shortName ? `${agency.name} (${agency.shortName})` : agency.name,
  }));
  if (selected && !options.some((o) => o.value === selected.id)) {
    options.unshift({ value: selected.id, label: selected.name });
  }

  return (
    <Select
      data-testid={testId}
      allowClear
      showSearch={{ filterOption: false, searchValue: search, onSearch: handleSearch }}
      placeholder="Cơ quan"
      loading={isFetching}
      value={value}
      onChange={(next) => {
        handleSearch('');
        onChange(next ?? undefined);
      }}
      options={options}
      notFoundContent={isFetching ? 'Đang tìm…' : 'Không tìm thấy cơ quan'}
      style={style}
      popupMatchSelectWidth={360}
    />
  );
}
