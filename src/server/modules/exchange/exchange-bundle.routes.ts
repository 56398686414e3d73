import type { AppDeps } from '@server/app-deps';
import { readUploadedFile } from '@server/lib/read-upload';
import { requireActor } from '@server/lib/request-context';
import {
  BUNDLE_EXTENSION,
  BUNDLE_MEDIA_TYPE,
  BundleExportQuerySchema,
  BundleImportQuerySchema,
  BundleImportResultSchema,
} from '@shared/contracts/exchange-bundle';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createBundle, importBundle } from './bundle';
import { parseTypes } from './change-feed';

const MANAGERS = ['standing-office', 'admin'] as const;

/** File-based exchange for partners without an API: download this system's signed bundle, import a partner's. */
export async function registerExchangeBundleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = { db: deps.db, clock: deps.clock, storage: deps.storage, config: deps.config.exchange };
  const tags = ['exchange (administration)'];
  const access = [...MANAGERS];

  r.get(
    '/exchange/bundle',
    {
      schema: {
        tags,
        summary: `Tải gói dữ liệu đã ký (${BUNDLE_EXTENSION}) gồm các thay đổi sau mốc "after", kèm tệp minh chứng`,
        querystring: BundleExportQuerySchema,
        produces: [BUNDLE_MEDIA_TYPE],
        response: { 200: z.unknown().describe('Tệp .tdx (ZIP): manifest.json, manifest.sig, events.jsonl, files/') },
      },
      config: { access, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const built = await createBundle(svc, { after: request.query.after, types: parseTypes(request.query.types) });
      const stamp = built.manifest.createdAt.slice(0, 10);
      const name = `${built.manifest.system}-${built.manifest.fromSeq}-${built.manifest.toSeq}-${stamp}${BUNDLE_EXTENSION}`;
      return reply
        .header('content-type', BUNDLE_MEDIA_TYPE)
        .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
        .header('cache-control', 'no-store')
        .header('x-tiendo-bundle-events', String(sumCounts(built.manifest.counts)))
        .header('x-tiendo-bundle-to-seq', String(built.manifest.toSeq))
        .send(built.bytes);
    },
  );

  r.post(
    '/exchange/partners/:partnerId/bundle',
    {
      schema: {
        tags,
        summary:
          'Nhập gói dữ liệu do hệ thống đối tác gửi (kiểm tra chữ ký, mã SHA-256; nhập lại không tạo bản trùng); dryRun=true để xem trước',
        consumes: ['multipart/form-data'],
        params: z.object({ partnerId: z.string().min(1) }),
        querystring: BundleImportQuerySchema,
        response: { 200: BundleImportResultSchema },
      },
      config: { access, rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const upload = await readUploadedFile(request, {
        missingMessage: 'Chưa chọn gói dữ liệu (.tdx) để nhập.',
        defaultName: `goi-du-lieu${BUNDLE_EXTENSION}`,
      });
      return importBundle(svc, request.params.partnerId, upload.bytes, { dryRun: request.query.dryRun, actor });
    },
  );
}

function sumCounts(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
