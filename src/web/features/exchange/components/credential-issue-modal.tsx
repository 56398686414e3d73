import { EXCHANGE_SCOPES, type ExchangeScope, type IssuedCredential, type Partner } from '@shared/contracts/exchange';
import { errorMessage } from '@web/api/client';
import { formatDateTime } from '@web/ui/format';
import { Alert, Button, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useIssueCredential } from '../exchange.queries';
import { SCOPE_LABELS, scopesText } from '../exchange-labels';

export type CredentialIssueModalProps = {
  /** The partner the key is for; `null` closes the dialog. */
  partner: Partner | null;
  onClose: () => void;
};

type Values = {
  label?: string;
  scopes: ExchangeScope[];
  publicKey?: string;
  expiresInDays?: number | null;
};

const SCOPE_OPTIONS = EXCHANGE_SCOPES.map((value) => ({ value, label: SCOPE_LABELS[value] }));

function IssuedKeyView({ issued }: { issued: IssuedCredential }) {
  return (
    <>
      {issued.apiKey ? (
        <Alert
          type="warning"
          showIcon
          title="Khóa chỉ hiển thị một lần này. Hệ thống không lưu khóa bí mật: hãy sao chép và chuyển cho đơn vị vận hành hệ thống đối tác qua kênh an toàn. Nếu mất, hãy cấp khóa mới và thu hồi khóa này."
          style={{ marginBottom: 16 }}
        />
      ) : (
        <Alert
          type="info"
          showIcon
          title="Đã ghi nhận khóa công khai của đối tác. Đối tác dùng khóa bí mật của mình để ký yêu cầu; không có khóa nào cần chuyển."
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="Mã khóa">
          <Typography.Text code>{issued.credential.keyId}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="Quyền">{scopesText(issued.credential.scopes)}</Descriptions.Item>
        <Descriptions.Item label="Hết hạn">
          {issued.credential.expiresAt ? formatDateTime(issued.credential.expiresAt) : 'Không thời hạn'}
        </Descriptions.Item>
        {issued.apiKey ? (
          <Descriptions.Item label="Khóa API">
            <Typography.Text code copyable={{ text: issued.apiKey }} style={{ wordBreak: 'break-all' }}>
              <span data-testid="issued-api-key">{issued.apiKey}</span>
            </Typography.Text>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </>
  );
}

/**
 * Issues an API key for a partner. A generated key is shown ONCE: the server keeps only its public half, so closing
 * the dialog loses the secret. Issuing a new key and revoking the old one is how keys are rotated.
 */
export function CredentialIssueModal({ partner, onClose }: CredentialIssueModalProps) {
  const [form] = Form.useForm<Values>();
  const issue = useIssueCredential();
  const [issued, setIssued] = useState<IssuedCredential | null>(null);

  const handleClose = () => {
    setIssued(null);
    issue.reset();
    form.resetFields();
    onClose();
  };

  const handleIssue = async () => {
    if (!partner) {
      return;
    }
    const values = await form.validateFields();
    try {
      const result = await issue.mutateAsync({
        partnerId: partner.id,
        request: {
          scopes: values.scopes,
          ...(values.label?.trim() ? { label: values.label.trim() } : {}),
          ...(values.publicKey?.trim() ? { publicKey: values.publicKey.trim() } : {}),
          ...(values.expiresInDays ? { expiresInDays: values.expiresInDays } : {}),
        },
      });
      setIssued(result);
    } catch {
      // Shown by the alert above the form.
    }
  };

  const footer = issued
    ? [
        <Button key="done" type="primary" onClick={handleClose} data-testid="issued-key-done">
          Tôi đã lưu khóa
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={handleClose}>
          Hủy
        </Button>,
        <Button
          key="issue"
          type="primary"
          loading={issue.isPending}
          onClick={() => void handleIssue()}
          data-testid="credential-issue-submit"
        >
          Cấp khóa
        </Button>,
      ];

  return (
    <Modal
      open={partner !== null}
      title={issued ? 'Khóa API mới' : `Cấp khóa API cho ${partner?.name ?? ''}`}
      onCancel={issued ? undefined : handleClose}
      closable={!issued}
      mask={{ closable: false }}
      footer={footer}
      destroyOnHidden
      forceRender
      width={640}
    >
      {issued ? (
        <IssuedKeyView issued={issued} />
      ) : (
        <>
          {issue.error ? (
            <Alert type="error" showIcon title={errorMessage(issue.error)} style={{ marginBottom: 12 }} />
          ) : null}
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{ scopes: [...EXCHANGE_SCOPES] }}
          >
            <Form.Item name="label" label="Ghi chú cho khóa">
              <Input placeholder="vd. Máy chủ chính của đối tác, năm 2026" maxLength={200} />
            </Form.Item>
            <Form.Item
              name="scopes"
              label="Quyền của khóa"
              rules={[{ required: true, type: 'array', min: 1, message: 'Chọn ít nhất một quyền.' }]}
            >
              <Checkbox.Group options={SCOPE_OPTIONS} />
            </Form.Item>
            <Form.Item name="expiresInDays" label="Hiệu lực (số ngày)" extra="Để trống: không thời hạn.">
              <InputNumber min={1} max={3650} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="publicKey"
              label="Khóa công khai của đối tác (không bắt buộc)"
              extra="Nếu đối tác tự sinh cặp khóa Ed25519, dán khóa công khai (SPKI base64 hoặc PEM) vào đây; để trống để hệ thống sinh khóa và hiển thị một lần."
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
