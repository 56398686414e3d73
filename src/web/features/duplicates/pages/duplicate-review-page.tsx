import type {
  CandidateStatus,
  DuplicateCandidate,
  DuplicateDecisionKind,
  DuplicateTaskRef,
} from '@shared/contracts/duplicates';
import { errorMessage } from '@web/api/client';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { App, Button, Flex, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useCandidates, useDecideCandidate } from '../duplicates.queries';

const STATUS_LABELS: Record<CandidateStatus, string> = {
  pending: 'Chờ rà soát',
  duplicate: 'Đã xác nhận trùng',
  overlap: 'Chồng lấn một phần',
  different: 'Khác nhau',
};

const DECISIONS: Array<{ value: DuplicateDecisionKind; label: string; danger?: boolean }> = [
  { value: 'duplicate', label: 'Trùng' },
  { value: 'overlap', label: 'Chồng lấn' },
  { value: 'different', label: 'Khác nhau', danger: true },
];

function TaskCell({ task }: { task: DuplicateTaskRef }) {
  return (
    <div>
      <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: 'thêm' }} style={{ marginBottom: 4 }}>
        {task.text}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {task.directiveKey}
        {task.leads.length > 0 ? ` · ${task.leads.slice(0, 2).join(', ')}${task.leads.length > 2 ? '…' : ''}` : ''}
        {task.deadline.raw ? ` · ${task.deadline.raw}` : ''}
      </Typography.Text>
    </div>
  );
}

/** The review queue of candidate duplicate tasks: the standing office marks each pair duplicate, overlap or different. */
export function DuplicateReviewPage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<CandidateStatus>('pending');
  const [page, setPage] = useState(1);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const { data, isFetching, error, refetch } = useCandidates(status, page);
  const decide = useDecideCandidate();

  const handleDecide = (candidate: DuplicateCandidate, decision: DuplicateDecisionKind) => {
    const note = notes[candidate.id]?.trim();
    decide.mutate(
      { id: candidate.id, request: { decision, ...(note ? { note } : {}) } },
      {
        onSuccess: () => void message.success('Đã ghi nhận quyết định.'),
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  };

  const columns: ColumnsType<DuplicateCandidate> = [
    { title: 'Nhiệm vụ thứ nhất', key: 'a', width: '30%', render: (_, c) => <TaskCell task={c.taskA} /> },
    { title: 'Nhiệm vụ thứ hai', key: 'b', width: '30%', render: (_, c) => <TaskCell task={c.taskB} /> },
    {
      title: 'Đánh giá của hệ thống',
      key: 'score',
      render: (_, c) => (
        <div>
          <Tag color={c.suggestedKind === 'duplicate' ? 'red' : 'orange'}>
            {c.suggestedKind === 'duplicate' ? 'Nghi trùng' : 'Nghi chồng lấn'} · {Math.round(c.score * 100)}%
          </Tag>
          <ul style={{ paddingLeft: 16, margin: '4px 0 0' }}>
            {c.reasons.map((r) => (
              <li key={r} style={{ fontSize: 12 }}>
                {r}
              </li>
            ))}
          </ul>
        </div>
      ),
    },
    {
      title: 'Quyết định',
      key: 'decide',
      width: 220,
      render: (_, c) => (
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Input.TextArea
            placeholder="Ghi chú (không bắt buộc)"
            autoSize={{ minRows: 1, maxRows: 3 }}
            value={notes[c.id] ?? ''}
            onChange={(e) => setNotes((prev) => ({ ...prev, [c.id]: e.target.value }))}
          />
          <Flex gap={4} wrap>
            {DECISIONS.filter((d) => d.value !== c.status).map((d) => (
              <Button
                key={d.value}
                size="small"
                danger={d.danger}
                loading={decide.isPending && decide.variables?.id === c.id}
                data-testid={`duplicate-decide-${d.value}`}
                onClick={() => handleDecide(c, d.value)}
              >
                {d.label}
              </Button>
            ))}
          </Flex>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="Rà soát nhiệm vụ trùng lặp"
        subtitle="Các cặp nhiệm vụ được giao ở nhiều văn bản; nhiệm vụ trùng được liên kết, không bị xóa"
      />
      <Segmented<CandidateStatus>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(next) => {
          setStatus(next);
          setPage(1);
        }}
        options={(Object.keys(STATUS_LABELS) as CandidateStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
      />
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<DuplicateCandidate>
        rowKey="id"
        size="small"
        loading={isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: data?.pageSize ?? 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => `${total} cặp`,
        }}
      />
    </div>
  );
}
