import type { AppDeps } from '@server/app-deps';
import { requireActor } from '@server/lib/request-context';
import { AuditListQuerySchema, AuditPageSchema } from '@shared/contracts/audit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listAudit } from './audit.service';

export async function registerAuditRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thao tác (lọc theo người thực hiện, cơ quan, thao tác, đối tượng, khoảng ngày)',
        querystring: AuditListQuerySchema,
        response: { 200: AuditPageSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => listAudit(deps.db, requireActor(request.actor), request.query),
  );
}
