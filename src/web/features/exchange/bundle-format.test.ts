import { ApiError } from '@web/api/client';
import { describe, expect, it } from 'vitest';
import {
  bundleExportQuery,
  bundleOutcomeRows,
  bundleProblemsOf,
  bundleResultSummary,
  fileNameFromDisposition,
  inboundOutcomeLabel,
} from './bundle-format';
import { logOperationLabel } from './exchange-labels';

describe('bundle outcome rows', () => {
  it('lists outcomes in protocol order with capitalised Vietnamese labels, zeros left out, unknown codes kept', () => {
    expect(bundleOutcomeRows({ conflict: 2, applied: 10, duplicate: 0, zzz: 1, unmapped: 3 })).toEqual([
      { outcome: 'applied', label: 'Áp dụng', count: 10, needsAttention: false },
      { outcome: 'conflict', label: 'Xung đột', count: 2, needsAttention: true },
      { outcome: 'unmapped', label: 'Chờ ánh xạ mã', count: 3, needsAttention: true },
      { outcome: 'zzz', label: 'Zzz', count: 1, needsAttention: false },
    ]);
    expect(bundleOutcomeRows({})).toEqual([]);
  });

  it('labels one outcome for a table cell', () => {
    expect(inboundOutcomeLabel('duplicate')).toBe('Đã nhận trước đó');
    expect(inboundOutcomeLabel('stale')).toBe('Cũ hơn bản đã có');
  });
});

describe('bundle result summary', () => {
  it('says a dry run wrote nothing and what an import would do', () => {
    expect(bundleResultSummary({ dryRun: true, events: 1200, files: 3, counts: { applied: 1150, conflict: 50 } })).toBe(
      'Chạy thử: gói hợp lệ, có 1.200 sự kiện và 3 tệp minh chứng; nếu nhập: 1.150 áp dụng, 50 xung đột. Chưa có dữ liệu nào được ghi.',
    );
  });

  it('says what a real import did, and handles an empty bundle', () => {
    expect(bundleResultSummary({ dryRun: false, events: 4, files: 0, counts: { duplicate: 4 } })).toBe(
      'Đã nhập gói dữ liệu (4 sự kiện và 0 tệp minh chứng): 4 đã nhận trước đó.',
    );
    expect(bundleResultSummary({ dryRun: true, events: 0, files: 0, counts: {} })).toBe(
      'Chạy thử: gói hợp lệ nhưng không có sự kiện nào (0 tệp minh chứng).',
    );
    expect(bundleResultSummary({ dryRun: false, events: 0, files: 0, counts: {} })).toBe(
      'Đã nhập gói dữ liệu: không có sự kiện nào.',
    );
  });
});

describe('problems of a refused bundle', () => {
  const refused = (details: unknown) =>
    new ApiError({ status: 422, code: 'BUNDLE_INVALID', message: 'Gói dữ liệu không hợp lệ', details });

  it('returns every well-formed problem of BUNDLE_INVALID and drops malformed ones', () => {
    const problems = [
      { code: 'bad-signature', message: 'Chữ ký không khớp.' },
      { code: 'hash-mismatch', message: 'Mã SHA-256 không khớp.', path: 'events.jsonl' },
      { code: 'made-up', message: 'x' },
      { message: 'no code' },
      'text',
    ];
    expect(bundleProblemsOf(refused({ problems }))).toEqual([
      { code: 'bad-signature', message: 'Chữ ký không khớp.' },
      { code: 'hash-mismatch', message: 'Mã SHA-256 không khớp.', path: 'events.jsonl' },
    ]);
    expect(bundleProblemsOf(refused(undefined))).toEqual([]);
  });

  it('returns null for other errors so the plain message is shown', () => {
    expect(bundleProblemsOf(new ApiError({ status: 404, code: 'NOT_FOUND', message: 'x' }))).toBeNull();
    expect(bundleProblemsOf(new Error('boom'))).toBeNull();
  });
});

describe('download helpers', () => {
  it('reads the file name from Content-Disposition, preferring filename*, never a folder', () => {
    expect(fileNameFromDisposition('attachment; filename="td-0-42-2026-11-24.tdx"', 'x.tdx')).toBe(
      'td-0-42-2026-11-24.tdx',
    );
    expect(
      fileNameFromDisposition(`attachment; filename="a.tdx"; filename*=UTF-8''g%C3%B3i%20d%E1%BB%AF.tdx`, 'x.tdx'),
    ).toBe('gói dữ.tdx');
    expect(fileNameFromDisposition('attachment; filename=plain.tdx', 'x.tdx')).toBe('plain.tdx');
    expect(fileNameFromDisposition('attachment; filename="../../etc/b.tdx"', 'x.tdx')).toBe('b.tdx');
    expect(fileNameFromDisposition('attachment', 'x.tdx')).toBe('x.tdx');
    expect(fileNameFromDisposition(null, 'x.tdx')).toBe('x.tdx');
  });

  it('builds the export query: a whole cursor ≥ 0, types comma-separated or absent', () => {
    expect(bundleExportQuery(42, ['task', 'progress_report'])).toEqual({ after: 42, types: 'task,progress_report' });
    expect(bundleExportQuery(null, [])).toEqual({ after: 0, types: undefined });
    expect(bundleExportQuery(-5, [])).toEqual({ after: 0, types: undefined });
    expect(bundleExportQuery(7.9, [])).toEqual({ after: 7, types: undefined });
  });

  it('names the bundle operations in the exchange log', () => {
    expect(logOperationLabel('bundle-export')).toBe('Xuất gói dữ liệu');
    expect(logOperationLabel('bundle-check')).toBe('Kiểm tra gói dữ liệu (chạy thử)');
    expect(logOperationLabel('bundle-import')).toBe('Nhập gói dữ liệu');
  });
});
