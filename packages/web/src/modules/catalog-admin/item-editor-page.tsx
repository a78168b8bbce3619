import { ArrowLeftOutlined } from '@ant-design/icons';
import type { CatalogCategoryAdmin, CatalogItemAdmin } from '@shuyun/shared';
import { Alert, Button, Card, Col, Form, Row, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApiIssue } from '../../app/api-client';
import { isApiError } from '../../app/api-client';
import { applyNestedIssues } from '../../components/form-issues';
import { IssueList } from '../../components/issue-list';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { catalogAdminKeys, type ItemInput, useCatalogAdmin, useCatalogItem, useSaveItem } from './api';
import { useLocalized } from './catalog-tree';
import { type DraftField, toFormDefinition } from './form-definition';
import { FormDesigner } from './form-designer';
import { FormPreview } from './form-preview';
import { type ItemFormValues, ItemSettings } from './item-settings';
import './item-editor.css';

/** /admin/catalog/items/new?category=… and /admin/catalog/items/:id — one service item with its request form. */
export function ItemEditorPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const id = params.id === 'new' ? null : Number(params.id);
  const catalog = useCatalogAdmin();
  const item = useCatalogItem(id);

  if (catalog.isPending || (id !== null && item.isPending)) return <Skeleton active />;
  if (catalog.isError) return <LoadFailedResult message={catalog.error.message} onRetry={() => catalog.refetch()} />;
  if (id !== null && item.isError) {
    if (isApiError(item.error) && item.error.status === 404) return <NotFoundResult />;
    return <LoadFailedResult message={item.error.message} onRetry={() => item.refetch()} />;
  }
  const categoryId = Number(search.get('category')) || null;
  return (
    <ItemEditor
      key={id ?? 'new'}
      item={item.data ?? null}
      categories={catalog.data.categories}
      defaultCategoryId={categoryId ?? catalog.data.categories[0]?.id ?? null}
    />
  );
}

function initialValues(item: CatalogItemAdmin | null, categoryId: number | null): ItemFormValues {
  if (!item) {
    return {
      categoryId: categoryId ?? undefined,
      code: '',
      name: { 'zh-CN': '' },
      description: { 'zh-CN': '' },
      keywords: [],
      defaultPriority: 'P3',
      defaultTeamId: undefined,
      slaPolicyId: undefined,
      approvalRequired: false,
      price: 0,
      visibility: { kind: 'everyone' },
      active: true,
      form: [],
    };
  }
  return {
    categoryId: item.categoryId,
    code: item.code,
    name: item.name,
    description: item.description,
    keywords: item.keywords,
    defaultPriority: item.defaultPriority,
    defaultTeamId: item.defaultTeamId ?? undefined,
    slaPolicyId: item.slaPolicyId ?? undefined,
    approvalRequired: item.approvalRequired,
    price: item.price,
    visibility: item.visibility,
    active: item.active,
    form: item.form as DraftField[],
  };
}

function toBody(values: ItemFormValues): ItemInput {
  const nameEn = values.name['en-US']?.trim();
  const descriptionEn = values.description?.['en-US']?.trim();
  const visibility = values.visibility;
  return {
    categoryId: values.categoryId as number,
    code: values.code.trim(),
    name: { 'zh-CN': values.name['zh-CN'].trim(), ...(nameEn ? { 'en-US': nameEn } : {}) },
    description: { 'zh-CN': values.description?.['zh-CN']?.trim() ?? '', ...(descriptionEn ? { 'en-US': descriptionEn } : {}) },
    keywords: values.keywords ?? [],
    defaultPriority: values.defaultPriority,
    defaultTeamId: values.defaultTeamId ?? null,
    slaPolicyId: values.slaPolicyId ?? null,
    approvalRequired: Boolean(values.approvalRequired),
    price: values.price ?? 0,
    visibility:
      visibility.kind === 'departments'
        ? { kind: 'departments', departmentIds: visibility.departmentIds ?? [] }
        : visibility.kind === 'roles'
          ? { kind: 'roles', roleKeys: visibility.roleKeys ?? [] }
          : { kind: 'everyone' },
    form: toFormDefinition(values.form ?? []),
  };
}

function ItemEditor({
  item,
  categories,
  defaultCategoryId,
}: {
  item: CatalogItemAdmin | null;
  categories: CatalogCategoryAdmin[];
  defaultCategoryId: number | null;
}) {
  const { t } = useTranslation();
  const local = useLocalized();
  const navigate = useNavigate();
  const [form] = Form.useForm<ItemFormValues>();
  const save = useSaveItem();
  const { showError, showSuccess } = useApiFeedback();
  const [selected, setSelected] = useState<number | null>(null);
  const [unplaced, setUnplaced] = useState<ApiIssue[]>([]);
  // The version the form was filled from; a newer one on the server means someone else saved meanwhile.
  const [loadedVersion, setLoadedVersion] = useState(item?.version ?? 0);

  const fields = (Form.useWatch('form', form) as DraftField[] | undefined) ?? [];
  const name = Form.useWatch('name', form);
  const description = Form.useWatch('description', form);
  const stale = item !== null && item.version !== loadedVersion;

  const reload = () => {
    if (!item) return;
    form.resetFields();
    form.setFieldsValue(initialValues(item, null));
    setLoadedVersion(item.version);
    setUnplaced([]);
  };

  const onFinish = (values: ItemFormValues) => {
    setUnplaced([]);
    const body = toBody(values);
    const onError = (error: unknown) => {
      showError(error, { refetch: item ? [catalogAdminKeys.item(item.id), catalogAdminKeys.all] : [] });
      if (!isApiError(error)) return;
      const left = applyNestedIssues(form, error.issues);
      setUnplaced(left);
      const firstField = error.issues.map((issue) => /^form\.(\d+)/.exec(issue.path ?? '')?.[1]).find(Boolean);
      if (firstField !== undefined) setSelected(Number(firstField));
    };
    if (item) {
      save.mutate(
        { id: item.id, version: item.version, ...body, active: values.active },
        {
          onSuccess: (saved) => {
            showSuccess(t('common.saved'));
            setLoadedVersion(saved.version);
          },
          onError,
        },
      );
    } else {
      save.mutate(body, {
        onSuccess: (created) => {
          showSuccess(t('common.saved'));
          navigate(`/admin/catalog/items/${created.id}`, { replace: true });
        },
        onError,
      });
    }
  };

  return (
    <Form<ItemFormValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      onFinishFailed={({ errorFields }) => {
        const index = errorFields.map((field) => field.name).find((path) => path[0] === 'form' && typeof path[1] === 'number')?.[1];
        if (typeof index === 'number') setSelected(index);
      }}
      initialValues={initialValues(item, defaultCategoryId)}
      scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
      // No <form> element: the preview holds a form of its own, and forms do not nest.
      component={false}
    >
      <PageHeader
        back={
          <Link to={`/admin/catalog${item ? `?category=${item.categoryId}` : ''}`}>
            <ArrowLeftOutlined /> {t('deskAdmin.nav.catalog')}
          </Link>
        }
        title={
          <Space>
            {item ? local(item.name) : t('deskAdmin.catalog.newItem')}
            {item && !item.active && <Tag>{t('common.inactive')}</Tag>}
          </Space>
        }
        subtitle={item ? item.code : undefined}
        extra={
          <>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={() => form.submit()} loading={save.isPending} data-testid="save-item">
              {t('common.save')}
            </Button>
          </>
        }
      />
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('deskAdmin.common.staleTitle')}
          description={t('deskAdmin.common.staleHint')}
          action={<Button onClick={reload}>{t('deskAdmin.common.loadLatest')}</Button>}
        />
      )}
      <IssueList issues={unplaced} />
      <ItemSettings editing={item !== null} categories={categories} />
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card
            variant="borderless"
            title={t('deskAdmin.designer.title')}
            extra={<span className="item-editor__count">{t('deskAdmin.catalog.fieldCount', { count: fields.length })}</span>}
          >
            <FormDesigner form={form} fields={fields} selected={selected} onSelect={setSelected} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card variant="borderless" title={t('deskAdmin.designer.preview')} className="item-editor__preview">
            <FormPreview fields={fields} name={name} description={description} />
          </Card>
        </Col>
      </Row>
    </Form>
  );
}
