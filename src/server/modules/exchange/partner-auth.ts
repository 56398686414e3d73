import type { DbOrTx } from '@server/db/client';
import { exchangeCredentials, exchangeNonces, exchangePartners } from '@server/db/schema';
import { AppError } from '@server/lib/app-error';
import type { ExchangeScope } from '@shared/contracts/exchange';
import { eq, lt } from 'drizzle-orm';
import type { PartnerRow } from './inbound.service';
import { canonicalRequest, MAX_CLOCK_SKEW_MS, SIGNATURE_HEADERS, verifyBytes } from './request-signing';

export type SignedCaller = { partner: PartnerRow; keyId: string };

export type SignedRequestParts = {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
};

function header(headers: SignedRequestParts['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function refuse(reason: string): never {
  throw new AppError('EXCHANGE_SIGNATURE_INVALID', undefined, { reason });
}

/**
 * Checks a partner's signed request: a known, active, unexpired key; a timestamp within the allowed skew; a nonce not
 * seen before (remembered for twice the skew); a valid Ed25519 signature over method, path, timestamp, nonce and
 * body hash; the scope the route needs. Refusals say why (`details.reason`) and change nothing.
 */
export async function verifySignedRequest(
  db: DbOrTx,
  request: SignedRequestParts,
  scope: ExchangeScope,
  now: Date,
): Promise<SignedCaller> {
  const keyId = header(request.headers, SIGNATURE_HEADERS.keyId);
  const timestamp = header(request.headers, SIGNATURE_HEADERS.timestamp);
  const nonce = header(request.headers, SIGNATURE_HEADERS.nonce);
  const signature = header(request.headers, SIGNATURE_HEADERS.signature);
  if (!keyId || !timestamp || !nonce || !signature || nonce.length > 100) {
    refuse('missing-headers');
  }
  const [row] = await db
    .select({ credential: exchangeCredentials, partner: exchangePartners })
    .from(exchangeCredentials)
    .innerJoin(exchangePartners, eq(exchangePartners.id, exchangeCredentials.partnerId))
    .where(eq(exchangeCredentials.keyId, keyId));
  if (!row) {
    refuse('unknown-key');
  }
  if (row.credential.revokedAt && row.credential.revokedAt <= now) {
    refuse('key-revoked');
  }
  if (row.credential.expiresAt && row.credential.expiresAt <= now) {
    refuse('key-expired');
  }
  if (row.partner.status !== 'active') {
    refuse('partner-disabled');
  }
  const sentAt = Date.parse(timestamp);
  if (!Number.isFinite(sentAt) || Math.abs(now.getTime() - sentAt) > MAX_CLOCK_SKEW_MS) {
    refuse('stale-timestamp');
  }
  const canonical = canonicalRequest({
    method: request.method,
    pathWithQuery: request.pathWithQuery,
    timestamp,
    nonce,
    body: request.body,
  });
  if (!verifyBytes(row.credential.publicKey, canonical, signature)) {
    refuse('bad-signature');
  }
  if (!row.credential.scopes.includes(scope)) {
    throw new AppError('EXCHANGE_SCOPE_DENIED', undefined, { scope });
  }
  const inserted = await db
    .insert(exchangeNonces)
    .values({ keyId, nonce, seenAt: now })
    .onConflictDoNothing()
    .returning({ nonce: exchangeNonces.nonce });
  if (inserted.length === 0) {
    refuse('replayed-nonce');
  }
  await db.update(exchangeCredentials).set({ lastUsedAt: now }).where(eq(exchangeCredentials.keyId, keyId));
  return { partner: row.partner, keyId };
}

/** Nonces older than twice the skew can no longer pass the timestamp check: forget them. */
export async function pruneNonces(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(exchangeNonces).where(lt(exchangeNonces.seenAt, new Date(now.getTime() - 2 * MAX_CLOCK_SKEW_MS)));
}
