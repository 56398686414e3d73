import { type Partner, PartnerCreateSchema } from '@shared/contracts/exchange';
import { ApiError, errorMessage } from '@web/api/client';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useCreatePartner, useUpdatePartner } from '../exchange.queries';
import { ID_SCHEME_LABELS, PARTNER_STATUS_LABELS } from '../exchange-labels';

export type PartnerFormModalProps = {
  /** `null` closes the dialog; `'new'` adds a partner; a partner edits it. */
  target: Partner | 'new' | null;
  onClose: () => void;
};

type Values = {
  systemId: string;
  name: string;
  baseUrl?: string;
  idScheme: Partner['idScheme'];
  status: Partner['status'];
};

const ID_SCHEME_OPTIONS = (Object.keys(ID_SCHEME_LABELS) as Partner['idScheme'][]).map((value) => ({
  value,
  label: ID_SCHEME_LABELS[value],
}));
const STATUS_OPTIONS = (Object.keys(PARTNER_STATUS_LABELS) as Partner['status'][]).map((value) => ({
  value,
  label: PARTNER_STATUS_LABELS[value],
}));

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Adds a partner system (its id, name, API address, identifier scheme) or edits one. */
export function PartnerFormModal({ target, onClose }: PartnerFormModalProps) {
  const [form] = Form.useForm<Values>();
  const create = useCreatePartner();
  const update = useUpdatePartner();
  const isNew = target === 'new';
  const failure = isNew ? create.error : update.error;

  useEffect(() => {
    if (target && target !== 'new') {
      form.setFieldsValue({
        systemId: target.systemId,
        name: target.name,
        baseUrl: target.baseUrl ?? undefined,
        idScheme: target.idScheme,
        status: target.status,
      });
    } else if (target === 'new') {
      form.resetFields();
    }
  }, [target, form]);

  const handleOk = async () => {
    const values = await form.validateFields();
    const baseUrl = values.baseUrl?.trim() ? values.baseUrl.trim() : null;
    try {
      if (isNew) {
        await create.mutateAsync({
          systemId: values.systemId.trim(),
          name: values.name,
          baseUrl,
          idScheme: values.idScheme,
        });
      } else if (target) {
        await update.mutateAsync({
          partnerId: target.id,
          patch: { name: values.name, baseUrl, idScheme: values.idScheme, status: values.status },
        });
      }
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        form.setFields([{ name: 'systemId', errors: [error.message] }]);
      }
    }
  };

  return (
    <Modal
      open={target !== null}
      title={isNew ? 'Thêm hệ thống đối tác' : 'Sửa hệ thống đối tác'}
      okText={isNew ? 'Thêm' : 'Lưu'}
      onOk={() => void handleOk()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      forceRender
    >
      {failure ? <Alert type="error" showIcon title={errorMessage(failure)} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ idScheme: 'shared' }}>
        <Form.Item
          name="systemId"
          label="Mã hệ thống"
          extra="Mã do hai bên thống nhất, ví dụ: tiendo-vpcp, hethong-nq57."
          rules={[
            { required: true, message: 'Nhập mã hệ thống.' },
            {
              validator: async (_, value: string | undefined) => {
                const parsed = PartnerCreateSchema.shape.systemId.safeParse(value ?? '');
                if (value && !parsed.success) {
                  throw new Error(parsed.error.issues[0]?.message ?? 'Mã hệ thống không hợp lệ.');
                }
              },
            },
          ]}
        >
          <Input disabled={!isNew} placeholder="vd. tiendo-vpcp" data-testid="partner-form-system-id" />
        </Form.Item>
        <Form.Item
          name="name"
          label="Tên hệ thống"
          rules={[{ required: true, whitespace: true, message: 'Nhập tên.' }]}
        >
          <Input placeholder="vd. Hệ thống theo dõi Nghị quyết 71/NQ-CP" data-testid="partner-form-name" />
        </Form.Item>
        <Form.Item
          name="baseUrl"
          label="Địa chỉ API của đối tác"
          extra="Địa chỉ gốc của API liên thông, ví dụ https://tiendo.vpcp.gov.vn/api/exchange/v1. Để trống nếu đối tác chỉ gọi vào hệ thống này hoặc trao đổi qua tệp."
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (value?.trim() && !isUrl(value.trim())) {
                  throw new Error('Địa chỉ phải bắt đầu bằng http:// hoặc https://');
                }
              },
            },
          ]}
        >
          <Input placeholder="https://…/api/exchange/v1" data-testid="partner-form-base-url" />
        </Form.Item>
        <Form.Item name="idScheme" label="Mã định danh dữ liệu">
          <Select options={ID_SCHEME_OPTIONS} />
        </Form.Item>
        {isNew ? null : (
          <Form.Item name="status" label="Trạng thái">
            <Select options={STATUS_OPTIONS} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
