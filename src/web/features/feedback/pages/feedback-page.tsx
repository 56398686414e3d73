import { FEEDBACK_KIND_LABELS, type FeedbackItem, type FeedbackKind } from '@shared/contracts/feedback';
import { errorMessage } from '@web/api/client';
import { useAgencyList } from '@web/features/agencies/agencies.queries';
import { useSession } from '@web/features/auth/auth.queries';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Alert, Button, Card, Flex, Input, Select, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  useAnswerFeedback,
  useFeedbackList,
  useRouteFeedback,
  useSubmitFeedback,
  useUploadFeedbackAttachment,
} from '../feedback.queries';

const STATUS_LABELS: Record<FeedbackItem['status'], { label: string; color: string }> = {
  new: { label: 'Mới tiếp nhận', color: 'blue' },
  routed: { label: 'Đang xử lý', color: 'orange' },
  answered: { label: 'Đã trả lời', color: 'green' },
};

type Attachment = { key: string; fileName: string; mediaType: string; sizeBytes: number };

function SubmitForm() {
  const submit = useSubmitFeedback();
  const upload = useUploadFeedbackAttachment();
  const [kind, setKind] = useState<FeedbackKind>('reflection');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const handleSubmit = () => {
    submit.mutate(
      { kind, title, text, attachments },
      {
        onSuccess: () => {
          setTitle('');
          setText('');
          setAttachments([]);
        },
      },
    );
  };
  return (
    <Card title="Gửi phản ánh, kiến nghị, sáng kiến, giải pháp" data-testid="feedback-form">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          data-testid="feedback-kind"
          value={kind}
          onChange={setKind}
          style={{ width: 200 }}
          options={Object.entries(FEEDBACK_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Input
          data-testid="feedback-title"
          placeholder="Tiêu đề"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <Input.TextArea
          data-testid="feedback-text"
          rows={4}
          placeholder="Nội dung"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file, { onSuccess: (a) => setAttachments((prev) => [...prev, a]) });
            return false;
          }}
        >
          <Button data-testid="feedback-attach">Đính kèm tệp (PDF, Word, Excel, ảnh)</Button>
        </Upload>
        <div>
          {attachments.map((a) => (
            <Tag key={a.key}>{a.fileName}</Tag>
          ))}
        </div>
        <Button
          type="primary"
          data-testid="feedback-submit"
          disabled={!title.trim() || !text.trim()}
          loading={submit.isPending}
          onClick={handleSubmit}
        >
          Gửi
        </Button>
        {submit.isSuccess ? <Alert type="success" data-testid="feedback-sent" message="Đã gửi." /> : null}
        {submit.error || upload.error ? (
          <Alert type="error" message={errorMessage(submit.error ?? upload.error)} />
        ) : null}
      </Space>
    </Card>
  );
}

function RouteControl({ item }: { item: FeedbackItem }) {
  const agencies = useAgencyList({ pageSize: 500 });
  const route = useRouteFeedback();
  const [agencyId, setAgencyId] = useState<string | undefined>(undefined);
  const [dueOn, setDueOn] = useState('');
  return (
    <Flex gap={8} wrap data-testid={`feedback-route-${item.id}`}>
      <Select
        showSearch
        data-testid="feedback-route-agency"
        placeholder="Cơ quan xử lý"
        style={{ width: 240 }}
        optionFilterProp="label"
        value={agencyId}
        onChange={setAgencyId}
        options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
      />
      <Input
        type="date"
        data-testid="feedback-route-due"
        style={{ width: 160 }}
        value={dueOn}
        onChange={(e) => setDueOn(e.target.value)}
      />
      <Button
        data-testid="feedback-route-submit"
        disabled={!agencyId || !dueOn}
        loading={route.isPending}
        onClick={() => agencyId && route.mutate({ id: item.id, agencyId, dueOn })}
      >
        Chuyển xử lý
      </Button>
      {route.error ? <Alert type="error" message={errorMessage(route.error)} /> : null}
    </Flex>
  );
}

function AnswerControl({ item }: { item: FeedbackItem }) {
  const answer = useAnswerFeedback();
  const [text, setText] = useState('');
  return (
    <Flex gap={8} data-testid={`feedback-answer-${item.id}`}>
      <Input data-testid="feedback-answer-text" value={text} onChange={(e) => setText(e.target.value)} />
      <Button
        data-testid="feedback-answer-submit"
        disabled={!text.trim()}
        loading={answer.isPending}
        onClick={() => answer.mutate({ id: item.id, text })}
      >
        Trả lời
      </Button>
      {answer.error ? <Alert type="error" message={errorMessage(answer.error)} /> : null}
    </Flex>
  );
}

/**
 * Feedback and initiatives: submit an item, the standing office routes it to an agency with a handling deadline, the
 * agency answers, the submitter reads the answer; "quá hạn xử lý" lists what is late.
 */
export function FeedbackPage() {
  const session = useSession();
  const [overdue, setOverdue] = useState(false);
  const list = useFeedbackList(overdue);
  const user = session.data?.user;
  const isOffice = Boolean(user?.roles.some((r) => r === 'standing-office' || r === 'admin'));
  return (
    <div>
      <PageHeader title="Phản ánh, kiến nghị, sáng kiến" subtitle="Tiếp nhận, chuyển xử lý và trả lời" />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <SubmitForm />
        <Flex gap={8} align="center">
          <Switch data-testid="feedback-overdue-toggle" checked={overdue} onChange={setOverdue} />
          <Typography.Text>Chỉ hiện mục quá hạn xử lý</Typography.Text>
        </Flex>
        {list.error ? <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table
          data-testid="feedback-list"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            {
              title: 'Loại',
              dataIndex: 'kind',
              width: 110,
              render: (k: FeedbackKind) => FEEDBACK_KIND_LABELS[k],
            },
            {
              title: 'Nội dung',
              key: 'text',
              render: (_, item) => (
                <div>
                  <Typography.Text strong>{item.title}</Typography.Text>
                  {item.source === 'public' ? <Tag style={{ marginLeft: 8 }}>Người dân</Tag> : null}
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                    {item.text}
                  </Typography.Paragraph>
                  {item.answerText ? (
                    <Alert type="success" data-testid="feedback-answer-shown" message={`Trả lời: ${item.answerText}`} />
                  ) : null}
                </div>
              ),
            },
            {
              title: 'Tình trạng',
              key: 'status',
              width: 170,
              render: (_, item) => (
                <Space direction="vertical" size={2}>
                  <Tag color={STATUS_LABELS[item.status].color}>{STATUS_LABELS[item.status].label}</Tag>
                  {item.dueOn ? <span>Hạn xử lý: {item.dueOn}</span> : null}
                  {item.overdue ? <Tag color="red">Quá hạn xử lý</Tag> : null}
                </Space>
              ),
            },
            {
              title: 'Xử lý',
              key: 'actions',
              width: '35%',
              render: (_, item) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {isOffice && item.status !== 'answered' ? <RouteControl item={item} /> : null}
                  {item.status === 'routed' && (isOffice || item.routedAgencyId === user?.agency.id) ? (
                    <AnswerControl item={item} />
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </div>
  );
}
