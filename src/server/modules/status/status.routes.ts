import type { AppDeps } from '@server/app-deps';
import {
  StatusQuerySchema,
  StatusSummarySchema,
  StatusTaskListQuerySchema,
  StatusTaskListSchema,
  TaskStatusSchema,
} from '@shared/contracts/status';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getStatusSummary, getTaskStatus, listTasksInCategory, todayIn } from './status.service';

export async function registerStatusRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const statusDeps = { db: deps.db, storage: deps.storage };
  r.get(
    '/status',
    {
      schema: {
        tags: ['status'],
        summary: 'Tình trạng nhiệm vụ tính đến một ngày, theo văn bản hoặc theo cơ quan chủ trì',
        querystring: StatusQuerySchema,
        response: { 200: StatusSummarySchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) =>
      getStatusSummary(statusDeps, {
        asOf: request.query.asOf ?? todayIn(deps.clock),
        directive: request.query.directiveId ?? null,
        by: request.query.by ?? null,
      }),
  );
  r.get(
    '/status/tasks',
    {
      schema: {
        tags: ['status'],
        summary: 'Danh sách nhiệm vụ thuộc một loại tình trạng (từ số liệu tổng hợp)',
        querystring: StatusTaskListQuerySchema,
        response: { 200: StatusTaskListSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) =>
      listTasksInCategory(statusDeps, {
        asOf: request.query.asOf ?? todayIn(deps.clock),
        directive: request.query.directiveId ?? null,
        agencyId: request.query.agencyId ?? null,
        category: request.query.category,
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
  );
  r.get(
    '/tasks/:taskId/status',
    {
      schema: {
        tags: ['status'],
        summary: 'Tình trạng một nhiệm vụ tính đến một ngày: từng cơ quan, căn cứ, chênh lệch giữa các nguồn',
        params: z.object({ taskId: z.string().min(1) }),
        querystring: z.object({ asOf: z.iso.date().optional() }),
        response: { 200: TaskStatusSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getTaskStatus(statusDeps, request.params.taskId, request.query.asOf ?? todayIn(deps.clock)),
  );
}
