import type { AppDeps } from '@server/app-deps';
import { pageOf } from '@shared/contracts/common';
import { TaskDetailSchema, TaskListQuerySchema, TaskSummarySchema } from '@shared/contracts/tasks';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getTask, listTasks } from './tasks.service';

export async function registerTaskRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Sổ theo dõi nhiệm vụ (lọc, tìm kiếm không dấu, phân trang)',
        querystring: TaskListQuerySchema,
        response: { 200: pageOf(TaskSummarySchema) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listTasks(deps.db, request.query),
  );
  r.get(
    '/tasks/:taskId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Chi tiết nhiệm vụ, nguồn gốc và lịch sử',
        params: z.object({ taskId: z.string().min(1) }),
        response: { 200: TaskDetailSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getTask(deps.db, request.params.taskId),
  );
}
