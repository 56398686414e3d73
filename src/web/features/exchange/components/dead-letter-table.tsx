import type { DeadLetter } from '@shared/contracts/exchange';
import { formatNumber } from '@shared/lib/vn-format';
import { errorMessage } from '@web/api/client';
import { formatDateTime } from '@web/ui/format';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { App, Button, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useDeadLetters, useReplayDeadLetters } from '../exchange.queries';
import { objectTypeLabel } from '../exchange-labels';

const COLUMNS: TableColumnsType<DeadLetter> = [
  { title: 'Hệ thống nhận', dataIndex: 'partnerName', width: 200 },
  {
    title: 'Dữ liệu',
    key: 'object',
    render: (_, d) => (
      <>
        {objectTypeLabel(d.objectType)}
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Thay đổi số {formatNumber(d.seq)} · {d.objectId}
          </Typography.Text>
        </div>
      </>
    ),
  },
  { title: 'Số lần thử', dataIndex: 'attempts', width: 100, render: (v: number) => formatNumber(v) },
  {
    title: 'Lỗi gần nhất',
    dataIndex: 'lastError',
    render: (v: string | null) =>
      v ? (
        <Typography.Paragraph type="danger" ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>
          {v}
        </Typography.Paragraph>
      ) : (
        '—'
      ),
  },
  { title: 'Phát sinh lúc', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
];

/** Events a partner did not accept after every retry: pick some (or all) and put them back in the delivery queue. */
export function DeadLetterTable() {
  const { message, modal } = App.useApp();
  const { data, isFetching, error, refetch } = useDeadLetters();
  const replay = useReplayDeadLetters();
  const [selected, setSelected] = useState<number[]>([]);
  const items = data ?? [];

  const handleReplay = (deliveryIds: number[] | undefined) => {
    const count = deliveryIds ? deliveryIds.length : items.length;
    modal.confirm({
      title: `Gửi lại ${formatNumber(count)} sự kiện?`,
      content: 'Các sự kiện được đưa lại vào hàng gửi và thử lại từ đầu. Bên nhận bỏ qua những sự kiện đã nhận.',
      okText: 'Gửi lại',
      onOk: async () => {
        try {
          const result = await replay.mutateAsync(deliveryIds ? { deliveryIds } : {});
          setSelected([]);
          void message.success(`Đã đưa ${formatNumber(result.replayed)} sự kiện vào hàng gửi lại.`);
        } catch (failure) {
          void message.error(errorMessage(failure));
        }
      },
    });
  };

  return (
    <div>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          disabled={selected.length === 0}
          onClick={() => handleReplay(selected)}
          data-testid="dead-letters-replay-selected"
        >
          Gửi lại {selected.length > 0 ? `${formatNumber(selected.length)} sự kiện đã chọn` : 'sự kiện đã chọn'}
        </Button>
        <Button
          disabled={items.length === 0}
          onClick={() => handleReplay(undefined)}
          data-testid="dead-letters-replay-all"
        >
          Gửi lại tất cả
        </Button>
        <Typography.Text type="secondary">
          Sự kiện bị chuyển vào đây sau nhiều lần gửi không thành công; dữ liệu ở hệ thống này không bị ảnh hưởng.
        </Typography.Text>
      </Flex>
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<DeadLetter>
        data-testid="dead-letter-table"
        rowKey="deliveryId"
        size="small"
        loading={isFetching}
        columns={COLUMNS}
        dataSource={items}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(Number)),
        }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
        locale={{ emptyText: 'Không có sự kiện lỗi' }}
      />
    </div>
  );
}
