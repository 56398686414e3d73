import { describe, expect, it } from 'vitest';
import { findStatusStatements, isAppendix } from './document-statements';

describe('findStatusStatements', () => {
  it('reads seed 003 line 76 (22 / 13 / 02 as of 24/5/2025, details in Phụ lục 1)', () => {
    const text =
      '*   Đến hết 24/5/2025, có 22 nhiệm vụ hoàn thành; 13 nhiệm vụ đang thực hiện trong hạn, có kết quả, phấn đấu sẽ hoàn thành; 02 nhiệm vụ đang thực hiện quá hạn (Chi tiết tại Phụ lục 1).';
    expect(findStatusStatements([{ text: text.normalize('NFD'), line: 76 }])).toEqual([
      {
        appendix: '1',
        asOf: '2025-05-24',
        completed: 22,
        inProgress: 13,
        overdue: 2,
        line: 76,
        text: text.normalize('NFD'),
      },
    ]);
  });

  it('ignores sentences without an appendix or with fewer than two totals', () => {
    expect(findStatusStatements([{ text: 'Có 22 nhiệm vụ hoàn thành (Chi tiết tại Phụ lục 1).', line: 1 }])).toEqual(
      [],
    );
    expect(findStatusStatements([{ text: 'có 22 nhiệm vụ hoàn thành; 13 nhiệm vụ quá hạn.', line: 1 }])).toEqual([]);
  });

  it('matches appendix captions exactly', () => {
    expect(isAppendix('Phụ lục 1: DANH MỤC NHIỆM VỤ', '1')).toBe(true);
    expect(isAppendix('PHỤ LỤC 01: DANH MỤC', '1')).toBe(true);
    expect(isAppendix('Phụ lục 10: DANH MỤC', '1')).toBe(false);
    expect(isAppendix('DANH MỤC', '1')).toBe(false);
  });
});
