import { Popover, Typography } from 'antd';

export type NameListProps = {
  names: string[];
  /** Names shown inline; the rest go behind "+N". Collective leads expand to dozens of agencies. */
  max?: number;
  empty?: string;
};

export function NameList({ names, max = 3, empty = '—' }: NameListProps) {
  if (names.length === 0) {
    return <Typography.Text type="secondary">{empty}</Typography.Text>;
  }
  const shown = names.slice(0, max);
  const hidden = names.length - shown.length;
  return (
    <span>
      {shown.join('; ')}
      {hidden > 0 ? (
        <Popover
          trigger="click"
          title={`${names.length} cơ quan`}
          content={
            <div style={{ maxWidth: 420, maxHeight: 320, overflow: 'auto' }}>
              {names.map((name) => (
                <div key={name}>{name}</div>
              ))}
            </div>
          }
        >
          <Typography.Link onClick={(event) => event.stopPropagation()}>{` +${hidden} cơ quan khác`}</Typography.Link>
        </Popover>
      ) : null}
    </span>
  );
}
