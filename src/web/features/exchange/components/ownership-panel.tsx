import { OWNERSHIP_SOURCES, type OwnershipRule, type OwnershipSource, type Partner } from '@shared/contracts/exchange';
import { errorMessage } from '@web/api/client';
import { DirectiveSelect } from '@web/features/directives/components/directive-select';
import { QueryErrorAlert } from '@web/ui/query-error-alert';
import { Alert, App, Button, Card, Flex, Form, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useOwnershipRules, useUpsertOwnershipRule } from '../exchange.queries';
import { OWNERSHIP_SOURCE_LABELS } from '../exchange-labels';

export type OwnershipPanelProps = { partner: Partner };

type Values = { directiveId?: string; tasksSource: OwnershipSource; reportsSource: OwnershipSource };

const SOURCE_OPTIONS = OWNERSHIP_SOURCES.map((value) => ({ value, label: OWNERSHIP_SOURCE_LABELS[value] }));
const SOURCE_COLORS: Record<OwnershipSource, string> = { local: 'blue', partner: 'purple', shared: 'gold' };

function SourceTag({ source }: { source: OwnershipSource }) {
  return <Tag color={SOURCE_COLORS[source]}>{OWNERSHIP_SOURCE_LABELS[source]}</Tag>;
}

/**
 * Which system is the source of truth, per directive, for its tasks and for its progress reports. A change from the
 * partner to data this system owns becomes a conflict; shared data conflicts only when both sides changed it.
 */
export function OwnershipPanel({ partner }: OwnershipPanelProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { data, isFetching, error, refetch } = useOwnershipRules(partner.id);
  const upsert = useUpsertOwnershipRule();
  const rules = data ?? [];
  const hasDefault = rules.some((r) => r.directiveId === null);

  const handleSave = async () => {
    const values = await form.validateFields();
    try {
      await upsert.mutateAsync({
        partnerId: partner.id,
        request: {
          directiveId: values.directiveId ?? null,
          tasksSource: values.tasksSource,
          reportsSource: values.reportsSource,
        },
      });
      void message.success('Đã lưu quy tắc.');
    } catch (failure) {
      void message.error(errorMessage(failure));
    }
  };

  const handleEdit = (rule: OwnershipRule) => {
    form.setFieldsValue({
      directiveId: rule.directiveId ?? undefined,
      tasksSource: rule.tasksSource,
      reportsSource: rule.reportsSource,
    });
  };

  const columns: TableColumnsType<OwnershipRule> = [
    {
      title: 'Phạm vi',
      key: 'scope',
      render: (_, r) =>
        r.directiveId === null ? (
          <Typography.Text strong>Mặc định (các văn bản chưa có quy tắc riêng)</Typography.Text>
        ) : (
          (r.directiveTitle ?? r.directiveId)
        ),
    },
    {
      title: 'Nhiệm vụ do hệ thống nào làm chủ',
      dataIndex: 'tasksSource',
      width: 290,
      render: (v: OwnershipSource) => <SourceTag source={v} />,
    },
    {
      title: 'Báo cáo tiến độ do hệ thống nào làm chủ',
      dataIndex: 'reportsSource',
      width: 290,
      render: (v: OwnershipSource) => <SourceTag source={v} />,
    },
    {
      title: '',
      key: 'edit',
      width: 70,
      render: (_, r) => (
        <Button size="small" onClick={() => handleEdit(r)}>
          Sửa
        </Button>
      ),
    },
  ];

  // Rows sorted so the default rule comes first.
  const sorted = [...rules].sort((a, b) => Number(a.directiveId !== null) - Number(b.directiveId !== null));

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="Đặt quy tắc">
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ tasksSource: 'shared', reportsSource: 'shared' }}
        >
          <Flex gap={16} wrap align="flex-end">
            {/* Form.Item supplies DirectiveSelect's real value and onChange. */}
            <Form.Item name="directiveId" label="Văn bản (để trống: quy tắc mặc định)" style={{ marginBottom: 0 }}>
              <DirectiveSelect
                value={undefined}
                onChange={() => undefined}
                style={{ width: 360 }}
                testId="ownership-directive"
              />
            </Form.Item>
            <Form.Item name="tasksSource" label="Nhiệm vụ do" style={{ marginBottom: 0 }}>
              <Select options={SOURCE_OPTIONS} style={{ width: 280 }} data-testid="ownership-tasks-source" />
            </Form.Item>
            <Form.Item name="reportsSource" label="Báo cáo tiến độ do" style={{ marginBottom: 0 }}>
              <Select options={SOURCE_OPTIONS} style={{ width: 280 }} data-testid="ownership-reports-source" />
            </Form.Item>
            <Button
              type="primary"
              loading={upsert.isPending}
              onClick={() => void handleSave()}
              data-testid="ownership-save"
            >
              Lưu quy tắc
            </Button>
          </Flex>
        </Form>
      </Card>
      {hasDefault ? null : (
        <Alert
          type="info"
          showIcon
          title={`Chưa đặt quy tắc mặc định: dữ liệu với ${partner.name} đang được coi là "${OWNERSHIP_SOURCE_LABELS.shared}".`}
        />
      )}
      {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<OwnershipRule>
        data-testid="ownership-table"
        rowKey="id"
        size="small"
        loading={isFetching}
        columns={columns}
        dataSource={sorted}
        pagination={false}
        locale={{ emptyText: 'Chưa có quy tắc nào' }}
      />
    </Flex>
  );
}
