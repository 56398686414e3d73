import { useAgency, useAgencyList } from '@web/features/agencies/agencies.queries';
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';

const SEARCH_DEBOUNCE_MS = 300;

export type AnyAgencySelectProps = {
  value?: string | undefined;
  onChange?: (agencyId: string | undefined) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
};

/**
 * Any agency valid today (accounts are also made for agencies without assignments yet), searched on the server by
 * any of its names without diacritics.
 */
export function AnyAgencySelect({ value, onChange, placeholder, style, testId }: AnyAgencySelectProps) {
  const [query, setQuery] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { data, isFetching } = useAgencyList({ q: query || undefined, pageSize: 50 });
  const { data: selected } = useAgency(value);

  useEffect(() => () => clearTimeout(timer.current), []);

  const options = (data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  if (selected && !options.some((o) => o.value === selected.id)) {
    options.unshift({ value: selected.id, label: selected.name });
  }
  return (
    <Select
      data-testid={testId}
      showSearch={{
        filterOption: false,
        onSearch: (text) => {
          clearTimeout(timer.current);
          timer.current = setTimeout(() => setQuery(text.trim()), SEARCH_DEBOUNCE_MS);
        },
      }}
      allowClear
      placeholder={placeholder ?? 'Chọn cơ quan (gõ để tìm, không cần dấu)'}
      loading={isFetching}
      options={options}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      style={style}
    />
  );
}
