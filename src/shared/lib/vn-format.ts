/** Dates and numbers as Vietnamese officials write them. Business dates are calendar dates in Asia/Ho_Chi_Minh. */

export const BUSINESS_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const NUMBER_FORMAT = new Intl.NumberFormat('vi-VN');

/** 12345.6 → "12.345,6" */
export function formatNumber(value: number, fractionDigits?: number): string {
  if (fractionDigits === undefined) {
    return NUMBER_FORMAT.format(value);
  }
  return new Intl.NumberFormat('vi-VN', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** ISO date "2025-06-30" → "30/6/2025" (the form used in directives). */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d) {
    return iso;
  }
  return `${Number(d)}/${Number(m)}/${y}`;
}

// Building an Intl.DateTimeFormat is expensive (milliseconds); this is called per row in imports.
const BUSINESS_DATE_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Ho_Chi_Minh. */
export function businessDateOf(instant: Date): string {
  return BUSINESS_DATE_FORMAT.format(instant);
}
