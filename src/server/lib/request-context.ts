import type { Role } from '@shared/contracts/auth';
import { AppError } from './app-error';

/**
 * Who is calling. Set by the auth plugin on every authenticated request (`request.actor`); services take it
 * explicitly and enforce data scopes with it (never trust the UI to hide things).
 */
export type Actor = {
  userId: string;
  agencyId: string;
  roles: Role[];
  ip: string | null;
};

/** Route access levels, declared on every route as `config.access` and checked by the authorization matrix test. */
export type RouteAccess = 'public' | 'authenticated' | Role | Role[];

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** Sees and manages everything (standing office and administrators). */
export function isStandingOffice(actor: Actor): boolean {
  return hasRole(actor, 'standing-office', 'admin');
}

/** Reads everything across agencies (standing office, administrators, steering-committee viewers). */
export function canReadAllAgencies(actor: Actor): boolean {
  return hasRole(actor, 'standing-office', 'admin', 'viewer');
}

/** Throws FORBIDDEN unless the actor may act for `agencyId` (own agency) or is the standing office. */
export function assertActsFor(actor: Actor, agencyId: string): void {
  if (actor.agencyId !== agencyId && !isStandingOffice(actor)) {
    throw new AppError('FORBIDDEN');
  }
}

export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) {
    throw new AppError('UNAUTHENTICATED');
  }
  return actor;
}
