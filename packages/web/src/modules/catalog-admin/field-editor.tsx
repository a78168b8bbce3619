import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FORM_FIELD_TYPES, type FormFieldType, OPTION_FIELD_TYPES, TEXT_FIELD_TYPES } from '@shuyun/shared';
import { Button, Col, Form, type FormInstance, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { type DraftField, defaultMaxLength, isFieldKey } from './form-definition';

/** One field's settings: labels in both languages, key, type, required, and what its type allows. */
export function FieldEditor({ form, index, name, type }: { form: FormInstance; index: number; name: number; type: FormFieldType }) {
  const { t } = useTranslation();
  const isOptions = OPTION_FIELD_TYPES.includes(type);
  const isText = TEXT_FIELD_TYPES.includes(type);

  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item
          name={[name, 'label', 'zh-CN']}
          label={t('deskAdmin.designer.labelZh')}
          rules={[{ required: true, whitespace: true, max: 80 }]}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={[name, 'label', 'en-US']} label={t('deskAdmin.designer.labelEn')} rules={[{ max: 80 }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={9}>
        <Form.Item
          name={[name, 'key']}
          label={t('deskAdmin.designer.key')}
          tooltip={t('deskAdmin.designer.keyHint')}
          rules={[
            { required: true, max: 40 },
            {
              validator: async (_, value?: string) =>
                value && !isFieldKey(value) ? Promise.reject(new Error(t('deskAdmin.designer.keyRule'))) : undefined,
            },
            {
              validator: async (_, value?: string) => {
                const all = (form.getFieldValue('form') as DraftField[] | undefined) ?? [];
                if (value && all.some((other, i) => i !== index && other.key === value)) {
                  throw new Error(t('catalog.formDefinition.duplicateKey', { key: value }));
                }
              },
            },
          ]}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col span={9}>
        <Form.Item name={[name, 'type']} label={t('deskAdmin.designer.type')}>
          <Select options={FORM_FIELD_TYPES.map((value) => ({ value, label: t(`catalog.fieldTypes.${value}`) }))} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name={[name, 'required']} label={t('common.required')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      {isText && (
        <>
          <Col span={12}>
            <Form.Item name={[name, 'maxLength']} label={t('deskAdmin.designer.maxLength')}>
              <InputNumber min={1} max={5000} precision={0} placeholder={String(defaultMaxLength(type) ?? '')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12} />
        </>
      )}
      {type === 'number' && (
        <>
          <Col span={12}>
            <Form.Item name={[name, 'min']} label={t('deskAdmin.designer.min')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={[name, 'max']} label={t('deskAdmin.designer.max')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </>
      )}
      {isOptions && (
        <Col span={24}>
          <OptionsEditor name={name} />
        </Col>
      )}
      <Col span={12}>
        <Form.Item name={[name, 'placeholder', 'zh-CN']} label={t('deskAdmin.designer.placeholderZh')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={[name, 'placeholder', 'en-US']} label={t('deskAdmin.designer.placeholderEn')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={[name, 'help', 'zh-CN']} label={t('deskAdmin.designer.helpZh')} rules={[{ max: 500 }]} style={{ marginBottom: 0 }}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={[name, 'help', 'en-US']} label={t('deskAdmin.designer.helpEn')} rules={[{ max: 500 }]} style={{ marginBottom: 0 }}>
          <Input />
        </Form.Item>
      </Col>
    </Row>
  );
}

function OptionsEditor({ name }: { name: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  // A value no other option of this field has: option_<n>.
  const nextValue = () => {
    const taken = new Set(((form.getFieldValue(['form', name, 'options']) as DraftField['options']) ?? []).map((o) => o.value));
    let n = taken.size + 1;
    while (taken.has(`option_${n}`)) n += 1;
    return n;
  };
  return (
    <Form.List
      name={[name, 'options']}
      rules={[
        {
          validator: async (_, options?: unknown[]) => {
            if (!options?.length) throw new Error(t('catalog.formDefinition.optionsRequired'));
          },
        },
      ]}
    >
      {(options, { add, remove }, { errors }) => (
        <div className="form-designer__options">
          <div className="form-designer__options-title">{t('deskAdmin.designer.options')}</div>
          {options.map((option) => (
            <Row key={option.key} gutter={8} align="top" wrap={false}>
              <Col flex="120px">
                <Form.Item
                  name={[option.name, 'value']}
                  rules={[{ required: true, whitespace: true, max: 64, message: t('deskAdmin.designer.optionValueRequired') }]}
                >
                  <Input placeholder={t('deskAdmin.designer.optionValue')} />
                </Form.Item>
              </Col>
              <Col flex="1">
                <Form.Item name={[option.name, 'label', 'zh-CN']} rules={[{ required: true, whitespace: true, max: 80 }]}>
                  <Input placeholder={t('deskAdmin.designer.optionLabelZh')} />
                </Form.Item>
              </Col>
              <Col flex="1">
                <Form.Item name={[option.name, 'label', 'en-US']} rules={[{ max: 80 }]}>
                  <Input placeholder={t('deskAdmin.designer.optionLabelEn')} />
                </Form.Item>
              </Col>
              <Col flex="32px">
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(option.name)} />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => {
              const n = nextValue();
              add({ value: `option_${n}`, label: { 'zh-CN': t('deskAdmin.designer.optionN', { n }) } });
            }}
          >
            {t('deskAdmin.designer.addOption')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
