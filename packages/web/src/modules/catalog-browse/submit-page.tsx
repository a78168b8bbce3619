import { ArrowLeftOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { type CatalogItemDetail, PRIORITIES, type Priority } from '@shuyun/shared';
import { Alert, Breadcrumb, Button, Card, Col, Form, Input, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useDebounced } from '../../components/use-debounced';
import { UserPicker } from '../../components/user-picker';
import { suggestionQuery } from '../knowledge-desk/api';
import { SolveArticleDrawer } from '../knowledge-desk/article-drawer';
import { DeflectedResult } from '../knowledge-desk/deflected-result';
import { SuggestPanel } from '../knowledge-desk/suggest-panel';
import '../knowledge-desk/knowledge-desk.css';
import { useCreateTicket } from '../tickets/api';
import { priorityName } from '../tickets/ticket-format';
import { useCatalogItem } from './api';
import { FormFieldItem, SystemSelect } from './form-field-item';
import { formAttachmentIds, type RawValue, toFormValues } from './form-values';
import { RichText } from './rich-text';
import { applySubmitIssues } from './submit-errors';
import { UploadField } from './upload-field';

interface SubmitValues {
  title: string;
  description?: string;
  priority: Priority;
  systemId?: number | null;
  requesterId?: number | null;
  attachmentIds?: number[];
  formValues?: Record<string, RawValue>;
}

/** Request a catalogue item (its form) or, without an item, a free-form ticket; opens the new ticket. */
export function SubmitPage() {
  const { t } = useTranslation();
  const params = useParams();
  const itemId = params.itemId ? Number(params.itemId) : null;
  const item = useCatalogItem(itemId);
  if (itemId !== null && item.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (itemId !== null && item.isError) {
    const message = isApiError(item.error) && item.error.status === 404 ? t('ticketsUi.catalog.notFound') : item.error.message;
    return <LoadFailedResult message={message} onRetry={() => item.refetch()} />;
  }
  return <SubmitForm item={item.data ?? null} key={itemId ?? 'free'} />;
}

function SubmitForm({ item }: { item: CatalogItemDetail | null }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<SubmitValues>();
  const create = useCreateTicket();
  const { showError, showSuccess } = useApiFeedback();
  const fields = item?.form ?? [];
  const title = item ? item.name : t('ticketsUi.catalog.freeButton');
  // Self-service: what the requester types brings up matching articles; one that solves it ends here.
  const typedTitle = Form.useWatch('title', form);
  const typedDescription = Form.useWatch('description', form);
  const query = useDebounced(suggestionQuery(typedTitle, typedDescription), 400);
  const [openArticle, setOpenArticle] = useState<number | null>(null);
  const [solvedBy, setSolvedBy] = useState<{ id: number; title: string } | null>(null);

  const onFinish = (values: SubmitValues) => {
    const raw = values.formValues ?? {};
    const formValues = toFormValues(fields, raw);
    const fromForm = new Set(formAttachmentIds(fields, raw));
    create.mutate(
      {
        title: values.title.trim(),
        description: values.description?.trim() ?? '',
        catalogItemId: item?.id ?? null,
        formValues,
        priority: values.priority,
        systemId: values.systemId ?? null,
        requesterId: values.requesterId ?? undefined,
        channel: 'pc',
        attachmentIds: (values.attachmentIds ?? []).filter((id) => !fromForm.has(id)),
      },
      {
        onSuccess: (ticket) => {
          showSuccess(t('ticketsUi.catalog.submitted', { number: ticket.number }));
          navigate(`/tickets/${ticket.id}`);
        },
        onError: (error) => {
          applySubmitIssues(form, error);
          showError(error);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        back={
          <Link to="/catalog">
            <ArrowLeftOutlined /> {t('ticketsUi.catalog.back')}
          </Link>
        }
        title={title}
        subtitle={item ? <Breadcrumb items={item.categoryPath.map((name) => ({ title: name }))} /> : t('ticketsUi.catalog.freeHint')}
      />
      {solvedBy && <DeflectedResult article={solvedBy} />}
      <Row gutter={[16, 16]} style={solvedBy ? { display: 'none' } : undefined}>
        <Col xs={24} xl={16}>
          <Card variant="borderless">
            <Form<SubmitValues>
              form={form}
              layout="vertical"
              onFinish={onFinish}
              initialValues={{ title: item?.name ?? '', priority: item?.defaultPriority ?? 'P3' }}
              scrollToFirstError
              data-testid="submit-form"
              style={{ maxWidth: 760 }}
            >
              <Form.Item name="title" label={t('ticketsUi.catalog.ticketTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
                <Input placeholder={t('ticketsUi.catalog.ticketTitlePlaceholder')} maxLength={200} />
              </Form.Item>
              {fields.map((field) => (
                <FormFieldItem key={field.key} field={field} />
              ))}
              <Form.Item name="description" label={t('ticketsUi.catalog.description')} rules={[{ required: !item, whitespace: true }]}>
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} placeholder={t('ticketsUi.catalog.descriptionPlaceholder')} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="priority" label={t('ticketsUi.catalog.priority')}>
                    <Select options={PRIORITIES.map((p) => ({ value: p, label: priorityName(t, p) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="systemId" label={t('ticketsUi.catalog.system')}>
                    <SystemSelect />
                  </Form.Item>
                </Col>
              </Row>
              {can('ticket.dispatch') && (
                <Form.Item name="requesterId" label={t('ticketsUi.catalog.onBehalf')} extra={t('ticketsUi.catalog.onBehalfHint')}>
                  <UserPicker />
                </Form.Item>
              )}
              {!fields.some((field) => field.type === 'attachment') && (
                <Form.Item name="attachmentIds" label={t('ticketsUi.catalog.attachments')}>
                  <UploadField />
                </Form.Item>
              )}
              <Space>
                <Button type="primary" htmlType="submit" loading={create.isPending} size="large">
                  {t('ticketsUi.catalog.submit')}
                </Button>
                <Button size="large" onClick={() => navigate('/catalog')}>
                  {t('common.cancel')}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={8} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          <SuggestPanel query={query} onOpen={(suggestion) => setOpenArticle(suggestion.id)} />
          <Card variant="borderless" title={item ? item.name : t('ticketsUi.catalog.freeTitle')}>
            {item ? (
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {item.description ? <RichText text={item.description} /> : null}
                <Space size={[4, 8]} wrap>
                  <Tag>{priorityName(t, item.defaultPriority)}</Tag>
                  {item.approvalRequired && <Tag color="purple">{t('ticketsUi.catalog.needsApproval')}</Tag>}
                  {item.price > 0 && <Tag color="gold">{t('ticketsUi.catalog.price', { price: item.price.toLocaleString() })}</Tag>}
                </Space>
                {item.approvalRequired && <Alert type="info" showIcon title={t('ticketsUi.catalog.approvalNotice')} />}
              </Space>
            ) : (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                <InfoCircleOutlined /> {t('ticketsUi.catalog.freeHint')}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
      </Row>
      <SolveArticleDrawer
        articleId={openArticle}
        query={query}
        onClose={() => setOpenArticle(null)}
        onSolved={(article) => {
          setOpenArticle(null);
          setSolvedBy(article);
        }}
      />
    </>
  );
}
