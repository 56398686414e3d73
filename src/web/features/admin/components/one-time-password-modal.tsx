import type { UserCredentials } from '@shared/contracts/users';
import { Alert, Descriptions, Modal, Typography } from 'antd';

export type OneTimePasswordModalProps = {
  credentials: UserCredentials | null;
  onClose: () => void;
};

/** Shows a new one-time password ONCE: the server keeps only its hash, closing this dialog loses it. */
export function OneTimePasswordModal({ credentials, onClose }: OneTimePasswordModalProps) {
  return (
    <Modal
      open={credentials !== null}
      title="Mật khẩu dùng một lần"
      onOk={onClose}
      onCancel={onClose}
      okText="Tôi đã ghi lại"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {credentials ? (
        <>
          <Alert
            type="warning"
            showIcon
            title="Mật khẩu chỉ hiển thị lần này. Hãy chuyển cho người dùng qua kênh an toàn; ở lần đăng nhập đầu họ phải đổi mật khẩu."
            style={{ marginBottom: 16 }}
          />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="Tài khoản">{credentials.user.loginName}</Descriptions.Item>
            <Descriptions.Item label="Cơ quan">{credentials.user.agencyName}</Descriptions.Item>
            <Descriptions.Item label="Mật khẩu">
              <Typography.Text code copyable style={{ fontSize: 16 }} data-testid="one-time-password">
                {credentials.oneTimePassword}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
    </Modal>
  );
}
