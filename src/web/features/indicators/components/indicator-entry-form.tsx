import type { Indicator } from '@shared/contracts/indicators';
import { isRateUnit, periodsOfYear, rateOf, scaleOfUnit } from '@shared/domain/indicator-evaluation';
import { ApiError, errorMessage } from '@web/api/client';
import { Alert, message as antdMessage, Button, Form, Input, InputNumber, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { formatFigure, monthLabel } from '../indicator-labels';
import { useEnterValue, useRegisterTarget, useRequestTargetChange } from '../indicators.queries';

export type IndicatorEntryFormProps = {
  indicator: Indicator;
  agencyId: string;
  agencyName: string;
  year: number;
};

type ValueFields = {
  period: string;
  value?: number;
  numerator?: number;
  denominator?: number;
  note?: string;
  shortfallReason?: string;
  remedialAction?: string;
};

type TargetFields = { period: string; value: number; reason?: string };

function periodOptions(indicator: Indicator, year: number) {
  return periodsOfYear(year, indicator.frequency).map((p) => ({ value: p, label: monthLabel(p) }));
}

function ValueForm({ indicator, agencyId, year }: IndicatorEntryFormProps) {
  const [form] = Form.useForm<ValueFields>();
  const [message, messageContext] = antdMessage.useMessage();
  const [needsExplanation, setNeedsExplanation] = useState<{ target: number } | null>(null);
  const enter = useEnterValue(indicator.code);
  const rate = isRateUnit(indicator.unit);
  const numerator = Form.useWatch('numerator', form);
  const denominator = Form.useWatch('denominator', form);
  const preview =
    rate && typeof numerator === 'number' && typeof denominator === 'number'
      ? rateOf(numerator, denominator, scaleOfUnit(indicator.unit))
      : null;

  const handleFinish = (fields: ValueFields) => {
    enter.mutate(
      {
        agencyId,
        period: fields.period,
        ...(rate
          ? { numerator: fields.numerator ?? null, denominator: fields.denominator ?? null }
          : { value: fields.value ?? null }),
        note: fields.note || null,
        shortfallReason: fields.shortfallReason || null,
        remedialAction: fields.remedialAction || null,
      },
      {
        onSuccess: (saved) => {
          setNeedsExplanation(null);
          form.resetFields();
          void message.success(`Đã lưu số liệu ${monthLabel(saved.period)}: ${formatFigure(saved.value)}`);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'SHORTFALL_EXPLANATION_REQUIRED') {
            setNeedsExplanation({ target: (error.details as { target: number }).target });
            return;
          }
          void message.error(errorMessage(error));
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={handleFinish} data-testid="indicator-value-form">
      {messageContext}
      <Form.Item name="period" label="Kỳ báo cáo" rules={[{ required: true, message: 'Chọn kỳ báo cáo' }]}>
        <Select options={periodOptions(indicator, year)} style={{ width: 200 }} />
      </Form.Item>
      {rate ? (
        <>
          <Form.Item
            name="numerator"
            label={indicator.numeratorLabel ?? 'Tử số'}
            rules={[{ required: true, message: 'Nhập tử số' }]}
          >
            <InputNumber min={0} style={{ width: 200 }} data-testid="value-numerator" />
          </Form.Item>
          <Form.Item
            name="denominator"
            label={indicator.denominatorLabel ?? 'Mẫu số'}
            rules={[{ required: true, message: 'Nhập mẫu số' }]}
            extra={preview !== null ? `Tỷ lệ: ${formatFigure(preview)} ${indicator.unitLabel}` : undefined}
          >
            <InputNumber min={1} style={{ width: 200 }} data-testid="value-denominator" />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          name="value"
          label={`Giá trị (${indicator.unitLabel})`}
          rules={[{ required: true, message: 'Nhập giá trị' }]}
        >
          <InputNumber min={0} style={{ width: 200 }} />
        </Form.Item>
      )}
      <Form.Item name="note" label="Ghi chú">
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      {needsExplanation ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`Kết quả chưa đạt chỉ tiêu đã đăng ký (${formatFigure(needsExplanation.target)}): cần nêu nguyên nhân và giải pháp.`}
        />
      ) : null}
      <Form.Item name="shortfallReason" label="Nguyên nhân chưa đạt (nếu có)" required={Boolean(needsExplanation)}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="remedialAction" label="Giải pháp khắc phục (nếu có)" required={Boolean(needsExplanation)}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={enter.isPending} data-testid="value-submit">
        Lưu số liệu
      </Button>
    </Form>
  );
}

function TargetForm({ indicator, agencyId, year }: IndicatorEntryFormProps) {
  const [form] = Form.useForm<TargetFields>();
  const [message, messageContext] = antdMessage.useMessage();
  const [locked, setLocked] = useState(false);
  const register = useRegisterTarget(indicator.code);
  const requestChange = useRequestTargetChange(indicator.code);

  const handleFinish = (fields: TargetFields) => {
    const input = { agencyId, period: fields.period, value: fields.value, reason: fields.reason || null };
    if (locked) {
      requestChange.mutate(
        { ...input, reason: fields.reason ?? '' },
        {
          onSuccess: () => void message.success('Đã gửi đề nghị điều chỉnh; chỉ tiêu có hiệu lực khi được phê duyệt.'),
          onError: (error) => void message.error(errorMessage(error)),
        },
      );
      return;
    }
    register.mutate(input, {
      onSuccess: (saved) =>
        void message.success(`Đã đăng ký chỉ tiêu ${monthLabel(saved.period)}: ${formatFigure(saved.value)}`),
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'INDICATOR_TARGETS_LOCKED') {
          setLocked(true);
        }
        void message.error(errorMessage(error));
      },
    });
  };

  return (
    <Form form={form} layout="vertical" onFinish={handleFinish} data-testid="indicator-target-form">
      {messageContext}
      {locked ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="Chỉ tiêu đã khóa. Gửi đề nghị điều chỉnh (nêu lý do) để Cơ quan thường trực phê duyệt."
        />
      ) : null}
      <Form.Item name="period" label="Kỳ" rules={[{ required: true, message: 'Chọn kỳ' }]}>
        <Select options={periodOptions(indicator, year)} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="value"
        label={`Chỉ tiêu (${indicator.unitLabel})`}
        rules={[{ required: true, message: 'Nhập chỉ tiêu' }]}
      >
        <InputNumber min={0} style={{ width: 200 }} data-testid="target-value" />
      </Form.Item>
      <Form.Item
        name="reason"
        label="Lý do / căn cứ"
        rules={locked ? [{ required: true, min: 5, message: 'Nêu lý do điều chỉnh' }] : []}
      >
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        loading={register.isPending || requestChange.isPending}
        data-testid="target-submit"
      >
        {locked ? 'Gửi đề nghị điều chỉnh' : 'Đăng ký chỉ tiêu'}
      </Button>
    </Form>
  );
}

/** The agency's own entry: values (a rate as numerator and denominator) and targets for the year. */
export function IndicatorEntryForm(props: IndicatorEntryFormProps) {
  return (
    <div>
      <Typography.Paragraph type="secondary">
        {props.agencyName} — {props.indicator.name}
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'value', label: 'Nhập số liệu', children: <ValueForm {...props} /> },
          { key: 'target', label: 'Đăng ký chỉ tiêu', children: <TargetForm {...props} /> },
        ]}
      />
    </div>
  );
}
