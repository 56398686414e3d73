import { describe, expect, it } from 'vitest';
import { drillHref } from './reports.queries';

describe('drillHref: every dashboard number opens the tasks behind it', () => {
  it('a status count opens the status list with the same cut-off, category and directive', () => {
    expect(drillHref({ asOf: '2025-07-18', category: 'overdue', directiveId: 'd1' })).toBe(
      '/status?asOf=2025-07-18&category=overdue&directiveId=d1',
    );
  });

  it('an agency count opens the status list grouped by agency on that agency', () => {
    expect(drillHref({ asOf: '2025-07-18', category: 'overdue', agencyId: 'a1' })).toBe(
      '/status?asOf=2025-07-18&category=overdue&by=agency&group=a1',
    );
  });

  it('a "due soon" count opens the task register filtered by due dates', () => {
    expect(drillHref({ asOf: '2025-07-18', dueFrom: '2025-07-19', dueTo: '2025-07-25' })).toBe(
      '/tasks?dueFrom=2025-07-19&dueTo=2025-07-25',
    );
  });
});
