import type { SpareIssueTarget } from '@shuyun/shared';
import { Form, type FormInstance, Input, InputNumber, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiIssue, isApiError } from '../../app/api-client';
import { applyNestedIssues } from '../../components/form-issues';
import { FormModal } from '../../components/form-modal';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { TicketSearchSelect } from '../tickets/ticket-search-select';
import { type SpareItem, type SpareMovement, useAdjust, useIssue, useReturn, useSaveItem, useTransfer } from './api';
import { SpareItemSelect, WarehouseSelect } from './item-select';

/** Runs a movement and reports it: the document number on success, the server's words on failure. */
function useSubmit() {
  const { t } = useTranslation();
  const { showError, showSuccess } = useApiFeedback();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  return {
    issues,
    run<B>(
      mutation: { mutate: (body: B, options: { onSuccess: (r: { number: string }) => void; onError: (e: unknown) => void }) => void },
      body: B,
      form: FormInstance,
      onDone: () => void,
    ) {
      setIssues([]);
      mutation.mutate(body, {
        onSuccess: (r) => {
          showSuccess(t('spares.done', { number: r.number }));
          onDone();
        },
        onError: (error) => {
          if (isApiError(error)) setIssues(applyNestedIssues(form, error.issues));
          showError(error);
        },
      });
    },
  };
}

interface IssueForm {
  itemId: number;
  warehouseId: number;
  quantity: number;
  targetType: SpareIssueTarget['type'];
  ticketId?: number;
  assetTag?: string;
  userId?: number | null;
  note?: string;
}

/** 领用: an item from a warehouse to a ticket, an asset's repair or a person. `ticketId` fixes the target. */
export function IssueModal({ item, ticketId, onClose }: { item?: SpareItem; ticketId?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IssueForm>();
  const [picked, setPicked] = useState<SpareItem | undefined>(item);
  const issue = useIssue();
  const submit = useSubmit();
  const targetType = Form.useWatch('targetType', form) ?? (ticketId ? 'ticket' : 'ticket');
  const onFinish = (v: IssueForm) => {
    const target: SpareIssueTarget =
      ticketId || v.targetType === 'ticket'
        ? { type: 'ticket', ticketId: (ticketId ?? v.ticketId) as number }
        : v.targetType === 'asset'
          ? { type: 'asset', assetTag: (v.assetTag ?? '').trim() }
          : { type: 'person', userId: v.userId as number };
    submit.run(
      issue,
      { itemId: v.itemId, warehouseId: v.warehouseId, quantity: v.quantity, target, note: v.note?.trim() || null },
      form,
      onClose,
    );
  };
  const firstWarehouse = item?.stock.find((s) => s.quantity > 0)?.warehouse.id;
  return (
    <FormModal title={t('spares.actions.issue')} width={560} form={form} saving={issue.isPending} issues={submit.issues} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ itemId: item?.id, warehouseId: firstWarehouse, quantity: 1, targetType: 'ticket' }}
        data-testid="spare-issue-form"
      >
        <Form.Item name="itemId" label={t('spares.fields.item')} rules={[{ required: true, message: t('validation.required') }]}>
          <SpareItemSelect
            known={item}
            onChange={(id, it) => {
              form.setFieldValue('itemId', id);
              setPicked(it);
            }}
          />
        </Form.Item>
        <Form.Item name="warehouseId" label={t('spares.fields.warehouse')} rules={[{ required: true, message: t('validation.required') }]}>
          <WarehouseSelect item={picked} />
        </Form.Item>
        <Form.Item name="quantity" label={t('spares.fields.quantity')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1} precision={0} style={{ width: 160 }} addonAfter={picked?.unit} data-testid="spare-quantity" />
        </Form.Item>
        {!ticketId && (
          <Form.Item name="targetType" label={t('spares.fields.target')}>
            <Radio.Group
              optionType="button"
              options={(['ticket', 'asset', 'person'] as const).map((k) => ({ value: k, label: t(`spares.targets.${k}`) }))}
            />
          </Form.Item>
        )}
        {!ticketId && targetType === 'ticket' && (
          <Form.Item name="ticketId" label={t('spares.fields.ticket')} rules={[{ required: true, message: t('validation.required') }]}>
            <TicketSearchSelect excludeId={0} />
          </Form.Item>
        )}
        {!ticketId && targetType === 'asset' && (
          <Form.Item
            name="assetTag"
            label={t('spares.fields.assetTag')}
            extra={t('spares.assetTagHint')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={40} placeholder="ZC-000123" />
          </Form.Item>
        )}
        {!ticketId && targetType === 'person' && (
          <Form.Item name="userId" label={t('spares.fields.person')} rules={[{ required: true, message: t('validation.required') }]}>
            <UserPicker />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('spares.fields.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** 退库: part of an issue back to its warehouse. */
export function ReturnModal({ movement, onClose }: { movement: SpareMovement; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ quantity: number; note?: string }>();
  const back = useReturn();
  const submit = useSubmit();
  return (
    <FormModal
      title={`${t('spares.actions.return')} · ${movement.item.name}`}
      width={440}
      form={form}
      saving={back.isPending}
      issues={submit.issues}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ quantity: movement.returnable }}
        onFinish={(v) => submit.run(back, { issueId: movement.id, quantity: v.quantity, note: v.note?.trim() || null }, form, onClose)}
      >
        <Form.Item
          name="quantity"
          label={t('spares.fields.quantity')}
          extra={t('spares.returnable', { count: movement.returnable })}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={1} max={movement.returnable} precision={0} addonAfter={movement.item.unit} />
        </Form.Item>
        <Form.Item name="note" label={t('spares.fields.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** 调拨: stock from one warehouse to another. */
export function TransferModal({ item, onClose }: { item: SpareItem; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ fromWarehouseId: number; toWarehouseId: number; quantity: number; note?: string }>();
  const transfer = useTransfer();
  const submit = useSubmit();
  return (
    <FormModal
      title={`${t('spares.actions.transfer')} · ${item.name}`}
      width={520}
      form={form}
      saving={transfer.isPending}
      issues={submit.issues}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fromWarehouseId: item.stock.find((s) => s.quantity > 0)?.warehouse.id, quantity: 1 }}
        onFinish={(v) => submit.run(transfer, { itemId: item.id, ...v, note: v.note?.trim() || null }, form, onClose)}
      >
        <Form.Item
          name="fromWarehouseId"
          label={t('spares.fields.fromWarehouse')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <WarehouseSelect item={item} testId="transfer-from" />
        </Form.Item>
        <Form.Item
          name="toWarehouseId"
          label={t('spares.fields.toWarehouse')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <WarehouseSelect item={item} testId="transfer-to" />
        </Form.Item>
        <Form.Item name="quantity" label={t('spares.fields.quantity')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1} precision={0} addonAfter={item.unit} />
        </Form.Item>
        <Form.Item name="note" label={t('spares.fields.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** 盘点调整: the counted quantity of one warehouse, with a reason. */
export function AdjustModal({ item, warehouseId, onClose }: { item: SpareItem; warehouseId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const line = item.stock.find((s) => s.warehouse.id === warehouseId);
  const expected = line?.quantity ?? 0;
  const [form] = Form.useForm<{ countedQuantity: number; reason: string }>();
  const adjust = useAdjust();
  const submit = useSubmit();
  return (
    <FormModal
      title={`${t('spares.actions.adjust')} · ${item.name} · ${line?.warehouse.name ?? ''}`}
      width={480}
      form={form}
      saving={adjust.isPending}
      issues={submit.issues}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ countedQuantity: expected }}
        onFinish={(v) =>
          submit.run(
            adjust,
            { itemId: item.id, warehouseId, expectedQuantity: expected, countedQuantity: v.countedQuantity, reason: v.reason.trim() },
            form,
            onClose,
          )
        }
      >
        <Form.Item label={t('spares.fields.expected')}>
          {expected} {item.unit}
        </Form.Item>
        <Form.Item
          name="countedQuantity"
          label={t('spares.fields.counted')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={0} precision={0} addonAfter={item.unit} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('spares.fields.reason')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface ItemForm {
  code: string;
  name: string;
  model?: string;
  unit: string;
  category?: string;
  minStock: number;
  active: boolean;
}

/** New or edited item (spare managers). */
export function ItemModal({ item, onClose }: { item: SpareItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ItemForm>();
  const save = useSaveItem();
  const { showError, showSuccess } = useApiFeedback();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const onFinish = (v: ItemForm) => {
    const fields = {
      code: v.code.trim(),
      name: v.name.trim(),
      model: v.model?.trim() || null,
      unit: v.unit.trim(),
      category: v.category?.trim() || null,
      minStock: v.minStock ?? 0,
    };
    save.mutate(
      { id: item?.id, body: item ? { ...fields, active: v.active, version: item.version } : fields },
      {
        onSuccess: () => {
          showSuccess(t('common.saved'));
          onClose();
        },
        onError: (error) => {
          if (isApiError(error)) setIssues(applyNestedIssues(form, error.issues));
          showError(error);
        },
      },
    );
  };
  return (
    <FormModal
      title={item ? t('spares.actions.editItem') : t('spares.actions.newItem')}
      width={520}
      form={form}
      saving={save.isPending}
      issues={issues}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          item ? { ...item, model: item.model ?? '', category: item.category ?? '' } : { unit: '个', minStock: 0, active: true }
        }
      >
        {(['code', 'name', 'model', 'unit', 'category'] as const).map((name) => (
          <Form.Item
            key={name}
            name={name}
            label={t(`spares.fields.${name}`)}
            rules={['code', 'name', 'unit'].includes(name) ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
          >
            <Input maxLength={name === 'unit' ? 10 : 100} />
          </Form.Item>
        ))}
        <Form.Item name="minStock" label={t('spares.fields.minStock')}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        {item && (
          <Form.Item name="active" label={t('spares.fields.status')}>
            <Radio.Group
              options={[
                { value: true, label: t('spares.active') },
                { value: false, label: t('spares.inactive') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
