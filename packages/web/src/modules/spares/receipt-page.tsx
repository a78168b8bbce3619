import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ApiIssue, isApiError } from '../../app/api-client';
import { applyNestedIssues } from '../../components/form-issues';
import { IssueList } from '../../components/issue-list';
import { PageHeader } from '../../components/page-header';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useReceive } from './api';
import { SpareItemSelect, WarehouseSelect } from './item-select';

interface ReceiptForm {
  warehouseId: number;
  supplier?: string;
  note?: string;
  lines: { itemId: number; quantity: number; unitPrice?: number | null }[];
}

/** An inbound receipt 入库单: a warehouse, a supplier and several lines, booked in one go. */
export function SpareReceiptPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<ReceiptForm>();
  const receive = useReceive();
  const { showError, showSuccess } = useApiFeedback();
  const [issues, setIssues] = useState<ApiIssue[]>([]);

  const onFinish = (v: ReceiptForm) => {
    setIssues([]);
    receive.mutate(
      {
        warehouseId: v.warehouseId,
        supplier: v.supplier?.trim() || null,
        note: v.note?.trim() || null,
        lines: v.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity, unitPrice: l.unitPrice ?? null })),
      },
      {
        onSuccess: (r) => {
          showSuccess(t('spares.done', { number: r.number }));
          navigate('/spares/ledger');
        },
        onError: (error) => {
          if (isApiError(error)) setIssues(applyNestedIssues(form, error.issues));
          showError(error);
        },
      },
    );
  };

  return (
    <div data-testid="spare-receipt-page">
      <PageHeader title={t('spares.receiptTitle')} subtitle={t('spares.receiptHint')} />
      <Card variant="borderless">
        <IssueList issues={issues} />
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ lines: [{ quantity: 1 }] }} style={{ maxWidth: 900 }}>
          <Space size={16} align="start" wrap>
            <Form.Item
              name="warehouseId"
              label={t('spares.fields.warehouse')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ width: 240 }}
            >
              <WarehouseSelect testId="receipt-warehouse" />
            </Form.Item>
            <Form.Item name="supplier" label={t('spares.fields.supplier')} style={{ width: 260 }}>
              <Input maxLength={100} data-testid="receipt-supplier" />
            </Form.Item>
          </Space>
          <Typography.Title level={5}>{t('spares.fields.lines')}</Typography.Title>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" size={12} data-testid="receipt-line">
                    <Form.Item
                      name={[field.name, 'itemId']}
                      label={index === 0 ? t('spares.fields.item') : undefined}
                      rules={[{ required: true, message: t('validation.required') }]}
                      style={{ width: 360 }}
                    >
                      <SpareItemSelect />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'quantity']}
                      label={index === 0 ? t('spares.fields.quantity') : undefined}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <InputNumber min={1} precision={0} style={{ width: 120 }} data-testid="receipt-quantity" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unitPrice']} label={index === 0 ? t('spares.fields.unitPrice') : undefined}>
                      <InputNumber min={0} precision={2} style={{ width: 140 }} data-testid="receipt-price" />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: index === 0 ? 30 : 0 }}
                      aria-label={t('spares.actions.removeLine')}
                    />
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} data-testid="receipt-add-line">
                    {t('spares.actions.addLine')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Form.Item name="note" label={t('spares.fields.note')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={receive.isPending} data-testid="receipt-submit">
              {t('spares.actions.receive')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
