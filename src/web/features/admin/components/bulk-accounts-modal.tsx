import { InboxOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@shared/contracts/auth';
import type { BulkPreview, BulkPreviewRow, BulkRowStatus } from '@shared/contracts/users';
import { errorMessage } from '@web/api/client';
import { Alert, Button, Modal, Space, Table, type TableColumnsType, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { saveBlob, useBulkCreate, useBulkPreview } from '../admin.queries';

const STATUS_TAGS: Record<BulkRowStatus, { color: string; label: string }> = {
  create: { color: 'green', label: 'Sẽ tạo' },
  exists: { color: 'default', label: 'Đã có' },
  duplicate: { color: 'orange', label: 'Trùng' },
  'unknown-agency': { color: 'red', label: 'Không rõ cơ quan' },
  'ambiguous-agency': { color: 'red', label: 'Chưa rõ cơ quan' },
};

export type BulkAccountsModalProps = { open: boolean; onClose: () => void };

/**
 * Bulk creation: upload an agency list (.xlsx, a "Cơ quan" column), check the preview, then create one reporter and
 * one leader account per agency. The one-time passwords arrive as a spreadsheet, downloaded once.
 */
export function BulkAccountsModal({ open, onClose }: BulkAccountsModalProps) {
  const preview = useBulkPreview();
  const create = useBulkCreate();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<BulkPreview | null>(null);
  const [created, setCreated] = useState<number | null>(null);

  const handleClose = () => {
    setFile(null);
    setResult(null);
    setCreated(null);
    preview.reset();
    create.reset();
    onClose();
  };
  const handleFile = async (chosen: File) => {
    setFile(chosen);
    setCreated(null);
    setResult(await preview.mutateAsync(chosen));
  };
  const handleCreate = async () => {
    if (!file) {
      return;
    }
    const done = await create.mutateAsync(file);
    saveBlob(done.file, done.fileName);
    setCreated(done.created);
    setResult(null);
  };

  const columns: TableColumnsType<BulkPreviewRow> = [
    { title: 'Dòng', dataIndex: 'row', width: 64 },
    { title: 'Tên trong tệp', dataIndex: 'input' },
    { title: 'Cơ quan', key: 'agency', render: (_, r) => r.agency?.name ?? '' },
    {
      title: 'Tài khoản',
      key: 'accounts',
      render: (_, r) =>
        r.accounts.map((a) => (
          <div key={a.loginName}>
            <Typography.Text code>{a.loginName}</Typography.Text> {ROLE_LABELS[a.role]}
            {a.exists ? <Typography.Text type="secondary"> (đã có)</Typography.Text> : null}
          </div>
        )),
    },
    {
      title: 'Kết quả',
      key: 'status',
      width: 150,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_TAGS[r.status].color}>{STATUS_TAGS[r.status].label}</Tag>
          {r.message ? <Typography.Text type="secondary">{r.message}</Typography.Text> : null}
        </Space>
      ),
    },
  ];

  return (
    <Modal
      open={open}
      title="Tạo tài khoản hàng loạt"
      width={960}
      onCancel={handleClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={handleClose}>Đóng</Button>
          <Button
            type="primary"
            disabled={!result || result.summary.accountsToCreate === 0}
            loading={create.isPending}
            onClick={() => void handleCreate()}
            data-testid="bulk-create"
          >
            Tạo {result?.summary.accountsToCreate ?? 0} tài khoản và tải tệp mật khẩu
          </Button>
        </Space>
      }
    >
      <Upload.Dragger
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(chosen) => {
          void handleFile(chosen);
          return Upload.LIST_IGNORE;
        }}
      >
        <InboxOutlined style={{ fontSize: 32, color: '#1677ff' }} />
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {file ? file.name : 'Chọn hoặc kéo thả tệp .xlsx có cột “Cơ quan”'}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          Mỗi cơ quan: 1 tài khoản cán bộ báo cáo, 1 tài khoản lãnh đạo.
        </Typography.Text>
      </Upload.Dragger>
      {preview.error ? (
        <Alert type="error" showIcon title={errorMessage(preview.error)} style={{ marginTop: 16 }} />
      ) : null}
      {create.error ? (
        <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginTop: 16 }} />
      ) : null}
      {created !== null ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={`Đã tạo ${created} tài khoản. Tệp mật khẩu dùng một lần đã được tải về; hệ thống không lưu bản nào khác.`}
          data-testid="bulk-done"
        />
      ) : null}
      {result ? (
        <>
          <Typography.Paragraph style={{ marginTop: 16 }}>
            {result.summary.rows} dòng: {result.summary.agencies} cơ quan sẽ có tài khoản (
            {result.summary.accountsToCreate} tài khoản mới), {result.summary.skipped} dòng bỏ qua.
          </Typography.Paragraph>
          <Table<BulkPreviewRow>
            rowKey="row"
            size="small"
            columns={columns}
            dataSource={result.rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
            data-testid="bulk-preview"
          />
        </>
      ) : null}
    </Modal>
  );
}
