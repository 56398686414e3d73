import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export type PageHeaderProps = {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Breadcrumb-like link back, rendered above the title. */
  back?: ReactNode;
  extra?: ReactNode;
};

export function PageHeader({ title, subtitle, back, extra }: PageHeaderProps) {
  return (
    <div style={{ marginBottom: 16 }}>
      {back ? <div style={{ marginBottom: 4 }}>{back}</div> : null}
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </div>
        {extra ? <div>{extra}</div> : null}
      </Flex>
    </div>
  );
}
