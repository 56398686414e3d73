import type { ChangedTask, ReportJob, Snapshot } from '@shared/contracts/reports';
import { STATUS_LABELS, type StatusCategory } from '@shared/domain/task-status';
import { formatIsoDate, formatNumber } from '@shared/lib/vn-format';
import { errorMessage } from '@web/api/client';
import { Link } from '@web/app/router';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Alert, Button, Card, Col, DatePicker, Flex, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  useCreateSnapshot,
  useReportJobs,
  useSnapshotComparison,
  useSnapshots,
  useStartReportJob,
} from '../reports.queries';

const JOB_STATUS: Record<ReportJob['status'], { label: string; color: string }> = {
  queued: { label: 'Đang chờ', color: 'default' },
  running: { label: 'Đang lập', color: 'processing' },
  done: { label: 'Xong', color: 'success' },
  failed: { label: 'Lỗi', color: 'error' },
};

const label = (c: StatusCategory | null) => (c ? STATUS_LABELS[c] : 'Mới');

type ChangeTableProps = { title: string; rows: ChangedTask[]; testId: string };

function ChangeTable({ title, rows, testId }: ChangeTableProps) {
  return (
    <Card size="small" title={`${title} (${formatNumber(rows.length)})`} style={{ marginTop: 12 }}>
      <Table<ChangedTask>
        data-testid={testId}
        size="small"
        rowKey="taskId"
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        dataSource={rows}
        columns={[
          { title: 'Nhiệm vụ', key: 'text', render: (_, r) => <Link to={`/tasks/${r.taskId}`}>{r.text}</Link> },
          { title: 'Văn bản', dataIndex: 'directive', key: 'directive', width: 160 },
          {
            title: 'Trước',
            key: 'from',
            width: 150,
            render: (_, r) => `${label(r.fromCategory)} · ${formatIsoDate(r.fromDue)}`,
          },
          {
            title: 'Sau',
            key: 'to',
            width: 150,
            render: (_, r) => `${label(r.toCategory)} · ${formatIsoDate(r.toDue)}`,
          },
        ]}
      />
    </Card>
  );
}

/** Snapshots and generated reports: freeze figures as of a date, generate the monthly report, download, compare. */
export function ReportsPage() {
  const [asOf, setAsOf] = useState<Dayjs>(dayjs());
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const snapshots = useSnapshots();
  const jobs = useReportJobs();
  const createSnapshot = useCreateSnapshot();
  const startJob = useStartReportJob();
  const comparison = useSnapshotComparison(from, to);
  const options = (snapshots.data?.items ?? []).map((s) => ({
    value: s.id,
    label: `${formatIsoDate(s.asOf)} — ${s.label}`,
  }));
  const iso = asOf.format('YYYY-MM-DD');

  return (
    <div data-testid="reports-page">
      <PageHeader
        title="Báo cáo tổng hợp"
        subtitle="Số liệu công bố được lấy từ bản chốt: sửa dữ liệu sau đó không làm thay đổi báo cáo đã gửi."
      />
      <Card size="small">
        <Flex gap={8} wrap align="center">
          <Typography.Text>Tính đến hết ngày</Typography.Text>
          <DatePicker
            data-testid="report-as-of"
            format="DD/MM/YYYY"
            allowClear={false}
            value={asOf}
            onChange={(v) => v && setAsOf(v)}
          />
          <Button
            data-testid="create-snapshot"
            loading={createSnapshot.isPending}
            onClick={() => createSnapshot.mutate({ asOf: iso })}
          >
            Chốt số liệu
          </Button>
          <Button
            type="primary"
            data-testid="create-monthly-report"
            loading={startJob.isPending}
            onClick={() => startJob.mutate({ kind: 'monthly', asOf: iso })}
          >
            Lập báo cáo tháng (Word, Excel)
          </Button>
        </Flex>
        {createSnapshot.error || startJob.error ? (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            title={errorMessage(createSnapshot.error ?? startJob.error)}
          />
        ) : null}
      </Card>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title="Báo cáo đã lập">
            {jobs.error ? <QueryErrorAlert error={jobs.error} onRetry={() => jobs.refetch()} /> : null}
            <Table<ReportJob>
              data-testid="report-jobs"
              size="small"
              rowKey="id"
              loading={jobs.isLoading}
              pagination={false}
              dataSource={jobs.data?.items ?? []}
              columns={[
                { title: 'Ngày số liệu', key: 'asOf', render: (_, j) => formatIsoDate(j.asOf) },
                {
                  title: 'Tình trạng',
                  key: 'status',
                  render: (_, j) => <Tag color={JOB_STATUS[j.status].color}>{JOB_STATUS[j.status].label}</Tag>,
                },
                {
                  title: 'Tệp',
                  key: 'files',
                  render: (_, j) =>
                    j.error ? (
                      <Typography.Text type="danger">{j.error}</Typography.Text>
                    ) : (
                      <Space>
                        {j.files.map((f) => (
                          <a key={f.name} href={f.url} download={f.name}>
                            {f.name.endsWith('.docx') ? 'Word' : 'Excel'}
                          </a>
                        ))}
                      </Space>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="Bản chốt số liệu">
            {snapshots.error ? <QueryErrorAlert error={snapshots.error} onRetry={() => snapshots.refetch()} /> : null}
            <Table<Snapshot>
              data-testid="snapshots"
              size="small"
              rowKey="id"
              loading={snapshots.isLoading}
              pagination={{ pageSize: 8 }}
              dataSource={snapshots.data?.items ?? []}
              columns={[
                { title: 'Ngày số liệu', key: 'asOf', render: (_, s) => formatIsoDate(s.asOf) },
                { title: 'Nhiệm vụ', key: 'tasks', align: 'right', render: (_, s) => formatNumber(s.taskCount) },
                { title: 'Lập lúc', key: 'at', render: (_, s) => dayjs(s.createdAt).format('DD/MM/YYYY HH:mm') },
                {
                  title: '',
                  key: 'report',
                  render: (_, s) => (
                    <Button size="small" onClick={() => startJob.mutate({ kind: 'monthly', snapshotId: s.id })}>
                      Lập báo cáo
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="So sánh hai bản chốt" style={{ marginTop: 12 }}>
        <Flex gap={8} wrap>
          <Select
            data-testid="compare-from"
            style={{ minWidth: 280 }}
            placeholder="Bản chốt trước"
            options={options}
            value={from}
            onChange={setFrom}
          />
          <Select
            data-testid="compare-to"
            style={{ minWidth: 280 }}
            placeholder="Bản chốt sau"
            options={options}
            value={to}
            onChange={setTo}
          />
        </Flex>
        {comparison.error ? <QueryErrorAlert error={comparison.error} /> : null}
      </Card>
      {comparison.data ? (
        <>
          <ChangeTable title="Mới quá hạn" rows={comparison.data.newlyOverdue} testId="compare-newly-overdue" />
          <ChangeTable title="Mới hoàn thành" rows={comparison.data.newlyCompleted} testId="compare-newly-completed" />
          <ChangeTable
            title="Thay đổi thời hạn"
            rows={comparison.data.deadlineChanged}
            testId="compare-deadline-changed"
          />
          <ChangeTable title="Đổi tình trạng" rows={comparison.data.changedCategory} testId="compare-changed" />
          <Card size="small" title="Cơ quan tiến bộ / chậm lại (số nhiệm vụ chủ trì quá hạn)" style={{ marginTop: 12 }}>
            <Row gutter={12}>
              {(['agenciesImproved', 'agenciesSlipped'] as const).map((k) => (
                <Col key={k} xs={24} md={12}>
                  <Typography.Title level={5}>{k === 'agenciesImproved' ? 'Tiến bộ' : 'Chậm lại'}</Typography.Title>
                  <Table
                    size="small"
                    rowKey="agencyId"
                    pagination={{ pageSize: 10 }}
                    dataSource={comparison.data?.[k] ?? []}
                    columns={[
                      { title: 'Cơ quan', dataIndex: 'agencyName', key: 'name' },
                      { title: 'Trước', dataIndex: 'overdueBefore', key: 'b', align: 'right' },
                      { title: 'Sau', dataIndex: 'overdueAfter', key: 'a', align: 'right' },
                    ]}
                  />
                </Col>
              ))}
            </Row>
          </Card>
        </>
      ) : null}
    </div>
  );
}
