import { KNOWLEDGE_AUDIENCES, KNOWLEDGE_TYPES, type KnowledgeAudience, type KnowledgeType } from '@shuyun/shared';
import { Col, DatePicker, Form, type FormInstance, Input, Radio, Row, Segmented, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../components/use-debounced';
import { useSystems } from '../org/api';
import { type KnowledgeArticleDetail, type KnowledgeVersionDetail, useKnowledgeCategories, useKnowledgeTags } from './api';
import { categoryOptions } from './category-tree';
import { RichTextEditor } from './rich-text-editor';

export interface EditorValues {
  title: string;
  type: KnowledgeType;
  categoryId?: number;
  tags: string[];
  systemIds: number[];
  audience: KnowledgeAudience;
  reviewBy: Dayjs | null;
  body: string;
  symptom: string;
  cause: string;
  workaround: string;
  fix: string;
}

export function emptyValues(): EditorValues {
  return {
    title: '',
    type: 'how_to',
    tags: [],
    systemIds: [],
    audience: 'everyone',
    reviewBy: null,
    body: '',
    symptom: '',
    cause: '',
    workaround: '',
    fix: '',
  };
}

/** A loaded working version as form values (review-by belongs to the article). */
export function valuesOf(version: KnowledgeVersionDetail, article: KnowledgeArticleDetail | null): EditorValues {
  const c = version.content;
  return {
    title: c.title,
    type: c.type,
    categoryId: c.category?.id,
    tags: c.tags,
    systemIds: c.systems.map((s) => s.id),
    audience: c.audience,
    reviewBy: article?.reviewBy ? dayjs(article.reviewBy) : null,
    body: c.body,
    symptom: c.symptom,
    cause: c.cause,
    workaround: c.workaround,
    fix: c.fix,
  };
}

/** What the API takes: every content field (fields of another type are kept, not lost on a type switch). */
export function toContent(values: EditorValues) {
  return {
    title: values.title.trim(),
    type: values.type,
    categoryId: values.categoryId as number,
    tags: values.tags.map((tag) => tag.trim()).filter(Boolean),
    systemIds: values.systemIds,
    audience: values.audience,
    body: values.body ?? '',
    symptom: values.symptom ?? '',
    cause: values.cause ?? '',
    workaround: values.workaround ?? '',
    fix: values.fix ?? '',
  };
}

const KNOWN_ERROR_FIELDS = ['symptom', 'cause', 'workaround', 'fix'] as const;

/** The editor's fields: title and body by type on the left, where it belongs and who sees it on the right. */
export function KnowledgeFields({
  form,
  article,
  settingsEditable,
}: {
  form: FormInstance<EditorValues>;
  article: KnowledgeArticleDetail | null;
  settingsEditable: boolean;
}) {
  const { t } = useTranslation();
  const type = Form.useWatch('type', form) ?? 'how_to';
  const categoryId = Form.useWatch('categoryId', form);
  const categories = useKnowledgeCategories();
  const systems = useSystems();
  const [tagSearch, setTagSearch] = useState('');
  const tags = useKnowledgeTags(useDebounced(tagSearch.trim()));
  const bodyLabel =
    type === 'faq' ? t('knowledge.fields.answer') : type === 'known_error' ? t('knowledge.fields.notes') : t('knowledge.fields.steps');

  return (
    <Row gutter={24}>
      <Col xs={24} xl={17}>
        <Form.Item name="type" label={t('knowledge.fields.type')}>
          <Segmented<KnowledgeType>
            options={KNOWLEDGE_TYPES.map((value) => ({ value, label: t(`knowledge.types.${value}`) }))}
            data-testid="editor-type"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={type === 'faq' ? t('knowledge.fields.question') : t('knowledge.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('knowledge.editor.titleRequired') }, { max: 200 }]}
        >
          <Input
            size="large"
            maxLength={200}
            showCount
            placeholder={t(`knowledge.editor.titlePlaceholder.${type}`)}
            data-testid="editor-title"
          />
        </Form.Item>
        {type === 'known_error' &&
          KNOWN_ERROR_FIELDS.map((field) => (
            <Form.Item
              key={field}
              name={field}
              label={t(`knowledge.fields.${field}`)}
              extra={t(`knowledge.editor.hints.${field}`)}
              rules={field === 'symptom' ? [{ required: true, message: t('knowledge.editor.symptomRequired') }] : []}
            >
              <RichTextEditor minHeight={90} testId={`editor-${field}`} />
            </Form.Item>
          ))}
        <Form.Item
          name="body"
          label={bodyLabel}
          rules={type === 'known_error' ? [] : [{ required: true, message: t('knowledge.editor.bodyRequired') }]}
          extra={t('knowledge.editor.imageHint')}
        >
          <RichTextEditor
            minHeight={type === 'known_error' ? 90 : 280}
            testId="editor-body"
            placeholder={t('knowledge.editor.bodyPlaceholder')}
          />
        </Form.Item>
      </Col>
      <Col xs={24} xl={7}>
        <Form.Item
          name="categoryId"
          label={t('knowledge.fields.category')}
          rules={[{ required: true, message: t('knowledge.editor.categoryRequired') }]}
        >
          <TreeSelect
            treeData={categoryOptions(categories.data ?? [], { keep: categoryId })}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('knowledge.editor.chooseCategory')}
            loading={categories.isPending}
            data-testid="editor-category"
          />
        </Form.Item>
        <Form.Item
          name="tags"
          label={t('knowledge.fields.tags')}
          extra={t('knowledge.editor.tagsHint')}
          rules={[
            { type: 'array', max: 20, message: t('knowledge.editor.tooManyTags') },
            {
              validator: (_rule, value: string[] | undefined) =>
                (value ?? []).some((tag) => tag.trim().length > 30)
                  ? Promise.reject(new Error(t('knowledge.editor.tagTooLong')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Select
            mode="tags"
            tokenSeparators={[',', '，', ' ']}
            onSearch={setTagSearch}
            options={(tags.data ?? []).map((tag) => ({ value: tag.tag, label: `${tag.tag} (${tag.count})` }))}
            data-testid="editor-tags"
          />
        </Form.Item>
        <Form.Item name="systemIds" label={t('knowledge.fields.systems')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            placeholder={t('knowledge.editor.chooseSystems')}
            data-testid="editor-systems"
          />
        </Form.Item>
        <Form.Item name="audience" label={t('knowledge.fields.audience')} extra={t('knowledge.editor.audienceHint')}>
          <Radio.Group
            options={KNOWLEDGE_AUDIENCES.map((value) => ({ value, label: t(`knowledge.audiences.${value}`) }))}
            data-testid="editor-audience"
          />
        </Form.Item>
        {settingsEditable && (
          <Form.Item name="reviewBy" label={t('knowledge.reviewBy')} extra={t('knowledge.editor.reviewByHint')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => !d.isAfter(dayjs(), 'day')} data-testid="editor-review-by" />
          </Form.Item>
        )}
        {!settingsEditable && article?.reviewBy && (
          <Form.Item label={t('knowledge.reviewBy')}>
            <span>{article.reviewBy}</span>
          </Form.Item>
        )}
      </Col>
    </Row>
  );
}
