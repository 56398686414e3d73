import type { Conflict } from '@shared/contracts/exchange';
import { formatNumber } from '@shared/lib/vn-format';
import { errorMessage } from '@web/api/client';
import { formatDateTime } from '@web/ui/format';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { App, Button, Card, Empty, Flex, Segmented, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useConflicts, useResolveConflict } from '../exchange.queries';
import {
  CONFLICT_STATUS_LABELS,
  type ConflictDiffRow,
  conflictDiffRows,
  conflictTitle,
  objectTypeLabel,
} from '../exchange-labels';

// Cards are heavier than table rows; old laptops render a few dozen comfortably.
const PAGE_SIZE = 20;

const DIFF_COLUMNS: TableColumnsType<ConflictDiffRow> = [
  {
    title: 'Thông tin',
    dataIndex: 'label',
    width: 180,
    render: (v: string, r) => (
      <Typography.Text strong title={r.field}>
        {v}
      </Typography.Text>
    ),
  },
  {
    title: 'Hệ thống này',
    dataIndex: 'ours',
    width: '40%',
    render: (v: string) => <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v}</div>,
  },
  {
    title: 'Hệ thống đối tác',
    dataIndex: 'theirs',
    width: '40%',
    render: (v: string) => <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v}</div>,
  },
];

function ConflictCard({ conflict }: { conflict: Conflict }) {
  const { message, modal } = App.useApp();
  const resolve = useResolveConflict();
  const rows = conflictDiffRows(conflict);

  const handleResolve = (resolution: 'accept-theirs' | 'keep-ours') => {
    const acceptTheirs = resolution === 'accept-theirs';
    modal.confirm({
      title: acceptTheirs ? 'Nhận bản của hệ thống đối tác?' : 'Giữ bản của hệ thống này?',
      content: acceptTheirs
        ? `Dữ liệu ở hệ thống này được thay bằng bản của ${conflict.partnerName} (${rows.length} thông tin khác nhau).`
        : `Bản của hệ thống này được giữ nguyên và gửi lại cho ${conflict.partnerName}.`,
      okText: acceptTheirs ? 'Nhận bản của đối tác' : 'Giữ bản của hệ thống này',
      onOk: async () => {
        try {
          await resolve.mutateAsync({ conflictId: conflict.id, resolution });
          void message.success('Đã xử lý xung đột.');
        } catch (error) {
          void message.error(errorMessage(error));
        }
      },
    });
  };

  return (
    <Card
      size="small"
      data-testid="conflict-card"
      title={
        <Flex gap={8} align="center" wrap>
          <Tag color="blue">{objectTypeLabel(conflict.objectType)}</Tag>
          <Typography.Text ellipsis style={{ maxWidth: 520 }} title={conflictTitle(conflict, 1000)}>
            {conflictTitle(conflict)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            · {conflict.partnerName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {formatDateTime(conflict.createdAt)}
          </Typography.Text>
        </Flex>
      }
      extra={
        conflict.status === 'open' ? (
          <Flex gap={8}>
            <Button
              size="small"
              onClick={() => handleResolve('keep-ours')}
              loading={resolve.isPending && resolve.variables?.resolution === 'keep-ours'}
              data-testid="conflict-keep-ours"
            >
              Giữ bản của hệ thống này
            </Button>
            <Button
              size="small"
              type="primary"
              onClick={() => handleResolve('accept-theirs')}
              loading={resolve.isPending && resolve.variables?.resolution === 'accept-theirs'}
              data-testid="conflict-accept-theirs"
            >
              Nhận bản của đối tác
            </Button>
          </Flex>
        ) : (
          <Tag>
            {CONFLICT_STATUS_LABELS[conflict.status]}
            {conflict.resolvedAt ? ` · ${formatDateTime(conflict.resolvedAt)}` : ''}
          </Tag>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {conflict.reason} · Mã đối tượng <Typography.Text code>{conflict.objectId}</Typography.Text>
      </Typography.Paragraph>
      <Table<ConflictDiffRow>
        rowKey="field"
        size="small"
        columns={DIFF_COLUMNS}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: 'Hai bản giống nhau ở mọi thông tin được trao đổi' }}
      />
    </Card>
  );
}

/** Conflicts a person decides: the differing fields side by side, then take the partner's version or keep ours. */
export function ConflictList() {
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [shown, setShown] = useState(PAGE_SIZE);
  const { data, isLoading, error, refetch } = useConflicts(status);

  return (
    <div>
      <Segmented<'open' | 'all'>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(next) => {
          setStatus(next);
          setShown(PAGE_SIZE);
        }}
        options={[
          { value: 'open', label: 'Chờ quyết định' },
          { value: 'all', label: 'Tất cả' },
        ]}
      />
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {isLoading ? <Spin /> : null}
      {data && data.length === 0 ? (
        <Empty description={status === 'open' ? 'Không có xung đột nào chờ quyết định' : 'Chưa có xung đột nào'} />
      ) : null}
      <Flex vertical gap={12}>
        {(data ?? []).slice(0, shown).map((c) => (
          <ConflictCard key={c.id} conflict={c} />
        ))}
      </Flex>
      {data && data.length > shown ? (
        <Button style={{ marginTop: 12 }} onClick={() => setShown((n) => n + PAGE_SIZE)}>
          Xem thêm ({formatNumber(data.length - shown)} xung đột)
        </Button>
      ) : null}
    </div>
  );
}
