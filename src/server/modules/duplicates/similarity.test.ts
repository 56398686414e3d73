import { beforeAll, describe, expect, it } from 'vitest';
import { buildCandidateIndex, type StoredTask } from './candidate-index';
import { evaluateLabelledSet } from './evaluate';
import { type LabelledSet, loadLabelledSet, pairKey, readLabelledFile, splitOf } from './labelled-set';
import {
  buildTermStats,
  compareTasks,
  type MatchableTask,
  type PreparedTask,
  prepareTask,
  SIMILARITY_THRESHOLDS,
  type TermStats,
} from './similarity';

let set: LabelledSet;
let stats: TermStats;
const prep = (t: MatchableTask): PreparedTask => prepareTask(t);

/** The labelled pair whose two task texts start with these words. */
function labelled(aStart: string, bStart: string) {
  const hit = set.pairs.find(
    (p) =>
      (p.a.text.startsWith(aStart) && p.b.text.startsWith(bStart)) ||
      (p.b.text.startsWith(aStart) && p.a.text.startsWith(bStart)),
  );
  if (!hit) {
    throw new Error(`no labelled pair ${aStart} / ${bStart}`);
  }
  return { ...hit, result: compareTasks(prep(hit.a), prep(hit.b), stats) };
}

beforeAll(() => {
  set = loadLabelledSet();
  stats = buildTermStats(set.corpus.map(prep));
});

describe('Vietnamese text handling', () => {
  it('folds diacritics, NFD input and look-alike letters to the same content words', () => {
    const nfc = prep({ id: 'a', text: 'Xây dựng Cơ sở dữ liệu quốc gia về Đất đai' });
    const nfd = prep({ id: 'b', text: 'Xây dựng Cơ sở dữ liệu quốc gia về Đất đai'.normalize('NFD') });
    const ascii = prep({ id: 'c', text: 'xay dung co so du lieu quoc gia ve dat dai' });
    expect(nfc.words).toEqual(['xay', 'dung', 'co', 'so', 'du', 'lieu', 'quoc', 'gia', 'dat', 'dai']);
    expect(nfd.words).toEqual(nfc.words);
    // Without diacritics "ve" is not recognised as the stop word "về": folding happens after stop-word removal.
    expect(ascii.words).toContain('ve');
    expect(compareTasks(nfc, nfd, stats).score).toBe(1);
  });

  it('drops filler on the words with diacritics, so "đề án", "vệ tinh" and "trồng trọt" survive', () => {
    const p = prep({
      id: 'x',
      text: 'Chủ trì, phối hợp với các cơ quan liên quan khẩn trương triển khai Đề án để phát triển vệ tinh và trồng trọt',
    });
    expect(p.words).toEqual(['de', 'an', 'phat', 'trien', 've', 'tinh', 'trong', 'trot']);
    expect(p.display).toEqual(['đề', 'án', 'phát', 'triển', 'vệ', 'tinh', 'trồng', 'trọt']);
  });

  it('strips a leading "Bộ X - " that repeats the lead agency in the task text', () => {
    const p = prep({ id: 'x', text: 'Bộ Khoa học và Công nghệ - Nghiên cứu, phát triển hệ thống phòng thí nghiệm' });
    expect(p.words.slice(0, 2)).toEqual(['nghien', 'cuu']);
  });

  it('reads the documents a task cites and treats a longer law name as the same law', () => {
    const a = prep({
      id: 'a',
      text: 'Xây dựng, sửa đổi các Nghị định hướng dẫn Luật Khoa học, công nghệ và Đổi mới sáng tạo',
    });
    const b = prep({
      id: 'b',
      text: 'Nghị định quy định chi tiết thi hành Luật Khoa học, Công nghệ và Đổi mới sáng tạo.',
    });
    expect(a.refs.map((r) => r.key)).toEqual(['luat:khoa-hoc-cong-nghe']);
    expect(compareTasks(a, b, stats).features.sharedReference).toBe(1);
  });
});

describe('legal references', () => {
  it('different laws named are a strong signal of different tasks', () => {
    const pair = labelled(
      'Dự án Luật Năng lượng nguyên tử',
      'Dự án Luật sửa đổi, bổ sung một số điều của Luật Chất lượng',
    );
    expect(pair.label).toBe('different');
    expect(pair.result.features.conflictingReference).toBe(1);
    expect(pair.result.reasons.some((r) => r.startsWith('nêu văn bản khác nhau'))).toBe(true);
    expect(pair.result.score).toBeLessThan(SIMILARITY_THRESHOLDS.candidate);
  });

  it('the same decree cited by both raises the score and is named in the reasons', () => {
    const a = prep({
      id: 'a',
      text: 'Nâng cấp hạ tầng công nghệ thông tin theo Nghị định số 107/2021/NĐ-CP của Chính phủ',
      leads: ['Bộ Công an'],
    });
    const b = prep({
      id: 'b',
      text: 'Hoàn thành kết nối hệ thống giải quyết thủ tục hành chính với Cơ sở dữ liệu dân cư theo Nghị định số 107/2021/NĐ-CP',
      leads: ['Bộ Công an'],
    });
    const r = compareTasks(a, b, stats);
    expect(r.features.sharedReference).toBe(1);
    expect(r.reasons).toContain('cùng nêu 107/2021/NĐ-CP');
    expect(r.reasons[0]).toBe('cùng cơ quan chủ trì');
  });
});

describe('pinned pairs of the labelled set', () => {
  it('003 row 25 = 001 PL02 row 2 (fact 20: Tháng 3/2025 = 31/3/2025) is a duplicate', () => {
    const pair = labelled(
      'Tham mưu Chính phủ thành lập Ủy ban dữ liệu quốc gia.',
      'Tham mưu Chính phủ thành lập Ủy ban dữ liệu quốc gia',
    );
    expect(pair.label).toBe('duplicate');
    expect(pair.result.kind).toBe('duplicate');
    expect(pair.result.score).toBeGreaterThan(0.9);
    expect(pair.result.reasons).toEqual(['cùng cơ quan chủ trì', '100% trùng từ', 'cùng thời hạn 31/3/2025']);
  });

  it('002 (hộ tịch, đất đai, Quý II/2025) = 001 PL02 row 29 (30/6/2025) is proposed', () => {
    const pair = labelled(
      'Bộ Tư pháp, Bộ Nông nghiệp và Môi trường, Ủy ban nhân dân các địa phương khẩn trương chỉ đạo',
      'Bộ Tư pháp, Bộ Nông nghiệp và Môi trường, Ủy ban nhân dân các địa phương khẩn trương phối hợp',
    );
    expect(pair.label).toBe('duplicate');
    expect(pair.result.score).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLDS.candidate);
    expect(pair.result.reasons).toContain('cùng thời hạn 30/6/2025');
  });

  it('PL05 near-identical "Rà soát, sửa đổi các văn bản pháp luật chuyên ngành" rows are proposed', () => {
    const pair = labelled(
      'Rà soát, sửa đổi các văn bản pháp luật chuyên ngành để công nhận đầy đủ giá trị pháp lý của hồ sơ và',
      'Rà soát, sửa đổi các văn bản pháp luật chuyên ngành để công nhận đầy đủ giá trị pháp lý của hồ sơ điện tử',
    );
    expect(pair.result.score).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLDS.candidate);
  });

  it('different databases in the same list are NOT called duplicates', () => {
    for (const [a, b] of [
      ['Cơ sở dữ liệu kết cấu hạ tầng đường bộ', 'Cơ sở dữ liệu kết cấu hạ tầng giao thông đường sắt'],
      ['Cơ sở dữ liệu cơ sở trợ giúp xã hội', 'Cơ sở dữ liệu đối tượng trợ giúp xã hội'],
      ['Cơ sở dữ liệu quốc gia về đầu tư công', 'Cơ sở dữ liệu quốc gia về đấu thầu'],
      ['Cơ sở dữ liệu về giống cây trồng', 'Cơ sở dữ liệu trồng trọt'],
    ] as const) {
      const pair = labelled(a, b);
      expect(pair.label).toBe('different');
      expect(pair.result.score, `${a} / ${b}`).toBeLessThan(SIMILARITY_THRESHOLDS.candidate);
      expect(pair.result.kind).toBe('different');
    }
  });

  it('"công nghệ chiến lược" vs "công nghiệp chiến lược" are different programmes, with the difference shown', () => {
    const pair = labelled(
      'Xây dựng Chương trình Quốc gia phát triển công nghệ chiến lược',
      'Xây dựng Chương trình Quốc gia phát triển công nghiệp chiến lược',
    );
    expect(pair.result.score).toBeLessThan(SIMILARITY_THRESHOLDS.candidate);
    expect(pair.result.features.ownSubject).toBe(1);
  });

  it('a summary line of 003 Phụ lục 2 finds the full task it summarises', () => {
    const pair = labelled('Thu phí không dừng tại bến xe, bãi đỗ.', 'Triển khai thu phí không dừng tại bến xe');
    expect(pair.label).toBe('duplicate');
    expect(pair.result.score).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLDS.candidate);
  });
});

describe('labelled set', () => {
  it('every pair resolves to real seed tasks and the split is deterministic', () => {
    const file = readLabelledFile();
    expect(set.pairs).toHaveLength(file.pairs.length);
    expect(file.pairs.length).toBeGreaterThanOrEqual(250);
    const counts = { duplicate: 0, overlap: 0, different: 0 };
    for (const p of set.pairs) {
      counts[p.label]++;
      expect(p.a.text.length).toBeGreaterThan(0);
      expect(p.b.text.length).toBeGreaterThan(0);
    }
    expect(counts).toEqual({ duplicate: 100, overlap: 30, different: 121 });
    const first = file.pairs[0];
    if (!first) {
      throw new Error('empty labelled set');
    }
    expect(splitOf(pairKey(first.a, first.b))).toBe(splitOf(pairKey(first.b, first.a)));
    const heldOut = set.pairs.filter((p) => p.split === 'held-out').length;
    expect(heldOut / set.pairs.length).toBeGreaterThan(0.2);
    expect(heldOut / set.pairs.length).toBeLessThan(0.4);
  });

  it('precision and recall at the frozen threshold, on the tuning and the held-out half', () => {
    const e = evaluateLabelledSet(set);
    expect(e.threshold).toBe(SIMILARITY_THRESHOLDS.candidate);
    expect(e.tuning.precision).toBeGreaterThanOrEqual(0.9);
    expect(e.tuning.recall).toBeGreaterThanOrEqual(0.9);
    expect(e.heldOut.precision).toBeGreaterThanOrEqual(0.85);
    expect(e.heldOut.recall).toBeGreaterThanOrEqual(0.85);
  });
});

describe('candidate index', () => {
  it('finds the same candidates as comparing every pair, on the seed tasks', () => {
    const stored: StoredTask[] = set.corpus.map((t) => ({
      ...t,
      directiveId: t.directiveKey ?? 'none',
      directiveKey: t.directiveKey ?? '',
      directiveTitle: '',
    }));
    const index = buildCandidateIndex(stored);
    const probe = prep({
      id: 'probe',
      text: 'Đồng bộ dữ liệu cơ sở dữ liệu quốc gia, CSDL chuyên ngành về CSDL tổng hợp quốc gia, người dân chỉ kê khai một lần',
    });
    const viaIndex = index.matches(probe).map((m) => m.task.id);
    const brute = stored
      .map((t) => ({ id: t.id, r: compareTasks(probe, prep(t), index.stats) }))
      .filter((x) => x.r.score >= SIMILARITY_THRESHOLDS.candidate)
      .map((x) => x.id);
    // PL05 "Đồng bộ dữ liệu CSDL quốc gia…" and the HCMC task 7 that localises it.
    expect(viaIndex.length).toBeGreaterThanOrEqual(2);
    expect(new Set(viaIndex)).toEqual(new Set(brute));
  });
});
