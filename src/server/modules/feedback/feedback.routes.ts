import type { AppDeps } from '@server/app-deps';
import { readUploadedFile } from '@server/lib/read-upload';
import { requireActor } from '@server/lib/request-context';
import {
  FeedbackAnswerSchema,
  FeedbackAttachmentSchema,
  FeedbackCountsSchema,
  FeedbackCreateSchema,
  FeedbackItemSchema,
  FeedbackListQuerySchema,
  FeedbackRouteSchema,
  PublicFeedbackSchema,
} from '@shared/contracts/feedback';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerFeedback,
  feedbackCounts,
  getFeedback,
  listFeedback,
  MAX_FEEDBACK_ATTACHMENT_BYTES,
  routeFeedback,
  submitFeedback,
  submitPublicFeedback,
  uploadFeedbackAttachment,
} from './feedback.service';

const IdParams = z.object({ id: z.string().min(1) });

/** Per IP: a handful of public submissions per 10 minutes is plenty for a person and useless to a spammer. */
export const PUBLIC_FEEDBACK_RATE_LIMIT = { max: 5, timeWindow: '10 minutes' } as const;

export async function registerFeedbackRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = { db: deps.db, clock: deps.clock, storage: deps.storage };
  const tags = ['feedback'];
  const maxAttachment = Math.min(deps.config.maxUploadBytes, MAX_FEEDBACK_ATTACHMENT_BYTES);

  r.post(
    '/feedback',
    {
      schema: {
        tags,
        summary: 'Gửi phản ánh, kiến nghị, sáng kiến, giải pháp',
        body: FeedbackCreateSchema,
        response: { 201: FeedbackItemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) =>
      reply.code(201).send(await submitFeedback(svc, requireActor(request.actor), request.body)),
  );
  r.post(
    '/feedback/attachments',
    {
      schema: {
        tags,
        summary: 'Tải tệp đính kèm phản ánh (kiểm tra theo nội dung)',
        consumes: ['multipart/form-data'],
        response: { 201: FeedbackAttachmentSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      requireActor(request.actor);
      const upload = await readUploadedFile(request, { missingMessage: 'Không có tệp.', defaultName: 'dinh-kem' });
      return reply.code(201).send(await uploadFeedbackAttachment(svc, upload, maxAttachment));
    },
  );
  r.get(
    '/feedback',
    {
      schema: {
        tags,
        summary: 'Danh sách phản ánh, kiến nghị (overdue=true: quá hạn xử lý)',
        querystring: FeedbackListQuerySchema,
        response: { 200: z.object({ items: z.array(FeedbackItemSchema) }) },
      },
      config: { access: 'authenticated' },
    },
    async (request) => ({ items: await listFeedback(svc, requireActor(request.actor), request.query) }),
  );
  r.get(
    '/feedback/counts',
    {
      schema: {
        tags,
        summary: 'Số liệu phản ánh, kiến nghị trong tháng (cho báo cáo tháng)',
        querystring: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
        response: { 200: FeedbackCountsSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => feedbackCounts(deps.db, request.query.month),
  );
  r.get(
    '/feedback/:id',
    {
      schema: {
        tags,
        summary: 'Một phản ánh, kiến nghị và câu trả lời',
        params: IdParams,
        response: { 200: FeedbackItemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getFeedback(svc, requireActor(request.actor), request.params.id),
  );
  r.post(
    '/feedback/:id/route',
    {
      schema: {
        tags,
        summary: 'Chuyển cơ quan chịu trách nhiệm xử lý, có hạn xử lý',
        params: IdParams,
        body: FeedbackRouteSchema,
        response: { 200: FeedbackItemSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) => routeFeedback(svc, requireActor(request.actor), request.params.id, request.body),
  );
  r.post(
    '/feedback/:id/answer',
    {
      schema: {
        tags,
        summary: 'Cơ quan được giao trả lời phản ánh, kiến nghị',
        params: IdParams,
        body: FeedbackAnswerSchema,
        response: { 200: FeedbackItemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => answerFeedback(svc, requireActor(request.actor), request.params.id, request.body),
  );
  r.post(
    '/public/feedback',
    {
      schema: {
        tags,
        summary: 'Biểu mẫu công khai gửi phản ánh, kiến nghị (nếu được bật; giới hạn theo IP)',
        body: PublicFeedbackSchema,
        response: { 202: z.object({ id: z.string() }) },
      },
      config: { access: 'public', rateLimit: PUBLIC_FEEDBACK_RATE_LIMIT },
    },
    async (request, reply) => reply.code(202).send(await submitPublicFeedback(svc, request.body, request.ip)),
  );
}
