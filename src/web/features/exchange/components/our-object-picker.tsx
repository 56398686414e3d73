import { AnyAgencySelect } from '@web/features/admin/components/any-agency-select';
import { DirectiveSelect } from '@web/features/directives/components/directive-select';
import { Input } from 'antd';

export type OurObjectPickerProps = {
  objectType: string;
  value: string | undefined;
  onChange: (ourId: string | undefined) => void;
  testId?: string;
};

/**
 * Picks the object of this system that a partner identifier stands for: agencies and directives from a searchable
 * list (names without diacritics work), any other type by pasting its identifier.
 */
export function OurObjectPicker({ objectType, value, onChange, testId }: OurObjectPickerProps) {
  if (objectType === 'agency') {
    return <AnyAgencySelect value={value} onChange={onChange} style={{ width: '100%' }} testId={testId} />;
  }
  if (objectType === 'directive') {
    return <DirectiveSelect value={value} onChange={onChange} style={{ width: '100%' }} testId={testId} />;
  }
  return (
    <Input
      data-testid={testId}
      placeholder="Mã của đối tượng ở hệ thống này"
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value.trim() || undefined)}
      allowClear
    />
  );
}
