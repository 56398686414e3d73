import type { DeadlineKind } from '@shared/contracts/imports';
import { formatIsoDate } from '@shared/lib/vn-format';
import { foldText } from '@shared/lib/vn-text';
import { Tag, Typography } from 'antd';
import { deadlineTagOf } from '../deadline-labels';

export type DeadlineCellProps = {
  raw: string | null;
  kind: DeadlineKind;
  due: string | null;
};

/** The deadline as written, the normalized due date when it adds something, and a tag for undated kinds. */
export function DeadlineCell({ raw, kind, due }: DeadlineCellProps) {
  const tag = deadlineTagOf(kind, raw);
  const dueText = formatIsoDate(due);
  const showDue = dueText && dueText !== raw?.trim();
  // "Thường xuyên" written in the cell and the "Thường xuyên" tag say the same thing: show the tag alone.
  const showRaw = raw && !(tag && foldText(raw) === foldText(tag.label));
  return (
    <div>
      {showRaw ? <div>{raw}</div> : null}
      {!raw && !tag ? <Typography.Text type="secondary">—</Typography.Text> : null}
      {showDue ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Hạn: {dueText}
        </Typography.Text>
      ) : null}
      {tag ? (
        <div>
          <Tag color={tag.color} style={{ marginTop: 2 }}>
            {tag.label}
          </Tag>
        </div>
      ) : null}
    </div>
  );
}
