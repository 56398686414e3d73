import type { BlocAggregate, EvaluationResponse, Indicator } from '@shared/contracts/indicators';
import { type Bloc, isRateUnit, parsePeriod, periodsOfYear } from '@shared/domain/indicator-evaluation';
import { sessionHasRole, useSession } from '@web/features/auth/auth.queries';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import {
  Button,
  Card,
  Collapse,
  Descriptions,
  Drawer,
  Flex,
  Segmented,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { AgencyIndicatorChart } from '../components/agency-indicator-chart';
import { IndicatorAppendixTable, toAppendixRows } from '../components/indicator-appendix-table';
import { IndicatorEntryForm } from '../components/indicator-entry-form';
import { blocLabel, formatFigure, monthLabel, monthsEndingAt, STATUS_STYLES } from '../indicator-labels';
import { useAgencySeries, useEvaluations, useIndicatorCatalogue } from '../indicators.queries';

const YEARS = [2024, 2025, 2026];
const BLOC_OPTIONS: { value: Bloc; label: string }[] = [
  { value: 'ministries', label: 'Khối bộ, ngành' },
  { value: 'provinces', label: 'Khối tỉnh, thành phố' },
];

/** The periods a table shows: the three months ending at `month` (Phụ lục 03), or the quarters/year. */
function periodsShown(indicator: Indicator | undefined, year: number, month: number): string[] {
  if (!indicator) {
    return [];
  }
  if (indicator.frequency === 'monthly') {
    return monthsEndingAt(`${year}-${String(month).padStart(2, '0')}`, 3);
  }
  return periodsOfYear(year, indicator.frequency);
}

type BlocSummaryProps = { aggregate: BlocAggregate | undefined; unitLabel: string; period: string };

function BlocSummary({ aggregate, unitLabel, period }: BlocSummaryProps) {
  if (!aggregate) {
    return null;
  }
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 3 }}
      title={`${blocLabel(aggregate.bloc)} — ${parsePeriod(period)?.kind === 'month' ? monthLabel(period) : period}`}
      items={[
        {
          key: 'counts',
          label: 'Đánh giá',
          children: (
            <Space wrap>
              <Tag color={STATUS_STYLES.met.tag}>Đạt: {aggregate.met}</Tag>
              <Tag color={STATUS_STYLES['not-met'].tag}>Chưa đạt: {aggregate.notMet}</Tag>
              <Tag>Chưa đăng ký chỉ tiêu: {aggregate.noTarget}</Tag>
              <Tag color={STATUS_STYLES['no-data'].tag}>Chưa có số liệu: {aggregate.noData}</Tag>
            </Space>
          ),
        },
        {
          key: 'value',
          label: 'Tổng hợp (Σ tử số ÷ Σ mẫu số)',
          children:
            aggregate.value === null ? (
              <Typography.Text type="secondary">Không tính được</Typography.Text>
            ) : (
              `${formatFigure(aggregate.value)} ${unitLabel}`
            ),
        },
        {
          key: 'reported',
          label: 'Báo cáo ghi',
          children: aggregate.reported === null ? '—' : `${formatFigure(aggregate.reported)} ${unitLabel}`,
        },
        { key: 'explanation', label: 'Cách tính', span: 3, children: aggregate.explanation },
      ]}
    />
  );
}

/**
 * Indicators: the Phụ lục 03 table (targets and achieved values per agency and month, coloured by status), the
 * bloc summary computed from numerators and denominators, a chart per agency (target line and actual), and the
 * entry form for the agency's own values and targets.
 */
export function IndicatorsPage() {
  const { data: catalogue, error: catalogueError, refetch } = useIndicatorCatalogue();
  const { data: session } = useSession();
  const [code, setCode] = useState<string | undefined>(undefined);
  const [year, setYear] = useState(2025);
  const [month, setMonth] = useState(6);
  const [bloc, setBloc] = useState<Bloc>('ministries');
  const [rollUp, setRollUp] = useState(false);
  const [selectedAgencyId, setSelectedAgencyId] = useState<string | undefined>(undefined);
  const [entryOpen, setEntryOpen] = useState(false);

  const indicators = catalogue?.items ?? [];
  // Default: the first monthly indicator (the Phụ lục 03 one in the seed catalogue).
  const indicator =
    indicators.find((i) => i.code === code) ?? indicators.find((i) => i.frequency === 'monthly') ?? indicators[0];
  const periods = periodsShown(indicator, year, month);
  const evaluations = useEvaluations(periods, indicator?.code, rollUp);
  const responses = evaluations.map((q) => q.data as EvaluationResponse | undefined);
  const rows = toAppendixRows(
    periods,
    responses.map((r) => r?.rows.filter((row) => row.bloc === bloc)),
  );
  const last = responses.at(-1);
  const lastPeriod = periods.at(-1) ?? '';
  const evaluationError = evaluations.find((q) => q.error)?.error;
  const selected = rows.find((r) => r.agencyId === selectedAgencyId) ?? rows[0];
  const series = useAgencySeries(selected?.agencyId, year, indicator?.code);
  const canEnter = sessionHasRole(session, 'reporter', 'leader', 'standing-office');
  const isOffice = sessionHasRole(session, 'standing-office');
  const ownAgency = session?.user?.agency;
  const entryAgency = isOffice && selected ? { id: selected.agencyId, name: selected.agencyName } : ownAgency;

  return (
    <div>
      <PageHeader
        title="Chỉ tiêu"
        subtitle="Chỉ tiêu đăng ký và kết quả đạt được của bộ, ngành, địa phương (luỹ kế từ đầu năm)"
        extra={
          canEnter && indicator && entryAgency ? (
            <Button type="primary" onClick={() => setEntryOpen(true)} data-testid="indicator-entry-open">
              Nhập số liệu / đăng ký chỉ tiêu
            </Button>
          ) : null
        }
      />
      {catalogueError ? <QueryErrorAlert error={catalogueError} onRetry={() => void refetch()} /> : null}
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          data-testid="indicator-select"
          style={{ minWidth: 420 }}
          value={indicator?.code}
          onChange={(next: string) => setCode(next)}
          options={indicators.map((i) => ({ value: i.code, label: i.name }))}
        />
        <Select value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: `Năm ${y}` }))} />
        {indicator?.frequency === 'monthly' ? (
          <Select
            data-testid="indicator-month"
            value={month}
            onChange={setMonth}
            options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `Đến tháng ${i + 1}` }))}
          />
        ) : null}
        <Segmented<Bloc> value={bloc} onChange={setBloc} options={BLOC_OPTIONS} data-testid="indicator-bloc" />
        <Space>
          <Switch checked={rollUp} onChange={setRollUp} data-testid="indicator-rollup" />
          <Typography.Text>Quy về cơ quan hiện nay (sau sắp xếp)</Typography.Text>
        </Space>
      </Flex>
      {indicator ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {indicator.definition}
          {indicator.nationalTargets.length > 0
            ? ` Mục tiêu quốc gia: ${indicator.nationalTargets
                .map(
                  (t) =>
                    `${formatFigure(t.value)}${t.valueMax !== null ? `–${formatFigure(t.valueMax)}` : ''} ${indicator.unitLabel} (năm ${t.year}${t.status === 'proposed' ? ', đề xuất' : ''})`,
                )
                .join('; ')}.`
            : ''}
        </Typography.Paragraph>
      ) : null}
      {evaluationError ? <QueryErrorAlert error={evaluationError} /> : null}
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Tag color={STATUS_STYLES.met.tag}>Đạt chỉ tiêu</Tag>
        <Tag color={STATUS_STYLES['not-met'].tag}>Chưa đạt chỉ tiêu</Tag>
        <Tag>Chưa đăng ký chỉ tiêu</Tag>
      </Flex>
      <BlocSummary
        aggregate={last?.blocs.find((b) => b.bloc === bloc)}
        unitLabel={indicator?.unitLabel ?? ''}
        period={lastPeriod}
      />
      <div style={{ marginTop: 12 }}>
        <IndicatorAppendixTable
          periods={periods}
          rows={rows}
          loading={evaluations.some((q) => q.isFetching)}
          valueLabel={indicator && isRateUnit(indicator.unit) ? 'Tỷ lệ đạt được' : 'Kết quả'}
          selectedAgencyId={selected?.agencyId}
          onSelectAgency={setSelectedAgencyId}
        />
      </div>
      <Card
        title={selected ? `${selected.agencyName} — năm ${year}` : 'Biểu đồ theo cơ quan'}
        style={{ marginTop: 16 }}
      >
        <AgencyIndicatorChart
          series={series.data?.series.find((s) => s.indicatorCode === indicator?.code)}
          nationalTarget={indicator?.nationalTargets.find((t) => t.year === year)?.value ?? null}
        />
      </Card>
      {last ? (
        <Collapse
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'rules',
              label: 'Quy tắc đánh giá và tổng hợp',
              children: (
                <div>
                  <Typography.Paragraph>{last.rules.comparison}</Typography.Paragraph>
                  <Typography.Paragraph>{last.rules.aggregation}</Typography.Paragraph>
                  <Typography.Paragraph>{last.rules.targetCombination}</Typography.Paragraph>
                </div>
              ),
            },
          ]}
        />
      ) : null}
      <Drawer
        open={entryOpen}
        onClose={() => setEntryOpen(false)}
        title="Số liệu và chỉ tiêu của cơ quan"
        size="large"
        destroyOnHidden
      >
        {indicator && entryAgency ? (
          <IndicatorEntryForm
            indicator={indicator}
            agencyId={entryAgency.id}
            agencyName={entryAgency.name}
            year={year}
          />
        ) : null}
      </Drawer>
    </div>
  );
}
