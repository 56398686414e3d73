import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = {
  '@server': fileURLToPath(new URL('./src/server', import.meta.url)),
  '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)),
  '@web': fileURLToPath(new URL('./src/web', import.meta.url)),
  '@test': fileURLToPath(new URL('./test', import.meta.url)),
};

// Tiers (house style rule 16): pure unit tests; DB-backed tests (*.db.test.ts) run on PGlite and again on a
// PostgreSQL server; browser journeys in e2e/. CI sets TIENDO_TEST_DATABASE_URL and TIENDO_REQUIRE_PG=1 and
// TIENDO_REQUIRE_BROWSER=1 so that a missing server or browser fails instead of skipping.
export default defineConfig({
  resolve: { alias },
  test: {
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          testTimeout: 60_000,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'db-pglite',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          env: { TIENDO_TEST_DB: 'pglite' },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'db-postgres',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          env: { TIENDO_TEST_DB: 'postgres' },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
