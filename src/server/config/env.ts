import path from 'node:path';
import { type Role, RoleSchema } from '@shared/contracts/auth';
import { z } from 'zod';

const EnvSchema = z.object({
  TIENDO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  TIENDO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIENDO_STORAGE_DIR: z.string().optional(),
  TIENDO_MAX_UPLOAD_MB: z.coerce.number().positive().default(20),
  /** Which proxies may set X-Forwarded-For/-Proto: `loopback` (a reverse proxy on this host), `true`, `false`, or a list of addresses/CIDRs. */
  TIENDO_TRUST_PROXY: z.string().default('loopback'),
  TIENDO_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  TIENDO_SESSION_MAX_HOURS: z.coerce.number().min(0.1).default(12),
  /** Comma-separated roles that must use a TOTP second factor; empty = optional for everyone. */
  TIENDO_TOTP_REQUIRED_ROLES: z.string().default('admin,standing-office'),
  /** `auto`: Secure cookies when the request came over TLS (directly or through a trusted proxy). */
  TIENDO_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  TIENDO_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  TIENDO_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
  TIENDO_LOCKOUT_BASE_SECONDS: z.coerce.number().int().min(1).default(60),
  TIENDO_LOCKOUT_MAX_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** argon2id memory cost in KiB and passes (OWASP minimum: 19 MiB, 2 passes, 1 lane). */
  TIENDO_ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).default(19456),
  TIENDO_ARGON2_PASSES: z.coerce.number().int().min(1).default(2),
  /** Outgoing mail for reminders: `smtp://[user:pass@]host:port` or `smtps://…`; unset = in-app notifications only. */
  TIENDO_SMTP_URL: z.string().url().optional(),
  /** Sender address of reminder e-mails. */
  TIENDO_MAIL_FROM: z.string().default('tiendo@localhost'),
  /** This installation's identifier towards other systems (`origin` of its changes), e.g. `he-thong-71`. */
  TIENDO_SYSTEM_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/)
    .optional(),
  TIENDO_SYSTEM_NAME: z.string().min(1).optional(),
  /** How often the outbox dispatcher looks for changes to push (ms). */
  TIENDO_EXCHANGE_POLL_MS: z.coerce.number().int().min(20).default(250),
  /** Events per push request. */
  TIENDO_EXCHANGE_BATCH: z.coerce.number().int().min(1).max(2000).default(500),
  /** Refused delivery attempts (4xx, rejected events) before an event goes to the dead-letter list; outages only wait. */
  TIENDO_EXCHANGE_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(15),
  /** Retry back-off: doubles from the base up to the cap (ms), with jitter. */
  TIENDO_EXCHANGE_BACKOFF_BASE_MS: z.coerce.number().int().min(10).default(1000),
  TIENDO_EXCHANGE_BACKOFF_MAX_MS: z.coerce.number().int().min(10).default(600_000),
  /** Signed requests per partner key per minute. */
  TIENDO_EXCHANGE_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** Encrypts stored secrets (keys partner systems issued to us, this system's signing key); ≥ 16 characters. */
  TIENDO_SECRET_KEY: z.string().min(16).optional(),
});

/** Exchange with other monitoring systems (issue #8). */
export type ExchangeConfig = {
  systemId: string | undefined;
  systemName: string | undefined;
  pollMs: number;
  batchSize: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  ratePerMinute: number;
  /** Key that seals stored secrets (see secret-box.ts); unset = stored as given. */
  secretKey: string | undefined;
};

/** Sign-in and session settings (issue #4). */
export type AuthConfig = {
  /** A session unused for this long is dead. */
  sessionIdleSeconds: number;
  /** A session dies this long after login, however active. */
  sessionMaxSeconds: number;
  /** Roles that must enrol and use TOTP. */
  totpRequiredRoles: Role[];
  cookieSecure: 'auto' | 'always' | 'never';
  /** Login attempts per client IP per minute. */
  loginRatePerMinute: number;
  /** Consecutive failures that lock an account; each further failure doubles the lock. */
  lockoutThreshold: number;
  lockoutBaseSeconds: number;
  lockoutMaxSeconds: number;
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
};

export type AppConfig = {
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>['TIENDO_LOG_LEVEL'];
  storageDir: string;
  maxUploadBytes: number;
  /** Built web app to serve; absent in API-only tests. */
  webDistDir: string | undefined;
  /** Fastify `trustProxy`: which hops may set X-Forwarded-* (client IP for rate limits, TLS for Secure cookies). */
  trustProxy: boolean | string | string[];
  /** `serve --demo`: demo accounts may sign in (with their documented passwords, without TOTP). */
  demoMode: boolean;
  auth: AuthConfig;
  /** Reminder e-mail (issue #5); `smtpUrl` unset = no e-mail. */
  mail?: { smtpUrl: string | undefined; from: string };
  exchange: ExchangeConfig;
};

function parseTrustProxy(value: string): boolean | string | string[] {
  const v = value.trim();
  if (v === 'true' || v === 'false') {
    return v === 'true';
  }
  const parts = v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length === 1 ? (parts[0] as string) : parts;
}

function parseRoles(value: string): Role[] {
  const roles: Role[] = [];
  for (const part of value.split(',')) {
    const name = part.trim();
    if (!name) {
      continue;
    }
    const parsed = RoleSchema.safeParse(name);
    if (!parsed.success) {
      throw new Error(
        `Cấu hình không hợp lệ (biến môi trường):\n  TIENDO_TOTP_REQUIRED_ROLES: vai trò không có: ${name}`,
      );
    }
    roles.push(parsed.data);
  }
  return roles;
}

/** The only place that reads process.env. Overrides (CLI flags, tests) win over the environment. */
export function loadConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ (biến môi trường):\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(overrides.dataDir ?? env.TIENDO_DATA_DIR);
  return {
    dataDir,
    databaseUrl: overrides.databaseUrl ?? env.DATABASE_URL,
    port: overrides.port ?? env.PORT,
    host: overrides.host ?? env.HOST,
    logLevel: overrides.logLevel ?? env.TIENDO_LOG_LEVEL,
    storageDir: path.resolve(overrides.storageDir ?? env.TIENDO_STORAGE_DIR ?? path.join(dataDir, 'files')),
    maxUploadBytes: overrides.maxUploadBytes ?? env.TIENDO_MAX_UPLOAD_MB * 1024 * 1024,
    webDistDir: overrides.webDistDir,
    trustProxy: overrides.trustProxy ?? parseTrustProxy(env.TIENDO_TRUST_PROXY),
    demoMode: overrides.demoMode ?? false,
    mail: overrides.mail ?? { smtpUrl: env.TIENDO_SMTP_URL, from: env.TIENDO_MAIL_FROM },
    exchange: overrides.exchange ?? {
      systemId: env.TIENDO_SYSTEM_ID,
      systemName: env.TIENDO_SYSTEM_NAME,
      pollMs: env.TIENDO_EXCHANGE_POLL_MS,
      batchSize: env.TIENDO_EXCHANGE_BATCH,
      maxAttempts: env.TIENDO_EXCHANGE_MAX_ATTEMPTS,
      backoffBaseMs: env.TIENDO_EXCHANGE_BACKOFF_BASE_MS,
      backoffMaxMs: env.TIENDO_EXCHANGE_BACKOFF_MAX_MS,
      ratePerMinute: env.TIENDO_EXCHANGE_RATE_PER_MINUTE,
      secretKey: env.TIENDO_SECRET_KEY,
    },
    auth: overrides.auth ?? {
      sessionIdleSeconds: env.TIENDO_SESSION_IDLE_MINUTES * 60,
      sessionMaxSeconds: Math.round(env.TIENDO_SESSION_MAX_HOURS * 3600),
      totpRequiredRoles: parseRoles(env.TIENDO_TOTP_REQUIRED_ROLES),
      cookieSecure: env.TIENDO_COOKIE_SECURE,
      loginRatePerMinute: env.TIENDO_LOGIN_RATE_PER_MINUTE,
      lockoutThreshold: env.TIENDO_LOCKOUT_THRESHOLD,
      lockoutBaseSeconds: env.TIENDO_LOCKOUT_BASE_SECONDS,
      lockoutMaxSeconds: env.TIENDO_LOCKOUT_MAX_SECONDS,
      argon2: { memoryCost: env.TIENDO_ARGON2_MEMORY_KIB, timeCost: env.TIENDO_ARGON2_PASSES, parallelism: 1 },
    },
  };
}
