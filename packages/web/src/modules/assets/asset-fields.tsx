import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DepartmentSelect } from '../../components/department-select';
import { type AssetDetail, useAssetCategories, useAssetLocations } from './api';

/** The register's editable fields (inbound form and edit dialog); dates travel as YYYY-MM-DD. */
export function AssetFields({ requireLocation }: { requireLocation: boolean }) {
  const { t } = useTranslation();
  const categories = useAssetCategories();
  const locations = useAssetLocations();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name="categoryId" label={t('assets.fields.category')} rules={required}>
          <Select
            data-testid="asset-field-category"
            options={(categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="name" label={t('assets.fields.name')} rules={[...required, { whitespace: true, message: t('common.required') }]}>
          <Input maxLength={200} data-testid="asset-field-name" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="model" label={t('assets.fields.model')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="serialNo" label={t('assets.fields.serialNo')}>
          <Input maxLength={100} data-testid="asset-field-serial" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="vendor" label={t('assets.fields.vendor')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="purchasePrice" label={t('assets.fields.purchasePrice')}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="asset-field-price" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="purchaseDate" label={t('assets.fields.purchaseDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="warrantyEnd" label={t('assets.fields.warrantyEnd')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="locationId" label={t('assets.fields.location')} rules={requireLocation ? required : []}>
          <Select
            data-testid="asset-field-location"
            showSearch={{ optionFilterProp: 'label' }}
            options={(locations.data ?? []).filter((l) => l.active).map((l) => ({ value: l.id, label: l.fullName }))}
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="departmentId" label={t('assets.fields.department')}>
          <DepartmentSelect />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="note" label={t('assets.fields.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Col>
    </Row>
  );
}

type FormValues = Record<string, unknown> & { purchaseDate?: dayjs.Dayjs | null; warrantyEnd?: dayjs.Dayjs | null };

/** Form values → API body: dayjs to YYYY-MM-DD, blanks to null (edit) or left out (create). */
export function toAssetBody(values: FormValues, blanks: 'null' | 'omit'): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const v = dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : typeof value === 'string' ? value.trim() : value;
    if (v === undefined || v === null || v === '') {
      if (blanks === 'null' && key !== 'categoryId' && key !== 'name') body[key] = null;
      continue;
    }
    body[key] = v;
  }
  return body;
}

/** An asset's current values for the edit dialog. */
export function assetFormValues(a: AssetDetail): FormValues {
  return {
    categoryId: a.category.id,
    name: a.name,
    model: a.model,
    serialNo: a.serialNo,
    vendor: a.vendor,
    purchasePrice: a.purchasePrice,
    purchaseDate: a.purchaseDate ? dayjs(a.purchaseDate) : null,
    warrantyEnd: a.warrantyEnd ? dayjs(a.warrantyEnd) : null,
    locationId: a.location?.id ?? null,
    departmentId: a.department?.id ?? null,
    note: a.note,
  };
}
