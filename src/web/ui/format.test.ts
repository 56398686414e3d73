import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime } from './format';

describe('formatDateTime', () => {
  it('shows the instant in Asia/Ho_Chi_Minh whatever the process time zone', () => {
    expect(formatDateTime('2025-07-18T17:30:00.000Z')).toBe('00:30 19/7/2025');
    expect(formatDateTime('2025-01-02T03:04:00Z')).toBe('10:04 2/1/2025');
  });

  it('passes through empty and unparseable values', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('formatBytes', () => {
  it('uses Vietnamese decimal commas', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
  });
});
