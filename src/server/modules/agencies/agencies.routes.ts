import type { AppDeps } from '@server/app-deps';
import {
  AgencyDetailSchema,
  AgencyIdParamsSchema,
  AgencyListQueryWithPageSchema,
  AgencyListResponseSchema,
} from '@shared/contracts/agencies';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getAgencyDetail, listAgencies } from './agencies.service';
import { registerRestructuringRoutes } from './restructuring.routes';

export async function registerAgencyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await registerRestructuringRoutes(app, deps);
  r.get(
    '/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Danh mục cơ quan (tìm theo mọi tên gọi, không dấu; lọc theo loại, ngày hiệu lực, cơ quan cha)',
        querystring: AgencyListQueryWithPageSchema,
        response: { 200: AgencyListResponseSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listAgencies(deps.db, request.query),
  );
  r.get(
    '/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Chi tiết cơ quan: tên gọi khác, cơ quan cha, cơ quan tiền thân và kế thừa',
        params: AgencyIdParamsSchema,
        response: { 200: AgencyDetailSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getAgencyDetail(deps.db, request.params.id),
  );
}
