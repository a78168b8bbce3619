import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Radio, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiIssue, isApiError } from '../../app/api-client';
import { applyNestedIssues } from '../../components/form-issues';
import { FormModal } from '../../components/form-modal';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type SpareWarehouse, useSaveWarehouse, useWarehouses } from './api';

/** Spare-part warehouses (spare.manage): code, name, place, keeper, active. */
export function SpareWarehousesPage() {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const [editing, setEditing] = useState<{ warehouse: SpareWarehouse | null } | null>(null);
  return (
    <div data-testid="spare-warehouses-page">
      <PageHeader
        title={t('spares.nav.warehouses')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ warehouse: null })} data-testid="warehouse-new">
            {t('spares.actions.newWarehouse')}
          </Button>
        }
      />
      <Card variant="borderless">
        {warehouses.isError ? (
          <LoadFailedResult message={warehouses.error.message} onRetry={() => warehouses.refetch()} />
        ) : (
          <Table<SpareWarehouse>
            rowKey="id"
            loading={warehouses.isPending}
            pagination={false}
            dataSource={warehouses.data ?? []}
            columns={[
              { title: t('spares.fields.code'), dataIndex: 'code', width: 140 },
              { title: t('spares.fields.name'), dataIndex: 'name' },
              { title: t('spares.fields.place'), dataIndex: 'place' },
              { title: t('spares.fields.keeper'), render: (_: unknown, w) => w.keeper?.displayName ?? '' },
              { title: t('spares.fields.itemCount'), dataIndex: 'itemCount', width: 100, align: 'right' },
              {
                title: t('spares.fields.status'),
                width: 90,
                render: (_: unknown, w) => (w.active ? <Tag color="success">{t('spares.active')}</Tag> : <Tag>{t('spares.inactive')}</Tag>),
              },
              {
                title: t('common.actions'),
                width: 90,
                render: (_: unknown, w) => (
                  <Button type="link" size="small" onClick={() => setEditing({ warehouse: w })}>
                    {t('common.edit')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      {editing && <WarehouseModal warehouse={editing.warehouse} onClose={() => setEditing(null)} />}
    </div>
  );
}

interface WarehouseForm {
  code: string;
  name: string;
  place?: string;
  keeperId?: number | null;
  active: boolean;
}

function WarehouseModal({ warehouse, onClose }: { warehouse: SpareWarehouse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WarehouseForm>();
  const save = useSaveWarehouse();
  const { showError, showSuccess } = useApiFeedback();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const onFinish = (v: WarehouseForm) => {
    const fields = { code: v.code.trim(), name: v.name.trim(), place: v.place?.trim() || null, keeperId: v.keeperId ?? null };
    save.mutate(
      { id: warehouse?.id, body: warehouse ? { ...fields, active: v.active, version: warehouse.version } : fields },
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
      title={warehouse ? t('spares.actions.editWarehouse') : t('spares.actions.newWarehouse')}
      width={500}
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
          warehouse ? { ...warehouse, place: warehouse.place ?? '', keeperId: warehouse.keeper?.id ?? null } : { active: true }
        }
      >
        <Form.Item
          name="code"
          label={t('spares.fields.code')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('spares.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="place" label={t('spares.fields.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="keeperId" label={t('spares.fields.keeper')}>
          <UserPicker known={[warehouse?.keeper]} allowClear />
        </Form.Item>
        {warehouse && (
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
