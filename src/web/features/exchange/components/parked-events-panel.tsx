import type { Partner } from '@shared/contracts/exchange';
import { formatNumber } from '@shared/lib/vn-format';
import { errorMessage } from '@web/api/client';
import { formatDateTime } from '@web/ui/format';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { App, Button, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type ParkedEvent, useParkedEvents, useRetryParked } from '../exchange.queries';
import { objectTypeLabel, parkedStatusLabel } from '../exchange-labels';

export type ParkedEventsPanelProps = { partner: Partner };

const STATUS_COLORS: Record<string, string> = { waiting: 'gold', unmapped: 'orange', rejected: 'red' };

const COLUMNS: TableColumnsType<ParkedEvent> = [
  {
    title: 'Tình trạng',
    dataIndex: 'status',
    width: 180,
    render: (v: string) => <Tag color={STATUS_COLORS[v]}>{parkedStatusLabel(v)}</Tag>,
  },
  {
    title: 'Dữ liệu',
    key: 'object',
    render: (_, e) => (
      <>
        {objectTypeLabel(e.objectType)}
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.objectId}
          </Typography.Text>
        </div>
      </>
    ),
  },
  {
    title: 'Lý do',
    dataIndex: 'reason',
    render: (v: string | null) =>
      v ? (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>
          {v}
        </Typography.Paragraph>
      ) : (
        '—'
      ),
  },
  { title: 'Nhận lúc', dataIndex: 'receivedAt', width: 140, render: (v: string) => formatDateTime(v) },
];

/**
 * Events received from a partner but not applied yet: waiting for a parent object, for an identifier mapping, or
 * refused as invalid. They are retried after every batch; "Xử lý lại" retries them now.
 */
export function ParkedEventsPanel({ partner }: ParkedEventsPanelProps) {
  const { message } = App.useApp();
  const { data, isFetching, error, refetch } = useParkedEvents(partner.id);
  const retry = useRetryParked();

  const handleRetry = () => {
    retry.mutate(partner.id, {
      onSuccess: (r) =>
        void message.success(
          r.applied > 0 ? `Đã áp dụng ${formatNumber(r.applied)} sự kiện.` : 'Chưa áp dụng được sự kiện nào.',
        ),
      onError: (failure) => void message.error(errorMessage(failure)),
    });
  };

  return (
    <div>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          loading={retry.isPending}
          disabled={(data ?? []).length === 0}
          onClick={handleRetry}
          data-testid="parked-retry"
        >
          Xử lý lại
        </Button>
        <Typography.Text type="secondary">
          Sự kiện chờ ánh xạ mã được xử lý tự động sau khi nhập ánh xạ ở thẻ "Ánh xạ mã".
        </Typography.Text>
      </Flex>
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<ParkedEvent>
        data-testid="parked-table"
        rowKey="eventId"
        size="small"
        loading={isFetching}
        columns={COLUMNS}
        dataSource={data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
        locale={{ emptyText: 'Không có sự kiện nào đang chờ' }}
      />
    </div>
  );
}
