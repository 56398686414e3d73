import type { AppDeps } from '@server/app-deps';
import { runReminderSweep } from '@server/jobs/reminder-sweep.job';
import { readUploadedFile } from '@server/lib/read-upload';
import { requireActor } from '@server/lib/request-context';
import {
  DecisionSchema,
  DecisionStatusSchema,
  DraftSaveSchema,
  EvidenceLinkSchema,
  EvidenceSchema,
  ExtensionRequestCreateSchema,
  ExtensionRequestSchema,
  NotificationSchema,
  ObligationsSchema,
  PeriodSchema,
  ProgressReportSchema,
  ReclassificationCreateSchema,
  ReclassificationSchema,
  ReportingComplianceSchema,
  ReportListQuerySchema,
  ReturnSchema,
  TransitionSchema,
} from '@shared/contracts/reporting';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addEvidenceReference,
  DEFAULT_MAX_EVIDENCE_BYTES,
  downloadEvidence,
  type EvidenceOwner,
  removeEvidence,
  uploadEvidence,
} from './evidence.service';
import { listNotifications, markRead } from './notifications.service';
import {
  acceptReport,
  approveReport,
  getObligations,
  getReport,
  getReportingCompliance,
  listReports,
  returnReport,
  saveDraft,
  setReportingDueDay,
  submitReport,
} from './reporting.service';
import {
  decideExtension,
  decideReclassification,
  listExtensions,
  listReclassifications,
  requestExtension,
  requestReclassification,
} from './requests.service';

const IdParams = z.object({ id: z.string().min(1) });

export async function registerReportingRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = { db: deps.db, storage: deps.storage, clock: deps.clock };
  const maxEvidence = Math.min(deps.config.maxUploadBytes, DEFAULT_MAX_EVIDENCE_BYTES);
  const tags = ['reporting'];

  r.get(
    '/reporting/my-obligations',
    {
      schema: {
        tags,
        summary: 'Việc cần báo cáo trong kỳ (tháng) của cơ quan mình',
        querystring: z.object({ period: PeriodSchema.optional(), agencyId: z.string().optional() }),
        response: { 200: ObligationsSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getObligations(svc, requireActor(request.actor), request.query),
  );
  r.get(
    '/reporting/compliance',
    {
      schema: {
        tags,
        summary: 'Theo cơ quan và kỳ: báo cáo đúng hạn / muộn / chưa báo cáo',
        querystring: z.object({
          period: PeriodSchema.optional(),
          asOf: z.iso.date().optional(),
          agencyId: z.string().optional(),
        }),
        response: { 200: ReportingComplianceSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getReportingCompliance(svc, requireActor(request.actor), request.query),
  );
  r.put(
    '/reporting/period-settings',
    {
      schema: {
        tags,
        summary: 'Ngày hạn báo cáo hằng tháng (mặc định 25), theo văn bản hoặc mặc định',
        body: z.object({ directiveId: z.string().nullable(), dueDay: z.number().int().min(1).max(28) }),
        response: { 204: z.null() },
      },
      config: { access: 'standing-office' },
    },
    async (request, reply) => {
      await setReportingDueDay(svc, requireActor(request.actor), request.body);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/reports',
    {
      schema: {
        tags,
        summary: 'Báo cáo tiến độ (theo phạm vi người dùng)',
        querystring: ReportListQuerySchema,
        response: { 200: z.array(ProgressReportSchema) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listReports(svc, requireActor(request.actor), request.query),
  );
  r.get(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'Một phiên bản báo cáo, minh chứng và lịch sử xử lý',
        params: IdParams,
        response: { 200: ProgressReportSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getReport(svc, requireActor(request.actor), request.params.id),
  );
  r.post(
    '/reports',
    {
      schema: {
        tags,
        summary:
          'Lưu bản nháp báo cáo của kỳ (tạo mới, hoặc sửa với rowVersion; bản sửa sau khi đã gửi là phiên bản mới)',
        body: DraftSaveSchema,
        response: { 200: ProgressReportSchema },
      },
      config: { access: ['reporter', 'leader'] },
    },
    async (request) => saveDraft(svc, requireActor(request.actor), request.body),
  );
  r.post(
    '/reports/:id/submit',
    {
      schema: {
        tags,
        summary: 'Gửi báo cáo lên lãnh đạo cơ quan',
        params: IdParams,
        body: TransitionSchema,
        response: { 200: ProgressReportSchema },
      },
      config: { access: ['reporter', 'leader'] },
    },
    async (request) => submitReport(svc, requireActor(request.actor), request.params.id, request.body.rowVersion),
  );
  r.post(
    '/reports/:id/approve',
    {
      schema: {
        tags,
        summary: 'Lãnh đạo cơ quan duyệt báo cáo',
        params: IdParams,
        body: TransitionSchema,
        response: { 200: ProgressReportSchema },
      },
      config: { access: 'leader' },
    },
    async (request) => approveReport(svc, requireActor(request.actor), request.params.id, request.body.rowVersion),
  );
  r.post(
    '/reports/:id/accept',
    {
      schema: {
        tags,
        summary: 'Cơ quan thường trực tiếp nhận báo cáo',
        params: IdParams,
        body: TransitionSchema,
        response: { 200: ProgressReportSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => acceptReport(svc, requireActor(request.actor), request.params.id, request.body.rowVersion),
  );
  r.post(
    '/reports/:id/return',
    {
      schema: {
        tags,
        summary: 'Trả lại báo cáo kèm lý do (lãnh đạo cơ quan hoặc cơ quan thường trực)',
        params: IdParams,
        body: ReturnSchema,
        response: { 200: ProgressReportSchema },
      },
      config: { access: ['leader', 'standing-office'] },
    },
    async (request) =>
      returnReport(svc, requireActor(request.actor), request.params.id, request.body.rowVersion, request.body.reason),
  );

  const uploadTo = async (request: FastifyRequest, owner: EvidenceOwner) =>
    uploadEvidence(
      svc,
      requireActor(request.actor),
      owner,
      await readUploadedFile(request, { missingMessage: 'Không có tệp.', defaultName: 'minh-chung' }),
      maxEvidence,
    );

  r.post(
    '/reports/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Tải lên tệp minh chứng (PDF, DOCX, XLSX, PNG, JPEG — kiểm tra theo nội dung)',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: EvidenceSchema },
      },
      config: { access: ['reporter', 'leader'] },
    },
    async (request, reply) => reply.status(201).send(await uploadTo(request, { reportId: request.params.id })),
  );
  r.post(
    '/reports/:id/evidence/references',
    {
      schema: {
        tags,
        summary: 'Thêm minh chứng là đường dẫn (http/https) hoặc văn bản (số, ký hiệu, ngày)',
        params: IdParams,
        body: EvidenceLinkSchema,
        response: { 201: EvidenceSchema },
      },
      config: { access: ['reporter', 'leader'] },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addEvidenceReference(svc, requireActor(request.actor), { reportId: request.params.id }, request.body),
        ),
  );
  r.delete(
    '/evidence/:id',
    {
      schema: { tags, summary: 'Gỡ minh chứng khỏi bản nháp', params: IdParams, response: { 204: z.null() } },
      config: { access: ['reporter', 'leader'] },
    },
    async (request, reply) => {
      await removeEvidence(svc, requireActor(request.actor), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/evidence/:id/download',
    {
      schema: { tags, summary: 'Tải tệp minh chứng (theo phạm vi xem báo cáo)', params: IdParams },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const file = await downloadEvidence(svc, requireActor(request.actor), request.params.id);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${file.sha256}"`)
        .send(file.bytes);
    },
  );

  r.post(
    '/extension-requests',
    {
      schema: {
        tags,
        summary: 'Đề nghị gia hạn (kèm lý do)',
        body: ExtensionRequestCreateSchema,
        response: { 201: ExtensionRequestSchema },
      },
      config: { access: ['reporter', 'leader'] },
    },
    async (request, reply) =>
      reply.status(201).send(await requestExtension(svc, requireActor(request.actor), request.body)),
  );
  r.get(
    '/extension-requests',
    {
      schema: {
        tags,
        summary: 'Đề nghị gia hạn',
        querystring: z.object({ status: DecisionStatusSchema.optional(), taskId: z.string().optional() }),
        response: { 200: z.array(ExtensionRequestSchema) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listExtensions(svc, requireActor(request.actor), request.query),
  );
  r.post(
    '/extension-requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Quyết định gia hạn (đồng ý / không đồng ý)',
        params: IdParams,
        body: DecisionSchema,
        response: { 200: ExtensionRequestSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => decideExtension(svc, requireActor(request.actor), request.params.id, request.body),
  );

  r.post(
    '/reclassification-requests',
    {
      schema: {
        tags,
        summary: 'Đề nghị điều chỉnh phân loại nhiệm vụ (kèm lý do, minh chứng)',
        body: ReclassificationCreateSchema,
        response: { 201: ReclassificationSchema },
      },
      config: { access: ['reporter', 'leader'] },
    },
    async (request, reply) =>
      reply.status(201).send(await requestReclassification(svc, requireActor(request.actor), request.body)),
  );
  r.get(
    '/reclassification-requests',
    {
      schema: {
        tags,
        summary: 'Đề nghị điều chỉnh phân loại',
        querystring: z.object({ status: DecisionStatusSchema.optional() }),
        response: { 200: z.array(ReclassificationSchema) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listReclassifications(svc, requireActor(request.actor), request.query),
  );
  r.post(
    '/reclassification-requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Quyết định điều chỉnh phân loại (kèm lý do)',
        params: IdParams,
        body: DecisionSchema,
        response: { 200: ReclassificationSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => decideReclassification(svc, requireActor(request.actor), request.params.id, request.body),
  );
  r.post(
    '/reclassification-requests/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Tải lên tệp minh chứng cho đề nghị điều chỉnh phân loại',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: EvidenceSchema },
      },
      config: { access: ['reporter', 'leader'] },
    },
    async (request, reply) =>
      reply.status(201).send(await uploadTo(request, { reclassificationId: request.params.id })),
  );

  r.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Thông báo trong ứng dụng (của cơ quan và của người dùng)',
        querystring: z.object({
          unreadOnly: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
        response: { 200: z.object({ items: z.array(NotificationSchema), unread: z.number().int() }) },
      },
      config: { access: 'authenticated' },
    },
    async (request) =>
      listNotifications(svc, requireActor(request.actor), {
        unreadOnly: request.query.unreadOnly === 'true',
        limit: request.query.limit,
      }),
  );
  r.post(
    '/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Đánh dấu đã đọc (các thông báo được chọn, hoặc tất cả)',
        body: z.object({ ids: z.array(z.string()).max(500).optional() }),
        response: { 200: z.object({ updated: z.number().int() }) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => ({ updated: await markRead(svc, requireActor(request.actor), request.body.ids ?? null) }),
  );
  r.post(
    '/reminders/sweep',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Chạy ngay lượt nhắc việc (sắp đến hạn, vừa quá hạn, chưa báo cáo); không gửi trùng',
        body: z
          .object({ asOf: z.iso.date().optional(), dueSoonDays: z.number().int().min(0).max(60).optional() })
          .optional(),
        response: {
          200: z.object({
            asOf: z.string(),
            period: z.string(),
            candidates: z.record(z.string(), z.number()),
            sent: z.record(z.string(), z.number()),
            notifications: z.number().int(),
            agencies: z.number().int(),
            emails: z.object({ sent: z.number().int(), failed: z.number().int() }),
          }),
        },
      },
      config: { access: 'standing-office' },
    },
    async (request) => {
      requireActor(request.actor);
      return runReminderSweep(
        { ...svc, mail: deps.config.mail },
        {
          ...(request.body?.asOf ? { asOf: request.body.asOf } : {}),
          ...(request.body?.dueSoonDays !== undefined ? { dueSoonDays: request.body.dueSoonDays } : {}),
        },
      );
    },
  );
}
