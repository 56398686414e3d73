import type { Partner } from '@shared/contracts/exchange';
import { errorMessage } from '@web/api/client';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useUpdatePartner } from '../exchange.queries';

export type OutboundKeyModalProps = {
  /** The partner whose key we enter; `null` closes the dialog. */
  partner: Partner | null;
  onClose: () => void;
};

type Values = { outboundKey: string };

/**
 * Enters the key a partner issued to this system (`tdk_…`); it signs our pull and push requests to that partner.
 * The key is never shown back: the overview only says whether one is set.
 */
export function OutboundKeyModal({ partner, onClose }: OutboundKeyModalProps) {
  const [form] = Form.useForm<Values>();
  const update = useUpdatePartner();

  const handleClose = () => {
    update.reset();
    form.resetFields();
    onClose();
  };

  const save = async (outboundKey: string | null) => {
    if (!partner) {
      return;
    }
    try {
      await update.mutateAsync({ partnerId: partner.id, patch: { outboundKey } });
      handleClose();
    } catch {
      // Shown by the alert.
    }
  };

  const handleOk = async () => {
    const values = await form.validateFields();
    await save(values.outboundKey.trim());
  };

  return (
    <Modal
      open={partner !== null}
      title={`Khóa do ${partner?.name ?? 'đối tác'} cấp cho hệ thống này`}
      onCancel={handleClose}
      destroyOnHidden
      forceRender
      footer={[
        partner?.hasOutboundKey ? (
          <Button key="clear" danger onClick={() => void save(null)} loading={update.isPending}>
            Xóa khóa đã nhập
          </Button>
        ) : null,
        <Button key="cancel" onClick={handleClose}>
          Hủy
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={update.isPending}
          onClick={() => void handleOk()}
          data-testid="outbound-key-submit"
        >
          Lưu khóa
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        Đơn vị vận hành hệ thống đối tác cấp khóa này (dạng <Typography.Text code>tdk_…</Typography.Text>) để hệ thống
        này lấy dữ liệu và đẩy thay đổi sang. Khóa được lưu trên máy chủ và không hiển thị lại.
        {partner?.hasOutboundKey ? ' Đã có khóa; nhập khóa mới để thay thế.' : ''}
      </Typography.Paragraph>
      {update.error ? (
        <Alert type="error" showIcon title={errorMessage(update.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="outboundKey"
          label="Khóa API"
          rules={[
            { required: true, whitespace: true, message: 'Dán khóa do đối tác cấp.' },
            { min: 10, message: 'Khóa quá ngắn.' },
          ]}
        >
          <Input.Password placeholder="tdk_…" autoComplete="off" data-testid="outbound-key-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
