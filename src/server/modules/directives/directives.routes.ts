import type { AppDeps } from '@server/app-deps';
import { DirectiveDetailSchema, DirectiveListQuerySchema, DirectiveSummarySchema } from '@shared/contracts/directives';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getDirective, listDirectives } from './directives.service';

export async function registerDirectiveRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/directives',
    {
      schema: {
        tags: ['directives'],
        summary: 'Danh sách văn bản chỉ đạo',
        querystring: DirectiveListQuerySchema,
        response: { 200: z.object({ items: z.array(DirectiveSummarySchema) }) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listDirectives(deps.db, request.query),
  );
  r.get(
    '/directives/:directiveId',
    {
      schema: {
        tags: ['directives'],
        summary: 'Chi tiết văn bản: mục lục (cây đề mục) và tệp nguồn',
        params: z.object({ directiveId: z.string().min(1) }),
        response: { 200: DirectiveDetailSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getDirective(deps.db, request.params.directiveId),
  );
}
