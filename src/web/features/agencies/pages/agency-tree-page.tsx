import {
  AGENCY_KIND_LABELS,
  type AgencyKind,
  type AgencyListResponse,
  type AgencySummary,
} from '@shared/contracts/agencies';
import { businessDateOf, formatIsoDate } from '@shared/lib/vn-format';
import { useQueryClient } from '@tanstack/react-query';
import { apiGet } from '@web/api/client';
import { useSearchParams } from '@web/app/router';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { SearchInput } from '@web/ui/search-input';
import {
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { agencyKeys, useAgencyList } from '../agencies.queries';
import { AgencyHistoryPanel } from '../components/agency-history-panel';
import { AgencyKindTag } from '../components/agency-kind-tag';

const ROOT_KINDS: AgencyKind[] = [
  'ministry',
  'ministerial-agency',
  'government-agency',
  'province',
  'party-body',
  'enterprise',
  'other',
];
const KIND_OPTIONS = ROOT_KINDS.map((kind) => ({ value: kind, label: AGENCY_KIND_LABELS[kind] }));
const ROOT_PAGE_SIZE = 500;
const CHILD_PAGE_SIZE = 500;

function validityNote(agency: AgencySummary): string {
  if (agency.validTo) {
    return ` (đến ${formatIsoDate(agency.validTo)})`;
  }
  if (agency.validFrom) {
    return ` (từ ${formatIsoDate(agency.validFrom)})`;
  }
  return '';
}

function toNode(agency: AgencySummary, children: Map<string, AgencySummary[]>): TreeDataNode {
  const loaded = children.get(agency.id);
  return {
    key: agency.id,
    title: (
      <span data-testid="agency-tree-node">
        {agency.name}
        <Typography.Text type="secondary">{validityNote(agency)}</Typography.Text>
      </span>
    ),
    // Communes have no units below them; anything else may, and says so once opened.
    isLeaf: agency.kind === 'commune' || (loaded !== undefined && loaded.length === 0),
    children: loaded?.map((child) => toNode(child, children)),
  };
}

/**
 * The agency register as a tree: top-level agencies of one kind (ministries, provinces…) as constituted on a day,
 * each opening onto its units (departments, communes); a diacritic-free search over every name the agency has been
 * known by; and, for the chosen agency, its history (predecessors, successors, restructuring events).
 */
export function AgencyTreePage() {
  const queryClient = useQueryClient();
  const [params, setSearch] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = ROOT_KINDS.find((k) => k === params.get('kind')) ?? 'ministry';
  const showEnded = params.get('ended') === 'true';
  const asOf = showEnded ? undefined : (params.get('asOf') ?? businessDateOf(new Date()));
  const selectedId = params.get('agency') ?? undefined;
  const [children, setChildren] = useState<Map<string, AgencySummary[]>>(new Map());

  const roots = useAgencyList({ kind, asOf, pageSize: ROOT_PAGE_SIZE });
  const found = useAgencyList({ q, asOf, pageSize: 50 }, { enabled: q !== '' });

  const loadChildren = async (parentId: string) => {
    if (children.has(parentId)) {
      return;
    }
    const query = { parentId, asOf, pageSize: CHILD_PAGE_SIZE };
    const page = await queryClient.fetchQuery({
      queryKey: agencyKeys.list(query),
      queryFn: ({ signal }) => apiGet<AgencyListResponse>('/agencies', query, signal),
    });
    setChildren((current) => new Map(current).set(parentId, page.items));
  };

  const select = (agencyId: string | undefined) => setSearch({ agency: agencyId ?? null }, { replace: true });
  const treeData = (roots.data?.items ?? []).map((agency) => toNode(agency, children));

  return (
    <div>
      <PageHeader
        title="Cây tổ chức cơ quan"
        subtitle="Duyệt theo loại và cơ quan cấp trên; tìm theo mọi tên gọi, kể cả tên cũ, không cần dấu"
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <SearchInput
          testId="agency-tree-search"
          placeholder="Tìm theo mọi tên gọi (không cần dấu)"
          value={q}
          onSearch={(text) => setSearch({ q: text || null }, { replace: true })}
          style={{ width: 340 }}
        />
        <Select
          data-testid="agency-tree-kind"
          options={KIND_OPTIONS}
          value={kind}
          onChange={(next: AgencyKind) => {
            setChildren(new Map());
            setSearch({ kind: next === 'ministry' ? null : next });
          }}
          style={{ width: 220 }}
        />
        <DatePicker
          data-testid="agency-tree-as-of"
          format="DD/MM/YYYY"
          allowClear={false}
          disabled={showEnded}
          value={asOf ? dayjs(asOf) : null}
          onChange={(value) => {
            setChildren(new Map());
            setSearch({ asOf: value ? value.format('YYYY-MM-DD') : null });
          }}
        />
        <Checkbox
          data-testid="agency-tree-ended"
          checked={showEnded}
          onChange={(event) => {
            setChildren(new Map());
            setSearch({ ended: event.target.checked ? 'true' : null });
          }}
        >
          Gồm cả cơ quan đã giải thể, sáp nhập
        </Checkbox>
      </Flex>
      {roots.error ? <QueryErrorAlert error={roots.error} onRetry={() => void roots.refetch()} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" loading={roots.isLoading}>
            {q ? (
              <Flex vertical data-testid="agency-tree-results">
                {found.isFetching && !found.data ? <Skeleton active /> : null}
                {found.data && found.data.items.length === 0 ? (
                  <Empty description="Không tìm thấy cơ quan nào" />
                ) : null}
                {(found.data?.items ?? []).map((agency) => (
                  <button
                    type="button"
                    key={agency.id}
                    data-testid="agency-tree-result"
                    onClick={() => select(agency.id)}
                    style={{
                      textAlign: 'left',
                      border: 'none',
                      borderBottom: '1px solid #f0f0f0',
                      padding: '8px 12px',
                      cursor: 'pointer',
                      background: agency.id === selectedId ? '#e6f4ff' : 'transparent',
                    }}
                  >
                    <Flex vertical gap={2}>
                      <span>
                        {agency.name}
                        <Typography.Text type="secondary">{validityNote(agency)}</Typography.Text>
                      </span>
                      <span>
                        <AgencyKindTag kind={agency.kind} />
                      </span>
                    </Flex>
                  </button>
                ))}
              </Flex>
            ) : treeData.length > 0 ? (
              <Tree
                data-testid="agency-tree"
                blockNode
                height={640}
                treeData={treeData}
                selectedKeys={selectedId ? [selectedId] : []}
                loadData={(node) => loadChildren(String(node.key))}
                onSelect={(keys) => select(keys[0] === undefined ? undefined : String(keys[0]))}
              />
            ) : (
              <Empty description="Không có cơ quan nào thuộc loại này vào ngày đã chọn" />
            )}
            {!q && (roots.data?.total ?? 0) > ROOT_PAGE_SIZE ? (
              <Typography.Text type="secondary">
                Hiển thị {ROOT_PAGE_SIZE}/{roots.data?.total} cơ quan; hãy tìm theo tên để thu hẹp.
              </Typography.Text>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {selectedId ? (
            <AgencyHistoryPanel agencyId={selectedId} />
          ) : (
            <Card size="small">
              <Typography.Text type="secondary">
                Chọn một cơ quan để xem tên gọi, tiền thân, kế thừa và lịch sử sắp xếp.
              </Typography.Text>
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
