import type { DbOrTx } from '@server/db/client';
import { appSettings } from '@server/db/schema';
import { createSecretBox, isSealed } from '@server/lib/secret-box';
import { eq } from 'drizzle-orm';
import { generateSigningKeyPair } from './request-signing';

const IDENTITY_KEY = 'exchange.identity';

/** Who this installation is to other systems: its system id (as `origin` in events) and its own signing key. */
export type SystemIdentity = { systemId: string; name: string; publicKey: string; privateKey: string };

/**
 * Reads the installation's identity, creating it on first use. `TIENDO_SYSTEM_ID`/`TIENDO_SYSTEM_NAME` (passed as
 * `configured`) win over the stored values, so two demo instances can be told apart.
 */
export async function loadSystemIdentity(
  db: DbOrTx,
  configured: { systemId?: string | undefined; name?: string | undefined; secretKey?: string | undefined } = {},
): Promise<SystemIdentity> {
  const box = createSecretBox(configured.secretKey);
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, IDENTITY_KEY));
  const storedRaw = row?.value as SystemIdentity | undefined;
  const stored = storedRaw ? { ...storedRaw, privateKey: box.open(storedRaw.privateKey) } : undefined;
  if (
    stored &&
    storedRaw &&
    (!configured.systemId || configured.systemId === stored.systemId) &&
    (!configured.name || configured.name === stored.name) &&
    // Encryption was turned on after the key was stored: store it sealed now.
    (!box.sealing || isSealed(storedRaw.privateKey))
  ) {
    return stored;
  }
  const keys = stored ?? generateSigningKeyPair();
  const identity: SystemIdentity = {
    systemId:
      configured.systemId ??
      stored?.systemId ??
      `tiendo-${keys.publicKey
        .slice(-14, -2)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x')}`,
    name: configured.name ?? stored?.name ?? 'Hệ thống Tiến Độ',
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
  };
  const sealed = { ...identity, privateKey: box.seal(identity.privateKey) };
  await db
    .insert(appSettings)
    .values({ key: IDENTITY_KEY, value: sealed })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: sealed, updatedAt: new Date() } });
  return identity;
}
