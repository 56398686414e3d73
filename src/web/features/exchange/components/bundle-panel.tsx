import { UploadOutlined } from '@ant-design/icons';
import { EXCHANGE_OBJECT_LABELS, EXCHANGE_OBJECT_TYPES, type Partner } from '@shared/contracts/exchange';
import { BUNDLE_EXTENSION, type BundleImportResult } from '@shared/contracts/exchange-bundle';
import { formatNumber } from '@shared/lib/vn-format';
import { errorMessage } from '@web/api/client';
import { saveBlob } from '@web/features/admin/admin.queries';
import { formatDateTime } from '@web/ui/format';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  InputNumber,
  Select,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { bundleOutcomeRows, bundleProblemsOf, bundleResultSummary, inboundOutcomeLabel } from '../bundle-format';
import { type BundleDownload, useCheckBundle, useDownloadBundle, useImportBundle } from '../exchange.queries';
import { objectTypeLabel } from '../exchange-labels';

const TYPE_OPTIONS = EXCHANGE_OBJECT_TYPES.map((t) => ({ value: t, label: EXCHANGE_OBJECT_LABELS[t] }));

export type BundleExportCardProps = { highWatermark: number | undefined };

/** Downloads this system's signed bundle for a partner that has no API (sent by mail, USB, the document system…). */
export function BundleExportCard({ highWatermark }: BundleExportCardProps) {
  const { message } = App.useApp();
  const download = useDownloadBundle();
  const [after, setAfter] = useState<number>(0);
  const [types, setTypes] = useState<string[]>([]);
  const [last, setLast] = useState<BundleDownload | null>(null);

  const handleDownload = async () => {
    try {
      const done = await download.mutateAsync({ after, types });
      saveBlob(done.file, done.fileName);
      setLast(done);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Card title="Xuất gói dữ liệu" size="small" style={{ marginBottom: 16 }} data-testid="bundle-export">
      <Typography.Paragraph type="secondary">
        Gói dữ liệu ({BUNDLE_EXTENSION}) được ký bằng khóa của hệ thống này, gồm các thay đổi sau mốc đã chọn và tệp
        minh chứng kèm theo. Gửi gói cho hệ thống đối tác không kết nối qua API để họ nhập.
      </Typography.Paragraph>
      <Flex gap={16} wrap align="flex-end">
        <div>
          <Typography.Text>Từ sau thay đổi số</Typography.Text>
          <div>
            <InputNumber
              data-testid="bundle-after"
              min={0}
              precision={0}
              value={after}
              onChange={(value) => setAfter(typeof value === 'number' ? value : 0)}
              style={{ width: 180 }}
            />
          </div>
        </div>
        <div style={{ flex: '1 1 320px', minWidth: 280 }}>
          <Typography.Text>Loại dữ liệu</Typography.Text>
          <Select
            data-testid="bundle-types"
            mode="multiple"
            allowClear
            placeholder="Mọi loại dữ liệu"
            value={types}
            onChange={setTypes}
            options={TYPE_OPTIONS}
            style={{ width: '100%' }}
          />
        </div>
        <Button
          type="primary"
          data-testid="bundle-download"
          loading={download.isPending}
          onClick={() => void handleDownload()}
        >
          Tải gói dữ liệu
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        0 = toàn bộ dữ liệu.
        {highWatermark !== undefined ? (
          <>
            {' '}
            Thay đổi mới nhất của hệ thống này: số{' '}
            <Typography.Text strong data-testid="bundle-high-watermark">
              {formatNumber(highWatermark)}
            </Typography.Text>
            . Lần sau, nhập số “đến thay đổi số” của gói vừa gửi để chỉ gửi phần mới.
          </>
        ) : null}
      </Typography.Paragraph>
      {last ? (
        <Alert
          data-testid="bundle-download-result"
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={`Đã tải “${last.fileName}”: ${formatNumber(last.events)} sự kiện, đến thay đổi số ${formatNumber(last.toSeq)}.`}
        />
      ) : null}
    </Card>
  );
}

function BundleProblemsAlert({ error }: { error: unknown }) {
  const problems = bundleProblemsOf(error);
  if (problems === null) {
    return (
      <Alert
        data-testid="bundle-error"
        type="error"
        showIcon
        style={{ marginBottom: 12 }}
        title="Không xử lý được gói dữ liệu"
        description={errorMessage(error)}
      />
    );
  }
  return (
    <Alert
      data-testid="bundle-problems"
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title="Gói dữ liệu bị từ chối: không có dữ liệu nào được nhập."
      description={
        problems.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {problems.map((p) => (
              <li key={`${p.code}|${p.path ?? ''}|${p.message}`} data-testid="bundle-problem">
                {p.message}
                {p.path ? <Typography.Text type="secondary"> ({p.path})</Typography.Text> : null}
              </li>
            ))}
          </ul>
        ) : (
          errorMessage(error)
        )
      }
    />
  );
}

function BundleResultView({ result }: { result: BundleImportResult }) {
  const rows = bundleOutcomeRows(result.counts);
  return (
    <div data-testid={result.dryRun ? 'bundle-check-result' : 'bundle-import-result'}>
      <Alert
        type={result.dryRun ? 'info' : 'success'}
        showIcon
        style={{ marginBottom: 12 }}
        title={bundleResultSummary(result)}
      />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="Hệ thống gửi">{result.system}</Descriptions.Item>
        <Descriptions.Item label="Thời điểm lập gói">{formatDateTime(result.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="Số sự kiện">
          <span data-testid="bundle-result-events">{formatNumber(result.events)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="Tệp minh chứng">{formatNumber(result.files)}</Descriptions.Item>
        <Descriptions.Item label="Thay đổi của bên gửi">
          từ sau số {formatNumber(result.fromSeq)} đến số {formatNumber(result.toSeq)}
        </Descriptions.Item>
      </Descriptions>
      {rows.length > 0 ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="bundle-outcomes">
          {rows.map((r) => (
            <Tag key={r.outcome} color={r.needsAttention ? 'orange' : 'green'}>
              {r.label}: {formatNumber(r.count)}
            </Tag>
          ))}
        </Flex>
      ) : null}
      {result.attention.length > 0 ? (
        <Table
          size="small"
          rowKey="eventId"
          title={() => 'Sự kiện cần xử lý (xung đột, chờ dữ liệu liên quan, chờ ánh xạ mã, bị từ chối)'}
          dataSource={result.attention}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: 'Loại dữ liệu', dataIndex: 'objectType', render: (t: string) => objectTypeLabel(t) },
            { title: 'Mã đối tượng', dataIndex: 'objectId' },
            {
              title: 'Kết quả',
              dataIndex: 'outcome',
              render: (o: string) => inboundOutcomeLabel(o),
            },
            { title: 'Lý do', dataIndex: 'reason', render: (r: string | undefined) => r ?? '—' },
          ]}
        />
      ) : null}
    </div>
  );
}

export type BundleImportCardProps = { partner: Partner };

/**
 * Imports a bundle a partner sent: a dry run first (nothing is written), then the import. The import button is
 * offered only after the chosen file passed the check, so an official never imports a file they have not seen.
 */
export function BundleImportCard({ partner }: BundleImportCardProps) {
  const check = useCheckBundle();
  const importer = useImportBundle();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<BundleImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = (next: File | null) => {
    setFile(next);
    setResult(null);
    setError(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) {
      return;
    }
    setError(null);
    try {
      const mutation = dryRun ? check : importer;
      setResult(await mutation.mutateAsync({ partnerId: partner.id, file }));
    } catch (caught) {
      setResult(null);
      setError(caught);
    }
  };

  const checked = result?.dryRun === true;
  const imported = result?.dryRun === false;

  return (
    <Card title={`Nhập gói dữ liệu từ ${partner.name}`} size="small" data-testid="bundle-import">
      <Typography.Paragraph type="secondary">
        Hệ thống kiểm tra chữ ký của gói bằng khóa công khai đã đăng ký của đối tác và mã SHA-256 của từng tệp; gói bị
        sửa đổi sẽ bị từ chối toàn bộ. Nhập lại cùng một gói không tạo bản trùng.
      </Typography.Paragraph>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <div data-testid="bundle-file">
          <Upload
            accept={BUNDLE_EXTENSION}
            maxCount={1}
            beforeUpload={(picked) => {
              reset(picked);
              return false;
            }}
            onRemove={() => reset(null)}
            fileList={file ? [{ uid: 'bundle', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>Chọn tệp {BUNDLE_EXTENSION}</Button>
          </Upload>
        </div>
        <Button
          data-testid="bundle-check"
          disabled={!file || importer.isPending}
          loading={check.isPending}
          onClick={() => void run(true)}
        >
          Kiểm tra (chạy thử)
        </Button>
        <Button
          type="primary"
          data-testid="bundle-import-submit"
          disabled={!checked || check.isPending}
          loading={importer.isPending}
          onClick={() => void run(false)}
        >
          Nhập gói dữ liệu
        </Button>
      </Flex>
      {!file ? (
        <Typography.Paragraph type="secondary">
          Chọn tệp gói dữ liệu đối tác gửi, rồi kiểm tra trước khi nhập.
        </Typography.Paragraph>
      ) : null}
      {imported ? null : checked ? (
        <Typography.Paragraph type="secondary">
          Đây là kết quả chạy thử: dữ liệu chưa được ghi cho tới khi bạn bấm “Nhập gói dữ liệu”.
        </Typography.Paragraph>
      ) : null}
      {error ? <BundleProblemsAlert error={error} /> : null}
      {result ? <BundleResultView result={result} /> : null}
    </Card>
  );
}
