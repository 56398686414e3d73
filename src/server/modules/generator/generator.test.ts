import { buildReferenceSnapshot } from '@server/modules/agencies/agency-reference';
import { describe, expect, it } from 'vitest';
import { loadAgencyCatalog, selectAgencies } from './agency-catalog';
import { buildDataset, countDataset } from './generate-dataset';
import { parseGenerateArgs } from './generator.cli';
import { createPrng } from './prng';
import { generateDeadline } from './task-text';

describe('createPrng', () => {
  it('repeats its sequence for the same seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const seqA = Array.from({ length: 5 }, () => a.int(0, 1_000_000));
    expect(Array.from({ length: 5 }, () => b.int(0, 1_000_000))).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.int(0, 1_000_000))).not.toEqual(seqA);
  });

  it('samples distinct items', () => {
    const rng = createPrng(1);
    const picked = rng.sample(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], 4);
    expect(new Set(picked).size).toBe(4);
  });
});

describe('selectAgencies', () => {
  it('takes the whole central and provincial register at national scale, with the register ids', () => {
    const picked = selectAgencies(loadAgencyCatalog(), 3400);
    const count = (kind: string) => picked.filter((a) => a.kind === kind).length;
    expect(picked.length).toBe(3400);
    expect(count('ministry')).toBe(14);
    expect(count('ministerial-agency')).toBe(3);
    expect(count('government-agency')).toBe(5);
    expect(count('province')).toBe(34);
    // 34 provinces × 12 standard departments, plus Hồ Chí Minh City's own bodies from the register.
    expect(count('provincial-department')).toBeGreaterThanOrEqual(408);
    expect(count('commune')).toBeGreaterThan(2800);
    expect(new Set(picked.map((a) => a.id)).size).toBe(3400);
    const register = new Map(buildReferenceSnapshot().agencies.map((a) => [a.name, a.id]));
    const most = picked.find((a) => a.name === 'Bộ Khoa học và Công nghệ');
    expect(most?.id).toBe(register.get('Bộ Khoa học và Công nghệ'));
    const hcmc = picked.find((a) => a.name === 'Thành phố Hồ Chí Minh' && a.kind === 'province');
    // A department the register knows keeps its id; one it does not know is generated under the province.
    expect(picked.find((a) => a.name === 'Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh')?.id).toBe(
      register.get('Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh'),
    );
    const caoBang = picked.find((a) => a.name === 'Sở Y tế tỉnh Cao Bằng');
    expect(caoBang?.parentId).toBe(picked.find((a) => a.name === 'Tỉnh Cao Bằng')?.id);
    expect(hcmc?.provinceCode).toBe('79');
  });

  it('keeps every level in a small selection and can go past the register', () => {
    const small = selectAgencies(loadAgencyCatalog(), 50);
    expect(new Set(small.map((a) => a.kind))).toEqual(
      new Set(['ministry', 'ministerial-agency', 'province', 'provincial-department', 'commune']),
    );
    const large = selectAgencies(loadAgencyCatalog(), 5000);
    expect(large.length).toBe(5000);
    expect(new Set(large.map((a) => a.id)).size).toBe(5000);
  });
});

describe('generateDeadline', () => {
  it('normalizes every generated expression to the end of its period', () => {
    const rng = createPrng(3);
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const d = generateDeadline(rng, '2025-03-15');
      seen.add(d.kind);
      if (d.kind === 'month') {
        const [, m, y] = /(\d{1,2})\/(\d{4})/.exec(d.raw ?? '') ?? [];
        const last = new Date(Date.UTC(Number(y), Number(m), 0)).toISOString().slice(0, 10);
        expect(d.due).toBe(last);
      }
      if (d.kind === 'quarter') {
        expect(d.due).toMatch(/-(03-31|06-30|09-30|12-31)$/);
        expect(d.raw).toMatch(/[Qq]uý (I|II|III|IV)\/\d{4}/);
      }
      if (d.kind === 'date') {
        const [, day, month, year] = /(\d{1,2})(?:\/| tháng )(\d{1,2})(?:\/| năm )(\d{4})/.exec(d.raw ?? '') ?? [];
        expect(d.due).toBe(`${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`);
      }
      if (d.kind === 'recurring' || d.kind === 'relative' || d.kind === 'none') {
        expect(d.due).toBeNull();
      }
      if (d.due) {
        expect(d.due >= '2025-04-01').toBe(true);
      }
    }
    expect([...seen].sort()).toEqual(
      ['date', 'half-year', 'month', 'none', 'period', 'quarter', 'recurring', 'relative', 'year'].sort(),
    );
  });
});

describe('buildDataset', () => {
  it('is deterministic and keeps identity keys unique', () => {
    const a = buildDataset({ agencies: 120, tasks: 600, seed: 5 });
    const b = buildDataset({ agencies: 120, tasks: 600, seed: 5 });
    expect(b).toEqual(a);
    expect(countDataset(a)).toMatchObject({ agencies: 120, tasks: 600, directives: 15 });
    expect(new Set(a.tasks.map((t) => t.identityKey)).size).toBe(600);
    expect(new Set(a.directives.map((d) => d.stableKey)).size).toBe(15);
    const keys = a.assignments.map((x) => `${x.taskId}|${x.agencyId}|${x.role}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(a.assignments.some((x) => x.viaGroup !== null)).toBe(true);
  });
});

describe('parseGenerateArgs', () => {
  it('reads sizes and seed, with defaults', () => {
    expect(parseGenerateArgs([])).toEqual({ agencies: 3400, tasks: 20000, seed: 1 });
    expect(parseGenerateArgs(['--agencies', '50', '--tasks=200', '--seed', '9'])).toEqual({
      agencies: 50,
      tasks: 200,
      seed: 9,
    });
  });

  it('rejects unknown flags and bad numbers', () => {
    expect(() => parseGenerateArgs(['--tasks', 'abc'])).toThrow(/--tasks/);
    expect(() => parseGenerateArgs(['--frobnicate'])).toThrow(/không hợp lệ/);
  });
});
