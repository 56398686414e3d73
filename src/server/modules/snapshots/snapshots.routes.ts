import type { AppDeps } from '@server/app-deps';
import { requireActor } from '@server/lib/request-context';
import {
  SnapshotCompareQuerySchema,
  SnapshotComparisonSchema,
  SnapshotCreateSchema,
  SnapshotListSchema,
  SnapshotSchema,
} from '@shared/contracts/reports';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { compareSnapshots, createSnapshot, listSnapshots } from './snapshots.service';

export async function registerSnapshotRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/snapshots',
    {
      schema: {
        tags: ['reports'],
        summary: 'Chốt số liệu tình trạng nhiệm vụ và chỉ tiêu tính đến một ngày',
        body: SnapshotCreateSchema,
        response: { 201: SnapshotSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const snapshot = await createSnapshot(deps, { asOf: request.body.asOf, label: request.body.label, actor });
      return reply.code(201).send(snapshot);
    },
  );
  r.get(
    '/snapshots',
    {
      schema: { tags: ['reports'], summary: 'Danh sách bản chốt số liệu', response: { 200: SnapshotListSchema } },
      config: { access: 'authenticated' },
    },
    async () => listSnapshots(deps.db),
  );
  r.get(
    '/snapshots/compare',
    {
      schema: {
        tags: ['reports'],
        summary:
          'So sánh hai bản chốt: đổi tình trạng, mới quá hạn, mới hoàn thành, đổi thời hạn, cơ quan tiến bộ/chậm lại',
        querystring: SnapshotCompareQuerySchema,
        response: { 200: SnapshotComparisonSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => compareSnapshots(deps.db, request.query.from, request.query.to),
  );
}
