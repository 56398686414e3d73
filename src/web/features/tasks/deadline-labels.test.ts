import { describe, expect, it } from 'vitest';
import { deadlineTagOf } from './deadline-labels';

describe('deadlineTagOf', () => {
  it('names recurring deadlines by their own words', () => {
    expect(deadlineTagOf('recurring', 'Thường xuyên')?.label).toBe('Thường xuyên');
    expect(deadlineTagOf('recurring', 'Hằng năm')?.label).toBe('Hằng năm');
    expect(deadlineTagOf('recurring', 'Hàng năm')?.label).toBe('Hằng năm');
    expect(deadlineTagOf('recurring', 'Định kỳ hằng quý')?.label).toBe('Định kỳ');
    expect(deadlineTagOf('recurring', 'Hằng tháng')?.label).toBe('Định kỳ');
    expect(deadlineTagOf('recurring', null)?.label).toBe('Thường xuyên');
  });

  it('tags undated and unreadable deadlines, and leaves dated ones alone', () => {
    expect(deadlineTagOf('none', '')).toEqual({ label: 'Không thời hạn', color: 'default' });
    expect(deadlineTagOf('unreadable', 'Sau khi có ý kiến')).toEqual({ label: 'Không đọc được', color: 'red' });
    expect(deadlineTagOf('month', 'Tháng 6/2025')).toBeNull();
    expect(deadlineTagOf('date', '30/6/2025')).toBeNull();
  });
});
