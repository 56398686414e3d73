import type { Partner } from '@shared/contracts/exchange';
import { Select } from 'antd';

export type PartnerSelectProps = {
  partners: Partner[];
  value: string | undefined;
  onChange: (partnerId: string) => void;
  testId?: string;
};

/** Picks the partner a per-partner tab (mappings, ownership rules, parked events) works on. */
export function PartnerSelect({ partners, value, onChange, testId }: PartnerSelectProps) {
  return (
    <Select
      data-testid={testId}
      placeholder="Chọn hệ thống đối tác"
      value={value}
      onChange={onChange}
      options={partners.map((p) => ({ value: p.id, label: `${p.name} (${p.systemId})` }))}
      style={{ width: 360 }}
      notFoundContent="Chưa có hệ thống đối tác"
    />
  );
}
