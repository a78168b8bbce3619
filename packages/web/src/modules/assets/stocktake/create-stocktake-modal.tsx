import { DatePicker, Form, Input, Modal, Select, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiFeedback } from '../../../components/use-api-feedback';
import { useCreateStocktake, useStocktakeOptions } from './api';

interface Values {
  name: string;
  categoryIds?: number[];
  departmentIds?: number[];
  locationIds?: number[];
  counterIds: number[];
  dueDate?: Dayjs | null;
}

type TreeNode = { title: string; value: number; children: TreeNode[] };
function tree(rows: { id: number; name: string; parentId: number | null }[]): TreeNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { title: r.name, value: r.id, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id) as TreeNode;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The create form: name, scope (categories, departments and locations with their subtrees), counters, due date. */
export function CreateStocktakeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const options = useStocktakeOptions();
  const create = useCreateStocktake();
  const { showError } = useApiFeedback();
  const departments = useMemo(() => tree(options.data?.departments ?? []), [options.data]);
  const locations = useMemo(() => tree(options.data?.locations ?? []), [options.data]);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      const created = await create.mutateAsync({
        name: values.name,
        categoryIds: values.categoryIds ?? [],
        departmentIds: values.departmentIds ?? [],
        locationIds: values.locationIds ?? [],
        counterIds: values.counterIds,
        dueDate: values.dueDate ? values.dueDate.format('YYYY-MM-DD') : null,
      });
      form.resetFields();
      onClose();
      navigate(`/stocktakes/${created.id}`);
    } catch (error) {
      showError(error, { form });
    }
  };

  return (
    <Modal
      open={open}
      title={t('stocktake.create')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="name" label={t('stocktake.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input placeholder={t('stocktake.namePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item label={t('stocktake.scope')} extra={t('stocktake.scopeHint')} style={{ marginBottom: 8 }}>
          <Form.Item name="categoryIds" label={t('stocktake.categories')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('stocktake.scopeAll')}
              options={(options.data?.categories ?? []).map((c) => ({ value: c.id, label: c.name }))}
              optionFilterProp="label"
            />
          </Form.Item>
          <Form.Item name="departmentIds" label={t('stocktake.departments')}>
            <TreeSelect
              multiple
              allowClear
              treeDefaultExpandAll
              placeholder={t('stocktake.scopeAll')}
              treeData={departments}
              treeNodeFilterProp="title"
            />
          </Form.Item>
          <Form.Item name="locationIds" label={t('stocktake.locations')}>
            <TreeSelect
              multiple
              allowClear
              treeDefaultExpandAll
              placeholder={t('stocktake.scopeAll')}
              treeData={locations}
              treeNodeFilterProp="title"
            />
          </Form.Item>
        </Form.Item>
        <Form.Item name="counterIds" label={t('stocktake.counters')} extra={t('stocktake.countersHint')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={(options.data?.counters ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
            optionFilterProp="label"
            data-testid="counters"
          />
        </Form.Item>
        <Form.Item name="dueDate" label={t('stocktake.dueDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
