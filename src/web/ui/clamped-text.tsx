import { Button } from 'antd';
import { type ReactNode, useState } from 'react';

export type ClampedTextProps = {
  text: string;
  /** Lines shown before "Xem thêm". */
  lines?: number;
  /** Texts shorter than this never need the toggle (saves measuring every row). */
  minLengthForToggle?: number;
  testId?: string;
  /** Shown on the line of the toggle (e.g. the section path), so a row does not grow by another line. */
  extra?: ReactNode;
};

/**
 * Long cell text clamped with CSS (no per-row measuring, which is slow on old machines with 50-row tables),
 * with a toggle when the text is long enough to be clamped.
 */
export function ClampedText({ text, lines = 3, minLengthForToggle = 180, testId, extra }: ClampedTextProps) {
  const [isExpanded, setIsExpanded] = useState(false);
  const canToggle = text.length > minLengthForToggle;
  const clampStyle = isExpanded
    ? { whiteSpace: 'pre-line' as const }
    : {
        display: '-webkit-box',
        WebkitLineClamp: lines,
        WebkitBoxOrient: 'vertical' as const,
        overflow: 'hidden',
        whiteSpace: 'pre-line' as const,
      };
  const handleToggle = (event: React.MouseEvent) => {
    event.stopPropagation();
    setIsExpanded((value) => !value);
  };
  return (
    <div data-testid={testId}>
      <div style={clampStyle}>{text}</div>
      {canToggle || extra ? (
        <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', marginTop: 2 }}>
          {canToggle ? (
            <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={handleToggle}>
              {isExpanded ? 'Thu gọn' : 'Xem thêm'}
            </Button>
          ) : null}
          {extra ? <div style={{ flex: '1 1 0', minWidth: 0 }}>{extra}</div> : null}
        </div>
      ) : null}
    </div>
  );
}
