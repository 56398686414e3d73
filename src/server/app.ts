import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppDeps } from '@server/app-deps';
import type { RouteAccess } from '@server/lib/request-context';
import { registerAuth } from '@server/plugins/auth';
import { registerErrorHandler } from '@server/plugins/error-handler';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerExchangePartnerRoutes } from './modules/exchange/exchange-partner.routes';
import { API_MODULES } from './modules/module-registry';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: declared on every route and checked by the authorization matrix test. */
    access?: RouteAccess;
  }
}

export type BuildAppOptions = AppDeps & { logger?: boolean };

/** Builds the Fastify app (never listens). Every module registers its routes under /api/v1. */
export async function buildApp(deps: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ? { level: deps.config.logLevel } : false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: deps.config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    // The SPA is served from the same origin; antd injects inline styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  // Before any route is added: its onRoute hook refuses API routes that do not declare `config.access`.
  registerAuth(app, deps);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tiến Độ API',
        description: 'API theo dõi, đánh giá tiến độ thực hiện nhiệm vụ (Nghị quyết 57-NQ/TW, 71/NQ-CP).',
        version: '1.0.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      for (const registerModule of API_MODULES) {
        await registerModule(api, deps);
      }
    },
    { prefix: '/api/v1' },
  );
  // The exchange API between monitoring systems has its own version line: partners sign, they do not sign in.
  await app.register(async (exchange) => registerExchangePartnerRoutes(exchange, deps), { prefix: '/api/exchange/v1' });

  const webDist = deps.config.webDistDir;
  if (webDist && fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      cacheControl: false,
      preCompressed: true,
      // Hashed assets never change; the HTML shell must be revalidated so an upgrade reaches open tabs.
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          /\.html(\.br|\.gz)?$/.test(filePath) ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });
    // Client-side routes: anything that is not an API or asset path gets the SPA shell.
    // A missing asset (e.g. a tab left open across an upgrade) must be a 404, not the HTML shell.
    app.get('/*', { config: { access: 'public' } }, (request, reply) => {
      const pathname = request.url.split('?')[0] ?? '';
      if (pathname.startsWith('/api/') || pathname.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(pathname)) {
        return reply.status(404).send({ code: 'NOT_FOUND', message: 'Không tìm thấy dữ liệu.' });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
