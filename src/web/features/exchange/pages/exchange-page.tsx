import type { Partner } from '@shared/contracts/exchange';
import { useSearchParams } from '@web/app/router';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Badge, Button, Empty, Flex, Spin, Tabs, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { BundleExportCard, BundleImportCard } from '../components/bundle-panel';
import { ConflictList } from '../components/conflict-list';
import { CredentialIssueModal } from '../components/credential-issue-modal';
import { DeadLetterTable } from '../components/dead-letter-table';
import { ExchangeLogTable } from '../components/exchange-log-table';
import { IdMapPanel } from '../components/id-map-panel';
import { OutboundKeyModal } from '../components/outbound-key-modal';
import { OwnershipPanel } from '../components/ownership-panel';
import { ParkedEventsPanel } from '../components/parked-events-panel';
import { PartnerFormModal } from '../components/partner-form-modal';
import { PartnerSelect } from '../components/partner-select';
import { PartnerTable } from '../components/partner-table';
import { SubscriptionCreateModal } from '../components/subscription-create-modal';
import { SystemIdentityCard } from '../components/system-identity-card';
import { useExchangeOverview } from '../exchange.queries';
import { exchangeAttentionCounts } from '../exchange-labels';

const TABS = ['partners', 'conflicts', 'dead-letters', 'id-map', 'ownership', 'parked', 'bundles', 'log'] as const;
type TabKey = (typeof TABS)[number];

function isTab(value: string | null): value is TabKey {
  return (TABS as readonly string[]).includes(value ?? '');
}

function TabLabel({ text, count, color }: { text: string; count?: number; color?: string }) {
  return (
    <Flex gap={6} align="center">
      {text}
      {count ? <Badge count={count} overflowCount={999} color={color} /> : null}
    </Flex>
  );
}

type PerPartnerProps = {
  partners: Partner[];
  partnerId: string | undefined;
  onPartnerChange: (partnerId: string) => void;
  render: (partner: Partner) => ReactNode;
};

/** A tab that works on one partner at a time: the picker, then the content for the chosen partner. */
function PerPartner({ partners, partnerId, onPartnerChange, render }: PerPartnerProps) {
  if (partners.length === 0) {
    return <Empty description="Chưa có hệ thống đối tác nào" />;
  }
  const partner = partners.find((p) => p.id === partnerId) ?? partners[0];
  return (
    <div>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>Hệ thống đối tác:</Typography.Text>
        <PartnerSelect
          partners={partners}
          value={partner?.id}
          onChange={onPartnerChange}
          testId="exchange-partner-select"
        />
      </Flex>
      {partner ? render(partner) : null}
    </div>
  );
}

/**
 * Administration of the exchange with other monitoring systems (standing office, administrators): partners and
 * their keys, push subscriptions, conflicts to decide, failed deliveries, identifier mappings, data ownership,
 * parked events, file-based exchange (bundles) and the exchange log.
 */
export function ExchangePage() {
  const [params, setSearch] = useSearchParams();
  const rawTab = params.get('tab');
  const tab: TabKey = isTab(rawTab) ? rawTab : 'partners';
  const partnerId = params.get('partner') ?? undefined;
  const { data: overview, isLoading, error, refetch, isFetching } = useExchangeOverview();
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const [issuingFor, setIssuingFor] = useState<Partner | null>(null);
  const [keyFor, setKeyFor] = useState<Partner | null>(null);
  const [subscribingFor, setSubscribingFor] = useState<Partner | null>(null);

  const partners = overview?.partners ?? [];
  const counts = exchangeAttentionCounts(partners);
  const handlePartnerChange = (next: string) => setSearch({ partner: next }, { replace: true });
  const perPartner = (render: (partner: Partner) => ReactNode) => (
    <PerPartner partners={partners} partnerId={partnerId} onPartnerChange={handlePartnerChange} render={render} />
  );

  const items = [
    {
      key: 'partners',
      label: <TabLabel text="Hệ thống đối tác" />,
      children: (
        <div>
          {overview ? <SystemIdentityCard overview={overview} /> : null}
          <PartnerTable
            partners={partners}
            loading={isFetching}
            onEdit={setEditing}
            onIssueKey={setIssuingFor}
            onEnterOutboundKey={setKeyFor}
            onAddSubscription={setSubscribingFor}
          />
        </div>
      ),
    },
    { key: 'conflicts', label: <TabLabel text="Xung đột" count={counts.conflicts} />, children: <ConflictList /> },
    {
      key: 'dead-letters',
      label: <TabLabel text="Hàng đợi lỗi" count={counts.deadLetters} />,
      children: <DeadLetterTable />,
    },
    {
      key: 'id-map',
      label: <TabLabel text="Ánh xạ mã" count={counts.unmapped} color="orange" />,
      children: perPartner((p) => <IdMapPanel key={p.id} partner={p} />),
    },
    {
      key: 'ownership',
      label: <TabLabel text="Quy tắc làm chủ dữ liệu" />,
      children: perPartner((p) => <OwnershipPanel key={p.id} partner={p} />),
    },
    {
      key: 'parked',
      label: <TabLabel text="Sự kiện chờ xử lý" count={counts.parked} color="gold" />,
      children: perPartner((p) => <ParkedEventsPanel key={p.id} partner={p} />),
    },
    {
      key: 'bundles',
      label: <TabLabel text="Gói dữ liệu" />,
      children: (
        <div data-testid="bundle-tab">
          <BundleExportCard highWatermark={overview?.highWatermark} />
          {perPartner((p) => (
            <BundleImportCard key={p.id} partner={p} />
          ))}
        </div>
      ),
    },
    { key: 'log', label: <TabLabel text="Nhật ký trao đổi" />, children: <ExchangeLogTable partners={partners} /> },
  ];

  return (
    <div>
      <PageHeader
        title="Liên thông dữ liệu"
        subtitle="Trao đổi dữ liệu với các hệ thống theo dõi, đánh giá khác: nhập một lần, xem ở mọi nơi"
        extra={
          <Flex gap={8}>
            <Button onClick={() => void refetch()} loading={isFetching}>
              Tải lại
            </Button>
            <Button type="primary" onClick={() => setEditing('new')} data-testid="partner-add">
              Thêm hệ thống đối tác
            </Button>
          </Flex>
        }
      />
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {isLoading ? (
        <Spin />
      ) : (
        <Tabs
          data-testid="exchange-tabs"
          activeKey={tab}
          onChange={(next) => setSearch({ tab: next === 'partners' ? null : next })}
          items={items}
          destroyOnHidden
        />
      )}
      <PartnerFormModal target={editing} onClose={() => setEditing(null)} />
      <CredentialIssueModal partner={issuingFor} onClose={() => setIssuingFor(null)} />
      <OutboundKeyModal partner={keyFor} onClose={() => setKeyFor(null)} />
      <SubscriptionCreateModal partner={subscribingFor} onClose={() => setSubscribingFor(null)} />
    </div>
  );
}
