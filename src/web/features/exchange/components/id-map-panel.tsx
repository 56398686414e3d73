import {
  EXCHANGE_OBJECT_LABELS,
  EXCHANGE_OBJECT_TYPES,
  type ExchangeObjectType,
  type IdMapping,
  type Partner,
} from '@shared/contracts/exchange';
import { formatNumber } from '@shared/lib/vn-format';
import { foldText } from '@shared/lib/vn-text';
import { errorMessage } from '@web/api/client';
import { formatDateTime } from '@web/ui/format';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { SearchInput } from '@web/ui/search-input';
import { App, Button, Card, Flex, Input, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useIdMappings, useUpsertIdMapping } from '../exchange.queries';
import { objectTypeLabel } from '../exchange-labels';
import { OurObjectPicker } from './our-object-picker';

export type IdMapPanelProps = { partner: Partner };

const TYPE_OPTIONS = EXCHANGE_OBJECT_TYPES.map((value) => ({ value, label: EXCHANGE_OBJECT_LABELS[value] }));

function useSaveMapping(partner: Partner) {
  const { message } = App.useApp();
  const upsert = useUpsertIdMapping();
  const save = async (objectType: ExchangeObjectType, theirId: string, ourId: string, theirLabel?: string) => {
    try {
      const result = await upsert.mutateAsync({
        partnerId: partner.id,
        request: { objectType, theirId, ourId, ...(theirLabel ? { theirLabel } : {}) },
      });
      void message.success(
        result.retriedApplied > 0
          ? `Đã lưu ánh xạ; ${formatNumber(result.retriedApplied)} sự kiện đang chờ đã được áp dụng.`
          : 'Đã lưu ánh xạ.',
      );
      return true;
    } catch (error) {
      void message.error(errorMessage(error));
      return false;
    }
  };
  return { save, pending: upsert.isPending, savingId: upsert.variables?.request.theirId };
}

type MappingTableProps = {
  partner: Partner;
  items: IdMapping[];
  loading: boolean;
  /** The review queue: every row is open for input. Otherwise a row opens with "Đổi". */
  queue: boolean;
  testId: string;
};

function MappingTable({ partner, items, loading, queue, testId }: MappingTableProps) {
  const [drafts, setDrafts] = useState<Record<string, string | undefined>>({});
  const [editing, setEditing] = useState<Set<string>>(new Set());
  const { save, pending, savingId } = useSaveMapping(partner);

  const setDraft = (id: string, ourId: string | undefined) => setDrafts((prev) => ({ ...prev, [id]: ourId }));
  const isOpen = (m: IdMapping) => queue || editing.has(m.id);

  const handleSave = async (m: IdMapping) => {
    const ourId = drafts[m.id];
    if (!ourId) {
      return;
    }
    if (await save(m.objectType as ExchangeObjectType, m.theirId, ourId)) {
      setEditing((prev) => {
        const next = new Set(prev);
        next.delete(m.id);
        return next;
      });
    }
  };

  const columns: TableColumnsType<IdMapping> = [
    { title: 'Loại', dataIndex: 'objectType', width: 150, render: (v: string) => objectTypeLabel(v) },
    {
      title: 'Mã của đối tác',
      key: 'theirs',
      render: (_, m) => (
        <>
          <Typography.Text code>{m.theirId}</Typography.Text>
          {m.theirLabel ? <div>{m.theirLabel}</div> : null}
        </>
      ),
    },
    {
      title: 'Đối tượng ở hệ thống này',
      key: 'ours',
      width: '40%',
      render: (_, m) =>
        isOpen(m) ? (
          <Flex gap={8}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <OurObjectPicker
                objectType={m.objectType}
                value={drafts[m.id] ?? m.ourId ?? undefined}
                onChange={(next) => setDraft(m.id, next)}
                testId="id-map-our-id"
              />
            </div>
            <Button
              type="primary"
              disabled={!drafts[m.id]}
              loading={pending && savingId === m.theirId}
              onClick={() => void handleSave(m)}
              data-testid="id-map-save"
            >
              Lưu
            </Button>
          </Flex>
        ) : (
          <Flex gap={8} align="center" justify="space-between">
            <div>
              {m.ourLabel ?? <Typography.Text type="secondary">—</Typography.Text>}
              {m.ourId ? (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.ourId}
                  </Typography.Text>
                </div>
              ) : null}
            </div>
            <Button size="small" onClick={() => setEditing((prev) => new Set(prev).add(m.id))}>
              Đổi
            </Button>
          </Flex>
        ),
    },
    { title: 'Cập nhật', dataIndex: 'updatedAt', width: 130, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Table<IdMapping>
      data-testid={testId}
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
      locale={{ emptyText: queue ? 'Không có mã nào chờ ánh xạ' : 'Chưa có ánh xạ nào' }}
    />
  );
}

function AddMappingForm({ partner }: { partner: Partner }) {
  const [objectType, setObjectType] = useState<ExchangeObjectType>('agency');
  const [theirId, setTheirId] = useState('');
  const [theirLabel, setTheirLabel] = useState('');
  const [ourId, setOurId] = useState<string | undefined>(undefined);
  const { save, pending } = useSaveMapping(partner);

  const handleAdd = async () => {
    if (!theirId.trim() || !ourId) {
      return;
    }
    if (await save(objectType, theirId.trim(), ourId, theirLabel.trim() || undefined)) {
      setTheirId('');
      setTheirLabel('');
      setOurId(undefined);
    }
  };

  return (
    <Flex gap={8} wrap align="center">
      <Select<ExchangeObjectType>
        value={objectType}
        onChange={(next) => {
          setObjectType(next);
          setOurId(undefined);
        }}
        options={TYPE_OPTIONS}
        style={{ width: 180 }}
      />
      <Input
        placeholder="Mã của đối tác"
        value={theirId}
        onChange={(e) => setTheirId(e.target.value)}
        style={{ width: 170 }}
      />
      <Input
        placeholder="Tên theo đối tác (không bắt buộc)"
        value={theirLabel}
        onChange={(e) => setTheirLabel(e.target.value)}
        style={{ width: 200 }}
      />
      <div style={{ width: 300 }}>
        <OurObjectPicker objectType={objectType} value={ourId} onChange={setOurId} />
      </div>
      <Button disabled={!theirId.trim() || !ourId} loading={pending} onClick={() => void handleAdd()}>
        Thêm ánh xạ
      </Button>
    </Flex>
  );
}

/**
 * The identifier map with one partner that keeps its own identifiers: first the review queue of identifiers that
 * arrived without a match (their events wait until mapped), then every mapping, searchable.
 */
export function IdMapPanel({ partner }: IdMapPanelProps) {
  const queue = useIdMappings(partner.id, true);
  const all = useIdMappings(partner.id, false);
  const [type, setType] = useState<string | undefined>(undefined);
  const [q, setQ] = useState('');
  const folded = foldText(q);
  const filtered = (all.data ?? []).filter(
    (m) =>
      (!type || m.objectType === type) &&
      (!folded || foldText(`${m.theirId} ${m.theirLabel ?? ''} ${m.ourLabel ?? ''} ${m.ourId ?? ''}`).includes(folded)),
  );

  return (
    <Flex vertical gap={16}>
      {partner.idScheme === 'shared' ? (
        <Typography.Text type="secondary">
          Hệ thống này và {partner.name} dùng chung mã định danh; bảng ánh xạ chỉ cần cho những mã khác nhau.
        </Typography.Text>
      ) : null}
      <Card
        size="small"
        title={`Mã chờ ánh xạ (${formatNumber(queue.data?.length ?? 0)})`}
        data-testid="id-map-queue-card"
      >
        {queue.error ? <QueryErrorAlert error={queue.error} onRetry={() => void queue.refetch()} /> : null}
        <MappingTable
          partner={partner}
          items={queue.data ?? []}
          loading={queue.isFetching}
          queue
          testId="id-map-queue"
        />
      </Card>
      <Card size="small" title="Thêm ánh xạ">
        <AddMappingForm partner={partner} />
      </Card>
      <Card size="small" title={`Toàn bộ ánh xạ (${formatNumber(all.data?.length ?? 0)})`}>
        <Flex gap={8} wrap style={{ marginBottom: 8 }}>
          <Select
            allowClear
            placeholder="Mọi loại"
            options={TYPE_OPTIONS}
            value={type}
            onChange={(next: string | undefined) => setType(next)}
            style={{ width: 200 }}
          />
          <SearchInput placeholder="Tìm theo mã hoặc tên" value={q} onSearch={setQ} style={{ width: 280 }} />
        </Flex>
        {all.error ? <QueryErrorAlert error={all.error} onRetry={() => void all.refetch()} /> : null}
        <MappingTable partner={partner} items={filtered} loading={all.isFetching} queue={false} testId="id-map-all" />
      </Card>
    </Flex>
  );
}
