import type { CatalogCategoryAdmin } from '@shuyun/shared';
import { Col, Form, Input, Row, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiIssue } from '../../app/api-client';
import { isApiError } from '../../app/api-client';
import { applyNestedIssues } from '../../components/form-issues';
import { FormModal } from '../../components/form-modal';
import { useApiFeedback } from '../../components/use-api-feedback';
import { catalogAdminKeys, useSaveCategory } from './api';
import { useLocalized } from './catalog-tree';
import { CATEGORY_ICONS } from './category-icon';

interface CategoryForm {
  parentId: number | null;
  code: string;
  name: { 'zh-CN': string; 'en-US'?: string };
  icon: string | null;
  active: boolean;
}

interface Props {
  category: CatalogCategoryAdmin | null;
  parentId: number | null;
  categories: CatalogCategoryAdmin[];
  onClose: () => void;
  onCreated: (category: CatalogCategoryAdmin) => void;
}

/** Creates or edits a category: parent (top level or under a top-level one), code, names in both languages, icon. */
export function CategoryModal({ category, parentId, categories, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const local = useLocalized();
  const [form] = Form.useForm<CategoryForm>();
  const save = useSaveCategory();
  const { showError, showSuccess } = useApiFeedback();
  const [unplaced, setUnplaced] = useState<ApiIssue[]>([]);
  const hasChildren = category ? categories.some((c) => c.parentId === category.id) : false;

  const parents = categories.filter((c) => c.parentId === null && c.id !== category?.id);

  const onFinish = (values: CategoryForm) => {
    const en = values.name['en-US']?.trim();
    const body = {
      parentId: values.parentId ?? null,
      code: values.code.trim(),
      name: { 'zh-CN': values.name['zh-CN'].trim(), ...(en ? { 'en-US': en } : {}) },
      icon: values.icon || null,
    };
    setUnplaced([]);
    const onError = (error: unknown) => {
      showError(error, { refetch: [catalogAdminKeys.all] });
      if (isApiError(error)) setUnplaced(applyNestedIssues(form, error.issues));
    };
    if (category) {
      save.mutate(
        { id: category.id, version: category.version, ...body, active: values.active },
        {
          onSuccess: () => {
            showSuccess(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      save.mutate(body, {
        onSuccess: (created) => {
          showSuccess(t('common.saved'));
          onCreated(created);
          onClose();
        },
        onError,
      });
    }
  };

  return (
    <FormModal
      width={640}
      title={category ? t('deskAdmin.catalog.editCategory') : t('deskAdmin.catalog.newCategory')}
      form={form}
      saving={save.isPending}
      issues={unplaced}
      onClose={onClose}
    >
      <Form<CategoryForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          category
            ? { parentId: category.parentId, code: category.code, name: category.name, icon: category.icon, active: category.active }
            : { parentId, icon: null, active: true, name: { 'zh-CN': '' } }
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="parentId"
              label={t('deskAdmin.catalog.parentCategory')}
              extra={hasChildren ? t('deskAdmin.catalog.hasChildrenHint') : null}
            >
              <Select
                allowClear
                disabled={hasChildren}
                placeholder={t('deskAdmin.catalog.topLevel')}
                options={parents.map((c) => ({ value: c.id, label: local(c.name) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t('common.code')}
              rules={[
                { required: true, whitespace: true, max: 40 },
                { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: t('deskAdmin.catalog.codeRule') },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['name', 'zh-CN']}
              label={t('deskAdmin.common.nameZh')}
              rules={[{ required: true, whitespace: true, max: 60 }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['name', 'en-US']}
              label={t('deskAdmin.common.nameEn')}
              rules={[{ max: 60 }]}
              extra={t('deskAdmin.common.enFallback')}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="icon" label={t('deskAdmin.catalog.icon')}>
              <Select
                allowClear
                options={Object.entries(CATEGORY_ICONS).map(([key, icon]) => ({
                  value: key,
                  label: (
                    <Space size={8}>
                      {icon}
                      {key}
                    </Space>
                  ),
                }))}
              />
            </Form.Item>
          </Col>
          {category && (
            <Col span={12}>
              <Form.Item name="active" label={t('common.status')} valuePropName="checked">
                <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </FormModal>
  );
}
