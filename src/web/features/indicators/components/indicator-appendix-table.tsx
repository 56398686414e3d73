import type { EvaluationRow } from '@shared/contracts/indicators';
import { EVALUATION_STATUS_LABELS, type EvaluationStatus } from '@shared/domain/indicator-evaluation';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { formatFigure, gapText, periodShortLabel, STATUS_STYLES, targetText } from '../indicator-labels';

export type AppendixRow = {
  agencyId: string;
  agencyName: string;
  byPeriod: Record<string, EvaluationRow | undefined>;
  note: string | null;
};

/** One row per agency across the periods of the table; the note is the latest one written. */
export function toAppendixRows(periods: string[], evaluations: (EvaluationRow[] | undefined)[]): AppendixRow[] {
  const rows = new Map<string, AppendixRow>();
  periods.forEach((period, i) => {
    for (const r of evaluations[i] ?? []) {
      const row = rows.get(r.agencyId) ?? { agencyId: r.agencyId, agencyName: r.agencyName, byPeriod: {}, note: null };
      row.byPeriod[period] = r;
      row.note = r.note ?? row.note;
      rows.set(r.agencyId, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi'));
}

function cellStyle(status: EvaluationStatus | undefined) {
  if (!status) {
    return {};
  }
  const style = STATUS_STYLES[status];
  return { style: { background: style.background, color: style.color } };
}

export type IndicatorAppendixTableProps = {
  periods: string[];
  rows: AppendixRow[];
  loading: boolean;
  /** "Tỷ lệ đạt được" for a rate, "Kết quả" otherwise (the seed's wording). */
  valueLabel: string;
  selectedAgencyId: string | undefined;
  onSelectAgency: (agencyId: string) => void;
};

/**
 * The table of Phụ lục 03: per agency and month the registered target ("Đặt chỉ tiêu tháng N") and the rate
 * achieved ("Tỷ lệ đạt được tháng N"), coloured green when met, red when not, grey "chưa đăng ký chỉ tiêu" when
 * no target was registered (never a zero), with the note column.
 */
export function IndicatorAppendixTable({
  periods,
  rows,
  loading,
  valueLabel,
  selectedAgencyId,
  onSelectAgency,
}: IndicatorAppendixTableProps) {
  const columns: TableColumnsType<AppendixRow> = [
    { title: 'TT', key: 'tt', width: 48, align: 'center', fixed: 'left', render: (_, __, index) => index + 1 },
    {
      title: 'Cơ quan',
      dataIndex: 'agencyName',
      key: 'agency',
      width: 220,
      fixed: 'left',
      render: (name: string, row) => (
        <Typography.Link strong={row.agencyId === selectedAgencyId} onClick={() => onSelectAgency(row.agencyId)}>
          {name}
        </Typography.Link>
      ),
    },
    ...periods.flatMap((period): TableColumnsType<AppendixRow> => {
      const label = periodShortLabel(period);
      return [
        {
          title: `Đặt chỉ tiêu ${label}`,
          key: `target-${period}`,
          width: 110,
          align: 'right',
          onCell: (row) => cellStyle(row.byPeriod[period]?.status),
          render: (_, row) => {
            const r = row.byPeriod[period];
            if (!r) {
              return '';
            }
            return r.target === null ? (
              <Typography.Text type="secondary" italic data-testid="no-target">
                {targetText(null)}
              </Typography.Text>
            ) : (
              formatFigure(r.target)
            );
          },
        },
        {
          title: `${valueLabel} ${label}`,
          key: `value-${period}`,
          width: 120,
          align: 'right',
          onCell: (row) => cellStyle(row.byPeriod[period]?.status),
          render: (_, row) => {
            const r = row.byPeriod[period];
            if (!r) {
              return '';
            }
            const partial = r.asOf ? ` (đến ${formatIsoDate(r.asOf)})` : '';
            const title = [
              EVALUATION_STATUS_LABELS[r.status],
              r.gap !== null ? `chênh lệch ${gapText(r.gap)}` : null,
              r.hasComponents ? null : 'chỉ có tỷ lệ, không có tử số/mẫu số',
              r.explanationMissing ? 'chưa giải trình nguyên nhân' : null,
            ]
              .filter(Boolean)
              .join('; ');
            return (
              <Tooltip title={title}>
                <span data-status={r.status}>
                  {formatFigure(r.value)}
                  {partial}
                </span>
              </Tooltip>
            );
          },
        },
      ];
    }),
    { title: 'Ghi chú', dataIndex: 'note', key: 'note', width: 260, render: (note: string | null) => note ?? '' },
  ];
  return (
    <Table<AppendixRow>
      data-testid="indicator-appendix-table"
      rowKey="agencyId"
      size="small"
      bordered
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content', y: 520 }}
    />
  );
}
