import { describe, expect, it } from 'vitest';
import {
  claimFromListTitle,
  completionDateFromText,
  interpretStatusText,
  periodEndFromTitle,
  readStatement,
  statementDateOf,
  unitKey,
} from './reported-facts';

describe('interpretStatusText', () => {
  it("reads the seeds' status words, in NFC and NFD", () => {
    expect(interpretStatusText('Đã hoàn thành')).toBe('completed');
    expect(interpretStatusText('Đã hoàn thành'.normalize('NFD'))).toBe('completed');
    expect(interpretStatusText('Hoàn thành')).toBe('completed');
    expect(interpretStatusText('Đang thực hiện')).toBe('in-progress');
    expect(interpretStatusText('Quá hạn')).toBe('overdue');
    expect(interpretStatusText('Đang thực hiện quá hạn')).toBe('overdue');
    expect(interpretStatusText('Chưa hoàn thành')).toBe('in-progress');
    expect(interpretStatusText('Chưa triển khai')).toBe('not-started');
    expect(interpretStatusText('Theo dõi')).toBeNull();
    expect(interpretStatusText('')).toBeNull();
  });

  it('reads captions', () => {
    expect(claimFromListTitle('PHỤ LỤC 02: DANH MỤC NHIỆM VỤ QUÁ HẠN TRONG 06 THÁNG ĐẦU NĂM 2025')).toBe('overdue');
    expect(claimFromListTitle('PHỤ LỤC 01: DANH MỤC NHIỆM VỤ ĐÃ HOÀN THÀNH TRONG 06 THÁNG ĐẦU NĂM 2025')).toBe(
      'completed',
    );
    expect(claimFromListTitle('Phụ lục 1: DANH MỤC NHIỆM VỤ … CÓ THỜI HẠN HOÀN THÀNH THÁNG 3-5/2025')).toBeNull();
  });
});

describe('statement dates', () => {
  it('takes the period a caption names, never a forward-looking one', () => {
    expect(periodEndFromTitle('DANH MỤC NHIỆM VỤ ĐÃ HOÀN THÀNH TRONG 06 THÁNG ĐẦU NĂM 2025')).toBe('2025-06-30');
    expect(periodEndFromTitle('KẾT QUẢ 9 THÁNG ĐẦU NĂM 2024 — đến hết 9 tháng đầu năm 2024')).toBe('2024-09-30');
    expect(periodEndFromTitle('Tình hình đến hết ngày 24/5/2025')).toBe('2025-05-24');
    expect(periodEndFromTitle('Kết quả đến hết tháng 2/2024')).toBe('2024-02-29');
    expect(periodEndFromTitle('Nhiệm vụ trong quý II/2025')).toBe('2025-06-30');
    expect(periodEndFromTitle('NGHỊ QUYẾT 71/NQ-CP 06 THÁNG CUỐI NĂM 2025')).toBeNull();
    expect(periodEndFromTitle('CÓ THỜI HẠN HOÀN THÀNH THÁNG 3-5/2025')).toBeNull();
  });

  it("prefers the body's date, then the caption, then the document date, and never goes past the document", () => {
    const title = 'DANH MỤC NHIỆM VỤ QUÁ HẠN TRONG 06 THÁNG ĐẦU NĂM 2025';
    expect(statementDateOf({ title, documentDate: '2025-07-18' })).toBe('2025-06-30');
    expect(statementDateOf({ title: 'Phụ lục 1', documentDate: '2025-05-25', statedInText: '2025-05-24' })).toBe(
      '2025-05-24',
    );
    expect(statementDateOf({ title: 'Phụ lục 1', documentDate: '2025-05-25' })).toBe('2025-05-25');
    expect(statementDateOf({ title, documentDate: '2025-06-15' })).toBe('2025-06-15');
    expect(statementDateOf({ title: 'x', documentDate: null })).toBeNull();
  });

  it('finds the completion date among dated citations, the latest not after the statement', () => {
    const text =
      'Quyết định số 1169/QĐ-TTg ngày 16/6/2025 Phê duyệt Chương trình … Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024';
    expect(completionDateFromText([text], '2025-06-30')).toEqual({
      date: '2025-06-16',
      citation: expect.stringContaining('1169/QĐ-TTg'),
    });
    expect(completionDateFromText([text], '2025-06-01')?.date).toBe('2024-12-22');
    expect(completionDateFromText(['Đang khai thác sử dụng', null], '2025-06-30')).toBeNull();
  });
});

describe('readStatement', () => {
  const leads = [
    { key: 'a1', name: 'Bộ Tài chính' },
    { key: 'a2', name: 'Tỉnh Đồng Nai' },
    { key: 'a3', name: 'Bộ Y tế' },
  ];
  const base = {
    sourceId: 'l',
    label: 'PL02 · hàng 3',
    statedOn: '2025-06-30',
    claim: 'overdue' as const,
    statusText: null,
    completion: null,
  };

  it('listed units are not complete, the other leads are complete by the statement date', () => {
    const reading = readStatement({ ...base, unitsNotCompleted: ['Đồng Nai', 'Bộ Tài chính'] }, leads);
    expect(reading.records).toEqual([
      { leadKey: 'a1', state: 'in-progress', completedOn: null, completedBy: null },
      { leadKey: 'a2', state: 'in-progress', completedOn: null, completedBy: null },
      { leadKey: 'a3', state: 'completed', completedOn: null, completedBy: '2025-06-30' },
    ]);
    expect(reading.unmatchedUnits).toEqual([]);
  });

  it('when no listed unit is a lead, every lead stays not complete and the units are reported', () => {
    const reading = readStatement({ ...base, unitsNotCompleted: ['Bộ Công an'] }, leads);
    expect(reading.splitImpossible).toBe(true);
    expect(reading.records.every((r) => r.state === 'in-progress')).toBe(true);
    expect(reading.unmatchedUnits).toEqual(['Bộ Công an']);
  });

  it('a status claim applies to every lead', () => {
    const done = readStatement(
      { ...base, claim: 'completed', unitsNotCompleted: null, completion: { date: '2025-06-16', citation: 'QĐ' } },
      leads,
    );
    expect(done.records.map((r) => [r.state, r.completedOn, r.completedBy])).toEqual(
      Array(3).fill(['completed', '2025-06-16', '2025-06-30']),
    );
    expect(readStatement({ ...base, claim: null, unitsNotCompleted: null }, leads).records).toEqual([]);
    expect(unitKey('Thành phố Hà Nội')).toBe(unitKey('Hà Nội'));
  });
});
