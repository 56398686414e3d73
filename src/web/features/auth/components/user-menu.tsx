import { KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@shared/contracts/auth';
import { Button, Dropdown, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useLogout, useSession } from '../auth.queries';
import { PasswordChangeForm } from './password-change-form';
import { TotpEnrolPanel } from './totp-enrol-panel';

/** The signed-in user in the top bar: name, agency and roles, password change, TOTP enrolment, logout. */
export function UserMenu() {
  const { data: session } = useSession();
  const logout = useLogout();
  const [dialog, setDialog] = useState<'password' | 'totp' | null>(null);
  const user = session?.user;
  if (!user) {
    return null;
  }
  const roles = user.roles.map((r) => ROLE_LABELS[r]).join(', ');
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: (
                <div>
                  <div>{user.displayName}</div>
                  <Typography.Text type="secondary">{user.agency.name}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{roles}</Typography.Text>
                </div>
              ),
            },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: 'Đổi mật khẩu' },
            ...(user.totpEnabled ? [] : [{ key: 'totp', icon: <SafetyOutlined />, label: 'Bật xác thực hai lớp' }]),
            { key: 'logout', icon: <LogoutOutlined />, label: 'Đăng xuất', danger: true },
          ],
          onClick: ({ key }) => {
            if (key === 'logout') {
              logout.mutate();
            } else if (key === 'password' || key === 'totp') {
              setDialog(key);
            }
          },
        }}
      >
        <Button type="text" icon={<UserOutlined />} style={{ color: '#fff' }} data-testid="user-menu">
          {user.loginName}
        </Button>
      </Dropdown>
      <Modal
        open={dialog === 'password'}
        title="Đổi mật khẩu"
        footer={null}
        destroyOnHidden
        onCancel={() => setDialog(null)}
      >
        <PasswordChangeForm loginName={user.loginName} onDone={() => setDialog(null)} />
      </Modal>
      <Modal
        open={dialog === 'totp'}
        title="Bật xác thực hai lớp"
        footer={null}
        destroyOnHidden
        onCancel={() => setDialog(null)}
      >
        <TotpEnrolPanel onDone={() => setDialog(null)} />
      </Modal>
    </>
  );
}
