import { describe, expect, it } from 'vitest';
import { buildHref, matchPath } from './router';

describe('matchPath', () => {
  it('matches static paths and ignores trailing slashes', () => {
    expect(matchPath('/tasks', '/tasks')).toEqual({});
    expect(matchPath('/tasks', '/tasks/')).toEqual({});
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/tasks', '/directives')).toBeNull();
    expect(matchPath('/', '/tasks')).toBeNull();
  });

  it('extracts and decodes params', () => {
    expect(matchPath('/directives/:directiveId', '/directives/71%2FNQ-CP')).toEqual({ directiveId: '71/NQ-CP' });
    expect(matchPath('/tasks/:taskId', '/tasks/t_123')).toEqual({ taskId: 't_123' });
  });

  it('requires the same number of segments', () => {
    expect(matchPath('/tasks/:taskId', '/tasks')).toBeNull();
    expect(matchPath('/tasks/:taskId', '/tasks/a/b')).toBeNull();
  });

  it('rejects malformed escapes instead of throwing', () => {
    expect(matchPath('/tasks/:taskId', '/tasks/%E0%A4%A')).toBeNull();
  });

  it('lets * match anything (the not-found route)', () => {
    expect(matchPath('*', '/no/such/page')).toEqual({});
  });
});

describe('buildHref', () => {
  it('drops empty values and encodes the rest', () => {
    expect(buildHref('/tasks', { q: 'công nghệ số', page: 2, role: undefined, status: null, x: '' })).toBe(
      '/tasks?q=c%C3%B4ng+ngh%E1%BB%87+s%E1%BB%91&page=2',
    );
    expect(buildHref('/tasks', {})).toBe('/tasks');
  });
});
