import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error';

export type UploadedFile = { fileName: string; bytes: Buffer };

/**
 * Reads the one file of a multipart request (field "file") into memory. The size is bounded by the multipart limit
 * set in buildApp; a file over it is FILE_TOO_LARGE, a missing one VALIDATION_FAILED with the caller's message.
 */
export async function readUploadedFile(
  request: FastifyRequest,
  options: { missingMessage: string; defaultName: string },
): Promise<UploadedFile> {
  if (!request.isMultipart()) {
    throw new AppError('VALIDATION_FAILED', 'Cần gửi tệp dạng multipart/form-data (trường "file").');
  }
  const part = await request.file();
  if (!part) {
    throw new AppError('VALIDATION_FAILED', options.missingMessage);
  }
  const bytes = await part.toBuffer();
  if (part.file.truncated) {
    throw new AppError('FILE_TOO_LARGE');
  }
  return { fileName: part.filename || options.defaultName, bytes };
}
