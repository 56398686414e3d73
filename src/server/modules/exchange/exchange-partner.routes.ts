import type { AppDeps } from '@server/app-deps';
import { AppError } from '@server/lib/app-error';
import {
  ChangeFeedPageSchema,
  ChangeFeedQuerySchema,
  EventBatchResultSchema,
  EventBatchSchema,
  type ExchangeScope,
  PartnerSubscriptionCreateSchema,
  SystemIdentitySchema,
} from '@shared/contracts/exchange';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  describeSystem,
  evidenceFileForPartner,
  feedForPartner,
  receiveFromPartner,
  subscribeForPartner,
} from './exchange.service';
import { recordExchangeLog } from './exchange-log';
import { describeObjectTypes } from './object-catalogue';
import { type SignedCaller, verifySignedRequest } from './partner-auth';
import { SIGNATURE_HEADERS } from './request-signing';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    partnerCaller?: SignedCaller;
    exchangeObjectCount?: number;
  }
}

/** Pushes of up to 2,000 events with their payloads; larger than the app's default body limit. */
const EVENTS_BODY_LIMIT = 32 * 1024 * 1024;

const SignatureHeaders = z.object({
  [SIGNATURE_HEADERS.keyId]: z.string().optional(),
  [SIGNATURE_HEADERS.timestamp]: z.string().optional(),
  [SIGNATURE_HEADERS.nonce]: z.string().optional(),
  [SIGNATURE_HEADERS.signature]: z.string().optional(),
});

const SIGNED_DESCRIPTION =
  'Yêu cầu phải được ký (Ed25519) bằng khóa hệ thống đối tác: tiêu đề x-tiendo-key, x-tiendo-timestamp (ISO, lệch ≤ 5 phút), ' +
  'x-tiendo-nonce (dùng một lần), x-tiendo-signature = base64(Ed25519(“TIENDO-ED25519-V1\\nMETHOD\\n/path?query\\ntimestamp\\nnonce\\nsha256hex(body)”)).';

/**
 * The versioned exchange API other monitoring systems call (`/api/exchange/v1`). Every route except the system
 * description is signed with a partner key and checked for its scope; every call is logged (exchange_log).
 */
export async function registerExchangePartnerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = { db: deps.db, clock: deps.clock, storage: deps.storage, config: deps.config.exchange };
  const tags = ['exchange (partner API)'];

  // The signature covers the exact bytes sent: keep them.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: EVENTS_BODY_LIMIT },
    (request, body, done) => {
      const raw = body as Buffer;
      request.rawBody = raw;
      try {
        done(null, raw.length === 0 ? {} : JSON.parse(raw.toString('utf8')));
      } catch {
        done(new AppError('VALIDATION_FAILED', 'Nội dung JSON không hợp lệ.'), undefined);
      }
    },
  );

  const signed = (scope: ExchangeScope) => async (request: FastifyRequest) => {
    request.partnerCaller = await verifySignedRequest(
      deps.db,
      {
        method: request.method,
        pathWithQuery: request.url,
        headers: request.headers,
        body: request.rawBody ?? Buffer.alloc(0),
      },
      scope,
      deps.clock.now(),
    );
  };
  const partnerLimit = {
    max: deps.config.exchange.ratePerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => String(request.headers[SIGNATURE_HEADERS.keyId] ?? request.ip),
  };

  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'HEAD') {
      return;
    }
    const caller = request.partnerCaller;
    const keyHeader = request.headers[SIGNATURE_HEADERS.keyId];
    await recordExchangeLog(deps.db, {
      partnerId: caller?.partner.id ?? null,
      keyId: caller?.keyId ?? (typeof keyHeader === 'string' ? keyHeader.slice(0, 64) : null),
      direction: 'in',
      operation: `${request.method} ${request.routeOptions.url ?? request.url}`,
      httpStatus: reply.statusCode,
      objectCount: request.exchangeObjectCount ?? 0,
      durationMs: Math.round(reply.elapsedTime),
      ip: request.ip,
    }).catch(() => undefined);
  });

  r.get(
    '/system',
    {
      schema: {
        tags,
        summary: 'Mô tả hệ thống: mã, tên, phiên bản API, khóa công khai, số thay đổi mới nhất',
        response: { 200: SystemIdentitySchema },
      },
      config: { access: 'public', rateLimit: partnerLimit },
    },
    async () => describeSystem(svc),
  );
  const FieldSchema = z.object({
    name: z.string(),
    type: z.string(),
    nullable: z.boolean(),
    references: z.string().optional(),
  });
  r.get(
    '/object-types',
    {
      schema: {
        tags,
        summary: 'Danh mục loại đối tượng trao đổi và các trường của payload (kiểu, có thể rỗng, tham chiếu)',
        response: {
          200: z.object({
            objectTypes: z.array(
              z.object({
                type: z.string(),
                ownership: z.enum(['tasks', 'reports', 'reference']),
                fields: z.array(FieldSchema),
                children: z.array(z.object({ key: z.string(), fields: z.array(FieldSchema) })),
              }),
            ),
          }),
        },
      },
      config: { access: 'public', rateLimit: partnerLimit },
    },
    async () => ({ objectTypes: describeObjectTypes() }),
  );
  r.get(
    '/changes',
    {
      schema: {
        tags,
        summary: 'Dòng thay đổi theo con trỏ (mọi thứ thay đổi sau seq = after), phân trang',
        description: SIGNED_DESCRIPTION,
        querystring: ChangeFeedQuerySchema,
        headers: SignatureHeaders,
        response: { 200: ChangeFeedPageSchema },
      },
      config: { access: 'public', rateLimit: partnerLimit },
      preHandler: signed('feed:read'),
    },
    async (request) => {
      const page = await feedForPartner(svc, request.partnerCaller ?? null, request.query);
      request.exchangeObjectCount = page.events.length;
      return page;
    },
  );
  r.post(
    '/events',
    {
      schema: {
        tags,
        summary: 'Nhận một lô sự kiện thay đổi (đẩy/webhook); khóa chống trùng là eventId',
        description: SIGNED_DESCRIPTION,
        body: EventBatchSchema,
        headers: SignatureHeaders,
        response: { 200: EventBatchResultSchema },
      },
      config: { access: 'public', rateLimit: partnerLimit },
      bodyLimit: EVENTS_BODY_LIMIT,
      preHandler: signed('events:write'),
    },
    async (request) => {
      request.exchangeObjectCount = request.body.events.length;
      return receiveFromPartner(svc, request.partnerCaller as SignedCaller, request.body);
    },
  );
  r.get(
    '/files/:sha256',
    {
      schema: {
        tags,
        summary: 'Tải tệp minh chứng theo SHA-256 (chỉ tệp thuộc minh chứng được trao đổi)',
        description: SIGNED_DESCRIPTION,
        params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        headers: SignatureHeaders,
      },
      config: { access: 'public', rateLimit: partnerLimit },
      preHandler: signed('files:read'),
    },
    async (request, reply) => {
      const bytes = await evidenceFileForPartner(svc, request.params.sha256);
      request.exchangeObjectCount = 1;
      return reply.header('content-type', 'application/octet-stream').send(bytes);
    },
  );
  r.post(
    '/subscriptions',
    {
      schema: {
        tags,
        summary: 'Đăng ký nhận thay đổi (webhook) tại địa chỉ của hệ thống đối tác',
        description: SIGNED_DESCRIPTION,
        body: PartnerSubscriptionCreateSchema,
        headers: SignatureHeaders,
        response: { 201: z.object({ id: z.string(), cursorSeq: z.number() }) },
      },
      config: { access: 'public', rateLimit: partnerLimit },
      preHandler: signed('subscriptions:write'),
    },
    async (request, reply) =>
      reply.code(201).send(await subscribeForPartner(svc, request.partnerCaller as SignedCaller, request.body)),
  );
}
