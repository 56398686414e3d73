import { describe, expect, it } from 'vitest';
import { formatFigure, gapText, monthLabel, monthsEndingAt, periodShortLabel, targetText } from './indicator-labels';

describe('indicator labels', () => {
  it('never shows a missing target as zero', () => {
    expect(targetText(null)).toBe('chưa đăng ký chỉ tiêu');
    expect(targetText(0)).toBe('0');
    expect(targetText(13.21)).toBe('13,21');
  });

  it('writes figures and gaps with Vietnamese decimal commas', () => {
    expect(formatFigure(67.44)).toBe('67,44');
    expect(formatFigure(70_000_000)).toBe('70.000.000');
    expect(formatFigure(null)).toBe('—');
    expect(gapText(7.44)).toBe('+7,44');
    expect(gapText(-34.09)).toBe('−34,09');
    expect(gapText(0)).toBe('0');
  });

  it('lists the months of a Phụ lục 03 table, without crossing into the previous year', () => {
    expect(monthsEndingAt('2025-06', 3)).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(monthsEndingAt('2025-02', 3)).toEqual(['2025-01', '2025-02']);
    expect(monthsEndingAt('2025', 3)).toEqual([]);
    expect(monthLabel('2025-07')).toBe('tháng 7/2025');
  });
});

describe('periodShortLabel', () => {
  it('names months, quarters and years as column headers do', () => {
    expect(periodShortLabel('2025-04')).toBe('tháng 4');
    expect(periodShortLabel('2025-Q2')).toBe('quý II');
    expect(periodShortLabel('2025')).toBe('năm 2025');
  });
});
