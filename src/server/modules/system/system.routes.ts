import type { AppDeps } from '@server/app-deps';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const HealthSchema = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), time: z.string() });

export async function registerSystemRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/health',
    {
      schema: { tags: ['system'], summary: 'Kiểm tra hoạt động', response: { 200: HealthSchema } },
      config: { access: 'public' },
    },
    async () => {
      await deps.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: deps.driver, time: deps.clock.now().toISOString() };
    },
  );
}
