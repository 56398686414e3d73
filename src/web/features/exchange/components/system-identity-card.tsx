import type { ExchangeOverview } from '@shared/contracts/exchange';
import { formatNumber } from '@shared/lib/vn-format';
import { Card, Descriptions, Typography } from 'antd';
import { shortKey } from '../exchange-labels';

export type SystemIdentityCardProps = { overview: ExchangeOverview };

/** This system as partners see it: the id and public key they register, and how far its change feed has got. */
export function SystemIdentityCard({ overview }: SystemIdentityCardProps) {
  return (
    <Card size="small" title="Hệ thống này" style={{ marginBottom: 16 }} data-testid="exchange-system-card">
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
        <Descriptions.Item label="Mã hệ thống">
          <Typography.Text code copyable data-testid="exchange-system-id">
            {overview.system}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="Tên">{overview.name}</Descriptions.Item>
        <Descriptions.Item label="Khóa công khai">
          <Typography.Text code copyable={{ text: overview.publicKey }} title={overview.publicKey}>
            {shortKey(overview.publicKey)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="Số thay đổi đã ghi">{formatNumber(overview.highWatermark)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
