import type { CommentView, ConsultationDetail, ProposedChange } from '@shared/contracts/consultation-workflow';
import { errorMessage } from '@web/api/client';
import { Link, navigate, useParams, useSearchParams } from '@web/app/router';
import { useAgencyList } from '@web/features/agencies/agencies.queries';
import { useSession } from '@web/features/auth/auth.queries';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import {
  synthesisUrl,
  useAnswerComment,
  useApplyProposal,
  useConsultation,
  useConsultations,
  useIssueDraft,
  useMarkDraft,
  useRemindLate,
  useSendForComment,
  useSubmitResponse,
  useUploadAttachment,
} from '../consultations.queries';

const ANSWER_LABELS: Record<string, { label: string; color: string }> = {
  accepted: { label: 'Tiếp thu', color: 'green' },
  explained: { label: 'Giải trình', color: 'blue' },
  noted: { label: 'Ghi nhận', color: 'default' },
  agree: { label: 'Nhất trí', color: 'green' },
  none: { label: 'Chưa trả lời', color: 'orange' },
};

const STANCE_LABELS: Record<string, string> = {
  pending: 'Chưa góp ý',
  agree: 'Nhất trí',
  comment: 'Có ý kiến',
  none: 'Không có ý kiến',
};

function describeProposal(p: ProposedChange | null): string {
  if (!p) {
    return '';
  }
  switch (p.kind) {
    case 'text':
      return `Sửa nội dung: ${p.text}`;
    case 'lead':
      return 'Đổi cơ quan chủ trì';
    case 'coordinators':
      return 'Đổi cơ quan phối hợp';
    case 'deadline':
      return `Đổi thời hạn: ${p.deadlineRaw}`;
    case 'delete':
      return 'Bỏ nhiệm vụ';
    case 'add':
      return `Bổ sung nhiệm vụ: ${p.text}`;
    default:
      return '';
  }
}

/** Send a draft for comment: mark the imported directive as draft, choose agencies and a deadline. */
function SendPanel({ directiveId }: { directiveId: string }) {
  const agencies = useAgencyList({ pageSize: 500 });
  const markDraft = useMarkDraft();
  const send = useSendForComment();
  const [agencyIds, setAgencyIds] = useState<string[]>([]);
  const [deadline, setDeadline] = useState('');
  const handleSend = async () => {
    const detail = await send.mutateAsync({ directiveId, request: { agencyIds, deadline } });
    navigate(`/consultations/${detail.id}`);
  };
  return (
    <Card title="Gửi dự thảo lấy ý kiến" data-testid="consultation-send">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button
          data-testid="consultation-mark-draft"
          onClick={() => markDraft.mutate(directiveId)}
          loading={markDraft.isPending}
        >
          Đánh dấu là dự thảo
        </Button>
        {markDraft.isSuccess ? <Alert type="success" message="Văn bản đã được đánh dấu là dự thảo." /> : null}
        <Select
          mode="multiple"
          data-testid="consultation-agencies"
          placeholder="Chọn cơ quan được lấy ý kiến"
          style={{ width: '100%' }}
          value={agencyIds}
          onChange={setAgencyIds}
          optionFilterProp="label"
          options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
        />
        <Input
          type="date"
          data-testid="consultation-deadline"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          style={{ width: 200 }}
        />
        <Button
          type="primary"
          data-testid="consultation-send-submit"
          disabled={agencyIds.length === 0 || !deadline}
          loading={send.isPending}
          onClick={handleSend}
        >
          Gửi lấy ý kiến
        </Button>
        {markDraft.error || send.error ? (
          <Alert type="error" message={errorMessage(markDraft.error ?? send.error)} />
        ) : null}
      </Space>
    </Card>
  );
}

/** A consulted agency answers: agree, or one comment (on the draft or a task) with an optional proposal. */
function ResponsePanel({ consultation }: { consultation: ConsultationDetail }) {
  const submit = useSubmitResponse(consultation.id);
  const upload = useUploadAttachment(consultation.id);
  const agencies = useAgencyList({ pageSize: 500 });
  const [agree, setAgree] = useState(false);
  const [text, setText] = useState('');
  const [taskId, setTaskId] = useState('');
  const [proposalKind, setProposalKind] = useState<string>('');
  const [proposalValue, setProposalValue] = useState('');
  const [attachments, setAttachments] = useState<
    { key: string; fileName: string; mediaType: string; sizeBytes: number }[]
  >([]);
  const buildProposal = (): ProposedChange | undefined => {
    switch (proposalKind) {
      case 'lead':
        return proposalValue ? { kind: 'lead', leadAgencyId: proposalValue } : undefined;
      case 'text':
        return proposalValue ? { kind: 'text', text: proposalValue } : undefined;
      case 'deadline':
        return proposalValue ? { kind: 'deadline', deadlineRaw: proposalValue } : undefined;
      case 'delete':
        return { kind: 'delete' };
      case 'add':
        return proposalValue ? { kind: 'add', text: proposalValue } : undefined;
      default:
        return undefined;
    }
  };
  const handleSubmit = () => {
    const proposal = buildProposal();
    submit.mutate({
      agree,
      comments: agree ? [] : [{ text, ...(taskId ? { taskId } : {}), ...(proposal ? { proposal } : {}), attachments }],
    });
  };
  return (
    <Card title="Ý kiến của cơ quan" data-testid="consultation-response">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Checkbox data-testid="response-agree" checked={agree} onChange={(e) => setAgree(e.target.checked)}>
          Nhất trí với dự thảo
        </Checkbox>
        {!agree ? (
          <>
            <Input
              data-testid="response-task-id"
              placeholder="Mã nhiệm vụ góp ý (để trống: góp ý chung cho dự thảo)"
              value={taskId}
              onChange={(e) => setTaskId(e.target.value)}
            />
            <Input.TextArea
              data-testid="response-text"
              rows={4}
              placeholder="Nội dung góp ý"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <Select
              data-testid="response-proposal-kind"
              placeholder="Đề xuất thay đổi (không bắt buộc)"
              allowClear
              style={{ width: 260 }}
              value={proposalKind || undefined}
              onChange={(v) => {
                setProposalKind(v ?? '');
                setProposalValue('');
              }}
              options={[
                { value: 'lead', label: 'Đổi cơ quan chủ trì' },
                { value: 'text', label: 'Sửa nội dung nhiệm vụ' },
                { value: 'deadline', label: 'Đổi thời hạn' },
                { value: 'delete', label: 'Bỏ nhiệm vụ' },
                { value: 'add', label: 'Bổ sung nhiệm vụ' },
              ]}
            />
            {proposalKind === 'lead' ? (
              <Select
                showSearch
                data-testid="response-proposal-agency"
                placeholder="Cơ quan chủ trì đề xuất"
                style={{ width: '100%' }}
                optionFilterProp="label"
                value={proposalValue || undefined}
                onChange={setProposalValue}
                options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
              />
            ) : null}
            {proposalKind === 'text' || proposalKind === 'deadline' || proposalKind === 'add' ? (
              <Input
                data-testid="response-proposal-value"
                value={proposalValue}
                onChange={(e) => setProposalValue(e.target.value)}
              />
            ) : null}
            <Upload
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(file, { onSuccess: (a) => setAttachments((prev) => [...prev, a]) });
                return false;
              }}
            >
              <Button data-testid="response-attach">Đính kèm tệp</Button>
            </Upload>
            {attachments.map((a) => (
              <Tag key={a.key}>{a.fileName}</Tag>
            ))}
            {upload.error ? (
              <Alert type="error" data-testid="response-attach-error" message={errorMessage(upload.error)} />
            ) : null}
          </>
        ) : null}
        <Button
          type="primary"
          data-testid="response-submit"
          loading={submit.isPending}
          disabled={!agree && !text.trim()}
          onClick={handleSubmit}
        >
          Gửi ý kiến
        </Button>
        {submit.isSuccess ? <Alert type="success" data-testid="response-sent" message="Đã gửi ý kiến." /> : null}
        {submit.error ? <Alert type="error" message={errorMessage(submit.error)} /> : null}
      </Space>
    </Card>
  );
}

function AnswerCell({ comment, canAnswer }: { comment: CommentView; canAnswer: boolean }) {
  const answer = useAnswerComment();
  const apply = useApplyProposal();
  const [stance, setStance] = useState<'accepted' | 'explained' | 'noted'>('accepted');
  const [text, setText] = useState('');
  const current = ANSWER_LABELS[comment.answerStance] ?? ANSWER_LABELS.none;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`comment-answer-${comment.id}`}>
      {comment.answerText ? (
        <div>
          <Tag color={current?.color}>{current?.label}</Tag>
          {comment.answerText}
        </div>
      ) : null}
      {canAnswer && comment.stance === 'comment' ? (
        <>
          <Flex gap={8}>
            <Select
              data-testid="answer-stance"
              value={stance}
              onChange={setStance}
              style={{ width: 140 }}
              options={[
                { value: 'accepted', label: 'Tiếp thu' },
                { value: 'explained', label: 'Giải trình' },
                { value: 'noted', label: 'Ghi nhận' },
              ]}
            />
            <Input data-testid="answer-text" value={text} onChange={(e) => setText(e.target.value)} />
            <Button
              data-testid="answer-save"
              disabled={!text.trim()}
              loading={answer.isPending}
              onClick={() => answer.mutate({ commentId: comment.id, answer: { stance, text } })}
            >
              Lưu
            </Button>
          </Flex>
          {comment.proposal && comment.answerStance === 'accepted' && !comment.appliedAt ? (
            <Button
              type="primary"
              data-testid="apply-proposal"
              loading={apply.isPending}
              onClick={() => apply.mutate(comment.id)}
            >
              Áp dụng vào dự thảo
            </Button>
          ) : null}
          {answer.error || apply.error ? (
            <Alert type="error" message={errorMessage(answer.error ?? apply.error)} />
          ) : null}
        </>
      ) : null}
      {comment.appliedAt ? <Tag color="purple">Đã áp dụng vào dự thảo</Tag> : null}
    </Space>
  );
}

/**
 * Consultation on a draft: send it for comment, follow who has answered (and remind the late ones), read the comments
 * and answer each one, apply accepted proposals, issue the draft and download the synthesis table (Word/Excel).
 */
export function ConsultationPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const consultationId = params.consultationId;
  const directiveId = search.get('directive') ?? undefined;
  const session = useSession();
  const list = useConsultations();
  const detail = useConsultation(consultationId);
  const remind = useRemindLate(consultationId ?? '');
  const issue = useIssueDraft(consultationId ?? '');
  const user = session.data?.user;
  const isOffice = Boolean(user?.roles.some((r) => r === 'standing-office' || r === 'admin'));
  const consultation = detail.data;
  const isConsultee = Boolean(consultation?.consultees.some((c) => c.agencyId === user?.agency.id));

  if (!consultationId) {
    return (
      <div>
        <PageHeader
          title="Lấy ý kiến dự thảo"
          subtitle="Gửi dự thảo cho các bộ, ngành, địa phương góp ý và tổng hợp ý kiến"
        />
        {directiveId && isOffice ? <SendPanel directiveId={directiveId} /> : null}
        {list.error ? <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table
          data-testid="consultation-list"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: 'Đợt lấy ý kiến',
              key: 'title',
              render: (_, c) => <Link to={`/consultations/${c.id}`}>{c.title}</Link>,
            },
            { title: 'Hạn góp ý', dataIndex: 'deadline' },
            { title: 'Trạng thái', dataIndex: 'status' },
          ]}
        />
      </div>
    );
  }

  return (
    <div>
      <PageHeader
        title={consultation?.title ?? 'Lấy ý kiến dự thảo'}
        subtitle={consultation?.deadline ? `Hạn góp ý: ${consultation.deadline}` : undefined}
      />
      {detail.error ? <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {consultation ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card data-testid="consultation-progress">
            <Flex gap={32} wrap>
              <Statistic title="Cơ quan được hỏi" value={consultation.progress.consultees} />
              <Statistic title="Đã góp ý" value={consultation.progress.answered} />
              <Statistic title="Chưa góp ý" value={consultation.progress.pending} />
              <Statistic title="Quá hạn" value={consultation.progress.late} />
              <Statistic title="Ý kiến" value={consultation.progress.comments} />
              <Statistic title="Tiếp thu" value={consultation.progress.answers.accepted} />
              <Statistic title="Giải trình" value={consultation.progress.answers.explained} />
              <Statistic title="Chưa trả lời" value={consultation.progress.unanswered} />
            </Flex>
            <Flex gap={8} wrap style={{ marginTop: 12 }}>
              <Button data-testid="synthesis-docx" href={synthesisUrl(consultation.id, 'docx')}>
                Tải bảng tổng hợp (Word)
              </Button>
              <Button data-testid="synthesis-xlsx" href={synthesisUrl(consultation.id, 'xlsx')}>
                Tải bảng tổng hợp (Excel)
              </Button>
              {isOffice && consultation.status === 'open' ? (
                <>
                  <Button data-testid="consultation-remind" loading={remind.isPending} onClick={() => remind.mutate()}>
                    Nhắc cơ quan quá hạn
                  </Button>
                  <Button data-testid="consultation-issue" loading={issue.isPending} onClick={() => issue.mutate()}>
                    Ban hành văn bản
                  </Button>
                </>
              ) : null}
              <Link to="/duplicates/check" data-testid="consultation-check-draft">
                Kiểm tra trùng lặp của dự thảo
              </Link>
            </Flex>
            {remind.data ? (
              <Alert
                style={{ marginTop: 8 }}
                type="info"
                message={`Đã nhắc ${remind.data.reminded} cơ quan${remind.data.agencies.length > 0 ? `: ${remind.data.agencies.join(', ')}` : ''}.`}
              />
            ) : null}
            {remind.error || issue.error ? (
              <Alert type="error" message={errorMessage(remind.error ?? issue.error)} />
            ) : null}
          </Card>
          {isConsultee && consultation.status === 'open' ? <ResponsePanel consultation={consultation} /> : null}
          <Table
            data-testid="consultation-consultees"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={consultation.consultees}
            columns={[
              { title: 'TT', dataIndex: 'row', width: 60 },
              { title: 'Cơ quan', dataIndex: 'agencyName' },
              {
                title: 'Tình trạng',
                key: 'stance',
                render: (_, c) => (
                  <Space>
                    <Tag color={c.stance === 'pending' ? 'orange' : 'green'}>{STANCE_LABELS[c.stance] ?? c.stance}</Tag>
                    {c.late ? <Tag color="red">Quá hạn</Tag> : null}
                  </Space>
                ),
              },
            ]}
          />
          <Table
            data-testid="consultation-comments"
            rowKey="id"
            pagination={false}
            dataSource={consultation.comments.filter((c) => c.stance === 'comment')}
            columns={[
              { title: 'Cơ quan', dataIndex: 'agencyName', width: 180 },
              {
                title: 'Nội dung góp ý',
                key: 'text',
                render: (_, c) => (
                  <div>
                    {c.taskLabel ? <Tag>Nhiệm vụ {c.taskLabel}</Tag> : null}
                    {c.flagMessage ? <Tag color="red">{c.flagMessage}</Tag> : null}
                    {c.late ? <Tag color="orange">Gửi sau hạn</Tag> : null}
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                      {c.text}
                    </Typography.Paragraph>
                    {c.proposal ? (
                      <Typography.Text type="secondary">Đề xuất: {describeProposal(c.proposal)}</Typography.Text>
                    ) : null}
                  </div>
                ),
              },
              {
                title: 'Ý kiến tiếp thu/giải trình',
                key: 'answer',
                width: '40%',
                render: (_, c) => <AnswerCell comment={c} canAnswer={isOffice && consultation.status !== 'imported'} />,
              },
            ]}
          />
        </Space>
      ) : null}
    </div>
  );
}
