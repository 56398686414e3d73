import { foldText } from '@shared/lib/vn-text';
import { Select } from 'antd';
import { directiveDisplayName } from '../directive-labels';
import { useDirectiveList } from '../directives.queries';

export type DirectiveSelectProps = {
  value: string | undefined;
  onChange: (directiveId: string | undefined) => void;
  style?: React.CSSProperties;
  testId?: string;
};

/** Pick one directive; search ignores diacritics. */
export function DirectiveSelect({ value, onChange, style, testId }: DirectiveSelectProps) {
  const { data, isLoading } = useDirectiveList();
  const options = (data ?? []).map((d) => ({
    value: d.id,
    label: directiveDisplayName(d),
    search: foldText(`${d.number ?? ''} ${d.title}`),
  }));
  return (
    <Select
      data-testid={testId}
      allowClear
      showSearch={{
        filterOption: (input, option) => (option?.search ?? '').includes(foldText(input)),
      }}
      placeholder="Văn bản giao"
      loading={isLoading}
      value={value}
      onChange={(next) => onChange(next ?? undefined)}
      options={options}
      style={style}
      popupMatchSelectWidth={480}
    />
  );
}
