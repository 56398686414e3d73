import {
  PROGRESS_STATE_LABELS,
  type ProgressReport,
  WORKFLOW_STATUS_LABELS,
  type WorkflowStatus,
} from '@shared/contracts/reporting';
import { formatIsoDate } from '@shared/lib/vn-format';
import { errorMessage } from '@web/api/client';
import { Link, useSearchParams } from '@web/app/router';
import { useSession } from '@web/features/auth/auth.queries';
import { formatBytes, formatDateTime } from '@web/ui/format';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import {
  message as antdMessage,
  Button,
  DatePicker,
  Descriptions,
  Flex,
  Input,
  Modal,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { evidenceDownloadUrl, useReportStep, useReports, useReturnReport } from '../reporting.queries';
import { periodLabel, STATE_COLORS, WORKFLOW_COLORS } from '../reporting-labels';

const ACTION_LABELS: Record<string, string> = {
  create: 'Lập báo cáo',
  save: 'Lưu nháp',
  submit: 'Gửi lãnh đạo',
  approve: 'Lãnh đạo duyệt',
  accept: 'Thường trực tiếp nhận',
  return: 'Trả lại',
};

function ReportDetail({ report }: { report: ProgressReport }) {
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="Tình trạng">{PROGRESS_STATE_LABELS[report.state]}</Descriptions.Item>
        <Descriptions.Item label="Ngày hoàn thành">{formatIsoDate(report.completedOn) || '—'}</Descriptions.Item>
        <Descriptions.Item label="Sản phẩm" span={2}>
          {report.product || '—'}
        </Descriptions.Item>
        <Descriptions.Item label="Kết quả thực hiện" span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {report.narrative || '—'}
          </Typography.Paragraph>
        </Descriptions.Item>
        {report.citedReportIds.length > 0 ? (
          <Descriptions.Item label="Trích dẫn báo cáo phối hợp" span={2}>
            {report.citedReportIds.length} báo cáo
          </Descriptions.Item>
        ) : null}
        {report.enteredIn ? (
          <Descriptions.Item label="Nguồn" span={2}>
            <Tag color="purple" data-testid="report-entered-in">
              Nhập tại {report.enteredIn.name}
            </Tag>
            <Typography.Text type="secondary">nhận qua liên thông dữ liệu, không cần nhập lại</Typography.Text>
          </Descriptions.Item>
        ) : null}
        {report.returnReason ? (
          <Descriptions.Item label="Lý do trả lại" span={2}>
            <Typography.Text type="danger">{report.returnReason}</Typography.Text>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <div>
        <Typography.Text strong>Minh chứng</Typography.Text>
        {report.evidence.length === 0 ? (
          <Typography.Paragraph type="secondary">Không có minh chứng.</Typography.Paragraph>
        ) : (
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {report.evidence.map((e) => (
              <li key={e.id}>
                {e.kind === 'file' ? (
                  <a href={evidenceDownloadUrl(e.id)} data-testid="evidence-download">
                    {e.fileName} ({e.detectedType?.toUpperCase()}, {formatBytes(e.sizeBytes ?? 0)})
                  </a>
                ) : e.kind === 'link' ? (
                  <a href={e.url ?? '#'} target="_blank" rel="noreferrer noopener">
                    {e.url}
                  </a>
                ) : (
                  e.referenceText
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <Timeline
        items={report.events.map((e) => ({
          color: e.action === 'return' ? 'red' : e.action === 'accept' ? 'green' : 'blue',
          content: `${formatDateTime(e.at)} — ${ACTION_LABELS[e.action] ?? e.action}${e.reason ? `: ${e.reason}` : ''}`,
        }))}
      />
    </Flex>
  );
}

/**
 * Review queue: the agency leader approves or returns its agency's submitted reports; the standing office accepts
 * or returns leader-approved ones. Every step needs the version the reviewer saw (a concurrent change is refused).
 */
export function ReportReviewPage() {
  const [params, setSearch] = useSearchParams();
  const view = params.get('view') === 'all' ? 'all' : 'queue';
  const period = params.get('period') ?? undefined;
  const { data: session } = useSession();
  const roles = session?.user?.roles ?? [];
  const isOffice = roles.includes('standing-office') || roles.includes('admin');
  const isLeader = roles.includes('leader');
  const { data, isFetching, error, refetch } = useReports(view === 'queue' ? { awaitingMe: true } : { period });
  const step = useReportStep();
  const giveBack = useReturnReport();
  const [returning, setReturning] = useState<ProgressReport | null>(null);
  const [reason, setReason] = useState('');
  const [message, messageContext] = antdMessage.useMessage();

  const canApprove = (r: ProgressReport) =>
    isLeader && r.workflowStatus === 'submitted' && r.agencyId === session?.user?.agency.id;
  const canAccept = (r: ProgressReport) => isOffice && r.workflowStatus === 'leader-approved';

  const handleStep = async (r: ProgressReport, action: 'approve' | 'accept') => {
    try {
      await step.mutateAsync({ id: r.id, step: action, rowVersion: r.rowVersion });
      message.success(action === 'approve' ? 'Đã duyệt báo cáo.' : 'Đã tiếp nhận báo cáo.');
    } catch (e) {
      message.error(errorMessage(e));
      void refetch();
    }
  };

  const handleReturn = async () => {
    if (!returning) {
      return;
    }
    try {
      await giveBack.mutateAsync({ id: returning.id, rowVersion: returning.rowVersion, reason });
      message.success('Đã trả lại báo cáo.');
      setReturning(null);
      setReason('');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<ProgressReport> = [
    { title: 'Cơ quan', dataIndex: 'agencyName', width: 200 },
    {
      title: 'Nhiệm vụ',
      dataIndex: 'taskText',
      render: (text: string, r) => (
        <Link to={`/tasks/${r.taskId}`}>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {text}
          </Typography.Paragraph>
        </Link>
      ),
    },
    {
      title: 'Kỳ',
      dataIndex: 'period',
      width: 120,
      render: (p: string, r) => `${periodLabel(p)}${r.version > 1 ? ` (v${r.version})` : ''}`,
    },
    {
      title: 'Vai trò',
      dataIndex: 'role',
      width: 90,
      render: (role: string) => (role === 'lead' ? <Tag color="blue">Chủ trì</Tag> : <Tag>Phối hợp</Tag>),
    },
    {
      title: 'Tình trạng',
      dataIndex: 'state',
      width: 150,
      render: (s: ProgressReport['state']) => <Tag color={STATE_COLORS[s]}>{PROGRESS_STATE_LABELS[s]}</Tag>,
    },
    {
      title: 'Xử lý',
      dataIndex: 'workflowStatus',
      width: 200,
      render: (s: WorkflowStatus, r: ProgressReport) => (
        <Space size={4} wrap>
          <Tag color={WORKFLOW_COLORS[s]}>{WORKFLOW_STATUS_LABELS[s]}</Tag>
          {r.enteredIn ? (
            <Tag color="purple" title={`Nhập tại ${r.enteredIn.name}, nhận qua liên thông dữ liệu`}>
              Liên thông
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 190,
      render: (_, r) => (
        <Space>
          {canApprove(r) ? (
            <Button size="small" type="primary" onClick={() => handleStep(r, 'approve')} data-testid="report-approve">
              Duyệt
            </Button>
          ) : null}
          {canAccept(r) ? (
            <Button size="small" type="primary" onClick={() => handleStep(r, 'accept')} data-testid="report-accept">
              Tiếp nhận
            </Button>
          ) : null}
          {canApprove(r) || canAccept(r) ? (
            <Button size="small" danger onClick={() => setReturning(r)} data-testid="report-return">
              Trả lại
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      {messageContext}
      <PageHeader
        title="Duyệt báo cáo tiến độ"
        subtitle={
          isOffice
            ? 'Cơ quan thường trực tiếp nhận hoặc trả lại báo cáo đã được lãnh đạo cơ quan duyệt.'
            : 'Lãnh đạo cơ quan duyệt hoặc trả lại báo cáo của cơ quan mình.'
        }
        extra={
          <Space>
            <Segmented
              value={view}
              options={[
                { value: 'queue', label: 'Chờ tôi xử lý' },
                { value: 'all', label: 'Tất cả' },
              ]}
              onChange={(v) => setSearch({ view: v === 'all' ? 'all' : null })}
              data-testid="review-view"
            />
            {view === 'all' ? (
              <DatePicker
                picker="month"
                format="MM/YYYY"
                value={period ? dayjs(`${period}-01`) : null}
                onChange={(d) => setSearch({ period: d ? d.format('YYYY-MM') : null })}
                placeholder="Mọi kỳ"
              />
            ) : null}
          </Space>
        }
      />
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<ProgressReport>
        rowKey="id"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data ?? []}
        expandable={{ expandedRowRender: (r) => <ReportDetail report={r} /> }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        data-testid="review-table"
      />
      <Modal
        open={Boolean(returning)}
        title="Trả lại báo cáo"
        okText="Trả lại"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 3, loading: giveBack.isPending }}
        cancelText="Hủy"
        onOk={handleReturn}
        onCancel={() => setReturning(null)}
      >
        <Typography.Paragraph>{returning?.taskText}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          placeholder="Lý do trả lại (bắt buộc)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="return-reason"
        />
      </Modal>
    </>
  );
}
