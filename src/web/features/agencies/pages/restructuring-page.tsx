import { AGENCY_SUCCESSION_KIND_LABELS } from '@shared/contracts/agencies';
import type {
  RestructuringApplyResponse,
  RestructuringInput,
  RestructuringKind,
  RestructuringPreview,
  SuccessorInput,
} from '@shared/contracts/restructuring';
import { ApiError, errorMessage } from '@web/api/client';
import { sessionHasRole, useSession } from '@web/features/auth/auth.queries';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { AgencyPicker } from '../components/agency-picker';
import { RestructuringEventTable } from '../components/restructuring-event-table';
import { RestructuringPreviewPanel } from '../components/restructuring-preview-panel';
import { useCreateRestructuring, usePreviewRestructuring, useRestructurings } from '../restructuring.queries';

type SuccessorDraft = { mode: 'existing' | 'new'; agencyId?: string | undefined; name: string; shortName: string };

const KIND_HELP: Record<RestructuringKind, string> = {
  merge: 'Một hoặc nhiều cơ quan hợp nhất vào một cơ quan (mới, hoặc cơ quan hiện có tiếp nhận).',
  split: 'Một cơ quan chia thành nhiều cơ quan; chọn cơ quan nhận nhiệm vụ đang thực hiện.',
  rename: 'Cơ quan đổi tên: tên cũ được ghi là tên gọi cũ của cơ quan mới.',
  move: 'Cơ quan chuyển sang trực thuộc cơ quan cấp trên khác.',
};

const EMPTY_SUCCESSOR: SuccessorDraft = { mode: 'new', name: '', shortName: '' };

function problemsOf(error: unknown): string[] {
  if (error instanceof ApiError && error.details && typeof error.details === 'object' && 'problems' in error.details) {
    const problems = (error.details as { problems: unknown }).problems;
    return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
  }
  return [];
}

/**
 * Admin screen (standing office, administrators): record a restructuring event (merge, split, rename, move) with its
 * legal basis, see exactly what applying it moves, then apply it (or keep it as a draft); below, the events recorded
 * so far, with apply/discard for drafts and a reversing event for applied ones.
 */
export function RestructuringPage() {
  const [modal, modalContext] = Modal.useModal();
  const { data: session } = useSession();
  const canManage = sessionHasRole(session, 'standing-office');
  const [kind, setKind] = useState<RestructuringKind>('merge');
  const [predecessorIds, setPredecessorIds] = useState<string[]>([]);
  const [successors, setSuccessors] = useState<SuccessorDraft[]>([EMPTY_SUCCESSOR]);
  const [newParentId, setNewParentId] = useState<string | undefined>();
  const [effectiveOn, setEffectiveOn] = useState<string | undefined>();
  const [basisNumber, setBasisNumber] = useState('');
  const [basisDate, setBasisDate] = useState<string | undefined>();
  const [defaultSuccessor, setDefaultSuccessor] = useState<number | undefined>();
  const [note, setNote] = useState('');
  const [shown, setShown] = useState<RestructuringPreview | null>(null);
  const [done, setDone] = useState<RestructuringApplyResponse | null>(null);
  const preview = usePreviewRestructuring();
  const create = useCreateRestructuring();
  const events = useRestructurings();

  const input: RestructuringInput | null = (() => {
    const successorInputs: SuccessorInput[] = [];
    for (const s of successors) {
      if (s.mode === 'existing' && s.agencyId) {
        successorInputs.push({ agencyId: s.agencyId });
      } else if (s.mode === 'new' && s.name.trim().length >= 2) {
        successorInputs.push({
          newAgency: { name: s.name.trim(), ...(s.shortName.trim() ? { shortName: s.shortName.trim() } : {}) },
        });
      } else {
        return null;
      }
    }
    if (!effectiveOn || basisNumber.trim().length < 3 || predecessorIds.length === 0) {
      return null;
    }
    return {
      kind,
      effectiveOn,
      legalBasis: { number: basisNumber.trim(), ...(basisDate ? { date: basisDate } : {}) },
      predecessorIds,
      successors: successorInputs,
      ...(kind === 'move' && newParentId ? { newParentId } : {}),
      ...(kind === 'split' && defaultSuccessor !== undefined ? { transfers: { defaultSuccessor } } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
  })();

  const resetResult = () => {
    setShown(null);
    setDone(null);
    preview.reset();
    create.reset();
  };
  const handleKind = (next: RestructuringKind) => {
    setKind(next);
    setPredecessorIds((ids) => (next === 'merge' ? ids : ids.slice(0, 1)));
    setSuccessors((list) =>
      next === 'split' ? [...list, EMPTY_SUCCESSOR].slice(0, Math.max(2, list.length)) : list.slice(0, 1),
    );
    setDefaultSuccessor(undefined);
    resetResult();
  };
  const updateSuccessor = (index: number, patch: Partial<SuccessorDraft>) => {
    setSuccessors((list) => list.map((s, i) => (i === index ? { ...s, ...patch } : s)));
    resetResult();
  };
  const handlePreview = async () => {
    if (!input) {
      return;
    }
    setDone(null);
    try {
      setShown(await preview.mutateAsync(input));
    } catch {
      setShown(null);
    }
  };
  const handleCreate = (mode: 'draft' | 'apply') => {
    if (!input) {
      return;
    }
    const run = async () => {
      try {
        setDone(await create.mutateAsync({ ...input, mode }));
        setShown(null);
      } catch {
        // The error is shown from the mutation state below the form.
      }
    };
    if (mode === 'draft') {
      void run();
      return;
    }
    void modal.confirm({
      title: 'Áp dụng sự kiện sắp xếp?',
      content:
        'Cơ quan cũ kết thúc hiệu lực, nhiệm vụ đang thực hiện và tài khoản chuyển sang cơ quan kế thừa trong một lần. ' +
        'Sự kiện đã áp dụng không thể sửa; muốn hoàn tác phải ghi nhận sự kiện đảo ngược.',
      okText: 'Áp dụng',
      cancelText: 'Hủy',
      onOk: run,
    });
  };

  const mutationError = preview.error ?? create.error;
  const problems = problemsOf(mutationError);

  return (
    <div>
      {modalContext}
      <PageHeader
        title="Sắp xếp tổ chức bộ máy"
        subtitle="Ghi nhận hợp nhất, chia tách, đổi tên, chuyển trực thuộc; xem trước những gì sẽ chuyển rồi áp dụng"
      />
      {!canManage ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="Chỉ Văn phòng thường trực và quản trị hệ thống được ghi nhận, áp dụng sự kiện sắp xếp."
        />
      ) : (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={24} xl={11}>
            <Card size="small" title="Sự kiện sắp xếp">
              <Form layout="vertical" component="div">
                <Form.Item label="Loại sự kiện" extra={KIND_HELP[kind]}>
                  <Radio.Group
                    data-testid="restructuring-kind"
                    value={kind}
                    onChange={(event) => handleKind(event.target.value as RestructuringKind)}
                    optionType="button"
                    options={(['merge', 'split', 'rename', 'move'] as const).map((k) => ({
                      value: k,
                      label: AGENCY_SUCCESSION_KIND_LABELS[k],
                    }))}
                  />
                </Form.Item>
                <Form.Item label={kind === 'merge' ? 'Các cơ quan hợp nhất' : 'Cơ quan hiện tại'} required>
                  {kind === 'merge' ? (
                    <AgencyPicker
                      multiple
                      testId="restructuring-predecessors"
                      asOf={effectiveOn ? dayjs(effectiveOn).subtract(1, 'day').format('YYYY-MM-DD') : undefined}
                      value={predecessorIds}
                      onChange={(ids) => {
                        setPredecessorIds(ids);
                        resetResult();
                      }}
                    />
                  ) : (
                    <AgencyPicker
                      testId="restructuring-predecessors"
                      value={predecessorIds[0]}
                      onChange={(id) => {
                        setPredecessorIds(id ? [id] : []);
                        resetResult();
                      }}
                    />
                  )}
                </Form.Item>
                <Form.Item label={kind === 'split' ? 'Các cơ quan kế thừa' : 'Cơ quan kế thừa'} required>
                  <Flex vertical gap={8}>
                    {successors.map((s, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional (the split mapping uses the index)
                      <Space.Compact key={index} block>
                        <Select
                          value={s.mode}
                          style={{ width: 150 }}
                          options={[
                            { value: 'new', label: 'Thành lập mới' },
                            { value: 'existing', label: 'Cơ quan có sẵn' },
                          ]}
                          onChange={(mode: SuccessorDraft['mode']) => updateSuccessor(index, { mode })}
                        />
                        {s.mode === 'existing' ? (
                          <AgencyPicker
                            testId={`restructuring-successor-${index}`}
                            value={s.agencyId}
                            onChange={(agencyId) => updateSuccessor(index, { agencyId })}
                            style={{ flex: 1 }}
                          />
                        ) : (
                          <>
                            <Input
                              data-testid={`restructuring-successor-name-${index}`}
                              placeholder="Tên cơ quan mới"
                              value={s.name}
                              onChange={(event) => updateSuccessor(index, { name: event.target.value })}
                            />
                            <Input
                              placeholder="Tên viết tắt"
                              value={s.shortName}
                              style={{ width: 140 }}
                              onChange={(event) => updateSuccessor(index, { shortName: event.target.value })}
                            />
                          </>
                        )}
                        {kind === 'split' && successors.length > 2 ? (
                          <Button
                            onClick={() => {
                              setSuccessors((list) => list.filter((_, i) => i !== index));
                              setDefaultSuccessor(undefined);
                              resetResult();
                            }}
                          >
                            Bỏ
                          </Button>
                        ) : null}
                      </Space.Compact>
                    ))}
                    {kind === 'split' ? (
                      <Button onClick={() => setSuccessors((list) => [...list, EMPTY_SUCCESSOR])}>
                        Thêm cơ quan kế thừa
                      </Button>
                    ) : null}
                  </Flex>
                </Form.Item>
                {kind === 'split' ? (
                  <Form.Item
                    label="Cơ quan nhận các nhiệm vụ đang thực hiện"
                    extra="Không chọn: nhiệm vụ vẫn thuộc cơ quan bị chia tách cho đến khi được giao lại."
                  >
                    <Select
                      allowClear
                      placeholder="Không chỉ định"
                      value={defaultSuccessor}
                      onChange={(value: number | undefined) => {
                        setDefaultSuccessor(value);
                        resetResult();
                      }}
                      options={successors.map((s, index) => ({
                        value: index,
                        label:
                          s.mode === 'new' ? s.name || `Cơ quan ${index + 1}` : (s.agencyId ?? `Cơ quan ${index + 1}`),
                      }))}
                    />
                  </Form.Item>
                ) : null}
                {kind === 'move' ? (
                  <Form.Item label="Cơ quan cấp trên mới" required>
                    <AgencyPicker
                      testId="restructuring-new-parent"
                      value={newParentId}
                      onChange={(id) => {
                        setNewParentId(id);
                        resetResult();
                      }}
                    />
                  </Form.Item>
                ) : null}
                <Row gutter={8}>
                  <Col span={12}>
                    <Form.Item label="Ngày hiệu lực" required extra="Cơ quan cũ hoạt động đến hết ngày hôm trước.">
                      <DatePicker
                        data-testid="restructuring-effective"
                        format="DD/MM/YYYY"
                        style={{ width: '100%' }}
                        value={effectiveOn ? dayjs(effectiveOn) : null}
                        onChange={(value) => {
                          setEffectiveOn(value ? value.format('YYYY-MM-DD') : undefined);
                          resetResult();
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item label="Ngày ban hành căn cứ">
                      <DatePicker
                        format="DD/MM/YYYY"
                        style={{ width: '100%' }}
                        value={basisDate ? dayjs(basisDate) : null}
                        onChange={(value) => {
                          setBasisDate(value ? value.format('YYYY-MM-DD') : undefined);
                          resetResult();
                        }}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item label="Căn cứ pháp lý (số văn bản)" required>
                  <Input
                    data-testid="restructuring-basis"
                    placeholder="Nghị quyết 202/2025/QH15"
                    value={basisNumber}
                    onChange={(event) => {
                      setBasisNumber(event.target.value);
                      resetResult();
                    }}
                  />
                </Form.Item>
                <Form.Item label="Ghi chú">
                  <Input.TextArea rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
                </Form.Item>
                <Space wrap>
                  <Button
                    data-testid="restructuring-preview-button"
                    disabled={!input}
                    loading={preview.isPending}
                    onClick={() => void handlePreview()}
                  >
                    Xem trước
                  </Button>
                  <Button disabled={!input || !shown} loading={create.isPending} onClick={() => handleCreate('draft')}>
                    Ghi nhận bản nháp
                  </Button>
                  <Button
                    type="primary"
                    data-testid="restructuring-apply-button"
                    disabled={!input || !shown}
                    loading={create.isPending}
                    onClick={() => handleCreate('apply')}
                  >
                    Áp dụng
                  </Button>
                </Space>
                {!shown && !done && input ? (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                    Xem trước trước khi ghi nhận hoặc áp dụng.
                  </Typography.Paragraph>
                ) : null}
              </Form>
            </Card>
          </Col>
          <Col xs={24} xl={13}>
            {mutationError ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={problems.length > 0 ? 'Sự kiện chưa hợp lệ' : errorMessage(mutationError)}
                description={
                  problems.length > 0 ? (
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {problems.map((p) => (
                        <li key={p}>{p}</li>
                      ))}
                    </ul>
                  ) : undefined
                }
              />
            ) : null}
            {done ? (
              <Alert
                data-testid="restructuring-result"
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                title={
                  done.alreadyApplied
                    ? 'Sự kiện đã được áp dụng trước đó; không có gì thay đổi.'
                    : done.event.status === 'draft'
                      ? 'Đã ghi nhận bản nháp.'
                      : 'Đã áp dụng sự kiện sắp xếp.'
                }
                description={
                  done.event.counts
                    ? `Chuyển ${done.event.counts.transferred} nhiệm vụ, giữ lại ${done.event.counts.completedStaying} nhiệm vụ đã hoàn thành, chuyển ${done.event.counts.usersMoved} tài khoản.`
                    : undefined
                }
              />
            ) : null}
            {shown ? <RestructuringPreviewPanel preview={shown} /> : null}
          </Col>
        </Row>
      )}
      <Typography.Title level={4}>Các sự kiện đã ghi nhận</Typography.Title>
      {events.error ? <QueryErrorAlert error={events.error} onRetry={() => void events.refetch()} /> : null}
      <RestructuringEventTable events={events.data?.items ?? []} loading={events.isFetching} canManage={canManage} />
    </div>
  );
}
