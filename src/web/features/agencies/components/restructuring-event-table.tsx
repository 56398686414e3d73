import { AGENCY_SUCCESSION_KIND_LABELS } from '@shared/contracts/agencies';
import { RESTRUCTURING_STATUS_LABELS, type RestructuringEvent } from '@shared/contracts/restructuring';
import { formatIsoDate } from '@shared/lib/vn-format';
import { errorMessage } from '@web/api/client';
import { Button, Input, Modal, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApplyRestructuring, useDiscardRestructuring, useReverseRestructuring } from '../restructuring.queries';

const STATUS_COLORS: Record<RestructuringEvent['status'], string> = {
  draft: 'gold',
  applied: 'green',
  discarded: 'default',
  reversed: 'red',
};

export type RestructuringEventTableProps = {
  events: RestructuringEvent[];
  loading: boolean;
  /** Shows the apply/discard/reverse actions (standing office and administrators). */
  canManage: boolean;
};

/** Recorded events with their state; drafts can be applied or discarded, applied events only reversed. */
export function RestructuringEventTable({ events, loading, canManage }: RestructuringEventTableProps) {
  const [modal, modalContext] = Modal.useModal();
  const apply = useApplyRestructuring();
  const discard = useDiscardRestructuring();
  const reverse = useReverseRestructuring();
  const [reversing, setReversing] = useState<RestructuringEvent | null>(null);
  const [basis, setBasis] = useState('');

  const handleApply = (event: RestructuringEvent) => {
    void modal.confirm({
      title: 'Áp dụng sự kiện sắp xếp?',
      content: 'Nhiệm vụ đang thực hiện và tài khoản sẽ chuyển sang cơ quan kế thừa. Sự kiện đã áp dụng không thể sửa.',
      okText: 'Áp dụng',
      cancelText: 'Hủy',
      onOk: () =>
        apply.mutateAsync(event.id).catch((error: unknown) => {
          void modal.error({ title: 'Không áp dụng được', content: errorMessage(error) });
        }),
    });
  };
  const handleDiscard = (event: RestructuringEvent) => {
    void modal.confirm({
      title: 'Hủy bản nháp?',
      okText: 'Hủy bản nháp',
      okButtonProps: { danger: true },
      cancelText: 'Đóng',
      onOk: () =>
        discard.mutateAsync(event.id).catch((error: unknown) => {
          void modal.error({ title: 'Không hủy được', content: errorMessage(error) });
        }),
    });
  };
  const handleReverse = async () => {
    if (!reversing) {
      return;
    }
    try {
      await reverse.mutateAsync({ eventId: reversing.id, body: { legalBasis: { number: basis.trim() } } });
      setReversing(null);
      setBasis('');
    } catch (error) {
      void modal.error({ title: 'Không đảo ngược được', content: errorMessage(error) });
    }
  };

  const columns: TableColumnsType<RestructuringEvent> = [
    { title: 'Hiệu lực', dataIndex: 'effectiveOn', width: 110, render: (d: string) => formatIsoDate(d) },
    {
      title: 'Sự kiện',
      key: 'what',
      render: (_: unknown, e) => (
        <span>
          {AGENCY_SUCCESSION_KIND_LABELS[e.kind]}
          {e.reversesEventId ? ' (đảo ngược)' : ''}: {e.predecessors.map((a) => a.name).join(', ')} →{' '}
          {e.successors.map((a) => a.name).join(', ')}
        </span>
      ),
    },
    { title: 'Căn cứ', key: 'basis', width: 240, render: (_: unknown, e) => e.legalBasis.number },
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      width: 150,
      render: (s: RestructuringEvent['status']) => <Tag color={STATUS_COLORS[s]}>{RESTRUCTURING_STATUS_LABELS[s]}</Tag>,
    },
    {
      title: 'Kết quả',
      key: 'counts',
      width: 220,
      render: (_: unknown, e) =>
        e.counts ? (
          <Typography.Text type="secondary">
            {e.counts.transferred} nhiệm vụ chuyển, {e.counts.completedStaying} giữ lại, {e.counts.usersMoved} tài khoản
          </Typography.Text>
        ) : null,
    },
    ...(canManage
      ? [
          {
            title: '',
            key: 'actions',
            width: 190,
            render: (_: unknown, e: RestructuringEvent) => (
              <Space size={4}>
                {e.status === 'draft' ? (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      data-testid="restructuring-apply-draft"
                      onClick={() => handleApply(e)}
                    >
                      Áp dụng
                    </Button>
                    <Button size="small" onClick={() => handleDiscard(e)}>
                      Hủy nháp
                    </Button>
                  </>
                ) : null}
                {e.status === 'applied' && !e.reversesEventId ? (
                  <Button size="small" danger onClick={() => setReversing(e)}>
                    Đảo ngược
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {modalContext}
      <Table<RestructuringEvent>
        data-testid="restructuring-events"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={events}
        loading={loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: 'Chưa có sự kiện nào' }}
      />
      <Modal
        open={reversing !== null}
        title="Đảo ngược sự kiện đã áp dụng"
        okText="Đảo ngược"
        okButtonProps={{ danger: true, disabled: basis.trim().length < 3, loading: reverse.isPending }}
        cancelText="Đóng"
        onOk={() => void handleReverse()}
        onCancel={() => setReversing(null)}
      >
        <Typography.Paragraph>
          Nhiệm vụ, tài khoản, tên gọi và thời hạn hiệu lực sẽ trở lại như trước khi áp dụng. Sự kiện gốc được giữ lại
          và đánh dấu đã đảo ngược.
        </Typography.Paragraph>
        <Input
          placeholder="Căn cứ của việc đảo ngược (số văn bản)"
          value={basis}
          onChange={(event) => setBasis(event.target.value)}
        />
      </Modal>
    </>
  );
}
