import type { AppDeps } from '@server/app-deps';
import { todayIn } from '@server/modules/status/status.service';
import { DashboardQuerySchema, DashboardSchema } from '@shared/contracts/reports';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getDashboard } from './dashboard.service';

export async function registerDashboardRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Tổng quan cho lãnh đạo: tình trạng, xu hướng, cơ quan quá hạn, đến hạn, chỉ tiêu',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      const today = todayIn(deps.clock);
      return getDashboard(deps, { ...request.query, asOf: request.query.asOf ?? today, today });
    },
  );
}
