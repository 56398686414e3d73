import { checkPasswordRules, PASSWORD_MIN_LENGTH, PASSWORD_RULE_MESSAGES } from '@shared/domain/password-rules';
import { ApiError, errorMessage } from '@web/api/client';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useChangePassword } from '../auth.queries';

export type PasswordChangeFormProps = {
  loginName: string;
  /** The label of the current-password field ("Mật khẩu dùng một lần" after a reset). */
  currentLabel?: string;
  onDone?: () => void;
};

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** Change the signed-in user's password; the rules are checked here and again on the server. */
export function PasswordChangeForm({ loginName, currentLabel = 'Mật khẩu hiện tại', onDone }: PasswordChangeFormProps) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const handleFinish = async (values: Values) => {
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      onDone?.();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'WEAK_PASSWORD') {
        form.setFields([{ name: 'newPassword', errors: [error.message] }]);
      } else if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
        form.setFields([{ name: 'currentPassword', errors: [error.message] }]);
      }
    }
  };

  const showAlert =
    change.error instanceof ApiError && !['WEAK_PASSWORD', 'INVALID_CREDENTIALS'].includes(change.error.code);

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)} requiredMark={false}>
      <Form.Item name="currentPassword" label={currentLabel} rules={[{ required: true, message: 'Nhập mật khẩu.' }]}>
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="Mật khẩu mới"
        extra={`Ít nhất ${PASSWORD_MIN_LENGTH} ký tự, có 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký tự đặc biệt.`}
        rules={[
          { required: true, message: 'Nhập mật khẩu mới.' },
          {
            validator: async (_, value: string | undefined) => {
              const rule = value ? checkPasswordRules(value, loginName) : null;
              if (rule) {
                throw new Error(PASSWORD_RULE_MESSAGES[rule]);
              }
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="Nhập lại mật khẩu mới"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: 'Nhập lại mật khẩu mới.' },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) {
                throw new Error('Hai lần nhập không khớp.');
              }
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      {showAlert ? (
        <Alert type="error" showIcon title={errorMessage(change.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={change.isPending} block data-testid="password-submit">
        Đổi mật khẩu
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        Sau khi đổi, các phiên đăng nhập khác của tài khoản sẽ kết thúc.
      </Typography.Paragraph>
    </Form>
  );
}
