import type { AppDeps } from '@server/app-deps';
import { readUploadedFile } from '@server/lib/read-upload';
import { requireActor } from '@server/lib/request-context';
import {
  BulkPreviewSchema,
  PasswordResetSchema,
  UserCreateSchema,
  UserCredentialsSchema,
  UserIdParamsSchema,
  UserListQuerySchema,
  UserPageSchema,
  UserSchema,
  UserUpdateSchema,
} from '@shared/contracts/users';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createBulkAccounts,
  createUser,
  getUser,
  listUsers,
  previewBulkAccounts,
  resetUserPassword,
  updateUser,
} from './users.service';

const MANAGERS = ['admin', 'standing-office'] as const;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const readAgencyList = (request: FastifyRequest) =>
  readUploadedFile(request, { missingMessage: 'Chưa chọn tệp danh sách cơ quan.', defaultName: 'danh-sach.xlsx' });

export async function registerUserRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Danh sách tài khoản (lọc theo cơ quan, vai trò, trạng thái; tìm không dấu)',
        querystring: UserListQuerySchema,
        response: { 200: UserPageSchema },
      },
      config: { access: [...MANAGERS] },
    },
    async (request) => listUsers(deps.db, requireActor(request.actor), request.query),
  );
  r.get(
    '/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'Chi tiết tài khoản',
        params: UserIdParamsSchema,
        response: { 200: UserSchema },
      },
      config: { access: [...MANAGERS] },
    },
    async (request) => getUser(deps.db, requireActor(request.actor), request.params.userId),
  );
  r.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Tạo tài khoản (trả về mật khẩu dùng một lần, chỉ hiển thị một lần)',
        body: UserCreateSchema,
        response: { 201: UserCredentialsSchema },
      },
      config: { access: [...MANAGERS] },
    },
    async (request, reply) => {
      const created = await createUser(deps, requireActor(request.actor), request.body);
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );
  r.patch(
    '/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'Sửa tài khoản: tên, cơ quan, vai trò, vô hiệu hóa / kích hoạt',
        params: UserIdParamsSchema,
        body: UserUpdateSchema,
        response: { 200: UserSchema },
      },
      config: { access: [...MANAGERS] },
    },
    async (request) => updateUser(deps, requireActor(request.actor), request.params.userId, request.body),
  );
  r.post(
    '/users/:userId/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Cấp lại mật khẩu dùng một lần (mở khóa; tùy chọn tắt xác thực hai lớp)',
        params: UserIdParamsSchema,
        body: PasswordResetSchema,
        response: { 200: UserCredentialsSchema },
      },
      config: { access: [...MANAGERS] },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return resetUserPassword(deps, requireActor(request.actor), request.params.userId, request.body);
    },
  );
  r.post(
    '/users/bulk/preview',
    {
      schema: {
        tags: ['users'],
        summary: 'Xem trước tạo tài khoản hàng loạt từ danh sách cơ quan (.xlsx): mỗi cơ quan 1 báo cáo + 1 lãnh đạo',
        consumes: ['multipart/form-data'],
        response: { 200: BulkPreviewSchema },
      },
      config: { access: [...MANAGERS], rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => previewBulkAccounts(deps, requireActor(request.actor), await readAgencyList(request)),
  );
  r.post(
    '/users/bulk',
    {
      schema: {
        tags: ['users'],
        summary:
          'Tạo tài khoản hàng loạt; trả về tệp .xlsx chứa mật khẩu dùng một lần (chỉ tải được một lần, không lưu lại)',
        consumes: ['multipart/form-data'],
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().describe('Tệp .xlsx: tên đăng nhập và mật khẩu dùng một lần') },
      },
      config: { access: [...MANAGERS], rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await createBulkAccounts(deps, requireActor(request.actor), await readAgencyList(request));
      const stamp = deps.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="tai-khoan-${stamp}.xlsx"`)
        .header('cache-control', 'no-store')
        .header('x-accounts-created', String(result.created))
        .send(result.workbook);
    },
  );
}
