import { LoginNameSchema, ROLE_LABELS, type Role, RoleSchema } from '@shared/contracts/auth';
import type { User, UserCredentials } from '@shared/contracts/users';
import { ApiError, errorMessage } from '@web/api/client';
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useCreateUser, useUpdateUser } from '../admin.queries';
import { AnyAgencySelect } from './any-agency-select';

const ROLE_OPTIONS = RoleSchema.options.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export type UserFormModalProps = {
  /** `null` closes the dialog; `'new'` creates; a user edits that user. */
  target: User | 'new' | null;
  /** Whether the signed-in user may hand out the admin role. */
  canGrantAdmin: boolean;
  onClose: () => void;
  onCreated: (credentials: UserCredentials) => void;
};

type Values = {
  loginName: string;
  displayName: string;
  email?: string;
  agencyId: string;
  roles: Role[];
  active: boolean;
};

/** Create an account, or change its name, agency, roles and active flag. */
export function UserFormModal({ target, canGrantAdmin, onClose, onCreated }: UserFormModalProps) {
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const isNew = target === 'new';
  const error = isNew ? create.error : update.error;

  useEffect(() => {
    if (target && target !== 'new') {
      form.setFieldsValue({
        loginName: target.loginName,
        displayName: target.displayName,
        email: target.email ?? undefined,
        agencyId: target.agencyId,
        roles: target.roles,
        active: target.active,
      });
    } else if (target === 'new') {
      form.resetFields();
    }
  }, [target, form]);

  const handleOk = async () => {
    const values = await form.validateFields();
    try {
      if (isNew) {
        const created = await create.mutateAsync({
          loginName: values.loginName,
          displayName: values.displayName,
          ...(values.email ? { email: values.email } : {}),
          agencyId: values.agencyId,
          roles: values.roles,
        });
        onClose();
        onCreated(created);
      } else if (target) {
        await update.mutateAsync({
          userId: target.id,
          patch: {
            displayName: values.displayName,
            email: values.email ? values.email : null,
            agencyId: values.agencyId,
            roles: values.roles,
            active: values.active,
          },
        });
        onClose();
      }
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'LOGIN_TAKEN') {
        form.setFields([{ name: 'loginName', errors: [failure.message] }]);
      }
    }
  };

  return (
    <Modal
      open={target !== null}
      title={isNew ? 'Tạo tài khoản' : 'Sửa tài khoản'}
      okText={isNew ? 'Tạo' : 'Lưu'}
      onOk={() => void handleOk()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ roles: ['reporter'], active: true }}
      >
        <Form.Item
          name="loginName"
          label="Tên đăng nhập"
          rules={[
            { required: true, message: 'Nhập tên đăng nhập.' },
            {
              validator: async (_, value: string | undefined) => {
                const parsed = LoginNameSchema.safeParse(value ?? '');
                if (value && !parsed.success) {
                  throw new Error(parsed.error.issues[0]?.message ?? 'Tên đăng nhập không hợp lệ.');
                }
              },
            },
          ]}
        >
          <Input disabled={!isNew} placeholder="vd. baocao.bocongan" data-testid="user-form-login" />
        </Form.Item>
        <Form.Item name="displayName" label="Họ tên / chức danh" rules={[{ required: true, message: 'Nhập họ tên.' }]}>
          <Input data-testid="user-form-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label="Thư điện tử (nhận nhắc việc)"
          rules={[{ type: 'email', message: 'Địa chỉ thư không hợp lệ.' }]}
        >
          <Input type="email" placeholder="vd. vanthu@hatinh.gov.vn" data-testid="user-form-email" />
        </Form.Item>
        <Form.Item name="agencyId" label="Cơ quan" rules={[{ required: true, message: 'Chọn cơ quan.' }]}>
          <AnyAgencySelect testId="user-form-agency" />
        </Form.Item>
        <Form.Item name="roles" label="Vai trò" rules={[{ required: true, message: 'Chọn ít nhất một vai trò.' }]}>
          <Select
            mode="multiple"
            data-testid="user-form-roles"
            options={ROLE_OPTIONS.map((o) => ({ ...o, disabled: o.value === 'admin' && !canGrantAdmin }))}
          />
        </Form.Item>
        {isNew ? null : (
          <Form.Item name="active" label="Đang hoạt động" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
      {error && !(error instanceof ApiError && error.code === 'LOGIN_TAKEN') ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : null}
    </Modal>
  );
}
