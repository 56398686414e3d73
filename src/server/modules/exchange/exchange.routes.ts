import type { AppDeps } from '@server/app-deps';
import { requireActor } from '@server/lib/request-context';
import {
  ConflictResolveSchema,
  ConflictSchema,
  CredentialIssueSchema,
  CredentialSchema,
  DeadLetterSchema,
  ExchangeLogEntrySchema,
  ExchangeOverviewSchema,
  IdMappingSchema,
  IdMappingUpsertSchema,
  IssuedCredentialSchema,
  OwnershipRuleSchema,
  OwnershipRuleUpsertSchema,
  PartnerCreateSchema,
  PartnerSchema,
  PartnerUpdateSchema,
  SubscriptionCreateSchema,
  SubscriptionSchema,
} from '@shared/contracts/exchange';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPartner,
  createSubscription,
  exchangeOverview,
  issueCredential,
  listConflicts,
  listDeadLetters,
  listExchangeLog,
  listIdMappings,
  listOwnershipRules,
  listParkedEvents,
  partnerById,
  pullFromPartner,
  replayDeadLetters,
  resolveConflict,
  retryParked,
  revokeCredential,
  setSubscriptionStatus,
  updatePartner,
  upsertIdMapping,
  upsertOwnershipRule,
} from './exchange.service';

const MANAGERS = ['standing-office', 'admin'] as const;
const PartnerParams = z.object({ partnerId: z.string().min(1) });

/** Administration of the exchange with other systems: partners, keys, subscriptions, dead letters, conflicts, mappings. */
export async function registerExchangeRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = { db: deps.db, clock: deps.clock, storage: deps.storage, config: deps.config.exchange };
  const tags = ['exchange (administration)'];
  const access = [...MANAGERS];

  r.get(
    '/exchange',
    {
      schema: {
        tags,
        summary: 'Tổng quan liên thông: hệ thống này, các hệ thống đối tác, khóa, đăng ký nhận',
        response: { 200: ExchangeOverviewSchema },
      },
      config: { access },
    },
    async () => exchangeOverview(svc),
  );
  r.post(
    '/exchange/partners',
    {
      schema: { tags, summary: 'Thêm hệ thống đối tác', body: PartnerCreateSchema, response: { 201: PartnerSchema } },
      config: { access },
    },
    async (request, reply) => reply.code(201).send(await createPartner(svc, requireActor(request.actor), request.body)),
  );
  r.get(
    '/exchange/partners/:partnerId',
    {
      schema: { tags, summary: 'Một hệ thống đối tác', params: PartnerParams, response: { 200: PartnerSchema } },
      config: { access },
    },
    async (request) => partnerById(svc, request.params.partnerId),
  );
  r.patch(
    '/exchange/partners/:partnerId',
    {
      schema: {
        tags,
        summary: 'Sửa hệ thống đối tác (địa chỉ, trạng thái, khóa đối tác cấp cho ta)',
        params: PartnerParams,
        body: PartnerUpdateSchema,
        response: { 200: PartnerSchema },
      },
      config: { access },
    },
    async (request) => updatePartner(svc, requireActor(request.actor), request.params.partnerId, request.body),
  );
  r.post(
    '/exchange/partners/:partnerId/credentials',
    {
      schema: {
        tags,
        summary: 'Cấp khóa API cho hệ thống đối tác (hiển thị một lần); cấp khóa mới để xoay vòng',
        params: PartnerParams,
        body: CredentialIssueSchema,
        response: { 201: IssuedCredentialSchema },
      },
      config: { access, rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await issueCredential(svc, requireActor(request.actor), request.params.partnerId, request.body)),
  );
  r.post(
    '/exchange/partners/:partnerId/credentials/:keyId/revoke',
    {
      schema: {
        tags,
        summary: 'Thu hồi khóa API',
        params: PartnerParams.extend({ keyId: z.string().min(1) }),
        response: { 200: CredentialSchema },
      },
      config: { access },
    },
    async (request) =>
      revokeCredential(svc, requireActor(request.actor), request.params.partnerId, request.params.keyId),
  );
  r.post(
    '/exchange/partners/:partnerId/subscriptions',
    {
      schema: {
        tags,
        summary: 'Đẩy thay đổi của hệ thống này tới địa chỉ nhận của đối tác',
        params: PartnerParams,
        body: SubscriptionCreateSchema,
        response: { 201: SubscriptionSchema },
      },
      config: { access },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createSubscription(svc, requireActor(request.actor), request.params.partnerId, request.body)),
  );
  r.patch(
    '/exchange/subscriptions/:subscriptionId',
    {
      schema: {
        tags,
        summary: 'Tạm dừng / tiếp tục đẩy',
        params: z.object({ subscriptionId: z.string().min(1) }),
        body: z.object({ status: z.enum(['active', 'paused']) }),
        response: { 200: SubscriptionSchema },
      },
      config: { access },
    },
    async (request) =>
      setSubscriptionStatus(svc, requireActor(request.actor), request.params.subscriptionId, request.body.status),
  );
  r.post(
    '/exchange/partners/:partnerId/pull',
    {
      schema: {
        tags,
        summary: 'Lấy ngay dữ liệu thay đổi từ đối tác (theo con trỏ)',
        params: PartnerParams,
        response: {
          200: z.object({
            pages: z.number(),
            events: z.number(),
            counts: z.record(z.string(), z.number()),
            cursor: z.number(),
          }),
        },
      },
      config: { access },
    },
    async (request) => {
      requireActor(request.actor);
      return pullFromPartner(svc, request.params.partnerId);
    },
  );
  r.get(
    '/exchange/dead-letters',
    {
      schema: {
        tags,
        summary: 'Sự kiện gửi thất bại nhiều lần (hàng đợi lỗi)',
        response: { 200: z.object({ items: z.array(DeadLetterSchema) }) },
      },
      config: { access },
    },
    async () => ({ items: await listDeadLetters(svc) }),
  );
  r.post(
    '/exchange/dead-letters/replay',
    {
      schema: {
        tags,
        summary: 'Gửi lại sự kiện trong hàng đợi lỗi (theo danh sách hoặc theo đăng ký)',
        body: z.object({ deliveryIds: z.array(z.number().int()).optional(), subscriptionId: z.string().optional() }),
        response: { 200: z.object({ replayed: z.number() }) },
      },
      config: { access },
    },
    async (request) => replayDeadLetters(svc, requireActor(request.actor), request.body),
  );
  r.get(
    '/exchange/conflicts',
    {
      schema: {
        tags,
        summary: 'Xung đột dữ liệu chờ người quyết định',
        querystring: z.object({ status: z.enum(['open', 'all']).default('open') }),
        response: { 200: z.object({ items: z.array(ConflictSchema) }) },
      },
      config: { access },
    },
    async (request) => ({ items: await listConflicts(svc, request.query.status) }),
  );
  r.post(
    '/exchange/conflicts/:conflictId/resolve',
    {
      schema: {
        tags,
        summary: 'Quyết định xung đột: nhận bản của đối tác hoặc giữ bản của ta',
        params: z.object({ conflictId: z.string().min(1) }),
        body: ConflictResolveSchema,
        response: { 200: ConflictSchema },
      },
      config: { access },
    },
    async (request) =>
      resolveConflict(svc, requireActor(request.actor), request.params.conflictId, request.body.resolution),
  );
  r.get(
    '/exchange/partners/:partnerId/id-map',
    {
      schema: {
        tags,
        summary: 'Bảng ánh xạ mã (của ta ↔ của đối tác); unmapped=true: hàng đợi chờ ánh xạ',
        params: PartnerParams,
        querystring: z.object({ unmapped: z.stringbool().default(false) }),
        response: { 200: z.object({ items: z.array(IdMappingSchema) }) },
      },
      config: { access },
    },
    async (request) => ({ items: await listIdMappings(svc, request.params.partnerId, request.query.unmapped) }),
  );
  r.put(
    '/exchange/partners/:partnerId/id-map',
    {
      schema: {
        tags,
        summary: 'Ánh xạ một mã của đối tác sang mã của ta (rồi xử lý lại các sự kiện đang chờ)',
        params: PartnerParams,
        body: IdMappingUpsertSchema,
        response: { 200: z.object({ mapping: IdMappingSchema, retriedApplied: z.number() }) },
      },
      config: { access },
    },
    async (request) => upsertIdMapping(svc, requireActor(request.actor), request.params.partnerId, request.body),
  );
  r.get(
    '/exchange/partners/:partnerId/ownership',
    {
      schema: {
        tags,
        summary: 'Quy tắc làm chủ dữ liệu theo văn bản',
        params: PartnerParams,
        response: { 200: z.object({ items: z.array(OwnershipRuleSchema) }) },
      },
      config: { access },
    },
    async (request) => ({ items: await listOwnershipRules(svc, request.params.partnerId) }),
  );
  r.put(
    '/exchange/partners/:partnerId/ownership',
    {
      schema: {
        tags,
        summary: 'Đặt quy tắc làm chủ dữ liệu (directiveId null: mặc định của đối tác)',
        params: PartnerParams,
        body: OwnershipRuleUpsertSchema,
        response: { 200: z.object({ items: z.array(OwnershipRuleSchema) }) },
      },
      config: { access },
    },
    async (request) => ({
      items: await upsertOwnershipRule(svc, requireActor(request.actor), request.params.partnerId, request.body),
    }),
  );
  r.get(
    '/exchange/partners/:partnerId/parked',
    {
      schema: {
        tags,
        summary: 'Sự kiện nhận được nhưng chưa áp dụng (chờ dữ liệu liên quan, chờ ánh xạ, bị từ chối)',
        params: PartnerParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                eventId: z.string(),
                objectType: z.string(),
                objectId: z.string(),
                status: z.string(),
                reason: z.string().nullable(),
                receivedAt: z.string(),
              }),
            ),
          }),
        },
      },
      config: { access },
    },
    async (request) => ({ items: await listParkedEvents(svc, request.params.partnerId) }),
  );
  r.post(
    '/exchange/partners/:partnerId/parked/retry',
    {
      schema: {
        tags,
        summary: 'Xử lý lại các sự kiện đang chờ',
        params: PartnerParams,
        response: { 200: z.object({ applied: z.number() }) },
      },
      config: { access },
    },
    async (request) => retryParked(svc, request.params.partnerId),
  );
  r.get(
    '/exchange/log',
    {
      schema: {
        tags,
        summary: 'Nhật ký trao đổi (mọi yêu cầu vào/ra)',
        querystring: z.object({
          partnerId: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: z.object({ items: z.array(ExchangeLogEntrySchema) }) },
      },
      config: { access },
    },
    async (request) => ({ items: await listExchangeLog(svc, request.query.partnerId, request.query.limit) }),
  );
}
