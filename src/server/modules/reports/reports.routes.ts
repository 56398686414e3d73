import type { AppDeps } from '@server/app-deps';
import { requireActor } from '@server/lib/request-context';
import { ReportJobCreateSchema, ReportJobListSchema, ReportJobSchema } from '@shared/contracts/reports';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createReportJobRunner } from './report-jobs';

const MEDIA_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Report generation as jobs. `/reports` already names progress reports (issue #5), so the generated documents live
 * under `/report-jobs`.
 */
export async function registerReportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const runner = createReportJobRunner(deps);
  r.post(
    '/report-jobs',
    {
      schema: {
        tags: ['reports'],
        summary: 'Lập báo cáo (Word + Excel) từ bản chốt số liệu: trả về mã công việc',
        body: ReportJobCreateSchema,
        response: { 202: z.object({ jobId: z.string() }) },
      },
      config: { access: 'standing-office' },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const job = runner.start({
        kind: request.body.kind,
        asOf: request.body.asOf,
        snapshotId: request.body.snapshotId,
        agency: request.body.agencyId,
        directive: request.body.directiveId,
        actor,
      });
      return reply.code(202).send({ jobId: job.id });
    },
  );
  r.get(
    '/report-jobs',
    {
      schema: { tags: ['reports'], summary: 'Các báo cáo đã lập gần đây', response: { 200: ReportJobListSchema } },
      config: { access: 'standing-office' },
    },
    async () => ({ items: runner.list() }),
  );
  r.get(
    '/report-jobs/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'Tình trạng lập báo cáo và đường dẫn tải tệp',
        params: z.object({ id: z.string().min(1) }),
        response: { 200: ReportJobSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => runner.get(request.params.id),
  );
  r.get(
    '/report-jobs/:id/files/:name',
    {
      schema: {
        tags: ['reports'],
        summary: 'Tải tệp báo cáo đã lập',
        params: z.object({ id: z.string().min(1), name: z.string().min(1) }),
      },
      config: { access: 'standing-office' },
    },
    async (request, reply) => {
      const bytes = await runner.readFile(request.params.id, request.params.name);
      const ext = request.params.name.split('.').pop() ?? '';
      return reply
        .header('content-type', MEDIA_TYPES[ext] ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${request.params.name.replace(/[^\w.-]/g, '_')}"`)
        .send(bytes);
    },
  );
}
