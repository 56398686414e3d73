import type { ImportResult } from '@shared/contracts/imports';
import { ApiError, errorMessage } from '@web/api/client';
import { DirectiveKeyLinks } from '@web/features/directives/components/directive-key-links';
import { Alert, Button, Flex, Spin, Tooltip, Typography } from 'antd';
import { hasBlockingErrors, type ImportUpload } from '../imports.queries';
import { ImportPreview } from './import-preview';
import { ImportProblemTable } from './import-problem-table';

export type UploadEntry = {
  key: string;
  fileName: string;
  state: 'waiting' | 'reading' | 'ready' | 'failed';
  upload?: ImportUpload;
  error?: unknown;
  isApplying?: boolean;
  applied?: ImportResult;
  applyError?: unknown;
};

export type ImportUploadPanelProps = { entry: UploadEntry; onApply: (entry: UploadEntry) => void };

function problemsOf(error: unknown): ImportResult['problems'] {
  if (!(error instanceof ApiError) || !error.details || typeof error.details !== 'object') {
    return [];
  }
  const problems = (error.details as { problems?: unknown }).problems;
  return Array.isArray(problems) ? (problems as ImportResult['problems']) : [];
}

/** One uploaded file: its dry-run preview, the confirm button, and the outcome. */
export function ImportUploadPanel({ entry, onApply }: ImportUploadPanelProps) {
  if (entry.state === 'waiting' || entry.state === 'reading') {
    return (
      <Flex justify="center" style={{ padding: 32 }}>
        <Spin description={entry.state === 'waiting' ? 'Đang chờ tới lượt…' : 'Đang đọc tệp…'} />
      </Flex>
    );
  }
  if (entry.state === 'failed' || !entry.upload) {
    return <Alert type="error" showIcon title="Không đọc được tệp" description={errorMessage(entry.error)} />;
  }

  const { upload } = entry;
  const { applied, applyError } = entry;
  const result = applied ?? upload.result;
  const isBlocked = hasBlockingErrors(upload.result);
  const directiveKeys = [...new Set(result.directives.map((d) => d.key))];

  return (
    <div>
      {applied ? (
        <Alert
          data-testid="import-success"
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={`Đã nhập “${upload.fileName}”: ${applied.summary.created} nhiệm vụ tạo mới, ${applied.summary.updated} cập nhật, ${applied.summary.unchanged} không đổi.`}
          description={
            directiveKeys.length > 0 ? (
              <Flex gap={8} wrap>
                <span>Xem văn bản:</span>
                <DirectiveKeyLinks keys={directiveKeys} />
              </Flex>
            ) : null
          }
        />
      ) : (
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
          <Tooltip title={isBlocked ? 'Tệp còn lỗi cần sửa; không nhập được.' : undefined}>
            <Button
              type="primary"
              data-testid="import-apply"
              disabled={isBlocked}
              loading={entry.isApplying}
              onClick={() => onApply(entry)}
            >
              Xác nhận nhập
            </Button>
          </Tooltip>
          <Typography.Text type="secondary">
            {isBlocked
              ? 'Có lỗi chặn việc nhập: xem thẻ “Lỗi và cảnh báo”, sửa tệp rồi tải lên lại.'
              : 'Đây là bản xem trước: dữ liệu chưa được ghi cho tới khi bạn xác nhận.'}
          </Typography.Text>
        </Flex>
      )}
      {applyError ? (
        <Alert
          data-testid="import-apply-error"
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="Không nhập được"
          description={
            <div>
              <div>{errorMessage(applyError)}</div>
              {problemsOf(applyError).length > 0 ? <ImportProblemTable problems={problemsOf(applyError)} /> : null}
            </div>
          }
        />
      ) : null}
      <ImportPreview result={result} />
    </div>
  );
}
