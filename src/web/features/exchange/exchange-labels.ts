import {
  type Conflict,
  EXCHANGE_OBJECT_LABELS,
  type ExchangeObjectType,
  type ExchangeScope,
  INBOUND_OUTCOMES,
  type InboundOutcome,
  type OwnershipSource,
  type Partner,
  type Subscription,
} from '@shared/contracts/exchange';
import { formatNumber } from '@shared/lib/vn-format';

export const OWNERSHIP_SOURCE_LABELS: Record<OwnershipSource, string> = {
  local: 'Hệ thống này',
  partner: 'Hệ thống đối tác',
  shared: 'Dùng chung (xung đột khi sửa hai nơi)',
};

export const PARTNER_STATUS_LABELS: Record<Partner['status'], string> = {
  active: 'Đang liên thông',
  disabled: 'Tạm ngừng',
};

export const ID_SCHEME_LABELS: Record<Partner['idScheme'], string> = {
  shared: 'Dùng chung mã định danh',
  own: 'Đối tác dùng mã riêng (cần ánh xạ)',
};

export const SUBSCRIPTION_STATUS_LABELS: Record<Subscription['status'], string> = {
  active: 'Đang đẩy',
  paused: 'Tạm dừng',
};

export const CONFLICT_STATUS_LABELS: Record<Conflict['status'], string> = {
  open: 'Chờ quyết định',
  'accepted-theirs': 'Đã nhận bản của đối tác',
  'kept-ours': 'Đã giữ bản của hệ thống này',
};

export const SCOPE_LABELS: Record<ExchangeScope, string> = {
  'feed:read': 'Đọc dữ liệu thay đổi',
  'events:write': 'Gửi dữ liệu vào',
  'files:read': 'Tải tệp minh chứng',
  'subscriptions:write': 'Đăng ký nhận đẩy',
};

const PARKED_STATUS_LABELS: Record<string, string> = {
  waiting: 'Chờ dữ liệu liên quan',
  unmapped: 'Chờ ánh xạ mã',
  rejected: 'Bị từ chối',
};

const LOG_DIRECTION_LABELS: Record<string, string> = {
  in: 'Đối tác gọi vào',
  out: 'Hệ thống này gọi ra',
  file: 'Trao đổi qua tệp',
};

const LOG_OPERATION_LABELS: Record<string, string> = {
  pull: 'Lấy dữ liệu từ đối tác',
  push: 'Đẩy dữ liệu sang đối tác',
  'GET /system': 'Xem thông tin hệ thống',
  'GET /object-types': 'Xem danh mục loại dữ liệu',
  'GET /changes': 'Đọc dữ liệu thay đổi',
  'POST /events': 'Gửi dữ liệu vào',
  'GET /files/:sha256': 'Tải tệp minh chứng',
  'POST /subscriptions': 'Đăng ký nhận đẩy',
  'bundle-export': 'Xuất gói dữ liệu',
  'bundle-check': 'Kiểm tra gói dữ liệu (chạy thử)',
  'bundle-import': 'Nhập gói dữ liệu',
};

/** Payload properties an official recognises; others are shown by their technical name. */
const FIELD_LABELS: Record<string, string> = {
  title: 'Tiêu đề',
  name: 'Tên',
  text: 'Nội dung',
  number: 'Số hiệu',
  summary: 'Trích yếu',
  issuer: 'Cơ quan ban hành',
  issuedOn: 'Ngày ban hành',
  status: 'Trạng thái',
  kind: 'Loại',
  product: 'Sản phẩm',
  notes: 'Ghi chú',
  leadText: 'Cơ quan chủ trì (theo văn bản)',
  coordinatorsText: 'Cơ quan phối hợp (theo văn bản)',
  deadlineRaw: 'Thời hạn (theo văn bản)',
  deadlineDue: 'Thời hạn',
  deadlineKind: 'Loại thời hạn',
  role: 'Vai trò',
  period: 'Kỳ báo cáo',
  state: 'Tình trạng thực hiện',
  narrative: 'Nội dung báo cáo',
  completedOn: 'Ngày hoàn thành',
  workflowStatus: 'Trạng thái duyệt',
  returnReason: 'Lý do trả lại',
  submittedAt: 'Thời điểm gửi',
  acceptedAt: 'Thời điểm tiếp nhận',
  value: 'Giá trị',
  agencyId: 'Cơ quan',
  taskId: 'Nhiệm vụ',
  directiveId: 'Văn bản',
};

export function objectTypeLabel(type: string): string {
  return EXCHANGE_OBJECT_LABELS[type as ExchangeObjectType] ?? type;
}

export function parkedStatusLabel(status: string): string {
  return PARKED_STATUS_LABELS[status] ?? status;
}

export function logDirectionLabel(direction: string): string {
  return LOG_DIRECTION_LABELS[direction] ?? direction;
}

/** "POST /api/exchange/v1/events" → "Gửi dữ liệu vào"; an operation not listed keeps its technical name. */
export function logOperationLabel(operation: string): string {
  const route = operation.replace(/^(\w+) \/api\/exchange\/v\d+/, '$1 ');
  return LOG_OPERATION_LABELS[operation] ?? LOG_OPERATION_LABELS[route] ?? operation;
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

const MAX_VALUE_CHARS = 500;

/** One payload value as text for a table cell: numbers in Vietnamese style, absent values as a dash. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  if (typeof value === 'number') {
    return formatNumber(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'Có' : 'Không';
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

export type ConflictDiffRow = { field: string; label: string; ours: string; theirs: string };

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The side-by-side rows of a conflict: one per differing field, ours then theirs. A side that has no object
 * (deleted on that system) reads "(đã xóa)" so the official sees that accepting it removes the object.
 */
export function conflictDiffRows(conflict: Pick<Conflict, 'ours' | 'theirs' | 'differingFields'>): ConflictDiffRow[] {
  const ours = asRecord(conflict.ours);
  const theirs = asRecord(conflict.theirs);
  return conflict.differingFields.map((field) => ({
    field,
    label: fieldLabel(field),
    ours: ours ? displayValue(ours[field]) : '(đã xóa)',
    theirs: theirs ? displayValue(theirs[field]) : '(đã xóa)',
  }));
}

export type SubscriptionHealth = 'ok' | 'retrying' | 'dead' | 'paused';

/** Which tag a subscription row wears: paused wins, then failed deliveries, then retries in progress. */
export function subscriptionHealth(
  s: Pick<Subscription, 'status' | 'dead' | 'consecutiveFailures'>,
): SubscriptionHealth {
  if (s.status === 'paused') {
    return 'paused';
  }
  if (s.dead > 0) {
    return 'dead';
  }
  return s.consecutiveFailures > 0 ? 'retrying' : 'ok';
}

export const SUBSCRIPTION_HEALTH_LABELS: Record<SubscriptionHealth, { label: string; color: string }> = {
  ok: { label: 'Bình thường', color: 'green' },
  retrying: { label: 'Đang thử lại', color: 'orange' },
  dead: { label: 'Có sự kiện lỗi', color: 'red' },
  paused: { label: 'Tạm dừng', color: 'default' },
};

/** "feed:read, events:write" → "Đọc dữ liệu thay đổi, Gửi dữ liệu vào" (unknown scopes keep their code). */
export function scopesText(scopes: readonly string[]): string {
  return scopes.map((s) => SCOPE_LABELS[s as ExchangeScope] ?? s).join(', ');
}

/** The public key shortened for a card: first and last characters, so two systems can compare it by eye. */
export function shortKey(key: string, keep = 12): string {
  const compact = key.replace(/-----[^-]+-----|\s+/g, '');
  return compact.length <= keep * 2 + 1 ? compact : `${compact.slice(0, keep)}…${compact.slice(-keep)}`;
}

/** What happened to one received event, lower-case so it reads inside a sentence ("12 áp dụng"). */
export const INBOUND_OUTCOME_LABELS: Record<InboundOutcome, string> = {
  applied: 'áp dụng',
  unchanged: 'không đổi',
  stale: 'cũ hơn bản đã có',
  duplicate: 'đã nhận trước đó',
  conflict: 'xung đột',
  waiting: 'chờ dữ liệu liên quan',
  unmapped: 'chờ ánh xạ mã',
  rejected: 'bị từ chối',
};

/** "Đã lấy 1.200 sự kiện: 1.150 áp dụng, 50 xung đột." — outcomes in the order of the protocol, zeros left out. */
export function pullSummary(result: { events: number; counts: Record<string, number> }): string {
  if (result.events === 0) {
    return 'Không có thay đổi mới từ đối tác.';
  }
  const parts = INBOUND_OUTCOMES.filter((o) => (result.counts[o] ?? 0) > 0).map(
    (o) => `${formatNumber(result.counts[o] ?? 0)} ${INBOUND_OUTCOME_LABELS[o]}`,
  );
  return `Đã lấy ${formatNumber(result.events)} sự kiện${parts.length > 0 ? `: ${parts.join(', ')}` : ''}.`;
}

export type AttentionCounts = { conflicts: number; deadLetters: number; unmapped: number; parked: number };

/** What waits for a person across all partners: the badges on the tabs. */
export function exchangeAttentionCounts(
  partners: ReadonlyArray<
    Pick<Partner, 'openConflicts' | 'unmappedEvents' | 'waitingEvents'> & {
      subscriptions: Pick<Subscription, 'dead'>[];
    }
  >,
): AttentionCounts {
  const counts: AttentionCounts = { conflicts: 0, deadLetters: 0, unmapped: 0, parked: 0 };
  for (const p of partners) {
    counts.conflicts += p.openConflicts;
    counts.unmapped += p.unmappedEvents;
    counts.parked += p.unmappedEvents + p.waitingEvents;
    counts.deadLetters += p.subscriptions.reduce((sum, s) => sum + s.dead, 0);
  }
  return counts;
}

/** A name for the object in conflict (its name, title or text from either side), so the card says what it is. */
export function conflictTitle(conflict: Pick<Conflict, 'ours' | 'theirs' | 'objectId'>, max = 160): string {
  for (const side of [asRecord(conflict.ours), asRecord(conflict.theirs)]) {
    const value = side?.name ?? side?.title ?? side?.text ?? side?.label;
    if (typeof value === 'string' && value.trim()) {
      const text = value.trim();
      return text.length > max ? `${text.slice(0, max)}…` : text;
    }
  }
  return conflict.objectId;
}
