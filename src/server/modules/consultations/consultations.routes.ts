import type { AppDeps } from '@server/app-deps';
import { readUploadedFile } from '@server/lib/read-upload';
import { requireActor } from '@server/lib/request-context';
import {
  CommentViewSchema,
  ConsultationAttachmentSchema,
  ConsultationDetailSchema,
  ConsultationListItemSchema,
  DrafterAnswerSchema,
  ReminderResultSchema,
  ResponseInputSchema,
  SendForCommentSchema,
} from '@shared/contracts/consultation-workflow';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerComment,
  applyProposal,
  commentsForTask,
  consultationSynthesis,
  getConsultation,
  issueDraft,
  listConsultations,
  MAX_CONSULTATION_ATTACHMENT_BYTES,
  markDirectiveDraft,
  remindLate,
  sendForComment,
  submitResponse,
  uploadConsultationAttachment,
} from './consultations.service';
import { synthesisToDocx, synthesisToXlsx } from './synthesis-export';

const IdParams = z.object({ id: z.string().min(1) });
const DirectiveParams = z.object({ directiveId: z.string().min(1) });
const CommentParams = z.object({ commentId: z.string().min(1) });

const MEDIA = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function registerConsultationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = { db: deps.db, clock: deps.clock, storage: deps.storage };
  const tags = ['consultations'];
  const maxAttachment = Math.min(deps.config.maxUploadBytes, MAX_CONSULTATION_ATTACHMENT_BYTES);

  r.post(
    '/directives/:directiveId/draft',
    {
      schema: { tags, summary: 'Đánh dấu văn bản đã nhập là dự thảo', params: DirectiveParams },
      config: { access: 'standing-office' },
    },
    async (request) => markDirectiveDraft(svc, requireActor(request.actor), request.params.directiveId),
  );
  r.post(
    '/directives/:directiveId/consultation',
    {
      schema: {
        tags,
        summary: 'Gửi dự thảo lấy ý kiến các cơ quan, có hạn góp ý',
        params: DirectiveParams,
        body: SendForCommentSchema,
        response: { 201: ConsultationDetailSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await sendForComment(svc, requireActor(request.actor), request.params.directiveId, request.body)),
  );
  r.get(
    '/consultations',
    {
      schema: {
        tags,
        summary: 'Các đợt lấy ý kiến',
        response: { 200: z.object({ items: z.array(ConsultationListItemSchema) }) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => ({ items: await listConsultations(svc, requireActor(request.actor)) }),
  );
  r.get(
    '/consultations/:id',
    {
      schema: {
        tags,
        summary: 'Đợt lấy ý kiến: cơ quan được hỏi, ý kiến, tiếp thu/giải trình, tiến độ',
        params: IdParams,
        response: { 200: ConsultationDetailSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getConsultation(svc, requireActor(request.actor), request.params.id),
  );
  r.post(
    '/consultations/:id/responses',
    {
      schema: {
        tags,
        summary: 'Cơ quan gửi ý kiến: nhất trí hoặc góp ý (theo nhiệm vụ/mục, kèm đề xuất sửa đổi)',
        params: IdParams,
        body: ResponseInputSchema,
        response: { 200: ConsultationDetailSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => submitResponse(svc, requireActor(request.actor), request.params.id, request.body),
  );
  r.post(
    '/consultations/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Tải tệp đính kèm ý kiến góp ý (kiểm tra theo nội dung; quá lớn: 413 FILE_TOO_LARGE)',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: ConsultationAttachmentSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const file = await readUploadedFile(request, { missingMessage: 'Không có tệp.', defaultName: 'dinh-kem' });
      return reply
        .code(201)
        .send(await uploadConsultationAttachment(svc, actor, request.params.id, file, maxAttachment));
    },
  );
  r.post(
    '/consultations/comments/:commentId/answer',
    {
      schema: {
        tags,
        summary: 'Cơ quan soạn thảo tiếp thu/giải trình/ghi nhận một ý kiến',
        params: CommentParams,
        body: DrafterAnswerSchema,
        response: { 200: CommentViewSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => answerComment(svc, requireActor(request.actor), request.params.commentId, request.body),
  );
  r.post(
    '/consultations/comments/:commentId/apply',
    {
      schema: {
        tags,
        summary: 'Áp dụng đề xuất đã tiếp thu vào dự thảo (lưu lịch sử nhiệm vụ)',
        params: CommentParams,
        response: { 200: CommentViewSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => applyProposal(svc, requireActor(request.actor), request.params.commentId),
  );
  r.post(
    '/consultations/:id/reminders',
    {
      schema: {
        tags,
        summary: 'Nhắc các cơ quan quá hạn góp ý (mỗi ngày một lần)',
        params: IdParams,
        response: { 200: ReminderResultSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => remindLate(svc, requireActor(request.actor), request.params.id),
  );
  r.post(
    '/consultations/:id/issue',
    {
      schema: {
        tags,
        summary: 'Ban hành dự thảo: văn bản trở thành văn bản chính thức, kết thúc lấy ý kiến',
        params: IdParams,
        response: { 200: ConsultationDetailSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => issueDraft(svc, requireActor(request.actor), request.params.id),
  );
  r.get(
    '/consultations/:id/synthesis',
    {
      schema: {
        tags,
        summary: 'Bảng tổng hợp ý kiến (Word/Excel) theo mẫu: nhóm bộ, ngành và địa phương',
        params: IdParams,
        querystring: z.object({ format: z.enum(['docx', 'xlsx']).default('docx') }),
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      await getConsultation(svc, actor, request.params.id);
      const synthesis = await consultationSynthesis(deps.db, request.params.id);
      const format = request.query.format;
      const body = format === 'docx' ? await synthesisToDocx(synthesis) : await synthesisToXlsx(synthesis);
      return reply
        .header('content-type', MEDIA[format])
        .header(
          'content-disposition',
          `attachment; filename="tong-hop-y-kien.${format}"; filename*=UTF-8''${encodeURIComponent(`tong-hop-y-kien.${format}`)}`,
        )
        .send(body);
    },
  );
  r.get(
    '/tasks/:taskId/consultation-comments',
    {
      schema: {
        tags,
        summary: 'Các ý kiến góp ý đã định hình nhiệm vụ (giữ sau khi ban hành)',
        params: z.object({ taskId: z.string().min(1) }),
        response: { 200: z.object({ items: z.array(CommentViewSchema) }) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => ({ items: await commentsForTask(deps.db, request.params.taskId) }),
  );
}
