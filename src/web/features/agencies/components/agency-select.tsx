import { foldText } from '@shared/lib/vn-text';
import { Select } from 'antd';
import { useAssignedAgencies } from '../agencies.queries';

export type AgencySelectProps = {
  value: string | undefined;
  onChange: (agencyId: string | undefined) => void;
  style?: React.CSSProperties;
  testId?: string;
};

/** Agencies with assignments; typing "bo khcn" or "Bộ KH" finds "Bộ Khoa học và Công nghệ (Bộ KH&CN)". */
export function AgencySelect({ value, onChange, style, testId }: AgencySelectProps) {
  const { data, isLoading } = useAssignedAgencies();
  const options = (data ?? []).map((agency) => ({
    value: agency.id,
    label: agency.shortName ? `${agency.name} (${agency.shortName})` : agency.name,
    search: foldText(`${agency.name} ${agency.shortName ?? ''}`),
  }));
  return (
    <Select
      data-testid={testId}
      allowClear
      showSearch={{ filterOption: (input, option) => (option?.search ?? '').includes(foldText(input)) }}
      placeholder="Cơ quan"
      loading={isLoading}
      value={value}
      onChange={(next) => onChange(next ?? undefined)}
      options={options}
      style={style}
      popupMatchSelectWidth={360}
    />
  );
}
