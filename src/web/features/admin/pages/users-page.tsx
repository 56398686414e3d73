import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type Role, RoleSchema } from '@shared/contracts/auth';
import type { User, UserCredentials } from '@shared/contracts/users';
import { useSearchParams } from '@web/app/router';
import { sessionHasRole, useSession } from '@web/features/auth/auth.queries';
import { formatDateTime } from '@web/ui/format';
import { PageHeader } from '@web/ui/page-header';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { SearchInput } from '@web/ui/search-input';
import { Button, Checkbox, Flex, Modal, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useResetPassword, useUpdateUser, useUserList } from '../admin.queries';
import { AnyAgencySelect } from '../components/any-agency-select';
import { BulkAccountsModal } from '../components/bulk-accounts-modal';
import { OneTimePasswordModal } from '../components/one-time-password-modal';
import { UserFormModal } from '../components/user-form-modal';

const PAGE_SIZE = 50;
const ROLE_OPTIONS = RoleSchema.options.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

function StateTags({ user, now }: { user: User; now: number }) {
  const locked = user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
  return (
    <Space size={4} wrap>
      {user.active ? <Tag color="green">Hoạt động</Tag> : <Tag>Vô hiệu hóa</Tag>}
      {locked ? <Tag color="red">Khóa đến {formatDateTime(user.lockedUntil)}</Tag> : null}
      {user.mustChangePassword ? <Tag color="orange">Chờ đổi mật khẩu</Tag> : null}
      {user.totpEnabled ? <Tag color="blue">2 lớp</Tag> : null}
      {user.isDemo ? <Tag color="purple">Mẫu</Tag> : null}
    </Space>
  );
}

/** Account administration (standing office and administrators): list, create, edit, reset, deactivate, bulk. */
export function UsersPage() {
  // A local modal context: the confirm dialogs get the app's theme and locale without an antd <App> wrapper.
  const [modal, modalContext] = Modal.useModal();
  const [params, setSearch] = useSearchParams();
  const { data: session } = useSession();
  const isAdmin = sessionHasRole(session, 'admin');
  const q = params.get('q') ?? '';
  const agencyId = params.get('agencyId') ?? undefined;
  const role = RoleSchema.options.find((r) => r === params.get('role'));
  const showInactive = params.get('inactive') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, isFetching, error, refetch } = useUserList({
    q: q || undefined,
    agencyId,
    role,
    active: showInactive ? undefined : true,
    page,
    pageSize: PAGE_SIZE,
  });
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [credentials, setCredentials] = useState<UserCredentials | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const now = Date.now();

  const mayTouch = (user: User) => isAdmin || !user.roles.includes('admin');

  const handleReset = (user: User) => {
    let resetTotp = false;
    modal.confirm({
      title: `Cấp lại mật khẩu cho ${user.loginName}?`,
      content: (
        <Space orientation="vertical">
          <Typography.Text>
            Mật khẩu cũ hết hiệu lực, các phiên đăng nhập kết thúc, tài khoản được mở khóa. Người dùng phải đổi mật khẩu
            ở lần đăng nhập tới.
          </Typography.Text>
          {user.totpEnabled ? (
            <Checkbox onChange={(e) => (resetTotp = e.target.checked)}>
              Tắt xác thực hai lớp (người dùng mất điện thoại)
            </Checkbox>
          ) : null}
        </Space>
      ),
      okText: 'Cấp lại',
      onOk: async () => {
        setCredentials(await reset.mutateAsync({ userId: user.id, options: { resetTotp } }));
      },
    });
  };

  const handleToggleActive = (user: User) => {
    modal.confirm({
      title: user.active ? `Vô hiệu hóa ${user.loginName}?` : `Kích hoạt lại ${user.loginName}?`,
      content: user.active ? 'Tài khoản không đăng nhập được nữa; các phiên đang mở kết thúc ngay.' : undefined,
      okText: user.active ? 'Vô hiệu hóa' : 'Kích hoạt',
      okButtonProps: { danger: user.active },
      onOk: async () => {
        await update.mutateAsync({ userId: user.id, patch: { active: !user.active } });
      },
    });
  };

  const columns: TableColumnsType<User> = [
    {
      title: 'Tên đăng nhập',
      dataIndex: 'loginName',
      width: 200,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: 'Họ tên', dataIndex: 'displayName' },
    { title: 'Cơ quan', dataIndex: 'agencyName' },
    {
      title: 'Vai trò',
      dataIndex: 'roles',
      width: 220,
      render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>),
    },
    { title: 'Trạng thái', key: 'state', width: 200, render: (_, user) => <StateTags user={user} now={now} /> },
    {
      title: 'Đăng nhập gần nhất',
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: '',
      key: 'actions',
      width: 250,
      render: (_, user) =>
        mayTouch(user) ? (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing(user)}>
              Sửa
            </Button>
            <Button
              type="link"
              size="small"
              onClick={() => handleReset(user)}
              data-testid={`user-reset-${user.loginName}`}
            >
              Cấp lại mật khẩu
            </Button>
            {user.id === session?.user?.id ? null : (
              <Button type="link" size="small" danger={user.active} onClick={() => handleToggleActive(user)}>
                {user.active ? 'Vô hiệu hóa' : 'Kích hoạt'}
              </Button>
            )}
          </Space>
        ) : null,
    },
  ];

  return (
    <div>
      {modalContext}
      <PageHeader
        title="Tài khoản"
        subtitle="Người dùng thuộc các cơ quan, vai trò, khóa và mở khóa, cấp lại mật khẩu"
        extra={
          <Space>
            <Button icon={<UploadOutlined />} onClick={() => setBulkOpen(true)} data-testid="users-bulk">
              Tạo hàng loạt
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="users-new">
              Tạo tài khoản
            </Button>
          </Space>
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <SearchInput
          testId="users-search"
          placeholder="Tìm tên đăng nhập, họ tên, cơ quan"
          value={q}
          onSearch={(text) => setSearch({ q: text, page: null }, { replace: true })}
          style={{ width: 300 }}
        />
        <AnyAgencySelect
          value={agencyId}
          onChange={(next) => setSearch({ agencyId: next ?? null, page: null })}
          placeholder="Cơ quan"
          style={{ width: 280 }}
        />
        <Select
          allowClear
          placeholder="Vai trò"
          options={ROLE_OPTIONS}
          value={role}
          onChange={(next) => setSearch({ role: next ?? null, page: null })}
          style={{ width: 240 }}
        />
        <Checkbox
          checked={showInactive}
          onChange={(e) => setSearch({ inactive: e.target.checked ? 'true' : null, page: null })}
        >
          Gồm cả tài khoản đã vô hiệu hóa
        </Checkbox>
      </Flex>
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<User>
        data-testid="users-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          onChange: (next) => setSearch({ page: next === 1 ? null : next }),
          hideOnSinglePage: true,
          size: 'small',
          showSizeChanger: false,
          showTotal: (total) => `${total} tài khoản`,
        }}
        locale={{ emptyText: 'Không có tài khoản nào' }}
      />
      <UserFormModal
        target={editing}
        canGrantAdmin={isAdmin}
        onClose={() => setEditing(null)}
        onCreated={setCredentials}
      />
      <OneTimePasswordModal credentials={credentials} onClose={() => setCredentials(null)} />
      <BulkAccountsModal open={bulkOpen} onClose={() => setBulkOpen(false)} />
    </div>
  );
}
