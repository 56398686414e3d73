import {
  PROGRESS_STATE_LABELS,
  PROGRESS_STATES,
  type ProgressReport,
  type ProgressState,
} from '@shared/contracts/reporting';
import { ApiError, errorMessage } from '@web/api/client';
import { formatBytes } from '@web/ui/format';
import {
  Alert,
  message as antdMessage,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  evidenceDownloadUrl,
  useAddEvidenceReference,
  useRemoveEvidence,
  useReport,
  useReportStep,
  useReports,
  useSaveDraft,
  useUploadEvidence,
} from '../reporting.queries';
import { periodLabel } from '../reporting-labels';

export type ReportFormTarget = {
  assignmentId: string;
  taskId: string;
  taskText: string;
  role: 'lead' | 'coordinator';
  period: string;
  /** The latest version for the period, if any (a draft is edited; an accepted/returned one is corrected). */
  reportId: string | null;
};

export type ReportFormModalProps = {
  target: ReportFormTarget | null;
  onClose: () => void;
};

type FormValues = {
  state: ProgressState;
  completedOn?: Dayjs | null;
  product?: string;
  narrative?: string;
  citedReportIds?: string[];
};

const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';

/**
 * Files or corrects the report of one assignment for a period: state, completion date, product, narrative, the
 * coordinators' contributions it cites (lead only), and evidence (files checked by content on the server, links,
 * document references). "Lưu nháp" saves; "Gửi báo cáo" saves then submits to the agency leader.
 */
export function ReportFormModal({ target, onClose }: ReportFormModalProps) {
  const [message, messageContext] = antdMessage.useMessage();
  const [form] = Form.useForm<FormValues>();
  const [draftId, setDraftId] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const existing = useReport(target?.reportId ?? undefined);
  const current = useReport(draftId ?? undefined);
  const contributions = useReports({ taskId: target?.taskId }, { enabled: Boolean(target && target.role === 'lead') });
  const save = useSaveDraft();
  const step = useReportStep();
  const upload = useUploadEvidence();
  const addReference = useAddEvidenceReference();
  const removeEvidence = useRemoveEvidence();

  const base: ProgressReport | undefined = current.data ?? existing.data;
  const editingDraft = base?.workflowStatus === 'draft' ? base : undefined;
  const report = draftId ? current.data : editingDraft;
  const state = Form.useWatch('state', form);
  const coordinatorReports = (contributions.data ?? []).filter(
    (r) => r.role === 'coordinator' && r.workflowStatus !== 'draft' && r.taskId === target?.taskId,
  );

  const handleOpen = (open: boolean) => {
    if (!open) {
      return;
    }
    setDraftId(null);
    setReference('');
    const from = existing.data;
    form.setFieldsValue({
      state: from?.state ?? 'in-progress',
      completedOn: from?.completedOn ? dayjs(from.completedOn) : null,
      product: from?.product ?? '',
      narrative: from?.narrative ?? '',
      citedReportIds: from?.citedReportIds ?? [],
    });
  };

  const persist = async (): Promise<ProgressReport | null> => {
    if (!target) {
      return null;
    }
    const values = await form.validateFields();
    try {
      const saved = await save.mutateAsync({
        assignmentId: target.assignmentId,
        period: target.period,
        state: values.state,
        narrative: values.narrative ?? '',
        completedOn:
          values.state === 'completed' && values.completedOn ? values.completedOn.format('YYYY-MM-DD') : null,
        product: values.product || null,
        citedReportIds: values.citedReportIds ?? [],
        ...(report ? { rowVersion: report.rowVersion } : {}),
      });
      setDraftId(saved.id);
      return saved;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        message.error('Bản nháp vừa được người khác sửa. Đã tải lại bản mới nhất; hãy kiểm tra rồi lưu lại.');
        await Promise.all([existing.refetch(), current.refetch()]);
        const details = error.details as { reportId?: string } | undefined;
        if (details?.reportId) {
          setDraftId(details.reportId);
        }
      } else {
        message.error(errorMessage(error));
      }
      return null;
    }
  };

  const handleSave = async () => {
    if (await persist()) {
      message.success('Đã lưu bản nháp.');
    }
  };

  const handleSubmit = async () => {
    const saved = await persist();
    if (!saved) {
      return;
    }
    try {
      await step.mutateAsync({ id: saved.id, step: 'submit', rowVersion: saved.rowVersion });
      message.success('Đã gửi báo cáo lên lãnh đạo cơ quan.');
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const ensureDraft = async () => report ?? (await persist());

  const handleUpload = async (file: File) => {
    const draft = await ensureDraft();
    if (!draft) {
      return;
    }
    try {
      await upload.mutateAsync({ reportId: draft.id, file });
      await current.refetch();
      message.success(`Đã tải lên ${file.name}.`);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const handleAddReference = async () => {
    const text = reference.trim();
    if (!text) {
      return;
    }
    const draft = await ensureDraft();
    if (!draft) {
      return;
    }
    try {
      const isUrl = /^https?:\/\//i.test(text);
      await addReference.mutateAsync({
        reportId: draft.id,
        kind: isUrl ? 'link' : 'document',
        ...(isUrl ? { url: text } : { referenceText: text }),
      });
      setReference('');
      await current.refetch();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const handleRemove = async (evidenceId: string) => {
    try {
      await removeEvidence.mutateAsync(evidenceId);
      await current.refetch();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const correcting = base && base.workflowStatus !== 'draft';
  const busy = save.isPending || step.isPending;
  return (
    <>
      {messageContext}
      <Modal
        open={Boolean(target)}
        title={target ? `Báo cáo ${periodLabel(target.period)}` : ''}
        onCancel={onClose}
        afterOpenChange={handleOpen}
        width={760}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={onClose}>Đóng</Button>
            <Button onClick={handleSave} loading={save.isPending} disabled={busy} data-testid="report-save">
              Lưu nháp
            </Button>
            <Button
              type="primary"
              onClick={handleSubmit}
              loading={step.isPending}
              disabled={busy}
              data-testid="report-submit"
            >
              Gửi báo cáo
            </Button>
          </Space>
        }
      >
        {target ? (
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 12 }}>
            <Tag color={target.role === 'lead' ? 'blue' : 'default'}>
              {target.role === 'lead' ? 'Chủ trì' : 'Phối hợp'}
            </Tag>
            {target.taskText}
          </Typography.Paragraph>
        ) : null}
        {correcting ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`Phiên bản ${base?.version} đã ${base?.workflowStatus === 'returned' ? 'bị trả lại' : 'được tiếp nhận'}; lưu sẽ tạo phiên bản sửa mới (không ghi đè).`}
            description={base?.returnReason ? `Lý do trả lại: ${base.returnReason}` : undefined}
          />
        ) : null}
        <Form form={form} layout="vertical" requiredMark={false} data-testid="report-form">
          <Form.Item name="state" label="Tình trạng thực hiện" rules={[{ required: true }]}>
            <Select
              data-testid="report-state"
              options={PROGRESS_STATES.map((s) => ({ value: s, label: PROGRESS_STATE_LABELS[s] }))}
            />
          </Form.Item>
          {state === 'completed' ? (
            <Form.Item
              name="completedOn"
              label="Ngày hoàn thành"
              rules={[{ required: true, message: 'Cần ngày hoàn thành' }]}
            >
              <DatePicker
                format="DD/MM/YYYY"
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                data-testid="report-completed-on"
              />
            </Form.Item>
          ) : null}
          <Form.Item name="product" label="Sản phẩm (số, ký hiệu, ngày văn bản ban hành…)">
            <Input placeholder="Quyết định số 1169/QĐ-TTg ngày 16/6/2025" data-testid="report-product" />
          </Form.Item>
          <Form.Item name="narrative" label="Kết quả thực hiện">
            <Input.TextArea rows={4} data-testid="report-narrative" />
          </Form.Item>
          {target?.role === 'lead' && coordinatorReports.length > 0 ? (
            <Form.Item name="citedReportIds" label="Trích dẫn báo cáo của cơ quan phối hợp">
              <Select
                mode="multiple"
                options={coordinatorReports.map((r) => ({
                  value: r.id,
                  label: `${r.agencyName} — ${periodLabel(r.period)} (v${r.version}): ${PROGRESS_STATE_LABELS[r.state]}`,
                }))}
              />
            </Form.Item>
          ) : null}
        </Form>
        <Typography.Title level={5}>Minh chứng</Typography.Title>
        <List
          size="small"
          dataSource={report?.evidence ?? []}
          locale={{ emptyText: 'Chưa có minh chứng' }}
          renderItem={(e) => (
            <List.Item
              actions={[
                <Button key="remove" size="small" danger type="link" onClick={() => handleRemove(e.id)}>
                  Gỡ
                </Button>,
              ]}
            >
              {e.kind === 'file' ? (
                <a href={evidenceDownloadUrl(e.id)}>
                  {e.fileName} ({e.detectedType?.toUpperCase()}, {formatBytes(e.sizeBytes ?? 0)})
                </a>
              ) : e.kind === 'link' ? (
                <a href={e.url ?? '#'} target="_blank" rel="noreferrer noopener">
                  {e.url}
                </a>
              ) : (
                <span>{e.referenceText}</span>
              )}
            </List.Item>
          )}
        />
        <Flex gap={8} style={{ marginTop: 8 }} wrap>
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              void handleUpload(file);
              return false;
            }}
          >
            <Button loading={upload.isPending} data-testid="report-upload">
              Tải tệp (PDF, Word, Excel, ảnh)
            </Button>
          </Upload>
          <Input
            style={{ flex: 1, minWidth: 240 }}
            placeholder="Đường dẫn https://… hoặc số, ký hiệu văn bản"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            onPressEnter={handleAddReference}
            data-testid="report-reference"
          />
          <Button onClick={handleAddReference} loading={addReference.isPending}>
            Thêm
          </Button>
        </Flex>
      </Modal>
    </>
  );
}
