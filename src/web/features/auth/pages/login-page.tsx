import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { SessionView } from '@shared/contracts/auth';
import { ApiError, errorMessage } from '@web/api/client';
import { formatDateTime } from '@web/ui/format';
import { PageFallback } from '@web/ui/page-fallback';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLogin, useLogout, useSession, useVerifyTotp } from '../auth.queries';
import { PasswordChangeForm } from '../components/password-change-form';
import { TotpEnrolPanel } from '../components/totp-enrol-panel';

/** The message for a failed sign-in: a lock says until when. */
function signInError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'ACCOUNT_LOCKED') {
    const until = (error.details as { lockedUntil?: string } | undefined)?.lockedUntil;
    return until ? `${error.message} Thử lại sau ${formatDateTime(until)}.` : error.message;
  }
  return errorMessage(error);
}

type LoginValues = { loginName: string; password: string };

function PasswordStep() {
  const login = useLogin();
  return (
    <Form<LoginValues>
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => login.mutate(values)}
      data-testid="login-form"
    >
      <Form.Item name="loginName" label="Tên đăng nhập" rules={[{ required: true, message: 'Nhập tên đăng nhập.' }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-name" />
      </Form.Item>
      <Form.Item name="password" label="Mật khẩu" rules={[{ required: true, message: 'Nhập mật khẩu.' }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      {login.error ? (
        <Alert
          type="error"
          showIcon
          title={signInError(login.error)}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      ) : null}
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
        Đăng nhập
      </Button>
    </Form>
  );
}

function TotpStep() {
  const verify = useVerifyTotp();
  return (
    <Form<{ code: string }>
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => verify.mutate(values.code.trim())}
    >
      <Typography.Paragraph>Nhập mã 6 số đang hiển thị trong ứng dụng xác thực trên điện thoại.</Typography.Paragraph>
      <Form.Item
        name="code"
        label="Mã xác thực"
        rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: 'Mã gồm 6 chữ số.' }]}
      >
        <Input
          prefix={<SafetyOutlined />}
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          maxLength={8}
          data-testid="totp-code"
        />
      </Form.Item>
      {verify.error ? (
        <Alert type="error" showIcon title={signInError(verify.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Button type="primary" htmlType="submit" block loading={verify.isPending} data-testid="totp-submit">
        Xác nhận
      </Button>
    </Form>
  );
}

const TITLES: Record<SessionView['stage'], string> = {
  anonymous: 'Đăng nhập',
  totp: 'Xác thực hai lớp',
  'password-change': 'Đổi mật khẩu',
  'totp-enrol': 'Thiết lập xác thực hai lớp',
  full: 'Đã đăng nhập',
};

function StepBody({ session }: { session: SessionView }) {
  const loginName = session.user?.loginName ?? '';
  switch (session.stage) {
    case 'anonymous':
      return <PasswordStep />;
    case 'totp':
      return <TotpStep />;
    case 'password-change':
      return (
        <>
          <Alert
            type="info"
            showIcon
            title="Bạn đang dùng mật khẩu dùng một lần. Hãy đặt mật khẩu mới để tiếp tục."
            style={{ marginBottom: 16 }}
          />
          <PasswordChangeForm loginName={loginName} currentLabel="Mật khẩu dùng một lần (hoặc mật khẩu hiện tại)" />
        </>
      );
    case 'totp-enrol':
      return (
        <>
          <Alert
            type="warning"
            showIcon
            title="Vai trò của bạn bắt buộc dùng xác thực hai lớp. Thiết lập một lần, sau đó mỗi lần đăng nhập cần mã 6 số."
            style={{ marginBottom: 16 }}
          />
          <TotpEnrolPanel />
        </>
      );
    case 'full':
      return (
        <Typography.Paragraph>
          Bạn đã đăng nhập với tài khoản <b>{loginName}</b>. <a href="/">Về trang chủ</a>
        </Typography.Paragraph>
      );
  }
}

export type LoginPageProps = {
  /** Shown under the card, e.g. a link to the demo accounts on a demo server. */
  footer?: ReactNode;
};

/**
 * The sign-in screen, in every step: password, TOTP code, forced password change after a one-time password, and
 * TOTP enrolment when the role requires it. The step comes from the server's session (`stage`).
 */
export function LoginPage({ footer }: LoginPageProps) {
  const session = useSession();
  const logout = useLogout();
  if (session.isPending) {
    return <PageFallback />;
  }
  const view: SessionView = session.data ?? {
    stage: 'anonymous',
    user: null,
    csrfToken: null,
    totpRequired: false,
    idleTimeoutSeconds: 0,
    expiresAt: null,
  };
  return (
    <Flex
      justify="center"
      align="flex-start"
      style={{ minHeight: '100vh', padding: '10vh 16px', background: '#f5f5f5' }}
    >
      <div style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4 }}>
          Tiến Độ
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          Theo dõi, đánh giá tiến độ thực hiện nhiệm vụ
        </Typography.Paragraph>
        <Card title={TITLES[view.stage]} data-testid={`login-step-${view.stage}`}>
          {session.error ? (
            <Alert type="error" showIcon title={errorMessage(session.error)} style={{ marginBottom: 16 }} />
          ) : null}
          <StepBody session={view} />
          {view.stage !== 'anonymous' && view.stage !== 'full' ? (
            <Button
              type="link"
              block
              style={{ marginTop: 8 }}
              onClick={() => logout.mutate()}
              data-testid="login-restart"
            >
              Đăng nhập bằng tài khoản khác
            </Button>
          ) : null}
        </Card>
        {footer ? <div style={{ marginTop: 16 }}>{footer}</div> : null}
      </div>
    </Flex>
  );
}
