import type { Partner } from '@shared/contracts/exchange';
import { formatNumber } from '@shared/lib/vn-format';
import { formatDateTime } from '@web/ui/format';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Button, Flex, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type ExchangeLogEntry, useExchangeLog } from '../exchange.queries';
import { logDirectionLabel, logOperationLabel } from '../exchange-labels';

export type ExchangeLogTableProps = { partners: Partner[] };

function isFailure(entry: ExchangeLogEntry): boolean {
  return Boolean(entry.error) || (entry.httpStatus !== null && entry.httpStatus >= 400);
}

/** Every exchange request in either direction: who, what, how many objects, the outcome and how long it took. */
export function ExchangeLogTable({ partners }: ExchangeLogTableProps) {
  const [partnerId, setPartnerId] = useState<string | undefined>(undefined);
  const { data, isFetching, error, refetch } = useExchangeLog(partnerId);
  const names = new Map(partners.map((p) => [p.id, p.name]));

  const columns: TableColumnsType<ExchangeLogEntry> = [
    { title: 'Thời điểm', dataIndex: 'at', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: 'Hệ thống đối tác',
      dataIndex: 'partnerId',
      width: 180,
      render: (v: string | null) => (v ? (names.get(v) ?? v) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: 'Chiều', dataIndex: 'direction', width: 150, render: (v: string) => logDirectionLabel(v) },
    {
      title: 'Thao tác',
      dataIndex: 'operation',
      render: (v: string) => <span title={v}>{logOperationLabel(v)}</span>,
    },
    { title: 'Số đối tượng', dataIndex: 'objectCount', width: 110, render: (v: number) => formatNumber(v) },
    {
      title: 'Kết quả',
      key: 'result',
      width: 240,
      render: (_, e) => (
        <>
          <Tag color={isFailure(e) ? 'red' : 'green'}>
            {e.httpStatus !== null ? `HTTP ${e.httpStatus}` : isFailure(e) ? 'Lỗi' : 'Thành công'}
          </Tag>
          {e.error ? (
            <Typography.Paragraph type="danger" ellipsis={{ rows: 2, tooltip: e.error }} style={{ margin: 0 }}>
              {e.error}
            </Typography.Paragraph>
          ) : null}
        </>
      ),
    },
    {
      title: 'Thời gian xử lý',
      dataIndex: 'durationMs',
      width: 120,
      render: (v: number | null) => (v === null ? '—' : `${formatNumber(v)} ms`),
    },
  ];

  return (
    <div>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="Mọi hệ thống đối tác"
          value={partnerId}
          onChange={(next: string | undefined) => setPartnerId(next)}
          options={partners.map((p) => ({ value: p.id, label: p.name }))}
          style={{ width: 320 }}
        />
        <Button onClick={() => void refetch()} loading={isFetching}>
          Tải lại
        </Button>
        <Typography.Text type="secondary">200 lượt gần nhất</Typography.Text>
      </Flex>
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<ExchangeLogEntry>
        data-testid="exchange-log-table"
        rowKey="id"
        size="small"
        loading={isFetching}
        columns={columns}
        dataSource={data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
        locale={{ emptyText: 'Chưa có lượt trao đổi nào' }}
      />
    </div>
  );
}
