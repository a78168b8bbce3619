import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Skeleton, Space, Switch, Table, Tag, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiIssue, isApiError } from '../../app/api-client';
import { applyNestedIssues } from '../../components/form-issues';
import { FormModal } from '../../components/form-modal';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type KnowledgeCategory, knowledgeKeys, useKnowledgeCategories, useSaveKnowledgeCategory } from './api';
import { type CategoryNode, categoryOptions, categoryTree } from './category-tree';
import './knowledge.css';

type CategoryRow = Omit<CategoryNode, 'children'> & { children?: CategoryRow[] };

function rows(nodes: CategoryNode[]): CategoryRow[] {
  return nodes.map(({ children, ...node }) => (children.length ? { ...node, children: rows(children) } : node));
}

/** Knowledge categories (knowledge.manage): the tree, names in both languages, and who reviews each. */
export function KnowledgeCategoriesPage() {
  const { t } = useTranslation();
  const categories = useKnowledgeCategories();
  const [editing, setEditing] = useState<{ category: KnowledgeCategory | null; parentId: number | null } | null>(null);

  return (
    <div data-testid="knowledge-categories-admin">
      <PageHeader
        title={t('knowledge.admin.categories')}
        subtitle={t('knowledge.admin.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ category: null, parentId: null })}
            data-testid="category-new"
          >
            {t('knowledge.admin.newCategory')}
          </Button>
        }
      />
      <Card variant="borderless">
        {categories.isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : categories.isError ? (
          <LoadFailedResult message={categories.error.message} onRetry={() => categories.refetch()} />
        ) : (
          <Table<CategoryRow>
            rowKey="id"
            pagination={false}
            dataSource={rows(categoryTree(categories.data))}
            expandable={{ defaultExpandAllRows: true }}
            columns={[
              {
                title: t('common.name'),
                render: (_: unknown, c) => (
                  <span data-testid="category-row" style={{ display: 'inline-block', verticalAlign: 'top' }}>
                    {c.nameZh}
                    {c.description && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {c.description}
                      </Typography.Text>
                    )}
                  </span>
                ),
              },
              { title: t('knowledge.admin.nameEn'), width: 200, render: (_: unknown, c) => c.nameEn ?? '' },
              {
                title: t('knowledge.admin.reviewers'),
                width: 220,
                render: (_: unknown, c) =>
                  c.reviewers.length ? (
                    <Space size={[4, 4]} wrap>
                      {c.reviewers.map((r) => (
                        <Tag key={r.id}>{r.displayName}</Tag>
                      ))}
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t('knowledge.admin.anyReviewer')}</Typography.Text>
                  ),
              },
              { title: t('knowledge.admin.articles'), width: 90, align: 'right', render: (_: unknown, c) => c.count },
              {
                title: t('common.status'),
                width: 80,
                render: (_: unknown, c) => (c.active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
              },
              {
                title: t('common.actions'),
                width: 170,
                render: (_: unknown, c) => (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => setEditing({ category: c as KnowledgeCategory, parentId: c.parentId })}>
                      {t('common.edit')}
                    </Button>
                    <Button type="link" size="small" onClick={() => setEditing({ category: null, parentId: c.id })}>
                      {t('knowledge.admin.addChild')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {editing && categories.data && (
        <CategoryModal
          category={editing.category}
          parentId={editing.parentId}
          categories={categories.data}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

interface CategoryForm {
  parentId: number | null;
  name: string;
  nameEn: string;
  description: string;
  reviewerIds: number[];
  sortOrder: number | null;
  active: boolean;
}

function CategoryModal({
  category,
  parentId,
  categories,
  onClose,
}: {
  category: KnowledgeCategory | null;
  parentId: number | null;
  categories: KnowledgeCategory[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CategoryForm>();
  const save = useSaveKnowledgeCategory();
  const { showError, showSuccess } = useApiFeedback();
  const [unplaced, setUnplaced] = useState<ApiIssue[]>([]);

  const onFinish = (values: CategoryForm) => {
    const body = {
      parentId: values.parentId ?? null,
      name: values.name.trim(),
      nameEn: values.nameEn?.trim() || null,
      description: values.description?.trim() || null,
      reviewerIds: values.reviewerIds ?? [],
      ...(values.sortOrder !== null && values.sortOrder !== undefined ? { sortOrder: values.sortOrder } : {}),
    };
    setUnplaced([]);
    const handlers = {
      onSuccess: () => {
        showSuccess(t('common.saved'));
        onClose();
      },
      onError: (error: unknown) => {
        showError(error, { refetch: [knowledgeKeys.categories] });
        if (isApiError(error)) setUnplaced(applyNestedIssues(form, error.issues));
      },
    };
    if (category) save.mutate({ id: category.id, version: category.version, ...body, active: values.active }, handlers);
    else save.mutate(body, handlers);
  };

  return (
    <FormModal
      width={640}
      title={category ? t('knowledge.admin.editCategory') : t('knowledge.admin.newCategory')}
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
            ? {
                parentId: category.parentId,
                name: category.nameZh,
                nameEn: category.nameEn ?? '',
                description: category.description ?? '',
                reviewerIds: category.reviewers.map((r) => r.id),
                sortOrder: category.sortOrder,
                active: category.active,
              }
            : { parentId, name: '', nameEn: '', description: '', reviewerIds: [], sortOrder: null, active: true }
        }
      >
        <Form.Item name="parentId" label={t('knowledge.admin.parent')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            placeholder={t('knowledge.admin.topLevel')}
            treeData={categoryOptions(categories, { exclude: category?.id })}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
              <Input maxLength={60} data-testid="category-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="nameEn" label={t('knowledge.admin.nameEn')} rules={[{ max: 80 }]}>
              <Input maxLength={80} data-testid="category-name-en" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('common.description')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="reviewerIds" label={t('knowledge.admin.reviewers')} extra={t('knowledge.admin.reviewersHint')}>
          <UserPicker multiple known={category?.reviewers} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="sortOrder" label={t('knowledge.admin.sortOrder')}>
              <InputNumber min={0} max={100000} style={{ width: '100%' }} />
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
