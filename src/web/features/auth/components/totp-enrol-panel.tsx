import type { TotpSetupResponse } from '@shared/contracts/auth';
import { errorMessage } from '@web/api/client';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useEnableTotp, useTotpSetup } from '../auth.queries';

export type TotpEnrolPanelProps = { onDone?: () => void };

/** "ABCD EFGH …": the secret in groups of four, as people copy it into an authenticator app. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * TOTP enrolment: creates a secret, shows it (and the otpauth:// link; no QR code is drawn), then asks for one
 * code from the app to switch the second factor on.
 */
export function TotpEnrolPanel({ onDone }: TotpEnrolPanelProps) {
  const setup = useTotpSetup();
  const enable = useEnableTotp();
  const [secret, setSecret] = useState<TotpSetupResponse | null>(null);

  const handleStart = async () => {
    setSecret(await setup.mutateAsync());
  };
  const handleEnable = async (values: { code: string }) => {
    await enable.mutateAsync(values.code.trim());
    onDone?.();
  };

  if (!secret) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          Cài một ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…) trên điện thoại, rồi bấm
          nút dưới đây để tạo khóa bí mật.
        </Typography.Paragraph>
        {setup.error ? <Alert type="error" showIcon title={errorMessage(setup.error)} /> : null}
        <Button
          type="primary"
          block
          loading={setup.isPending}
          onClick={() => void handleStart()}
          data-testid="totp-setup"
        >
          Tạo khóa bí mật
        </Button>
      </Space>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        Trong ứng dụng xác thực, chọn “Nhập khóa thiết lập” và gõ khóa sau (loại: theo thời gian):
      </Typography.Paragraph>
      <Typography.Text code copyable={{ text: secret.secret }} style={{ fontSize: 16 }} data-testid="totp-secret">
        {groupSecret(secret.secret)}
      </Typography.Text>
      <Typography.Text type="secondary">
        Tài khoản: {secret.accountName} · Đơn vị phát hành: {secret.issuer}
      </Typography.Text>
      <Typography.Text type="secondary" copyable={{ text: secret.otpauthUri }}>
        Liên kết otpauth:// (cho ứng dụng hỗ trợ dán liên kết)
      </Typography.Text>
      <Form layout="vertical" onFinish={(v: { code: string }) => void handleEnable(v)} requiredMark={false}>
        <Form.Item
          name="code"
          label="Mã 6 số đang hiển thị trong ứng dụng"
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: 'Mã gồm 6 chữ số.' }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} data-testid="totp-enable-code" />
        </Form.Item>
        {enable.error ? (
          <Alert type="error" showIcon title={errorMessage(enable.error)} style={{ marginBottom: 16 }} />
        ) : null}
        <Button type="primary" htmlType="submit" block loading={enable.isPending} data-testid="totp-enable-submit">
          Bật xác thực hai lớp
        </Button>
      </Form>
    </Space>
  );
}
