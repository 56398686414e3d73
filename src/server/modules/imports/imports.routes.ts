import type { AppDeps } from '@server/app-deps';
import { readUploadedFile } from '@server/lib/read-upload';
import { ImportResultSchema } from '@shared/contracts/imports';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applyUpload, createUpload } from './uploads.service';

const UploadResponseSchema = z.object({ uploadId: z.string(), fileName: z.string(), result: ImportResultSchema });

export async function registerImportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/imports/uploads',
    {
      schema: {
        tags: ['imports'],
        summary: 'Tải tệp lên và xem trước kết quả nhập (chạy thử, không ghi dữ liệu)',
        consumes: ['multipart/form-data'],
        response: { 200: UploadResponseSchema },
      },
      config: { access: 'standing-office', rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => {
      const upload = await readUploadedFile(request, {
        missingMessage: 'Chưa chọn tệp để nhập.',
        defaultName: 'van-ban',
      });
      return createUpload(deps, upload);
    },
  );
  r.post(
    '/imports/uploads/:uploadId/apply',
    {
      schema: {
        tags: ['imports'],
        summary: 'Xác nhận nhập tệp đã tải lên (ghi dữ liệu, tất cả hoặc không)',
        params: z.object({ uploadId: z.string().regex(/^[a-f0-9]{64}$/) }),
        response: { 200: ImportResultSchema },
      },
      config: { access: 'standing-office' },
    },
    async (request) =>
      applyUpload(deps, request.params.uploadId, {
        userId: request.actor?.userId ?? null,
        agencyId: request.actor?.agencyId ?? null,
        ip: request.ip,
      }),
  );
}
