/**
 * Calendar arithmetic on plain ISO dates ("2025-06-30"), with no time zone involved.
 *
 * Deadlines are calendar days in Asia/Ho_Chi_Minh; doing the arithmetic on year/month/day integers
 * (never `new Date(string)`, which parses in the local zone) gives the same answer under every `TZ`.
 */

export type CalendarDate = { year: number; month: number; day: number };

/** Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`; 0 for a month outside 1–12. */
export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    case 1:
    case 3:
    case 5:
    case 7:
    case 8:
    case 10:
    case 12:
      return 31;
    default:
      return 0;
  }
}

/** True when year/month/day name a real day (31/2 and 29/2 of a common year are not). Years 1–9999. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** 2025, 6, 3 → "2025-06-03". Does not validate; see {@link isValidDate}. */
export function toIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2025-06-03" → { year: 2025, month: 6, day: 3 }, or null when the text is not a real ISO calendar date. */
export function parseIsoDate(iso: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) {
    return null;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isValidDate(year, month, day) ? { year, month, day } : null;
}

/** Last day of a month as an ISO date: (2024, 2) → "2024-02-29". */
export function isoLastDayOfMonth(year: number, month: number): string {
  return toIsoDate(year, month, daysInMonth(year, month));
}

/** First day of a month as an ISO date: (2025, 8) → "2025-08-01". */
export function isoFirstDayOfMonth(year: number, month: number): string {
  return toIsoDate(year, month, 1);
}

/** Quarter (1–4) → its first month (1, 4, 7, 10). */
export function firstMonthOfQuarter(quarter: number): number {
  return (quarter - 1) * 3 + 1;
}

/** First day of a quarter: (2025, 3) → "2025-07-01". */
export function isoFirstDayOfQuarter(year: number, quarter: number): string {
  return isoFirstDayOfMonth(year, firstMonthOfQuarter(quarter));
}

/** Last day of a quarter: (2025, 2) → "2025-06-30". */
export function isoLastDayOfQuarter(year: number, quarter: number): string {
  return isoLastDayOfMonth(year, firstMonthOfQuarter(quarter) + 2);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link dayNumber}. */
export function dateFromDayNumber(days: number): CalendarDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO date plus `days` (may be negative): ("2025-03-01", -1) → "2025-02-28". Throws on an invalid date. */
export function addDaysIso(iso: string, days: number): string {
  const date = parseIsoDate(iso);
  if (!date) {
    throw new RangeError(`Not an ISO calendar date: ${iso}`);
  }
  const result = dateFromDayNumber(dayNumber(date.year, date.month, date.day) + days);
  return toIsoDate(result.year, result.month, result.day);
}

/** Whole days from `from` to `to` (positive when `to` is later). Throws on an invalid date. */
export function daysBetweenIso(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) {
    throw new RangeError(`Not an ISO calendar date: ${a ? to : from}`);
  }
  return dayNumber(b.year, b.month, b.day) - dayNumber(a.year, a.month, a.day);
}
