import type { Role, SessionView } from '@shared/contracts/auth';
import { describe, expect, it } from 'vitest';
import { sessionHasRole } from './auth.queries';

function session(stage: SessionView['stage'], roles: Role[]) {
  return {
    stage,
    csrfToken: 't',
    totpRequired: false,
    idleTimeoutSeconds: 1800,
    expiresAt: null,
    user: {
      id: 'u',
      loginName: 'x',
      displayName: 'X',
      agency: { id: 'a', name: 'A' },
      roles,
      totpEnabled: false,
      isDemo: false,
    },
  } satisfies SessionView;
}

describe('sessionHasRole', () => {
  it('counts administrators as standing office, like the server', () => {
    expect(sessionHasRole(session('full', ['admin']), 'standing-office')).toBe(true);
    expect(sessionHasRole(session('full', ['standing-office']), 'admin')).toBe(false);
    expect(sessionHasRole(session('full', ['reporter']), 'leader', 'reporter')).toBe(true);
  });

  it('grants nothing before sign-in is complete', () => {
    expect(sessionHasRole(session('totp-enrol', ['admin']), 'admin')).toBe(false);
    expect(sessionHasRole(undefined, 'viewer')).toBe(false);
  });
});
