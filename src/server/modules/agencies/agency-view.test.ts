import { describe, expect, it } from 'vitest';
import { buildAgencyGraph, displayAgencyOf, type ViewAgency } from './agency-view';

const agency = (id: string, validFrom: string | null, validTo: string | null): ViewAgency => ({
  id,
  name: `Tỉnh ${id}`,
  kind: 'province',
  validFrom,
  validTo,
});

// A and B merge into C on 2025-07-01; D splits into E and F on 2025-03-01; H existed throughout.
const graph = buildAgencyGraph(
  [
    agency('A', null, '2025-06-30'),
    agency('B', null, '2025-06-30'),
    agency('C', '2025-07-01', null),
    agency('D', null, '2025-02-28'),
    agency('E', '2025-03-01', null),
    agency('F', '2025-03-01', null),
    agency('H', null, null),
  ],
  [
    { predecessorId: 'A', successorId: 'C', effectiveOn: '2025-07-01' },
    { predecessorId: 'B', successorId: 'C', effectiveOn: '2025-07-01' },
    { predecessorId: 'D', successorId: 'E', effectiveOn: '2025-03-01' },
    { predecessorId: 'D', successorId: 'F', effectiveOn: '2025-03-01' },
  ],
);

const shown = (id: string, mode: 'as-constituted' | 'rolled-up', day: string) => {
  const v = displayAgencyOf(graph, id, mode, day);
  return `${v.id}:${v.state}`;
};

describe('displayAgencyOf', () => {
  it('shows merged predecessors as themselves before the merger and under the successor after it', () => {
    expect(['A', 'B', 'C', 'H'].map((id) => shown(id, 'as-constituted', '2025-06-15'))).toEqual([
      'A:current',
      'B:current',
      'C:not-established',
      'H:current',
    ]);
    expect(['A', 'B', 'C', 'H'].map((id) => shown(id, 'as-constituted', '2025-07-01'))).toEqual([
      'C:successor',
      'C:successor',
      'C:current',
      'H:current',
    ]);
  });

  it('rolls June figures up to today’s agency', () => {
    expect(['A', 'B', 'H'].map((id) => shown(id, 'rolled-up', '2026-01-01'))).toEqual([
      'C:successor',
      'C:successor',
      'H:current',
    ]);
    // Before the effective date nothing has happened yet.
    expect(shown('A', 'rolled-up', '2025-06-30')).toBe('A:current');
  });

  it('keeps a split predecessor’s own figures under it, marked dissolved', () => {
    const view = displayAgencyOf(graph, 'D', 'rolled-up', '2026-01-01');
    expect(view).toMatchObject({ id: 'D', state: 'dissolved', label: 'Tỉnh D (đã giải thể/chia tách)' });
    expect(shown('D', 'as-constituted', '2025-02-28')).toBe('D:current');
    // A successor of a split shows under its single predecessor on a day before it existed.
    expect(shown('E', 'as-constituted', '2025-01-15')).toBe('D:predecessor');
  });

  it('reports an unknown id as unknown', () => {
    expect(displayAgencyOf(graph, 'Z', 'rolled-up', '2026-01-01')).toMatchObject({ id: 'Z', state: 'unknown' });
  });
});
