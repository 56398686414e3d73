import { AGENCY_SUCCESSION_KIND_LABELS } from '@shared/contracts/agencies';
import {
  type AssignmentSample,
  RESTRUCTURING_STATUS_LABELS,
  type RestructuringPreview,
} from '@shared/contracts/restructuring';
import { formatIsoDate, formatNumber } from '@shared/lib/vn-format';
import { Link } from '@web/app/router';
import { Alert, Card, Descriptions, Flex, Statistic, Tag, Typography } from 'antd';

const ROLE_LABELS: Record<string, string> = { lead: 'chủ trì', coordinator: 'phối hợp' };

function Sample({ title, count, sample }: { title: string; count: number; sample: AssignmentSample[] }) {
  if (count === 0) {
    return null;
  }
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text strong>
        {title}: {formatNumber(count)}
      </Typography.Text>
      <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
        {sample.map((item) => (
          <li key={item.assignmentId}>
            <Link to={`/tasks/${encodeURIComponent(item.taskId)}`}>{item.taskText}</Link>{' '}
            <Typography.Text type="secondary">({ROLE_LABELS[item.role] ?? item.role})</Typography.Text>
          </li>
        ))}
      </ul>
      {count > sample.length ? (
        <Typography.Text type="secondary">… và {formatNumber(count - sample.length)} nhiệm vụ khác</Typography.Text>
      ) : null}
    </div>
  );
}

export type RestructuringPreviewPanelProps = { preview: RestructuringPreview };

/** What applying the event will move, per predecessor: open assignments, completed work that stays, accounts, names. */
export function RestructuringPreviewPanel({ preview }: RestructuringPreviewPanelProps) {
  const { counts } = preview;
  return (
    <Card data-testid="restructuring-preview" size="small" title="Xem trước những gì sẽ thay đổi">
      {preview.existingStatus ? (
        <Alert
          type={preview.existingStatus === 'applied' ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={`Sự kiện này đã được ghi nhận (${RESTRUCTURING_STATUS_LABELS[preview.existingStatus]}).`}
          description={preview.existingStatus === 'applied' ? 'Áp dụng lại sẽ không thay đổi gì.' : undefined}
        />
      ) : null}
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'kind', label: 'Loại sự kiện', children: AGENCY_SUCCESSION_KIND_LABELS[preview.kind] },
          {
            key: 'dates',
            label: 'Hiệu lực',
            children: `Cơ quan cũ hoạt động đến hết ${formatIsoDate(preview.lastDayOfPredecessors)}; cơ quan kế thừa từ ${formatIsoDate(preview.effectiveOn)}`,
          },
          {
            key: 'basis',
            label: 'Căn cứ',
            children: `${preview.legalBasis.number}${preview.legalBasis.date ? ` ngày ${formatIsoDate(preview.legalBasis.date)}` : ''}`,
          },
          {
            key: 'successors',
            label: 'Cơ quan kế thừa',
            children: (
              <Flex wrap gap={4}>
                {preview.successors.map((s) => (
                  <Tag key={s.id} color={s.isNew ? 'green' : 'blue'}>
                    {s.name}
                    {s.isNew ? ' (thành lập mới)' : ''}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          ...(preview.newParent ? [{ key: 'parent', label: 'Trực thuộc mới', children: preview.newParent.name }] : []),
        ]}
      />
      <Flex gap={24} wrap style={{ marginBottom: 12 }}>
        <Statistic title="Nhiệm vụ chuyển giao" value={counts.transferred} />
        <Statistic title="Đã hoàn thành, giữ lại" value={counts.completedStaying} />
        {counts.untransferred > 0 ? (
          <Statistic title="Chưa chỉ định cơ quan nhận" value={counts.untransferred} />
        ) : null}
        <Statistic title="Tài khoản chuyển" value={counts.usersMoved} />
        {counts.usersStaying > 0 ? <Statistic title="Tài khoản giữ nguyên" value={counts.usersStaying} /> : null}
        <Statistic title="Tên gọi thêm" value={counts.aliasesAdded} />
      </Flex>
      {preview.perPredecessor.map((p) => (
        <Card key={p.predecessor.id} type="inner" size="small" title={p.predecessor.name} style={{ marginBottom: 8 }}>
          {p.transfers.map((t) => (
            <Sample key={t.successor.id} title={`Chuyển sang ${t.successor.name}`} count={t.count} sample={t.sample} />
          ))}
          <Sample
            title="Đã hoàn thành — giữ lại cho cơ quan đã thực hiện"
            count={p.completed.count}
            sample={p.completed.sample}
          />
          <Sample
            title="Chưa chỉ định cơ quan nhận — vẫn thuộc cơ quan bị chia tách"
            count={p.untransferred.count}
            sample={p.untransferred.sample}
          />
          {p.children > 0 ? (
            <Typography.Text type="secondary">
              {formatNumber(p.children)} đơn vị trực thuộc giữ nguyên cơ quan cấp trên (cần sắp xếp riêng).
            </Typography.Text>
          ) : null}
        </Card>
      ))}
      {preview.users.moving.length > 0 || preview.users.staying.length > 0 ? (
        <Card type="inner" size="small" title="Tài khoản" style={{ marginBottom: 8 }}>
          {preview.users.moving.map((m) => (
            <div key={m.from.id}>
              {m.from.name} → {m.to.name}: {m.count} tài khoản ({m.sample.map((u) => u.loginName).join(', ')}
              {m.count > m.sample.length ? ', …' : ''})
            </div>
          ))}
          {preview.users.staying.map((s) => (
            <div key={s.agency.id}>
              {s.agency.name}: {s.count} tài khoản giữ nguyên — quản trị hệ thống cần chuyển từng tài khoản.
            </div>
          ))}
        </Card>
      ) : null}
      {preview.aliases.length > 0 ? (
        <Card type="inner" size="small" title="Tên gọi được ghi thêm cho cơ quan kế thừa">
          <Flex wrap gap={4}>
            {preview.aliases.map((a) => (
              <Tag key={`${a.agencyId}-${a.alias}`} color={a.kind === 'former-name' ? 'orange' : undefined}>
                {a.alias}
              </Tag>
            ))}
          </Flex>
        </Card>
      ) : null}
    </Card>
  );
}
