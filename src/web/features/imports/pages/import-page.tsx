import { InboxOutlined } from '@ant-design/icons';
import { PageHeader } from '@web/ui/page-header';
import { Tabs, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { ImportUploadPanel, type UploadEntry } from '../components/import-upload-panel';
import { useApplyImport, useUploadImport } from '../imports.queries';

const ACCEPTED = '.txt,.md,.docx,.xlsx';

export function ImportPage() {
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const [activeKey, setActiveKey] = useState<string | undefined>(undefined);
  const upload = useUploadImport();
  const apply = useApplyImport();
  // Files are read one at a time: the server parses on 2 shared cores and a queue keeps previews in order.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const counter = useRef(0);

  const updateEntry = (key: string, patch: Partial<UploadEntry>) => {
    setEntries((current) => current.map((e) => (e.key === key ? { ...e, ...patch } : e)));
  };

  const handleFile = (file: File) => {
    counter.current += 1;
    const key = `upload-${counter.current}`;
    setEntries((current) => [...current, { key, fileName: file.name, state: 'waiting' }]);
    setActiveKey(key);
    queue.current = queue.current.then(async () => {
      updateEntry(key, { state: 'reading' });
      try {
        const result = await upload.mutateAsync(file);
        updateEntry(key, { state: 'ready', upload: result });
      } catch (error) {
        updateEntry(key, { state: 'failed', error });
      }
    });
  };

  const handleApply = async (entry: UploadEntry) => {
    if (!entry.upload) {
      return;
    }
    updateEntry(entry.key, { isApplying: true, applyError: undefined });
    try {
      const applied = await apply.mutateAsync(entry.upload.uploadId);
      updateEntry(entry.key, { isApplying: false, applied });
    } catch (error) {
      updateEntry(entry.key, { isApplying: false, applyError: error });
    }
  };

  return (
    <div>
      <PageHeader
        title="Nhập dữ liệu"
        subtitle="Tải lên văn bản chỉ đạo hoặc báo cáo (.txt, .md, .docx, .xlsx); xem trước rồi xác nhận nhập"
      />
      <div data-testid="import-upload">
        <Upload.Dragger
          accept={ACCEPTED}
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            handleFile(file);
            return Upload.LIST_IGNORE;
          }}
        >
          {entries.length === 0 ? (
            <>
              <InboxOutlined style={{ fontSize: 40, color: '#1677ff' }} />
              <Typography.Paragraph style={{ fontSize: 16, marginBottom: 4 }}>
                Kéo thả tệp vào đây hoặc bấm để chọn tệp
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                Có thể chọn nhiều tệp; mỗi tệp được đọc lần lượt và hiển thị bản xem trước riêng.
              </Typography.Text>
            </>
          ) : (
            // Once previews are on screen the drop zone shrinks to one line so the preview gets the room.
            <Typography.Text>
              <InboxOutlined style={{ color: '#1677ff', marginRight: 8 }} />
              Kéo thả hoặc bấm để nhập thêm tệp
            </Typography.Text>
          )}
        </Upload.Dragger>
      </div>
      {entries.length > 0 ? (
        <Tabs
          style={{ marginTop: 16 }}
          activeKey={activeKey}
          onChange={setActiveKey}
          destroyOnHidden
          items={entries.map((entry) => ({
            key: entry.key,
            label: entry.fileName,
            children: <ImportUploadPanel entry={entry} onApply={(e) => void handleApply(e)} />,
          }))}
        />
      ) : null}
    </div>
  );
}
