import {
  EXCHANGE_OBJECT_LABELS,
  EXCHANGE_OBJECT_TYPES,
  type ExchangeObjectType,
  type Partner,
} from '@shared/contracts/exchange';
import { errorMessage } from '@web/api/client';
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useCreateSubscription } from '../exchange.queries';

export type SubscriptionCreateModalProps = {
  partner: Partner | null;
  onClose: () => void;
};

type Values = { url: string; objectTypes: ExchangeObjectType[]; from: 'beginning' | 'now' };

const TYPE_OPTIONS = EXCHANGE_OBJECT_TYPES.map((value) => ({ value, label: EXCHANGE_OBJECT_LABELS[value] }));

/** Makes this system push its changes to an address of the partner (a webhook), from now or from the beginning. */
export function SubscriptionCreateModal({ partner, onClose }: SubscriptionCreateModalProps) {
  const [form] = Form.useForm<Values>();
  const create = useCreateSubscription();

  const handleClose = () => {
    create.reset();
    form.resetFields();
    onClose();
  };

  const handleOk = async () => {
    if (!partner) {
      return;
    }
    const values = await form.validateFields();
    try {
      await create.mutateAsync({
        partnerId: partner.id,
        request: { url: values.url.trim(), objectTypes: values.objectTypes ?? [], from: values.from },
      });
      handleClose();
    } catch {
      // Shown by the alert.
    }
  };

  return (
    <Modal
      open={partner !== null}
      title={`Đẩy thay đổi sang ${partner?.name ?? 'đối tác'}`}
      okText="Thêm địa chỉ nhận"
      onOk={() => void handleOk()}
      onCancel={handleClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      forceRender
    >
      {create.error ? (
        <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ from: 'now', objectTypes: [] }}>
        <Form.Item
          name="url"
          label="Địa chỉ nhận của đối tác"
          rules={[{ required: true, type: 'url', message: 'Nhập địa chỉ đầy đủ (https://…).' }]}
        >
          <Input placeholder={partner?.baseUrl ? `${partner.baseUrl}/…` : 'https://…'} />
        </Form.Item>
        <Form.Item name="objectTypes" label="Loại dữ liệu" extra="Để trống: mọi loại dữ liệu.">
          <Select mode="multiple" allowClear options={TYPE_OPTIONS} placeholder="Mọi loại dữ liệu" />
        </Form.Item>
        <Form.Item name="from" label="Bắt đầu từ">
          <Radio.Group
            options={[
              { value: 'now', label: 'Thay đổi từ bây giờ' },
              { value: 'beginning', label: 'Toàn bộ dữ liệu từ đầu' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
