import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import { useAuth } from '../../app/auth';
import { FormModal } from '../../components/form-modal';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type AssetCategory, type AssetLocation, assetKeys, useAssetCategories, useAssetLocations, useAssetSave } from './api';

/** Asset categories (life and residual rate for depreciation) and the location tree; asset admins edit, others read. */
export function AssetSettingsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('asset.manage');
  const categories = useAssetCategories();
  const locations = useAssetLocations();
  const [category, setCategory] = useState<AssetCategory | 'new' | null>(null);
  const [location, setLocation] = useState<AssetLocation | 'new' | null>(null);
  const activeTag = (active: boolean) => (
    <Tag color={active ? 'green' : 'default'}>{active ? t('common.active') : t('common.inactive')}</Tag>
  );

  return (
    <div data-testid="asset-settings-page">
      <PageHeader title={t('assets.settingsNav')} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            variant="borderless"
            title={t('assets.categories')}
            extra={
              manage && (
                <Button icon={<PlusOutlined />} onClick={() => setCategory('new')} data-testid="category-new">
                  {t('assets.category.newCategory')}
                </Button>
              )
            }
          >
            {categories.isError ? (
              <LoadFailedResult message={categories.error.message} onRetry={() => categories.refetch()} />
            ) : (
              <Table<AssetCategory>
                rowKey="id"
                size="small"
                loading={categories.isPending}
                dataSource={categories.data ?? []}
                pagination={false}
                onRow={(c) => ({ onClick: () => manage && setCategory(c), style: { cursor: manage ? 'pointer' : undefined } })}
                columns={[
                  { title: t('assets.category.code'), dataIndex: 'code' },
                  { title: t('assets.category.name'), dataIndex: 'name' },
                  { title: t('assets.category.life'), dataIndex: 'usefulLifeMonths' },
                  {
                    title: t('assets.category.residual'),
                    dataIndex: 'residualRate',
                    render: (r: number) => `${Math.round(r * 10000) / 100}%`,
                  },
                  { title: t('common.status'), dataIndex: 'active', render: activeTag },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            variant="borderless"
            title={t('assets.locations')}
            extra={
              manage && (
                <Button icon={<PlusOutlined />} onClick={() => setLocation('new')} data-testid="location-new">
                  {t('assets.location.newLocation')}
                </Button>
              )
            }
          >
            {locations.isError ? (
              <LoadFailedResult message={locations.error.message} onRetry={() => locations.refetch()} />
            ) : (
              <Table<AssetLocation>
                rowKey="id"
                size="small"
                loading={locations.isPending}
                dataSource={locations.data ?? []}
                pagination={false}
                onRow={(l) => ({ onClick: () => manage && setLocation(l), style: { cursor: manage ? 'pointer' : undefined } })}
                columns={[
                  { title: t('assets.location.code'), dataIndex: 'code' },
                  {
                    title: t('assets.location.name'),
                    render: (_, l) => <span style={{ paddingLeft: l.depth * 20 }}>{l.name}</span>,
                  },
                  { title: t('common.status'), dataIndex: 'active', render: activeTag },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      {category && <CategoryModal category={category === 'new' ? null : category} onClose={() => setCategory(null)} />}
      {location && (
        <LocationModal location={location === 'new' ? null : location} locations={locations.data ?? []} onClose={() => setLocation(null)} />
      )}
    </div>
  );
}

function CategoryModal({ category, onClose }: { category: AssetCategory | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { showError, showSuccess } = useApiFeedback();
  const save = useAssetSave((body: Record<string, unknown>) =>
    category
      ? api(`/api/assets/categories/${category.id}`, { method: 'PATCH', body: { ...body, version: category.version } })
      : api('/api/assets/categories', { method: 'POST', body }),
  );
  return (
    <FormModal
      title={category ? t('assets.category.editCategory') : t('assets.category.newCategory')}
      width={520}
      form={form}
      saving={save.isPending}
      issues={[]}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={category ?? { usefulLifeMonths: 60, residualRate: 0.05, sortOrder: 0 }}
        onFinish={(values) =>
          save.mutate(values, {
            onSuccess: () => {
              showSuccess(t('common.saved'));
              onClose();
            },
            onError: (error) => showError(error, { form, refetch: [assetKeys.categories] }),
          })
        }
      >
        <Form.Item
          name="code"
          label={t('assets.category.code')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={40} data-testid="category-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('assets.category.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} data-testid="category-name" />
        </Form.Item>
        <Form.Item name="usefulLifeMonths" label={t('assets.category.life')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={1} max={600} precision={0} />
        </Form.Item>
        <Form.Item name="residualRate" label={t('assets.category.residual')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={0} max={0.99} step={0.01} precision={4} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('assets.category.sortOrder')}>
          <InputNumber min={0} max={100000} precision={0} />
        </Form.Item>
        {category && (
          <Form.Item name="active" label={t('common.status')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}

function LocationModal({
  location,
  locations,
  onClose,
}: {
  location: AssetLocation | null;
  locations: AssetLocation[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { showError, showSuccess } = useApiFeedback();
  const save = useAssetSave((body: Record<string, unknown>) =>
    location
      ? api(`/api/assets/locations/${location.id}`, { method: 'PATCH', body: { ...body, version: location.version } })
      : api('/api/assets/locations', { method: 'POST', body }),
  );
  return (
    <FormModal
      title={location ? t('assets.location.editLocation') : t('assets.location.newLocation')}
      width={520}
      form={form}
      saving={save.isPending}
      issues={[]}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={location ?? { sortOrder: 0, parentId: null }}
        onFinish={(values) =>
          save.mutate(values, {
            onSuccess: () => {
              showSuccess(t('common.saved'));
              onClose();
            },
            onError: (error) => showError(error, { form, refetch: [assetKeys.locations] }),
          })
        }
      >
        <Form.Item
          name="code"
          label={t('assets.location.code')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('assets.location.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="parentId" label={t('assets.location.parent')}>
          <Select allowClear options={locations.filter((l) => l.id !== location?.id).map((l) => ({ value: l.id, label: l.fullName }))} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('assets.category.sortOrder')}>
          <InputNumber min={0} max={100000} precision={0} />
        </Form.Item>
        {location && (
          <Form.Item name="active" label={t('common.status')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
