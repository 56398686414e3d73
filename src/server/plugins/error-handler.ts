import { AppError, ERROR_CODES } from '@server/lib/app-error';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export type ErrorBody = { code: string; message: string; details?: unknown };

/** One error handler for the whole API: stable code + Vietnamese message; 5xx details are logged, never returned. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      const body: ErrorBody = { code: error.code, message: error.message };
      if (error.details !== undefined) {
        body.details = error.details;
      }
      return reply.status(error.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: ERROR_CODES.VALIDATION_FAILED.message,
        details: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      } satisfies ErrorBody);
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status === 429) {
      return reply.status(429).send({ code: 'RATE_LIMITED', message: ERROR_CODES.RATE_LIMITED.message });
    }
    if (status === 413) {
      return reply.status(413).send({ code: 'FILE_TOO_LARGE', message: ERROR_CODES.FILE_TOO_LARGE.message });
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({
        code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED',
        message: status === 404 ? ERROR_CODES.NOT_FOUND.message : error.message,
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message });
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send({ code: 'NOT_FOUND', message: `${ERROR_CODES.NOT_FOUND.message} (${request.method} ${request.url})` });
  });
}
