import { z } from 'zod';

/** Version of the exchange protocol: the path segment of every partner route (`/api/exchange/v1/…`). */
export const EXCHANGE_API_VERSION = 'v1';

export const EXCHANGE_OBJECT_TYPES = [
  'agency',
  'directive',
  'section',
  'task',
  'assignment',
  'progress_report',
  'extension_request',
  'reclassification_request',
  'evidence',
  'indicator',
  'indicator_target',
  'indicator_value',
  'snapshot',
] as const;
export const ExchangeObjectTypeSchema = z.enum(EXCHANGE_OBJECT_TYPES);
export type ExchangeObjectType = z.infer<typeof ExchangeObjectTypeSchema>;

export const EXCHANGE_OBJECT_LABELS: Record<ExchangeObjectType, string> = {
  agency: 'Cơ quan, đơn vị',
  directive: 'Văn bản giao nhiệm vụ',
  section: 'Mục của văn bản',
  task: 'Nhiệm vụ',
  assignment: 'Phân công (cơ quan × nhiệm vụ)',
  progress_report: 'Báo cáo tiến độ',
  extension_request: 'Đề nghị gia hạn',
  reclassification_request: 'Đề nghị điều chỉnh phân loại',
  evidence: 'Minh chứng',
  indicator: 'Chỉ tiêu',
  indicator_target: 'Chỉ tiêu đăng ký',
  indicator_value: 'Số liệu chỉ tiêu',
  snapshot: 'Bản chốt số liệu',
};

/** Scopes a partner credential may carry. */
export const EXCHANGE_SCOPES = ['feed:read', 'events:write', 'files:read', 'subscriptions:write'] as const;
export const ExchangeScopeSchema = z.enum(EXCHANGE_SCOPES);
export type ExchangeScope = z.infer<typeof ExchangeScopeSchema>;

export const OWNERSHIP_SOURCES = ['local', 'partner', 'shared'] as const;
export const OwnershipSourceSchema = z.enum(OWNERSHIP_SOURCES);
export type OwnershipSource = z.infer<typeof OwnershipSourceSchema>;

/**
 * One change as it travels between systems. `eventId` (`<system>:<seq>`) is the idempotency key; `version` is the
 * object's latest change number in the sending system (a receiver ignores versions it has already applied);
 * `payload` is the object's current state (null when it no longer exists). Identifiers are global: UUIDs or
 * content-derived UUIDs that both systems compute alike; partners with their own scheme are translated.
 */
export const ExchangeEventSchema = z.object({
  eventId: z.string().min(1).max(200),
  seq: z.number().int().nonnegative(),
  origin: z.string().min(1).max(100),
  objectType: ExchangeObjectTypeSchema,
  objectId: z.string().min(1).max(200),
  op: z.enum(['upsert', 'delete']),
  version: z.number().int().nonnegative(),
  changedAt: z.string(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  /**
   * The versions of other systems this state was based on (system id → that system's version last reconciled here).
   * The receiver finds its own entry and knows whether it changed the object since: only then is it a conflict.
   */
  basedOn: z.record(z.string(), z.number().int().nonnegative()).optional(),
});
export type ExchangeEvent = z.infer<typeof ExchangeEventSchema>;

export const ChangeFeedQuerySchema = z.object({
  /** Cursor: the `seq` of the last change already read (0 = from the beginning). */
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
  /** Comma-separated object types; empty = all. */
  types: z.string().optional(),
});
export type ChangeFeedQuery = z.infer<typeof ChangeFeedQuerySchema>;

export const ChangeFeedPageSchema = z.object({
  system: z.string(),
  events: z.array(ExchangeEventSchema),
  /** Pass as `after` to read the next page. */
  nextCursor: z.number().int(),
  hasMore: z.boolean(),
  /** The newest `seq` in the feed when the page was read. */
  highWatermark: z.number().int(),
});
export type ChangeFeedPage = z.infer<typeof ChangeFeedPageSchema>;

export const EventBatchSchema = z.object({ events: z.array(ExchangeEventSchema).max(2000) });
export type EventBatch = z.infer<typeof EventBatchSchema>;

export const INBOUND_OUTCOMES = [
  'applied',
  'unchanged',
  'stale',
  'duplicate',
  'conflict',
  'waiting',
  'unmapped',
  'rejected',
] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

export const EventResultSchema = z.object({
  eventId: z.string(),
  outcome: z.enum(INBOUND_OUTCOMES),
  reason: z.string().optional(),
});
export type EventResult = z.infer<typeof EventResultSchema>;

export const EventBatchResultSchema = z.object({
  system: z.string(),
  results: z.array(EventResultSchema),
  counts: z.record(z.string(), z.number()),
});
export type EventBatchResult = z.infer<typeof EventBatchResultSchema>;

export const SystemIdentitySchema = z.object({
  system: z.string(),
  name: z.string(),
  apiVersion: z.string(),
  objectTypes: z.array(ExchangeObjectTypeSchema),
  /** This system's public key (Ed25519, SPKI base64): verifies its signed bundles. */
  publicKey: z.string(),
  highWatermark: z.number().int(),
});
export type SystemIdentity = z.infer<typeof SystemIdentitySchema>;

export const PartnerSubscriptionCreateSchema = z.object({
  url: z.string().url(),
  objectTypes: z.array(ExchangeObjectTypeSchema).default([]),
  /** beginning: every change so far is delivered too; now: only changes from now on. */
  from: z.enum(['beginning', 'now']).default('now'),
});
export type PartnerSubscriptionCreate = z.infer<typeof PartnerSubscriptionCreateSchema>;

// ---- administration (standing office) ----

export const PartnerCreateSchema = z.object({
  systemId: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'Mã hệ thống: chữ thường không dấu, số, dấu chấm, gạch.'),
  name: z.string().trim().min(1).max(300),
  baseUrl: z.string().url().nullable().optional(),
  idScheme: z.enum(['shared', 'own']).default('shared'),
});
export type PartnerCreate = z.infer<typeof PartnerCreateSchema>;

export const PartnerUpdateSchema = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  baseUrl: z.string().url().nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  idScheme: z.enum(['shared', 'own']).optional(),
  /** The key the partner issued to us (`tdk_…`), used to sign our requests to it. */
  outboundKey: z.string().trim().min(10).nullable().optional(),
});
export type PartnerUpdate = z.infer<typeof PartnerUpdateSchema>;

export const CredentialSchema = z.object({
  keyId: z.string(),
  label: z.string().nullable(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type Credential = z.infer<typeof CredentialSchema>;

export const SubscriptionSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  url: z.string(),
  objectTypes: z.array(z.string()),
  status: z.enum(['active', 'paused']),
  cursorSeq: z.number(),
  pending: z.number(),
  delivered: z.number(),
  dead: z.number(),
  consecutiveFailures: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastDeliveredAt: z.string().nullable(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

export const PartnerSchema = z.object({
  id: z.string(),
  systemId: z.string(),
  name: z.string(),
  baseUrl: z.string().nullable(),
  idScheme: z.enum(['shared', 'own']),
  status: z.enum(['active', 'disabled']),
  hasOutboundKey: z.boolean(),
  pullCursor: z.number(),
  credentials: z.array(CredentialSchema),
  subscriptions: z.array(SubscriptionSchema),
  openConflicts: z.number(),
  waitingEvents: z.number(),
  unmappedEvents: z.number(),
  createdAt: z.string(),
});
export type Partner = z.infer<typeof PartnerSchema>;

export const CredentialIssueSchema = z.object({
  label: z.string().trim().max(200).optional(),
  scopes: z
    .array(ExchangeScopeSchema)
    .min(1)
    .default([...EXCHANGE_SCOPES]),
  /** The partner's own Ed25519 public key (SPKI base64 or PEM); omitted = we generate a key pair. */
  publicKey: z.string().trim().min(40).optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CredentialIssue = z.infer<typeof CredentialIssueSchema>;

export const IssuedCredentialSchema = z.object({
  credential: CredentialSchema,
  /** Shown once: the key to hand to the partner (`tdk_<keyId>.<secret>`); null when the partner sent its public key. */
  apiKey: z.string().nullable(),
});
export type IssuedCredential = z.infer<typeof IssuedCredentialSchema>;

export const SubscriptionCreateSchema = z.object({
  url: z.string().url(),
  objectTypes: z.array(ExchangeObjectTypeSchema).default([]),
  from: z.enum(['beginning', 'now']).default('now'),
});

export const DeadLetterSchema = z.object({
  deliveryId: z.number(),
  subscriptionId: z.string(),
  partnerName: z.string(),
  seq: z.number(),
  objectType: z.string(),
  objectId: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

export const ConflictSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  eventId: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  reason: z.string(),
  theirs: z.unknown(),
  ours: z.unknown(),
  /** Fields whose values differ (ours vs theirs), for the side-by-side view. */
  differingFields: z.array(z.string()),
  status: z.enum(['open', 'accepted-theirs', 'kept-ours']),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

export const ConflictResolveSchema = z.object({ resolution: z.enum(['accept-theirs', 'keep-ours']) });

export const IdMappingSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  objectType: z.string(),
  theirId: z.string(),
  theirLabel: z.string().nullable(),
  ourId: z.string().nullable(),
  ourLabel: z.string().nullable(),
  updatedAt: z.string(),
});
export type IdMapping = z.infer<typeof IdMappingSchema>;

export const IdMappingUpsertSchema = z.object({
  objectType: ExchangeObjectTypeSchema,
  theirId: z.string().trim().min(1).max(200),
  ourId: z.string().trim().min(1).max(200),
  theirLabel: z.string().trim().max(500).optional(),
});

export const OwnershipRuleSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  directiveId: z.string().nullable(),
  directiveTitle: z.string().nullable(),
  tasksSource: OwnershipSourceSchema,
  reportsSource: OwnershipSourceSchema,
});
export type OwnershipRule = z.infer<typeof OwnershipRuleSchema>;

export const OwnershipRuleUpsertSchema = z.object({
  directiveId: z.string().nullable(),
  tasksSource: OwnershipSourceSchema,
  reportsSource: OwnershipSourceSchema,
});

export const ExchangeLogEntrySchema = z.object({
  id: z.number(),
  partnerId: z.string().nullable(),
  direction: z.string(),
  operation: z.string(),
  httpStatus: z.number().nullable(),
  objectCount: z.number(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
  at: z.string(),
});

export const ExchangeOverviewSchema = z.object({
  system: z.string(),
  name: z.string(),
  publicKey: z.string(),
  highWatermark: z.number(),
  partners: z.array(PartnerSchema),
});
export type ExchangeOverview = z.infer<typeof ExchangeOverviewSchema>;
