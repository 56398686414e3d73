import { ClampedText } from '@web/ui/clamped-text';
import { OneLineText } from '@web/ui/one-line-text';
import { Tag } from 'antd';

export type TaskTextCellProps = {
  text: string;
  section: string | null;
  isProposed: boolean;
  testId?: string;
};

/** Task text clamped to three lines; the section path and the "Đề xuất" tag share the toggle's line. */
export function TaskTextCell({ text, section, isProposed, testId }: TaskTextCellProps) {
  return (
    <ClampedText
      text={text}
      testId={testId}
      extra={
        isProposed || section ? (
          <div style={{ display: 'flex', gap: 4, alignItems: 'baseline', minWidth: 0 }}>
            {isProposed ? <Tag color="gold">Đề xuất</Tag> : null}
            {section ? <OneLineText text={section} secondary style={{ fontSize: 12, minWidth: 0 }} /> : null}
          </div>
        ) : null
      }
    />
  );
}
