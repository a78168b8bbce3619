import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { FORM_FIELD_TYPES, type FormFieldType, MAX_FORM_FIELDS, OPTION_FIELD_TYPES } from '@shuyun/shared';
import { Button, Dropdown, Empty, Form, type FormInstance, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldEditor } from './field-editor';
import { FIELD_TYPE_ICONS } from './field-type-icons';
import { type DraftField, nextFieldKey } from './form-definition';

interface Props {
  form: FormInstance;
  fields: DraftField[];
  selected: number | null;
  onSelect: (index: number | null) => void;
}

/** The form designer: the item's fields in order, one opened for editing; add, remove and move fields. */
export function FormDesigner({ form, fields, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const typeLabel = (type: FormFieldType) => t(`catalog.fieldTypes.${type}`);

  return (
    <Form.List name="form">
      {(rows, { add, remove, move }) => (
        <div className="form-designer" data-testid="form-designer">
          {rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deskAdmin.designer.empty')} />}
          {rows.map((row, index) => {
            const field = fields[index] ?? {};
            const open = selected === index;
            const type = field.type ?? 'text';
            return (
              <div
                key={row.key}
                className={`form-designer__field${open ? ' form-designer__field--open' : ''}`}
                data-testid="designer-field"
              >
                <div className="form-designer__head">
                  <button
                    type="button"
                    className="form-designer__toggle"
                    onClick={() => onSelect(open ? null : index)}
                    aria-expanded={open}
                  >
                    {open ? <DownOutlined /> : <RightOutlined />}
                    <span className="form-designer__index">{index + 1}</span>
                    <Tag icon={FIELD_TYPE_ICONS[type]} className="form-designer__type">
                      {typeLabel(type)}
                    </Tag>
                    <span className="form-designer__label">{field.label?.['zh-CN'] || t('deskAdmin.designer.untitled')}</span>
                    {field.label?.['en-US'] && <span className="form-designer__label-en">{field.label['en-US']}</span>}
                    {field.required && <span className="form-designer__required">{t('common.required')}</span>}
                  </button>
                  <Tooltip title={t('deskAdmin.common.moveUp')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('deskAdmin.common.moveUp')}
                      disabled={index === 0}
                      onClick={() => {
                        move(index, index - 1);
                        if (open) onSelect(index - 1);
                      }}
                    />
                  </Tooltip>
                  <Tooltip title={t('deskAdmin.common.moveDown')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('deskAdmin.common.moveDown')}
                      disabled={index === rows.length - 1}
                      onClick={() => {
                        move(index, index + 1);
                        if (open) onSelect(index + 1);
                      }}
                    />
                  </Tooltip>
                  <Tooltip title={t('deskAdmin.designer.removeField')}>
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('deskAdmin.designer.removeField')}
                      onClick={() => {
                        remove(index);
                        onSelect(null);
                      }}
                    />
                  </Tooltip>
                </div>
                {/* Closed fields stay mounted (hidden) so that their values validate and their server errors show. */}
                <div className="form-designer__body" hidden={!open}>
                  <FieldEditor form={form} index={index} name={row.name} type={type} />
                </div>
              </div>
            );
          })}
          <Dropdown
            trigger={['click']}
            disabled={rows.length >= MAX_FORM_FIELDS}
            menu={{
              items: FORM_FIELD_TYPES.map((type) => ({ key: type, icon: FIELD_TYPE_ICONS[type], label: typeLabel(type) })),
              onClick: ({ key }) => {
                const type = key as FormFieldType;
                const current = (form.getFieldValue('form') as DraftField[] | undefined) ?? [];
                add({
                  key: nextFieldKey(current, type),
                  type,
                  required: false,
                  label: { 'zh-CN': typeLabel(type) },
                  ...(OPTION_FIELD_TYPES.includes(type)
                    ? { options: [{ value: 'option_1', label: { 'zh-CN': t('deskAdmin.designer.optionN', { n: 1 }) } }] }
                    : {}),
                } satisfies DraftField);
                onSelect(current.length);
              },
            }}
          >
            <Button type="dashed" block icon={<PlusOutlined />} data-testid="add-field">
              {t('deskAdmin.designer.addField')}
            </Button>
          </Dropdown>
        </div>
      )}
    </Form.List>
  );
}
