import type { AppDeps } from '@server/app-deps';
import { readUploadedFile } from '@server/lib/read-upload';
import { pageOf } from '@shared/contracts/common';
import {
  CandidateListQuerySchema,
  DecisionRequestSchema,
  DraftCheckReportSchema,
  DuplicateCandidateDetailSchema,
  DuplicateCandidateSchema,
  ExportFormatSchema,
  LinkUpdateSchema,
  ScanRequestSchema,
  ScanResultSchema,
  TaskDuplicatesSchema,
} from '@shared/contracts/duplicates';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORT_MEDIA_TYPES, exportDraftCheck } from './draft-check-export';
import {
  createDraftCheck,
  decideCandidate,
  getCandidateDetail,
  getDraftCheck,
  listCandidates,
  scanDirective,
  setLinkReportsCount,
  taskDuplicates,
} from './duplicates.service';

const actorOf = (request: FastifyRequest) =>
  request.actor ? { userId: request.actor.userId, agencyId: request.actor.agencyId, ip: request.ip } : null;

const IdParamsSchema = z.object({ id: z.string().min(1) });

export async function registerDuplicateRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/duplicates/scan',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Tìm nhiệm vụ trùng/chồng lấn của một văn bản với mọi nhiệm vụ đã lưu, đưa vào danh sách rà soát',
        body: ScanRequestSchema,
        response: { 200: ScanResultSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => scanDirective(deps, request.body.directiveId, actorOf(request)),
  );
  r.get(
    '/duplicates/candidates',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Danh sách cặp nhiệm vụ nghi trùng cần rà soát (mặc định: chưa quyết định)',
        querystring: CandidateListQuerySchema,
        response: { 200: pageOf(DuplicateCandidateSchema) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listCandidates(deps.db, request.query),
  );
  r.get(
    '/duplicates/candidates/:id',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Một cặp nhiệm vụ nghi trùng, lịch sử quyết định và liên kết',
        params: IdParamsSchema,
        response: { 200: DuplicateCandidateDetailSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getCandidateDetail(deps.db, request.params.id),
  );
  r.post(
    '/duplicates/candidates/:id/decision',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Quyết định: trùng, chồng lấn một phần hoặc khác nhau (có thể đảo ngược, được ghi nhật ký)',
        params: IdParamsSchema,
        body: DecisionRequestSchema,
        response: { 200: DuplicateCandidateDetailSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => decideCandidate(deps, request.params.id, request.body, actorOf(request)),
  );
  r.patch(
    '/duplicates/links/:id',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Bật/tắt "báo cáo của nhiệm vụ này được tính cho nhiệm vụ liên kết"',
        params: IdParamsSchema,
        body: LinkUpdateSchema,
        response: { 200: LinkUpdateSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => ({
      reportsCountForLinked: await setLinkReportsCount(
        deps,
        request.params.id,
        request.body.reportsCountForLinked,
        actorOf(request),
      ),
    }),
  );
  r.get(
    '/tasks/:taskId/duplicates',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Nhiệm vụ trùng/chồng lấn đã liên kết với một nhiệm vụ và các cặp đang chờ rà soát',
        params: z.object({ taskId: z.string().min(1) }),
        response: { 200: TaskDuplicatesSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => taskDuplicates(deps.db, request.params.taskId),
  );
  r.post(
    '/duplicates/check',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Kiểm tra dự thảo (chưa nhập): nhiệm vụ nào lặp lại nhiệm vụ đã giao',
        consumes: ['multipart/form-data'],
        response: { 200: DraftCheckReportSchema },
      },
      config: { access: 'authenticated', rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => {
      const upload = await readUploadedFile(request, {
        missingMessage: 'Chưa chọn tệp dự thảo để kiểm tra.',
        defaultName: 'du-thao',
      });
      return createDraftCheck(deps, upload);
    },
  );
  r.get(
    '/duplicates/check/:uploadId',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Kết quả kiểm tra dự thảo đã lưu',
        params: z.object({ uploadId: z.string().regex(/^[a-f0-9]{64}$/) }),
        response: { 200: DraftCheckReportSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getDraftCheck(deps, request.params.uploadId),
  );
  r.get(
    '/duplicates/check/:uploadId/export',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Xuất kết quả kiểm tra dự thảo ra Word (.docx) hoặc Excel (.xlsx)',
        params: z.object({ uploadId: z.string().regex(/^[a-f0-9]{64}$/) }),
        querystring: z.object({ format: ExportFormatSchema.default('docx') }),
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const report = await getDraftCheck(deps, request.params.uploadId);
      const format = request.query.format;
      const body = await exportDraftCheck(report, format);
      const base = report.fileName.replace(/\.[^.]+$/, '') || 'du-thao';
      const name = `kiem-tra-trung-lap-${base}.${format}`;
      return reply
        .header('content-type', EXPORT_MEDIA_TYPES[format])
        .header(
          'content-disposition',
          `attachment; filename="kiem-tra-trung-lap.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(body);
    },
  );
}
