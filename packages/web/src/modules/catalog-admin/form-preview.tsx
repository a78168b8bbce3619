import { InboxOutlined } from '@ant-design/icons';
import { type Locale, OPTION_FIELD_TYPES, pickText } from '@shuyun/shared';
import { Button, DatePicker, Empty, Form, Input, InputNumber, Segmented, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/i18n';
import { UserPicker } from '../../components/user-picker';
import { useSystems } from '../org/api';
import { type DraftField, defaultMaxLength } from './form-definition';

interface Props {
  fields: DraftField[];
  name?: { 'zh-CN'?: string; 'en-US'?: string };
  description?: { 'zh-CN'?: string; 'en-US'?: string };
}

/** The one piece of Markdown the descriptions use in practice, **bold**; everything else stays plain text. */
function withBold(text: string) {
  return text.split(/\*\*(.+?)\*\*/g).map((part, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed text, never reordered
    i % 2 === 1 ? <strong key={i}>{part}</strong> : part,
  );
}

const pick = (value: { 'zh-CN'?: string; 'en-US'?: string } | undefined, locale: Locale) =>
  value ? pickText({ 'zh-CN': value['zh-CN'] ?? '', 'en-US': value['en-US'] }, locale) : '';

/**
 * The request form as a requester will see it, in either language, updated while the admin designs
 * it. It can be filled in to try the required flags and limits; nothing is sent.
 */
export function FormPreview({ fields, name, description }: Props) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const [locale, setLocale] = useState<Locale>(labels.locale);
  // The requester's own language for everything on the sheet, messages included.
  const tp = i18n.getFixedT(locale);
  const [form] = Form.useForm();

  return (
    <div className="form-preview" data-testid="form-preview">
      <div className="form-preview__bar">
        <Typography.Text type="secondary">{t('deskAdmin.designer.previewHint')}</Typography.Text>
        <Segmented<Locale>
          size="small"
          value={locale}
          onChange={setLocale}
          options={(['zh-CN', 'en-US'] as const).map((value) => ({ value, label: labels.language(value) }))}
        />
      </div>
      <div className="form-preview__sheet" lang={locale}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {pick(name, locale) || tp('deskAdmin.designer.untitledItem')}
        </Typography.Title>
        {pick(description, locale) && (
          <Typography.Paragraph type="secondary" className="form-preview__description">
            {withBold(pick(description, locale))}
          </Typography.Paragraph>
        )}
        {fields.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deskAdmin.designer.previewEmpty')} />
        ) : (
          <Form form={form} layout="vertical" onFinish={() => undefined}>
            {fields.map((field, index) => {
              const type = field.type ?? 'text';
              const label = pick(field.label, locale) || tp('deskAdmin.designer.untitled');
              return (
                <Form.Item
                  // Keyed by position and type (keys may clash while the admin types): a field whose type changes starts empty.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the designer's fields have no stable id
                  key={`${index}-${type}`}
                  name={`f${index}`}
                  label={label}
                  required={Boolean(field.required)}
                  rules={[{ required: Boolean(field.required), message: tp('catalog.formValue.required', { label }) }]}
                  extra={pick(field.help, locale) || undefined}
                  valuePropName={type === 'attachment' ? 'fileList' : 'value'}
                  getValueFromEvent={type === 'attachment' ? (event: { fileList: unknown[] }) => event.fileList : undefined}
                >
                  <PreviewControl field={field} locale={locale} placeholder={pick(field.placeholder, locale) || undefined} />
                </Form.Item>
              );
            })}
            <Button type="primary" htmlType="submit">
              {tp('deskAdmin.designer.tryValidate')}
            </Button>
          </Form>
        )}
      </div>
    </div>
  );
}

interface ControlProps {
  field: DraftField;
  locale: Locale;
  placeholder?: string;
  /** value, onChange and id, passed on from Form.Item. */
  [injected: string]: unknown;
}

function PreviewControl({ field, locale, placeholder, ...control }: ControlProps) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(locale);
  const systems = useSystems();
  const type = field.type ?? 'text';
  const options = OPTION_FIELD_TYPES.includes(type)
    ? (field.options ?? []).map((option, i) => ({ value: option.value || `#${i}`, label: pick(option.label, locale) || option.value }))
    : [];
  const maxLength = field.maxLength ?? defaultMaxLength(type);
  switch (type) {
    case 'textarea':
      return <Input.TextArea {...control} rows={3} placeholder={placeholder} maxLength={maxLength} showCount />;
    case 'number':
      return (
        <InputNumber
          {...control}
          placeholder={placeholder}
          min={field.min ?? undefined}
          max={field.max ?? undefined}
          style={{ width: '100%' }}
        />
      );
    case 'select':
      return <Select {...control} allowClear placeholder={placeholder} options={options} />;
    case 'multiselect':
      return <Select {...control} mode="multiple" allowClear placeholder={placeholder} options={options} />;
    case 'date':
      return <DatePicker {...control} placeholder={placeholder} style={{ width: '100%' }} />;
    case 'user':
      return <UserPicker {...control} placeholder={placeholder} />;
    case 'system':
      return (
        <Select
          {...control}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={placeholder}
          loading={systems.isPending}
          options={(systems.data ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
        />
      );
    case 'asset':
      return <Input {...control} placeholder={placeholder ?? t('deskAdmin.designer.assetPlaceholder')} />;
    case 'attachment':
      return (
        <Upload.Dragger {...control} multiple beforeUpload={() => false}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{placeholder ?? t('files.dropHint')}</p>
        </Upload.Dragger>
      );
    default:
      return <Input {...control} placeholder={placeholder} maxLength={maxLength} />;
  }
}
