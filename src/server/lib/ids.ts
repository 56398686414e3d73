import { createHash, randomUUID } from 'node:crypto';

/** A random identifier for new rows. */
export function newId(): string {
  return randomUUID();
}

/**
 * A deterministic UUID-shaped identifier derived from a name (SHA-256, version nibble 5-like).
 * Used where the same input must give the same id on every machine (task identity, seed agencies).
 */
export function stableId(namespace: string, name: string): string {
  const hex = createHash('sha256').update(`${namespace}\u0000${name}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
