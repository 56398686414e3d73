import type { RouteAccess } from '@server/lib/request-context';
import type { Role } from '@shared/contracts/auth';

/** Who calls: nobody signed in, or a signed-in user with exactly one role. */
export type Principal = 'anonymous' | Role;

export const PRINCIPALS: readonly Principal[] = [
  'anonymous',
  'admin',
  'standing-office',
  'reporter',
  'leader',
  'viewer',
];

export type RouteMatrixEntry = {
  /** Who may call the route; the route's own `config.access` must say exactly this. */
  access: RouteAccess;
  /**
   * A path parameter naming an object that belongs to an agency. The matrix test calls the route twice per
   * principal: with an object of the caller's own agency and with one of another agency (IDOR attempt).
   */
  scopedParam?: { name: string; kind: 'user' };
  /** For reviewers: what the route exposes and where its data scope is enforced. */
  note?: string;
  /**
   * Outcomes that differ from what `access` alone gives, because the service refuses first (e.g. a public sign-in
   * step that needs the caller's own session). The matrix test sends no body, so validation usually answers first.
   */
  override?: Partial<Record<Principal, 'allow' | 'deny'>>;
};

const MANAGERS: Role[] = ['admin', 'standing-office'];
const AGENCY_STAFF: Role[] = ['reporter', 'leader'];
const STANDING_OFFICE_AND_ADMIN: Role[] = ['standing-office', 'admin'];

/**
 * Every API route and who may call it: the reviewed source of truth that the authorization matrix test
 * (authorization-matrix.db.test.ts) holds the running app to. A route missing here, or listed here but gone,
 * fails that test: add a line when you add a route, and think about its data scope when you do.
 *
 * Semantics: `public` = anyone; `authenticated` = any signed-in user (sign-in complete); a role or roles = users
 * holding one of them, where `admin` also passes routes declared for `standing-office`.
 */
export const ROUTE_ACCESS_MATRIX: Record<string, RouteMatrixEntry> = {
  'GET /api/v1/health': { access: 'public' },

  // The published assignment register: readable by every signed-in user.
  'GET /api/v1/directives': { access: 'authenticated' },
  'GET /api/v1/directives/:directiveId': { access: 'authenticated' },
  'GET /api/v1/tasks': { access: 'authenticated' },
  'GET /api/v1/tasks/:taskId': { access: 'authenticated' },
  'GET /api/v1/tasks/:taskId/status': { access: 'authenticated' },
  'GET /api/v1/status': { access: 'authenticated' },
  'GET /api/v1/status/tasks': { access: 'authenticated' },
  'GET /api/v1/agencies': { access: 'authenticated' },
  'GET /api/v1/agencies/:id': { access: 'authenticated' },
  'GET /api/v1/agencies/restructurings': { access: 'authenticated' },
  'GET /api/v1/agencies/restructurings/:eventId': { access: 'authenticated' },

  'POST /api/v1/imports/uploads': { access: 'standing-office' },
  'POST /api/v1/imports/uploads/:uploadId/apply': { access: 'standing-office' },

  'POST /api/v1/agencies/restructurings/preview': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/agencies/restructurings': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/agencies/restructurings/:eventId/apply': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/agencies/restructurings/:eventId/reverse': { access: STANDING_OFFICE_AND_ADMIN },
  'DELETE /api/v1/agencies/restructurings/:eventId': { access: STANDING_OFFICE_AND_ADMIN },

  // Sign-in steps act on the cookie's own session; each service function checks the session's stage.
  'POST /api/v1/auth/login': { access: 'public', note: 'rate-limited per IP; per-account lockout' },
  'POST /api/v1/auth/totp': { access: 'public', note: 'only a session in the totp stage' },
  'POST /api/v1/auth/logout': { access: 'public', note: 'ends the caller’s own session only' },
  'GET /api/v1/auth/session': { access: 'public', note: 'the caller’s own session only' },
  'POST /api/v1/auth/password': { access: 'public', note: 'full or password-change session; own account only' },
  'POST /api/v1/auth/totp/setup': {
    access: 'public',
    note: 'full or totp-enrol session; own account only',
    override: { anonymous: 'deny' },
  },
  'POST /api/v1/auth/totp/enable': { access: 'public', note: 'full or totp-enrol session; own account only' },

  // Accounts are non-public: only the standing office and administrators manage them (users.service rechecks,
  // and scopes any other caller to their own agency).
  'GET /api/v1/users': { access: MANAGERS },
  'GET /api/v1/users/:userId': { access: MANAGERS, scopedParam: { name: 'userId', kind: 'user' } },
  'POST /api/v1/users': { access: MANAGERS },
  'PATCH /api/v1/users/:userId': { access: MANAGERS, scopedParam: { name: 'userId', kind: 'user' } },
  'POST /api/v1/users/:userId/reset-password': { access: MANAGERS, scopedParam: { name: 'userId', kind: 'user' } },
  'POST /api/v1/users/bulk/preview': { access: MANAGERS },
  'POST /api/v1/users/bulk': { access: MANAGERS },
  'GET /api/v1/audit': { access: 'standing-office', note: 'names every user and agency; audit.service rechecks' },

  // Progress reporting (issue #5): agency data; the reporting services scope reads and writes to the
  // caller's agency unless the caller reads all agencies.
  'GET /api/v1/reporting/my-obligations': { access: 'authenticated' },
  'GET /api/v1/reporting/compliance': { access: 'authenticated' },
  'PUT /api/v1/reporting/period-settings': { access: 'standing-office' },
  'GET /api/v1/reports': { access: 'authenticated' },
  'GET /api/v1/reports/:id': { access: 'authenticated' },
  'POST /api/v1/reports': { access: AGENCY_STAFF },
  'POST /api/v1/reports/:id/submit': { access: AGENCY_STAFF },
  'POST /api/v1/reports/:id/approve': { access: 'leader' },
  'POST /api/v1/reports/:id/accept': { access: 'standing-office' },
  'POST /api/v1/reports/:id/return': { access: ['leader', 'standing-office'] },
  'POST /api/v1/reports/:id/evidence': { access: AGENCY_STAFF },
  'POST /api/v1/reports/:id/evidence/references': { access: AGENCY_STAFF },
  'DELETE /api/v1/evidence/:id': { access: AGENCY_STAFF },
  'GET /api/v1/evidence/:id/download': { access: 'authenticated' },
  'POST /api/v1/extension-requests': { access: AGENCY_STAFF },
  'GET /api/v1/extension-requests': { access: 'authenticated' },
  'POST /api/v1/extension-requests/:id/decision': { access: 'standing-office' },
  'POST /api/v1/reclassification-requests': { access: AGENCY_STAFF },
  'GET /api/v1/reclassification-requests': { access: 'authenticated' },
  'POST /api/v1/reclassification-requests/:id/decision': { access: 'standing-office' },
  'POST /api/v1/reclassification-requests/:id/evidence': { access: AGENCY_STAFF },
  'GET /api/v1/notifications': { access: 'authenticated' },
  'POST /api/v1/notifications/read': { access: 'authenticated' },
  'POST /api/v1/reminders/sweep': { access: 'standing-office' },

  // Duplicate tasks (issue 10): reads for every signed-in user (the register is public to them), decisions by the
  // standing office; "check draft" is open to drafters of any agency (it writes nothing to the database).
  'POST /api/v1/duplicates/scan': { access: 'standing-office' },
  'GET /api/v1/duplicates/candidates': { access: 'authenticated' },
  'GET /api/v1/duplicates/candidates/:id': { access: 'authenticated' },
  'POST /api/v1/duplicates/candidates/:id/decision': { access: 'standing-office' },
  'PATCH /api/v1/duplicates/links/:id': { access: 'standing-office' },
  'GET /api/v1/tasks/:taskId/duplicates': { access: 'authenticated' },
  'POST /api/v1/duplicates/check': { access: 'authenticated' },
  'GET /api/v1/duplicates/check/:uploadId': { access: 'authenticated' },
  'GET /api/v1/duplicates/check/:uploadId/export': { access: 'authenticated' },

  // Snapshots, generated reports and the dashboard (issue 7): figures are readable by every signed-in user (the
  // register is public to them); freezing figures and generating documents is the standing office's job.
  'POST /api/v1/snapshots': { access: 'standing-office' },
  'GET /api/v1/snapshots': { access: 'authenticated' },
  'GET /api/v1/snapshots/compare': { access: 'authenticated' },
  'POST /api/v1/report-jobs': { access: 'standing-office' },
  'GET /api/v1/report-jobs': { access: 'standing-office' },
  'GET /api/v1/report-jobs/:id': { access: 'standing-office' },
  'GET /api/v1/report-jobs/:id/files/:name': { access: 'standing-office' },
  'GET /api/v1/dashboard': { access: 'authenticated' },

  // Indicators (issue 6): catalogue, evaluation and every agency's figures are readable by all signed-in users (the
  // seed report publishes them); agencies register targets and enter values for their own agency only (enforced in
  // indicators.service: assertActsFor); the catalogue, windows, approvals, imports and exchange are the office's.
  'GET /api/v1/indicators': { access: 'authenticated' },
  'POST /api/v1/indicators': { access: 'standing-office' },
  'GET /api/v1/indicators/:code': { access: 'authenticated' },
  'PATCH /api/v1/indicators/:code': { access: 'standing-office' },
  'POST /api/v1/indicators/:code/links': { access: 'standing-office' },
  'PUT /api/v1/indicators/:code/national-targets/:year': { access: 'standing-office' },
  'GET /api/v1/indicators/:code/registration/:year': { access: 'authenticated' },
  'PUT /api/v1/indicators/:code/registration/:year': { access: 'standing-office' },
  'POST /api/v1/indicators/:code/registration/:year/lock': { access: 'standing-office' },
  'GET /api/v1/indicators/:code/targets': { access: 'authenticated' },
  'POST /api/v1/indicators/:code/targets': { access: ['reporter', 'leader', 'standing-office'] },
  'POST /api/v1/indicators/:code/target-changes': { access: ['reporter', 'leader', 'standing-office'] },
  'GET /api/v1/indicator-target-changes': { access: 'authenticated' },
  'POST /api/v1/indicator-target-changes/:targetId/approve': { access: 'standing-office' },
  'POST /api/v1/indicator-target-changes/:targetId/reject': { access: 'standing-office' },
  'GET /api/v1/indicators/:code/values': { access: 'authenticated' },
  'POST /api/v1/indicators/:code/values': { access: ['reporter', 'leader', 'standing-office'] },
  'POST /api/v1/indicator-values/:valueId/corrections': { access: ['reporter', 'leader', 'standing-office'] },
  'POST /api/v1/indicator-values/batch': { access: 'standing-office' },
  'POST /api/v1/indicator-imports': { access: 'standing-office' },
  'GET /api/v1/indicator-evaluation': { access: 'authenticated' },
  'GET /api/v1/indicator-evaluation/ranking': { access: 'authenticated' },
  'GET /api/v1/indicator-evaluation/agencies/:agencyId': { access: 'authenticated' },
  'GET /api/v1/indicator-rules': { access: 'authenticated' },

  // Consultation on drafts (issue 9): the standing office drafts and sends; consulted agencies answer through their
  // accounts (consultations.service checks the consultee list and the drafter on every call).
  'POST /api/v1/directives/:directiveId/draft': { access: 'standing-office' },
  'POST /api/v1/directives/:directiveId/consultation': { access: 'standing-office' },
  'GET /api/v1/consultations': { access: 'authenticated', note: 'only those the caller drafts or is consulted on' },
  'GET /api/v1/consultations/:id': { access: 'authenticated', note: 'drafter, consultees and standing office' },
  'POST /api/v1/consultations/:id/responses': { access: 'authenticated', note: 'own agency must be consulted' },
  'POST /api/v1/consultations/:id/attachments': { access: 'authenticated', note: 'own agency must be consulted' },
  'POST /api/v1/consultations/comments/:commentId/answer': { access: 'authenticated', note: 'drafter only' },
  'POST /api/v1/consultations/comments/:commentId/apply': { access: 'authenticated', note: 'drafter only' },
  'POST /api/v1/consultations/:id/reminders': { access: 'authenticated', note: 'drafter only' },
  'POST /api/v1/consultations/:id/issue': { access: 'authenticated', note: 'drafter only' },
  'GET /api/v1/consultations/:id/synthesis': { access: 'authenticated', note: 'as GET /consultations/:id' },
  'GET /api/v1/tasks/:taskId/consultation-comments': { access: 'authenticated' },

  // Feedback and initiatives (issue 9): submitters see their own items, agencies those routed to them, readers all
  // (feedback.service scopes every read); only the standing office routes.
  'POST /api/v1/feedback': { access: 'authenticated' },
  'POST /api/v1/feedback/attachments': { access: 'authenticated' },
  'GET /api/v1/feedback': { access: 'authenticated', note: 'scoped to own items and own agency' },
  'GET /api/v1/feedback/counts': { access: 'authenticated', note: 'counts only' },
  'GET /api/v1/feedback/:id': { access: 'authenticated', note: 'submitter, routed agency, readers of all' },
  'POST /api/v1/feedback/:id/route': { access: 'standing-office' },
  'POST /api/v1/feedback/:id/answer': { access: 'authenticated', note: 'routed agency only' },
  'POST /api/v1/public/feedback': { access: 'public', note: 'off unless enabled; rate-limited per IP; spam guard' },

  // Exchange with other monitoring systems (issue #8): administered by the standing office. The partner API itself
  // (/api/exchange/v1) is signed per partner key, not session-based; exchange-partner-auth.db.test.ts covers it.
  'GET /api/v1/exchange': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/exchange/partners': { access: STANDING_OFFICE_AND_ADMIN },
  'GET /api/v1/exchange/partners/:partnerId': { access: STANDING_OFFICE_AND_ADMIN },
  'PATCH /api/v1/exchange/partners/:partnerId': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/exchange/partners/:partnerId/credentials': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/exchange/partners/:partnerId/credentials/:keyId/revoke': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/exchange/partners/:partnerId/subscriptions': { access: STANDING_OFFICE_AND_ADMIN },
  'PATCH /api/v1/exchange/subscriptions/:subscriptionId': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/exchange/partners/:partnerId/pull': { access: STANDING_OFFICE_AND_ADMIN },
  'GET /api/v1/exchange/dead-letters': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/exchange/dead-letters/replay': { access: STANDING_OFFICE_AND_ADMIN },
  'GET /api/v1/exchange/conflicts': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/exchange/conflicts/:conflictId/resolve': { access: STANDING_OFFICE_AND_ADMIN },
  'GET /api/v1/exchange/partners/:partnerId/id-map': { access: STANDING_OFFICE_AND_ADMIN },
  'PUT /api/v1/exchange/partners/:partnerId/id-map': { access: STANDING_OFFICE_AND_ADMIN },
  'GET /api/v1/exchange/partners/:partnerId/ownership': { access: STANDING_OFFICE_AND_ADMIN },
  'PUT /api/v1/exchange/partners/:partnerId/ownership': { access: STANDING_OFFICE_AND_ADMIN },
  'GET /api/v1/exchange/partners/:partnerId/parked': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/exchange/partners/:partnerId/parked/retry': { access: STANDING_OFFICE_AND_ADMIN },
  'GET /api/v1/exchange/log': { access: STANDING_OFFICE_AND_ADMIN },
  'GET /api/v1/exchange/bundle': { access: STANDING_OFFICE_AND_ADMIN },
  'POST /api/v1/exchange/partners/:partnerId/bundle': { access: STANDING_OFFICE_AND_ADMIN },
};

/**
 * Whether the access control (not the service) lets a principal through, per the semantics above. Written out
 * independently of the plugin's check so that the test compares the two.
 */
export function isAllowedByMatrix(entry: RouteMatrixEntry, principal: Principal): boolean {
  const override = entry.override?.[principal];
  if (override) {
    return override === 'allow';
  }
  const access = entry.access;
  if (access === 'public') {
    return true;
  }
  if (principal === 'anonymous') {
    return false;
  }
  if (access === 'authenticated') {
    return true;
  }
  const roles: Role[] = Array.isArray(access) ? access : [access];
  return roles.includes(principal) || (principal === 'admin' && roles.includes('standing-office'));
}
