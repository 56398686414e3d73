import { describe, expect, it } from 'vitest';
import { hasActiveFilters, readTaskFilters, toTaskListQuery } from './task-filters';

describe('readTaskFilters', () => {
  it('defaults to page 1, 20 rows, document order', () => {
    expect(readTaskFilters(new URLSearchParams(''))).toEqual({ page: 1, pageSize: 20, sort: 'position' });
  });

  it('reads every filter the register keeps in the URL', () => {
    const params = new URLSearchParams(
      'q=cong+nghe+so&directiveId=d1&sectionId=s1&agencyId=a1&role=lead&dueFrom=2025-07-01&dueTo=2025-12-31' +
        '&deadlineKind=recurring&status=proposed&page=3&pageSize=50&sort=due&task=t9',
    );
    expect(readTaskFilters(params)).toEqual({
      q: 'cong nghe so',
      directiveId: 'd1',
      sectionId: 's1',
      agencyId: 'a1',
      role: 'lead',
      dueFrom: '2025-07-01',
      dueTo: '2025-12-31',
      deadlineKind: 'recurring',
      status: 'proposed',
      page: 3,
      pageSize: 50,
      sort: 'due',
    });
  });

  it('drops values the API would reject instead of sending them', () => {
    const params = new URLSearchParams('role=boss&dueFrom=30/6/2025&deadlineKind=soon&page=0&pageSize=9999&sort=x');
    expect(readTaskFilters(params)).toEqual({ page: 1, pageSize: 20, sort: 'position' });
  });
});

describe('toTaskListQuery', () => {
  it('sends only what is set and leaves the default sort implicit', () => {
    expect(toTaskListQuery({ page: 1, pageSize: 20, sort: 'position', q: 'abc', agencyId: 'a1' })).toEqual({
      q: 'abc',
      agencyId: 'a1',
      page: 1,
      pageSize: 20,
    });
    expect(toTaskListQuery({ page: 2, pageSize: 50, sort: 'due' })).toEqual({ page: 2, pageSize: 50, sort: 'due' });
  });
});

describe('hasActiveFilters', () => {
  it('ignores filters fixed by the embedding page', () => {
    const base = { page: 1, pageSize: 20, sort: 'position' as const };
    expect(hasActiveFilters(base)).toBe(false);
    expect(hasActiveFilters({ ...base, directiveId: 'd1' }, { directiveId: 'd1' })).toBe(false);
    expect(hasActiveFilters({ ...base, directiveId: 'd1', q: 'x' }, { directiveId: 'd1' })).toBe(true);
  });
});
