import { z } from 'zod';
import { ExchangeObjectTypeSchema, INBOUND_OUTCOMES } from './exchange';

/** File-based exchange (issue #8) for partners without an API: a signed `.tdx` bundle (a ZIP file). */
export const BUNDLE_FORMAT = 'tiendo-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.tdx';
export const BUNDLE_MEDIA_TYPE = 'application/vnd.tiendo.bundle+zip';

export const BundleEntrySchema = z.object({
  path: z.string().min(1).max(300),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
});
export type BundleEntry = z.infer<typeof BundleEntrySchema>;

/**
 * `manifest.json` of a bundle. `manifest.sig` holds the Ed25519 signature (base64) of the manifest's exact bytes,
 * made with the sender's system key; `publicKey` says which key (the receiver only trusts keys it registered).
 * `fromSeq`/`toSeq`: the sender's change-feed cursor before and after the events (pass `toSeq` as `after` next time).
 */
export const BundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  system: z.string().min(1).max(100),
  systemName: z.string().max(500),
  publicKey: z.string().min(1).max(1000),
  createdAt: z.string(),
  fromSeq: z.number().int().nonnegative(),
  toSeq: z.number().int().nonnegative(),
  types: z.array(ExchangeObjectTypeSchema).nullable(),
  /** Number of events per object type. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  entries: z.array(BundleEntrySchema).max(200_000),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

export const BUNDLE_PROBLEM_CODES = [
  'not-a-zip',
  'missing-manifest',
  'missing-signature',
  'manifest-unreadable',
  'unsupported-format',
  'wrong-system',
  'unknown-key',
  'key-revoked',
  'key-expired',
  'key-scope',
  'partner-disabled',
  'bad-signature',
  'bad-path',
  'missing-file',
  'extra-file',
  'size-mismatch',
  'hash-mismatch',
  'events-unreadable',
  'count-mismatch',
] as const;
export type BundleProblemCode = (typeof BUNDLE_PROBLEM_CODES)[number];

export const BundleProblemSchema = z.object({
  code: z.enum(BUNDLE_PROBLEM_CODES),
  message: z.string(),
  path: z.string().optional(),
});
export type BundleProblem = z.infer<typeof BundleProblemSchema>;

export const BundleExportQuerySchema = z.object({
  /** The sender's change-feed cursor: only changes after it (0 = everything). */
  after: z.coerce.number().int().nonnegative().default(0),
  /** Comma-separated object types; empty = all. */
  types: z.string().optional(),
});

export const BundleImportQuerySchema = z.object({
  // z.coerce.boolean() would read "false" as true.
  dryRun: z.stringbool().default(false),
});

export const BundleImportResultSchema = z.object({
  dryRun: z.boolean(),
  partnerId: z.string(),
  /** The sending system (`manifest.system`). */
  system: z.string(),
  createdAt: z.string(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  events: z.number().int(),
  files: z.number().int(),
  /** Outcome → number of events (applied, duplicate, unchanged, stale, conflict, waiting, unmapped, rejected). */
  counts: z.record(z.string(), z.number()),
  /** Events that need a person (conflict, waiting, unmapped, rejected), at most 500. */
  attention: z.array(
    z.object({
      eventId: z.string(),
      objectType: ExchangeObjectTypeSchema,
      objectId: z.string(),
      outcome: z.enum(INBOUND_OUTCOMES),
      reason: z.string().optional(),
    }),
  ),
  /** Always empty on success: a bundle with problems is refused as a whole (BUNDLE_INVALID, `details.problems`). */
  problems: z.array(BundleProblemSchema),
});
export type BundleImportResult = z.infer<typeof BundleImportResultSchema>;
