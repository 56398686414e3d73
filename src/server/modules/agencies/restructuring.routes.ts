import type { AppDeps } from '@server/app-deps';
import { type RouteAccess, requireActor } from '@server/lib/request-context';
import {
  RestructuringApplyResponseSchema,
  RestructuringCreateSchema,
  RestructuringEventSchema,
  RestructuringIdParamsSchema,
  RestructuringInputSchema,
  RestructuringListQuerySchema,
  RestructuringListResponseSchema,
  RestructuringPreviewSchema,
  RestructuringReverseSchema,
} from '@shared/contracts/restructuring';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  applyRestructuring,
  createRestructuring,
  discardRestructuring,
  getRestructuring,
  listRestructurings,
  previewRestructuring,
  reverseRestructuring,
} from './restructuring.service';

const STANDING_OFFICE: RouteAccess = ['standing-office', 'admin'];

/** Restructuring events (merge, split, rename, move): read by any signed-in user, recorded by the standing office. */
export async function registerRestructuringRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: STANDING_OFFICE };
  r.get(
    '/agencies/restructurings',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Các sự kiện sắp xếp tổ chức (hợp nhất, chia tách, đổi tên, chuyển trực thuộc)',
        querystring: RestructuringListQuerySchema,
        response: { 200: RestructuringListResponseSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listRestructurings(deps.db, request.query),
  );
  r.get(
    '/agencies/restructurings/:eventId',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Một sự kiện sắp xếp tổ chức',
        params: RestructuringIdParamsSchema,
        response: { 200: RestructuringEventSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getRestructuring(deps.db, request.params.eventId),
  );
  r.post(
    '/agencies/restructurings/preview',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Xem trước những gì sẽ chuyển khi áp dụng sự kiện sắp xếp (không ghi dữ liệu)',
        body: RestructuringInputSchema,
        response: { 200: RestructuringPreviewSchema },
      },
      config,
    },
    async (request) => previewRestructuring(deps, requireActor(request.actor), request.body),
  );
  r.post(
    '/agencies/restructurings',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Ghi nhận (bản nháp) hoặc ghi nhận và áp dụng sự kiện sắp xếp; gửi lại không thay đổi gì thêm',
        body: RestructuringCreateSchema,
        response: { 200: RestructuringApplyResponseSchema },
      },
      config,
    },
    async (request) => createRestructuring(deps, requireActor(request.actor), request.body),
  );
  r.post(
    '/agencies/restructurings/:eventId/apply',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Áp dụng một bản nháp sự kiện sắp xếp',
        params: RestructuringIdParamsSchema,
        response: { 200: RestructuringApplyResponseSchema },
      },
      config,
    },
    async (request) => applyRestructuring(deps, requireActor(request.actor), request.params.eventId),
  );
  r.post(
    '/agencies/restructurings/:eventId/reverse',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Đảo ngược một sự kiện đã áp dụng bằng một sự kiện đảo ngược (có căn cứ pháp lý)',
        params: RestructuringIdParamsSchema,
        body: RestructuringReverseSchema,
        response: { 200: RestructuringApplyResponseSchema },
      },
      config,
    },
    async (request) => reverseRestructuring(deps, requireActor(request.actor), request.params.eventId, request.body),
  );
  r.delete(
    '/agencies/restructurings/:eventId',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Hủy một bản nháp (sự kiện đã áp dụng không thể hủy hay sửa)',
        params: RestructuringIdParamsSchema,
        response: { 200: RestructuringEventSchema },
      },
      config,
    },
    async (request) => discardRestructuring(deps, requireActor(request.actor), request.params.eventId),
  );
}
