import type { Credential, Partner, Subscription } from '@shared/contracts/exchange';
import { formatNumber } from '@shared/lib/vn-format';
import { errorMessage } from '@web/api/client';
import { formatDateTime } from '@web/ui/format';
import { App, Button, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { usePullNow, useReplayDeadLetters, useRevokeCredential, useSetSubscriptionStatus } from '../exchange.queries';
import {
  ID_SCHEME_LABELS,
  objectTypeLabel,
  PARTNER_STATUS_LABELS,
  pullSummary,
  SUBSCRIPTION_HEALTH_LABELS,
  scopesText,
  subscriptionHealth,
} from '../exchange-labels';

export type PartnerTableProps = {
  partners: Partner[];
  loading: boolean;
  onEdit: (partner: Partner) => void;
  onIssueKey: (partner: Partner) => void;
  onEnterOutboundKey: (partner: Partner) => void;
  onAddSubscription: (partner: Partner) => void;
};

/** Tables stay readable on a 1366 px laptop when few partners are open at once. */
const AUTO_EXPAND_MAX = 3;

function CredentialTable({ partner }: { partner: Partner }) {
  const { message, modal } = App.useApp();
  const revoke = useRevokeCredential();

  const handleRevoke = (credential: Credential) => {
    modal.confirm({
      title: `Thu hồi khóa ${credential.keyId}?`,
      content: 'Hệ thống đối tác dùng khóa này sẽ bị từ chối ngay. Việc thu hồi không hoàn tác được.',
      okText: 'Thu hồi',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await revoke.mutateAsync({ partnerId: partner.id, keyId: credential.keyId });
          void message.success('Đã thu hồi khóa.');
        } catch (error) {
          void message.error(errorMessage(error));
        }
      },
    });
  };

  const columns: TableColumnsType<Credential> = [
    {
      title: 'Mã khóa',
      dataIndex: 'keyId',
      width: 190,
      render: (v: string, c) => (
        <>
          <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
            {v}
          </Typography.Text>
          {c.label ? <div style={{ fontSize: 12 }}>{c.label}</div> : null}
        </>
      ),
    },
    { title: 'Quyền', dataIndex: 'scopes', render: (v: string[]) => scopesText(v) },
    { title: 'Cấp lúc', dataIndex: 'createdAt', width: 130, render: (v: string) => formatDateTime(v) },
    {
      title: 'Dùng lần cuối',
      dataIndex: 'lastUsedAt',
      width: 130,
      render: (v: string | null) => (v ? formatDateTime(v) : 'Chưa dùng'),
    },
    {
      title: 'Hiệu lực',
      key: 'state',
      width: 150,
      render: (_, c) => {
        if (c.revokedAt) {
          return <Tag>Đã thu hồi {formatDateTime(c.revokedAt)}</Tag>;
        }
        if (c.expiresAt && new Date(c.expiresAt).getTime() < Date.now()) {
          return <Tag color="orange">Hết hạn</Tag>;
        }
        return <Tag color="green">{c.expiresAt ? `Đến ${formatDateTime(c.expiresAt)}` : 'Không thời hạn'}</Tag>;
      },
    },
    {
      title: '',
      key: 'actions',
      width: 100,
      render: (_, c) =>
        c.revokedAt ? null : (
          <Button size="small" danger onClick={() => handleRevoke(c)} data-testid="credential-revoke">
            Thu hồi
          </Button>
        ),
    },
  ];

  return (
    <Table<Credential>
      data-testid="credential-table"
      rowKey="keyId"
      size="small"
      columns={columns}
      dataSource={partner.credentials}
      pagination={false}
      locale={{ emptyText: 'Chưa cấp khóa nào cho hệ thống này' }}
    />
  );
}

function SubscriptionTable({ partner }: { partner: Partner }) {
  const { message } = App.useApp();
  const setStatus = useSetSubscriptionStatus();
  const replay = useReplayDeadLetters();

  const handleToggle = (s: Subscription) => {
    setStatus.mutate(
      { subscriptionId: s.id, status: s.status === 'active' ? 'paused' : 'active' },
      {
        onSuccess: (next) => void message.success(next.status === 'active' ? 'Đã tiếp tục đẩy.' : 'Đã tạm dừng đẩy.'),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  };

  const handleReplay = (s: Subscription) => {
    replay.mutate(
      { subscriptionId: s.id },
      {
        onSuccess: (r) => void message.success(`Đã đưa ${formatNumber(r.replayed)} sự kiện vào hàng gửi lại.`),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  };

  const columns: TableColumnsType<Subscription> = [
    {
      title: 'Địa chỉ nhận',
      dataIndex: 'url',
      render: (v: string, s) => (
        <>
          <Typography.Text style={{ wordBreak: 'break-all' }}>{v}</Typography.Text>
          <div style={{ fontSize: 12 }}>
            <Typography.Text type="secondary">
              {s.objectTypes.length > 0 ? s.objectTypes.map(objectTypeLabel).join(', ') : 'Mọi loại dữ liệu'}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: 'Tình trạng',
      key: 'health',
      width: 130,
      render: (_, s) => {
        const health = SUBSCRIPTION_HEALTH_LABELS[subscriptionHealth(s)];
        return <Tag color={health.color}>{health.label}</Tag>;
      },
    },
    {
      title: 'Chờ gửi / Đã gửi / Lỗi',
      key: 'counts',
      width: 170,
      render: (_, s) => (
        <span data-testid="subscription-counts">
          {formatNumber(s.pending)} / {formatNumber(s.delivered)} /{' '}
          <Typography.Text type={s.dead > 0 ? 'danger' : undefined}>{formatNumber(s.dead)}</Typography.Text>
        </span>
      ),
    },
    {
      title: 'Lỗi gần nhất',
      key: 'error',
      render: (_, s) =>
        s.lastError ? (
          <Typography.Paragraph type="danger" ellipsis={{ rows: 2, tooltip: s.lastError }} style={{ margin: 0 }}>
            {s.lastError}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: 'Lần gửi tới / gửi được lần cuối',
      key: 'times',
      width: 170,
      render: (_, s) => (
        <div style={{ fontSize: 12 }}>
          <div>Thử tiếp: {s.nextAttemptAt ? formatDateTime(s.nextAttemptAt) : '—'}</div>
          <div>Gửi được: {s.lastDeliveredAt ? formatDateTime(s.lastDeliveredAt) : '—'}</div>
        </div>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 170,
      render: (_, s) => (
        <Flex gap={4} wrap>
          <Button
            size="small"
            loading={setStatus.isPending && setStatus.variables?.subscriptionId === s.id}
            onClick={() => handleToggle(s)}
            data-testid="subscription-toggle"
          >
            {s.status === 'active' ? 'Tạm dừng' : 'Tiếp tục'}
          </Button>
          {s.dead > 0 ? (
            <Button
              size="small"
              loading={replay.isPending && replay.variables?.subscriptionId === s.id}
              onClick={() => handleReplay(s)}
            >
              Gửi lại lỗi
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Table<Subscription>
      data-testid="subscription-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={partner.subscriptions}
      pagination={false}
      locale={{ emptyText: 'Chưa đẩy dữ liệu sang hệ thống này' }}
    />
  );
}

function PartnerDetail({ partner, onAddSubscription }: { partner: Partner; onAddSubscription: () => void }) {
  return (
    <Flex vertical gap={12} style={{ padding: '4px 0' }}>
      <div>
        <Typography.Text strong>Khóa API đã cấp cho hệ thống đối tác</Typography.Text>
        <CredentialTable partner={partner} />
      </div>
      <div>
        <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
          <Typography.Text strong>Đẩy thay đổi sang đối tác</Typography.Text>
          <Button size="small" onClick={onAddSubscription}>
            Thêm địa chỉ nhận
          </Button>
        </Flex>
        <SubscriptionTable partner={partner} />
      </div>
    </Flex>
  );
}

/** The partner systems: status, what waits for a person, keys in both directions, and the push subscriptions. */
export function PartnerTable({
  partners,
  loading,
  onEdit,
  onIssueKey,
  onEnterOutboundKey,
  onAddSubscription,
}: PartnerTableProps) {
  const { message } = App.useApp();
  const pull = usePullNow();
  // null: nobody has toggled a row yet, so few partners open by default.
  const [expanded, setExpanded] = useState<readonly React.Key[] | null>(null);
  const expandedKeys = expanded ?? (partners.length <= AUTO_EXPAND_MAX ? partners.map((p) => p.id) : []);

  const handlePull = (partner: Partner) => {
    pull.mutate(partner.id, {
      onSuccess: (result) => void message.success(pullSummary(result)),
      onError: (error) => void message.error(errorMessage(error)),
    });
  };

  const columns: TableColumnsType<Partner> = [
    {
      title: 'Hệ thống đối tác',
      key: 'name',
      render: (_, p) => (
        <div>
          <Typography.Text strong data-testid="partner-name">
            {p.name}
          </Typography.Text>
          <div>
            <Typography.Text code>{p.systemId}</Typography.Text>
          </div>
          {p.baseUrl ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {p.baseUrl}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: 'Trạng thái',
      key: 'status',
      width: 190,
      render: (_, p) => (
        <div>
          <Tag color={p.status === 'active' ? 'green' : 'default'}>{PARTNER_STATUS_LABELS[p.status]}</Tag>
          <div style={{ fontSize: 12, marginTop: 4 }}>{ID_SCHEME_LABELS[p.idScheme]}</div>
        </div>
      ),
    },
    {
      title: 'Cần xử lý',
      key: 'attention',
      width: 190,
      render: (_, p) => {
        const items = [
          { n: p.openConflicts, label: 'xung đột', color: 'red' },
          { n: p.unmappedEvents, label: 'chờ ánh xạ mã', color: 'orange' },
          { n: p.waitingEvents, label: 'chờ dữ liệu', color: 'gold' },
        ].filter((i) => i.n > 0);
        return items.length === 0 ? (
          <Typography.Text type="secondary">Không có</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {items.map((i) => (
              <Tag key={i.label} color={i.color}>
                {formatNumber(i.n)} {i.label}
              </Tag>
            ))}
          </Flex>
        );
      },
    },
    {
      title: 'Khóa',
      key: 'keys',
      width: 200,
      render: (_, p) => {
        const active = p.credentials.filter((c) => !c.revokedAt).length;
        return (
          <div style={{ fontSize: 12 }}>
            <div>
              Đã cấp cho đối tác: <strong>{formatNumber(active)}</strong> khóa còn hiệu lực
            </div>
            <div>
              Đối tác cấp cho ta:{' '}
              {p.hasOutboundKey ? (
                <Typography.Text type="success">đã nhập</Typography.Text>
              ) : (
                <Typography.Text type="warning">chưa nhập</Typography.Text>
              )}
            </div>
            <div>Đã lấy đến thay đổi số {formatNumber(p.pullCursor)}</div>
          </div>
        );
      },
    },
    {
      title: 'Thao tác',
      key: 'actions',
      width: 250,
      render: (_, p) => {
        const canPull = Boolean(p.baseUrl && p.hasOutboundKey) && p.status === 'active';
        return (
          <Flex gap={4} wrap>
            <Tooltip title={canPull ? undefined : 'Cần địa chỉ API và khóa do đối tác cấp'}>
              <Button
                size="small"
                type="primary"
                disabled={!canPull}
                loading={pull.isPending && pull.variables === p.id}
                onClick={() => handlePull(p)}
                data-testid="partner-pull"
              >
                Lấy dữ liệu ngay
              </Button>
            </Tooltip>
            <Button size="small" onClick={() => onIssueKey(p)} data-testid="partner-issue-key">
              Cấp khóa
            </Button>
            <Button size="small" onClick={() => onEnterOutboundKey(p)} data-testid="partner-outbound-key">
              Nhập khóa đối tác cấp
            </Button>
            <Button size="small" onClick={() => onEdit(p)} data-testid="partner-edit">
              Sửa
            </Button>
          </Flex>
        );
      },
    },
  ];

  return (
    <Table<Partner>
      data-testid="partner-table"
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={partners}
      pagination={false}
      expandable={{
        expandedRowKeys: expandedKeys,
        onExpandedRowsChange: (keys) => setExpanded(keys),
        expandedRowRender: (p) => <PartnerDetail partner={p} onAddSubscription={() => onAddSubscription(p)} />,
      }}
      locale={{ emptyText: 'Chưa có hệ thống đối tác nào. Bấm "Thêm hệ thống đối tác" để bắt đầu.' }}
    />
  );
}
