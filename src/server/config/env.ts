import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  TIENDO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  TIENDO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIENDO_STORAGE_DIR: z.string().optional(),
  TIENDO_MAX_UPLOAD_MB: z.coerce.number().positive().default(20),
});

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
};

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
  };
}
