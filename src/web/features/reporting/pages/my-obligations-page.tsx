import type { Obligations, WorkflowStatus } from '@shared/contracts/reporting';
import { WORKFLOW_STATUS_LABELS } from '@shared/contracts/reporting';
import { STATUS_LABELS, type StatusCategory } from '@shared/domain/task-status';
import { formatIsoDate } from '@shared/lib/vn-format';
import { Link, useSearchParams } from '@web/app/router';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Button, Card, DatePicker, Flex, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ReportFormModal, type ReportFormTarget } from '../components/report-form-modal';
import { useObligations } from '../reporting.queries';
import { currentPeriod, periodLabel, WORKFLOW_COLORS } from '../reporting-labels';

type Item = Obligations['items'][number];

const CATEGORY_COLORS: Partial<Record<StatusCategory, string>> = {
  overdue: 'red',
  inProgress: 'blue',
  recurring: 'purple',
  completedOnTime: 'green',
  completedLate: 'orange',
};

function actionLabel(item: Item): string {
  const status = item.report?.workflowStatus;
  if (!status) {
    return 'Lập báo cáo';
  }
  if (status === 'draft') {
    return 'Sửa nháp';
  }
  if (status === 'accepted' || status === 'returned') {
    return 'Lập bản sửa';
  }
  return 'Xem';
}

/**
 * "What I owe this month" for the signed-in user's agency: every open assignment (lead and coordinator) of the
 * period, its current status, the report filed for the period (draft, under review, accepted, returned) and whether
 * it was submitted by the due day; files and corrects reports with evidence.
 */
export function MyObligationsPage() {
  const [params, setSearch] = useSearchParams();
  const period = params.get('period') ?? currentPeriod();
  const { data, isFetching, error, refetch } = useObligations(period);
  const [target, setTarget] = useState<ReportFormTarget | null>(null);

  const handleOpen = (item: Item) =>
    setTarget({
      assignmentId: item.assignmentId,
      taskId: item.taskId,
      taskText: item.taskText,
      role: item.role,
      period,
      reportId: item.report?.id ?? null,
    });

  const columns: TableColumnsType<Item> = [
    {
      title: 'Nhiệm vụ',
      dataIndex: 'taskText',
      render: (text: string, item) => (
        <>
          <Link to={`/tasks/${item.taskId}`}>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {text}
            </Typography.Paragraph>
          </Link>
          <Typography.Text type="secondary">{item.directiveKey}</Typography.Text>
        </>
      ),
    },
    {
      title: 'Vai trò',
      dataIndex: 'role',
      width: 90,
      render: (role: Item['role']) => (role === 'lead' ? <Tag color="blue">Chủ trì</Tag> : <Tag>Phối hợp</Tag>),
    },
    {
      title: 'Thời hạn',
      key: 'deadline',
      width: 120,
      render: (_, item) =>
        item.recurring
          ? 'Thường xuyên'
          : item.deadlineDue
            ? formatIsoDate(item.deadlineDue)
            : (item.deadlineRaw ?? '—'),
    },
    {
      title: 'Tình trạng',
      dataIndex: 'category',
      width: 170,
      render: (c: StatusCategory) => <Tag color={CATEGORY_COLORS[c] ?? 'default'}>{STATUS_LABELS[c] ?? c}</Tag>,
    },
    {
      title: `Báo cáo ${periodLabel(period)}`,
      key: 'report',
      width: 220,
      render: (_, item) =>
        item.report ? (
          <>
            <Tag color={WORKFLOW_COLORS[item.report.workflowStatus as WorkflowStatus]}>
              {WORKFLOW_STATUS_LABELS[item.report.workflowStatus]}
            </Tag>
            {item.report.version > 1 ? (
              <Typography.Text type="secondary">v{item.report.version}</Typography.Text>
            ) : null}
            {item.reportedOnTime === false ? <Tag color="orange">Gửi muộn</Tag> : null}
          </>
        ) : (
          <Tag color="red">Chưa báo cáo</Tag>
        ),
    },
    {
      title: '',
      key: 'action',
      width: 120,
      render: (_, item) => (
        <Button
          size="small"
          type={item.report ? 'default' : 'primary'}
          onClick={() => handleOpen(item)}
          data-testid="obligation-report"
        >
          {actionLabel(item)}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Việc cần báo cáo"
        subtitle={
          data ? `${data.agencyName} — ${periodLabel(period)}, hạn gửi ${formatIsoDate(data.dueOn)}` : undefined
        }
        extra={
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${period}-01`)}
            format="MM/YYYY"
            onChange={(d) => setSearch({ period: d ? d.format('YYYY-MM') : null })}
            data-testid="obligations-period"
          />
        }
      />
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {data ? (
        <Flex gap={16} wrap style={{ marginBottom: 16 }}>
          <Card size="small">
            <Statistic title="Nhiệm vụ phải báo cáo" value={data.owed} />
          </Card>
          <Card size="small">
            <Statistic title="Đã gửi" value={data.submitted} />
          </Card>
          <Card size="small">
            <Statistic title="Bản nháp" value={data.drafts} />
          </Card>
          <Card size="small">
            <Statistic
              title="Chưa gửi"
              value={data.owed - data.submitted}
              valueStyle={{ color: data.owed - data.submitted > 0 ? '#cf1322' : undefined }}
            />
          </Card>
        </Flex>
      ) : null}
      <Table<Item>
        rowKey="assignmentId"
        size="middle"
        loading={isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        data-testid="obligations-table"
      />
      <ReportFormModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
