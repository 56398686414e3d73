import type { DbOrTx } from '@server/db/client';
import { exchangeLog } from '@server/db/schema';

export type ExchangeLogInput = {
  partnerId: string | null;
  keyId?: string | null;
  direction: 'in' | 'out' | 'file';
  operation: string;
  httpStatus?: number | null;
  objectCount?: number;
  durationMs?: number | null;
  error?: string | null;
  ip?: string | null;
};

/** Every exchange request, in either direction, leaves a line (who, what, how many objects, outcome, duration). */
export async function recordExchangeLog(db: DbOrTx, entry: ExchangeLogInput): Promise<void> {
  await db.insert(exchangeLog).values({
    partnerId: entry.partnerId,
    keyId: entry.keyId ?? null,
    direction: entry.direction,
    operation: entry.operation,
    httpStatus: entry.httpStatus ?? null,
    objectCount: entry.objectCount ?? 0,
    durationMs: entry.durationMs ?? null,
    error: entry.error?.slice(0, 2000) ?? null,
    ip: entry.ip ?? null,
  });
}
