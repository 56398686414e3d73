import type { CSSProperties } from 'react';

export type OneLineTextProps = {
  text: string;
  secondary?: boolean;
  style?: CSSProperties;
};

/** One line cut with an ellipsis by CSS; the full text is in the native tooltip (no measuring per row). */
export function OneLineText({ text, secondary = false, style }: OneLineTextProps) {
  return (
    <div
      title={text}
      style={{
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
        color: secondary ? 'rgba(0, 0, 0, 0.45)' : undefined,
        ...style,
      }}
    >
      {text}
    </div>
  );
}
