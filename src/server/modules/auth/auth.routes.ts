import type { AppDeps } from '@server/app-deps';
import {
  LoginRequestSchema,
  PasswordChangeRequestSchema,
  SessionViewSchema,
  TotpSetupResponseSchema,
  TotpVerifyRequestSchema,
} from '@shared/contracts/auth';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type ClientInfo,
  changePassword,
  completeTotp,
  enableTotp,
  type IssuedSession,
  login,
  logout,
  startTotpSetup,
  toSessionView,
} from './auth.service';
import { clearSessionCookies, setSessionCookies } from './session-cookies';

function clientOf(request: FastifyRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}

// The sign-in steps are `public` at the route level: they act on the (possibly half-signed-in) session the
// cookie opened, and each service function checks that the session is at the right stage.
export async function registerAuthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signInLimit = { max: deps.config.auth.loginRatePerMinute, timeWindow: '1 minute' };
  const issue = (request: FastifyRequest, reply: FastifyReply, issued: IssuedSession) => {
    setSessionCookies(request, reply, deps.config, issued, deps.clock.now());
    reply.header('cache-control', 'no-store');
    return issued.view;
  };

  r.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu (bước tiếp theo có thể là mã xác thực)',
        body: LoginRequestSchema,
        response: { 200: SessionViewSchema },
      },
      config: { access: 'public', rateLimit: signInLimit },
    },
    async (request, reply) => {
      const issued = await login(deps, request.body, clientOf(request), request.authSession?.id ?? null);
      return issue(request, reply, issued);
    },
  );

  r.post(
    '/auth/totp',
    {
      schema: {
        tags: ['auth'],
        summary: 'Bước 2 của đăng nhập: mã xác thực 6 số từ ứng dụng (TOTP)',
        body: TotpVerifyRequestSchema,
        response: { 200: SessionViewSchema },
      },
      config: { access: 'public', rateLimit: signInLimit },
    },
    async (request, reply) => {
      const issued = await completeTotp(deps, request.authSession, request.body.code, clientOf(request));
      return issue(request, reply, issued);
    },
  );

  r.post(
    '/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Đăng xuất (phiên bị hủy)', response: { 204: z.null() } },
      config: { access: 'public' },
    },
    async (request, reply) => {
      await logout(deps, request.authSession, clientOf(request));
      clearSessionCookies(request, reply, deps.config);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Phiên hiện tại: người dùng, cơ quan, vai trò, bước đăng nhập, mã CSRF',
        response: { 200: SessionViewSchema },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return toSessionView(deps, request.authSession);
    },
  );

  r.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu (cả khi bắt buộc đổi mật khẩu dùng một lần)',
        body: PasswordChangeRequestSchema,
        response: { 200: SessionViewSchema },
      },
      config: { access: 'public', rateLimit: signInLimit },
    },
    async (request, reply) => {
      const issued = await changePassword(deps, request.authSession, request.body, clientOf(request));
      return issue(request, reply, issued);
    },
  );

  r.post(
    '/auth/totp/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Bắt đầu thiết lập xác thực hai lớp: khóa bí mật (base32) và URI otpauth://',
        response: { 200: TotpSetupResponseSchema },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return startTotpSetup(deps, request.authSession);
    },
  );

  r.post(
    '/auth/totp/enable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Bật xác thực hai lớp bằng một mã từ khóa vừa thiết lập',
        body: TotpVerifyRequestSchema,
        response: { 200: SessionViewSchema },
      },
      config: { access: 'public', rateLimit: signInLimit },
    },
    async (request, reply) => {
      const issued = await enableTotp(deps, request.authSession, request.body.code, clientOf(request));
      return issue(request, reply, issued);
    },
  );
}
