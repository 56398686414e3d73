import { EXCHANGE_OBJECT_TYPES } from '@shared/contracts/exchange';
import { describe, expect, it } from 'vitest';
import { describeObjectTypes } from './object-catalogue';

describe('the published description of exchanged objects', () => {
  const catalogue = describeObjectTypes();
  const byType = new Map(catalogue.map((t) => [t.type, t]));

  it('describes every object type once', () => {
    expect(catalogue.map((t) => t.type)).toEqual([...EXCHANGE_OBJECT_TYPES]);
  });

  it('names references and leaves local bookkeeping out', () => {
    const task = byType.get('task');
    const fields = new Map(task?.fields.map((f) => [f.name, f]));
    expect(fields.get('directiveId')).toEqual({
      name: 'directiveId',
      type: 'string',
      nullable: false,
      references: 'directive',
    });
    expect(fields.get('deadlineDue')).toEqual({ name: 'deadlineDue', type: 'date', nullable: true });
    expect(fields.has('createdAt')).toBe(false);
    expect(fields.has('version')).toBe(false);
    const evidence = new Map(byType.get('evidence')?.fields.map((f) => [f.name, f]));
    expect(evidence.has('storageKey')).toBe(false);
    expect(evidence.get('sha256')?.type).toBe('string');
  });

  it('describes children without the parent key, with their own types', () => {
    const report = byType.get('progress_report');
    expect(report?.ownership).toBe('reports');
    const events = report?.children.find((c) => c.key === 'events');
    expect(events?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['id', 'action', 'toStatus', 'at']));
    expect(events?.fields.some((f) => f.name === 'reportId' || f.name === 'seq')).toBe(false);
    expect(events?.fields.find((f) => f.name === 'at')?.type).toBe('date-time');
  });
});
