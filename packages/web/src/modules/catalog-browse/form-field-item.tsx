import type { LocalizedFormField } from '@shuyun/shared';
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { UserPicker } from '../../components/user-picker';
import { useSystems } from '../org/api';
import { UploadField } from './upload-field';

/** IT systems to pick from (active ones only). */
export function SystemSelect({ value, onChange, id }: { value?: number | null; onChange?: (id: number | null) => void; id?: string }) {
  const { t } = useTranslation();
  const systems = useSystems();
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={systems.isPending}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={t('ticketsUi.catalog.selectPlaceholder')}
      options={(systems.data ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}

function widget(field: LocalizedFormField, placeholder: string) {
  switch (field.type) {
    case 'textarea':
      return (
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={field.maxLength}
          showCount={Boolean(field.maxLength)}
          placeholder={placeholder}
        />
      );
    case 'number':
      return <InputNumber min={field.min} max={field.max} style={{ width: 220 }} placeholder={placeholder} />;
    case 'select':
      return <Select allowClear placeholder={placeholder} options={field.options?.map((o) => ({ value: o.value, label: o.label }))} />;
    case 'multiselect':
      return (
        <Select
          mode="multiple"
          allowClear
          placeholder={placeholder}
          options={field.options?.map((o) => ({ value: o.value, label: o.label }))}
        />
      );
    case 'date':
      return <DatePicker style={{ width: 220 }} placeholder={placeholder} />;
    case 'user':
      return <UserPicker placeholder={field.placeholder} />;
    case 'system':
      return <SystemSelect />;
    case 'attachment':
      return <UploadField />;
    default:
      return <Input maxLength={field.maxLength} placeholder={placeholder} />;
  }
}

const VALUE_TYPES: Record<LocalizedFormField['type'], 'string' | 'number' | 'array' | 'object'> = {
  text: 'string',
  textarea: 'string',
  asset: 'string',
  select: 'string',
  number: 'number',
  user: 'number',
  system: 'number',
  date: 'object',
  multiselect: 'array',
  attachment: 'array',
};

/** One field of a catalogue item's form, with its label, help, required mark and the server's limits. */
export function FormFieldItem({ field }: { field: LocalizedFormField }) {
  const { t } = useTranslation();
  const rules: Rule[] = [];
  if (field.required) {
    // The value's type decides how "filled in" is checked (a picked person is a number, a date an object…).
    const type = VALUE_TYPES[field.type];
    rules.push({
      required: true,
      message: t('ticketsUi.catalog.required', { label: field.label }),
      ...(type === 'string' ? { whitespace: true } : { type }),
    });
  }
  if (field.maxLength && (field.type === 'text' || field.type === 'textarea')) rules.push({ max: field.maxLength });
  const placeholder =
    field.placeholder ??
    (field.type === 'asset'
      ? t('ticketsUi.catalog.assetPlaceholder')
      : ['select', 'multiselect', 'date', 'system'].includes(field.type)
        ? t('ticketsUi.catalog.selectPlaceholder')
        : '');
  return (
    <Form.Item
      name={['formValues', field.key]}
      label={field.label}
      extra={field.help}
      rules={rules}
      valuePropName="value"
      data-field={field.key}
    >
      {widget(field, placeholder)}
    </Form.Item>
  );
}
