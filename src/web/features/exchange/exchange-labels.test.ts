import { describe, expect, it } from 'vitest';
import {
  conflictDiffRows,
  conflictTitle,
  displayValue,
  exchangeAttentionCounts,
  logOperationLabel,
  OWNERSHIP_SOURCE_LABELS,
  objectTypeLabel,
  parkedStatusLabel,
  pullSummary,
  scopesText,
  shortKey,
  subscriptionHealth,
} from './exchange-labels';

describe('ownership and status labels', () => {
  it('names the three ownership sources as the standing office reads them', () => {
    expect(OWNERSHIP_SOURCE_LABELS).toEqual({
      local: 'Hệ thống này',
      partner: 'Hệ thống đối tác',
      shared: 'Dùng chung (xung đột khi sửa hai nơi)',
    });
  });

  it('labels object types, parked states and scopes, keeping unknown codes visible', () => {
    expect(objectTypeLabel('progress_report')).toBe('Báo cáo tiến độ');
    expect(objectTypeLabel('something_new')).toBe('something_new');
    expect(parkedStatusLabel('unmapped')).toBe('Chờ ánh xạ mã');
    expect(parkedStatusLabel('odd')).toBe('odd');
    expect(scopesText(['feed:read', 'events:write', 'x:y'])).toBe('Đọc dữ liệu thay đổi, Gửi dữ liệu vào, x:y');
  });
});

describe('displayValue', () => {
  it('writes numbers the Vietnamese way and absent values as a dash', () => {
    expect(displayValue(12345.6)).toBe('12.345,6');
    expect(displayValue(null)).toBe('—');
    expect(displayValue(undefined)).toBe('—');
    expect(displayValue('')).toBe('—');
    expect(displayValue(true)).toBe('Có');
    expect(displayValue(false)).toBe('Không');
    expect(displayValue(['a', 1])).toBe('["a",1]');
  });

  it('cuts very long values at 500 characters', () => {
    const text = displayValue('x'.repeat(600));
    expect(text).toHaveLength(501);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('conflictDiffRows', () => {
  it('lines up ours and theirs for each differing field, with Vietnamese field names', () => {
    const rows = conflictDiffRows({
      ours: { id: 't1', text: 'Hoàn thiện dự thảo', deadlineDue: '2025-12-31', product: null },
      theirs: { id: 't1', text: 'Hoàn thiện dự thảo Luật', deadlineDue: '2026-03-31', product: 'Nghị định' },
      differingFields: ['text', 'deadlineDue', 'product', 'customField'],
    });
    expect(rows).toEqual([
      { field: 'text', label: 'Nội dung', ours: 'Hoàn thiện dự thảo', theirs: 'Hoàn thiện dự thảo Luật' },
      { field: 'deadlineDue', label: 'Thời hạn', ours: '2025-12-31', theirs: '2026-03-31' },
      { field: 'product', label: 'Sản phẩm', ours: '—', theirs: 'Nghị định' },
      { field: 'customField', label: 'customField', ours: '—', theirs: '—' },
    ]);
  });

  it('marks the side where the object was deleted', () => {
    const rows = conflictDiffRows({ ours: { name: 'Bộ Công an' }, theirs: null, differingFields: ['name'] });
    expect(rows).toEqual([{ field: 'name', label: 'Tên', ours: 'Bộ Công an', theirs: '(đã xóa)' }]);
  });
});

describe('conflictTitle', () => {
  it('names the object from our side first, then theirs, else its id', () => {
    expect(conflictTitle({ objectId: 'a1', ours: { name: 'Xã Ba Vì' }, theirs: { name: 'Xã Ba Vì (mới)' } })).toBe(
      'Xã Ba Vì',
    );
    expect(conflictTitle({ objectId: 't1', ours: null, theirs: { text: 'Xây dựng Luật Quản lý thuế' } })).toBe(
      'Xây dựng Luật Quản lý thuế',
    );
    expect(conflictTitle({ objectId: 'r1', ours: { state: 'done' }, theirs: null })).toBe('r1');
    expect(conflictTitle({ objectId: 'x', ours: { title: 'abcdef' }, theirs: null }, 3)).toBe('abc…');
  });
});

describe('logOperationLabel', () => {
  it('names partner calls by what they do, whatever the protocol version', () => {
    expect(logOperationLabel('POST /api/exchange/v1/events')).toBe('Gửi dữ liệu vào');
    expect(logOperationLabel('GET /api/exchange/v2/changes')).toBe('Đọc dữ liệu thay đổi');
    expect(logOperationLabel('push')).toBe('Đẩy dữ liệu sang đối tác');
    expect(logOperationLabel('archive-sync')).toBe('archive-sync');
  });
});

describe('subscriptionHealth', () => {
  it('puts paused first, then dead letters, then retries', () => {
    expect(subscriptionHealth({ status: 'paused', dead: 3, consecutiveFailures: 2 })).toBe('paused');
    expect(subscriptionHealth({ status: 'active', dead: 1, consecutiveFailures: 0 })).toBe('dead');
    expect(subscriptionHealth({ status: 'active', dead: 0, consecutiveFailures: 4 })).toBe('retrying');
    expect(subscriptionHealth({ status: 'active', dead: 0, consecutiveFailures: 0 })).toBe('ok');
  });
});

describe('pullSummary', () => {
  it('lists non-zero outcomes in protocol order with Vietnamese numbers', () => {
    expect(pullSummary({ events: 1200, counts: { conflict: 50, applied: 1150, stale: 0 } })).toBe(
      'Đã lấy 1.200 sự kiện: 1.150 áp dụng, 50 xung đột.',
    );
    expect(pullSummary({ events: 0, counts: {} })).toBe('Không có thay đổi mới từ đối tác.');
  });
});

describe('exchangeAttentionCounts', () => {
  it('adds up what waits for a person across partners', () => {
    expect(
      exchangeAttentionCounts([
        { openConflicts: 2, unmappedEvents: 3, waitingEvents: 1, subscriptions: [{ dead: 4 }, { dead: 1 }] },
        { openConflicts: 0, unmappedEvents: 0, waitingEvents: 5, subscriptions: [] },
      ]),
    ).toEqual({ conflicts: 2, deadLetters: 5, unmapped: 3, parked: 9 });
  });
});

describe('shortKey', () => {
  it('keeps both ends of a long key and strips PEM armour', () => {
    const key = `-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA${'A'.repeat(30)}xyz=\n-----END PUBLIC KEY-----`;
    expect(shortKey(key, 6)).toBe('MCowBQ…AAxyz=');
    expect(shortKey('short', 6)).toBe('short');
  });
});
