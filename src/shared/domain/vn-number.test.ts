import { formatNumber } from '@shared/lib/vn-format';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVietnameseNumber } from './vn-number';

describe('parseVietnameseNumber', () => {
  it.each([
    ['49.79', undefined, 49.79],
    ['67.44', undefined, 67.44],
    ['40.1%', undefined, 40.1],
    ['51,7%', undefined, 51.7],
    ['99,3%', undefined, 99.3],
    ['150,43', undefined, 150.43],
    ['150,43 Mbps', undefined, 150.43],
    ['17.175.876', undefined, 17175876],
    ['1.234.567,89', undefined, 1234567.89],
    ['1,234,567.89', undefined, 1234567.89],
    ['0,5', undefined, 0.5],
    ['0.457', undefined, 0.457],
    ['1234.567', undefined, 1234.567],
    ['85', undefined, 85],
    ['  85 % ', undefined, 85],
    ['-5,2', undefined, -5.2],
    ['13.21', 'comma-decimal', 13.21],
    ['68.457', 'comma-decimal', 68457],
    ['68.457 trạm', 'comma-decimal', 68457],
    ['68.457', 'dot-decimal', 68.457],
    ['68,457', 'dot-decimal', 68457],
    ['68,457', 'comma-decimal', 68.457],
    ['17.175.876', 'dot-decimal', 17175876],
    ['12.', undefined, 12],
  ] as const)('%j (%s) → %d', (text, hint, expected) => {
    expect(parseVietnameseNumber(text, hint)).toBe(expected);
  });

  it.each([
    ['68.457'],
    ['68,457'],
    ['1.000'],
    [''],
    ['abc'],
    ['1/2'],
    ['10 - 20'],
    ['1.23.4'],
    ['01.234.567'],
    ['1,2,3'],
    ['1.234,5.6'],
    ['12 13'],
  ])('%j → null', (text) => {
    expect(parseVietnameseNumber(text)).toBeNull();
  });

  it('reads back what vi-VN formatting writes, with the comma-decimal hint', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 2 }),
        (n, digits) => {
          const value = n / 10 ** digits;
          expect(parseVietnameseNumber(formatNumber(value, digits), 'comma-decimal')).toBeCloseTo(value, 6);
        },
      ),
    );
  });

  it('reads unambiguous forms the same with or without a hint', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 1, max: 99 }), (int, frac) => {
        const text = `${int},${String(frac).padStart(2, '0')}`;
        const expected = Number(`${int}.${String(frac).padStart(2, '0')}`);
        for (const hint of [undefined, 'comma-decimal', 'dot-decimal'] as const) {
          expect(parseVietnameseNumber(text, hint)).toBe(expected);
        }
      }),
    );
  });
});
