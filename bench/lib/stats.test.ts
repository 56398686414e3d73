import { describe, expect, it } from 'vitest';
import { percentile, perSecond, summarizeLatencies } from './stats';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe('summarizeLatencies', () => {
  it('sorts before it ranks', () => {
    expect(summarizeLatencies([30, 10, 20, 40])).toEqual({
      n: 4,
      p50Ms: 20,
      p99Ms: 40,
      meanMs: 25,
      minMs: 10,
      maxMs: 40,
    });
  });
});

describe('perSecond', () => {
  it('divides by seconds', () => {
    expect(perSecond(5000, 2000)).toBe(2500);
  });
});
