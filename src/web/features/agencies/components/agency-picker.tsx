import type { AgencyKind } from '@shared/contracts/agencies';
import { Select } from 'antd';
import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { useAgencyList } from '../agencies.queries';

const SEARCH_DEBOUNCE_MS = 300;

type Option = { value: string; label: string };

type CommonProps = {
  /** Only agencies that exist on this day (ISO); all when absent. */
  asOf?: string | undefined;
  kind?: AgencyKind | undefined;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
  disabled?: boolean;
};

export type AgencyPickerProps = CommonProps &
  (
    | { multiple?: false; value?: string | undefined; onChange?: (agencyId: string | undefined) => void }
    | { multiple: true; value?: string[] | undefined; onChange?: (agencyIds: string[]) => void }
  );

/**
 * Any agency of the register (not only those with assignments), searched on the server by any of its names without
 * diacritics; one or several. Chosen agencies keep their labels while the search shows other results.
 */
export function AgencyPicker(props: AgencyPickerProps) {
  const { asOf, kind, placeholder, style, testId, disabled } = props;
  const [query, setQuery] = useState('');
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { data, isFetching } = useAgencyList({ q: query || undefined, asOf, kind, pageSize: 50 });

  useEffect(() => () => clearTimeout(timer.current), []);

  const options: Option[] = (data?.items ?? []).map((a) => ({
    value: a.id,
    label: a.shortName ? `${a.name} (${a.shortName})` : a.name,
  }));
  const selected = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  for (const id of selected) {
    if (!options.some((o) => o.value === id)) {
      options.unshift({ value: id, label: known.get(id) ?? id });
    }
  }

  const remember = (ids: string[]) => {
    const next = new Map(known);
    for (const id of ids) {
      const label = options.find((o) => o.value === id)?.label;
      if (label) {
        next.set(id, label);
      }
    }
    setKnown(next);
  };

  const handleSearch = (text: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setQuery(text.trim()), SEARCH_DEBOUNCE_MS);
  };

  const common = {
    'data-testid': testId,
    showSearch: { filterOption: false, onSearch: handleSearch },
    allowClear: true,
    placeholder: placeholder ?? 'Chọn cơ quan (gõ để tìm, không cần dấu)',
    loading: isFetching,
    options,
    style,
    disabled,
    notFoundContent: isFetching ? 'Đang tìm…' : 'Không tìm thấy cơ quan',
    popupMatchSelectWidth: 420,
  };
  if (props.multiple) {
    const { onChange } = props;
    return (
      <Select<string[]>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(next) => {
          remember(next);
          onChange?.(next);
        }}
      />
    );
  }
  const { onChange } = props;
  return (
    <Select<string | undefined>
      {...common}
      value={props.value}
      onChange={(next) => {
        if (next) {
          remember([next]);
        }
        onChange?.(next ?? undefined);
      }}
    />
  );
}
