import { type CatalogItemDetail, type LocalizedFormField, PRIORITIES, type Priority } from '@shuyun/shared';
import { Button, ErrorBlock, Form, Input, NavBar, NoticeBar, Selector, Skeleton, Stepper, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { useDebounced } from '../../components/use-debounced';
import { suggestionQuery } from '../knowledge-desk/api';
import { SolvedMobile } from '../knowledge-mobile/solved-mobile';
import { SuggestCardMobile } from '../knowledge-mobile/suggest-card-mobile';
import { useCreateTicket } from '../tickets/api';
import { priorityName } from '../tickets/ticket-format';
import { useCatalogItem } from './api';
import { DateFieldMobile, PhotosFieldMobile, SystemPickerMobile, UserPickerMobile } from './fields-mobile';
import { formAttachmentIds, type RawValue, toFormValues } from './form-values';
import { RichText } from './rich-text';
import '../tickets/tickets-mobile.css';

interface MobileValues {
  title: string;
  description?: string;
  priority?: Priority[];
  photos?: number[];
  formValues?: Record<string, RawValue>;
}

/** How "filled in" is checked on the phone: chips and photos give lists, pickers numbers, text strings. */
function ruleType(field: LocalizedFormField): { type?: 'array' | 'number'; whitespace?: boolean } {
  if (['select', 'multiselect', 'attachment'].includes(field.type)) return { type: 'array' };
  if (['number', 'user', 'system'].includes(field.type)) return { type: 'number' };
  if (field.type === 'date') return {};
  return { whitespace: true };
}

function widget(field: LocalizedFormField, t: (key: 'ticketsUi.catalog.assetPlaceholder') => string) {
  switch (field.type) {
    case 'textarea':
      return <TextArea rows={3} maxLength={field.maxLength} placeholder={field.placeholder} />;
    case 'number':
      return <Stepper min={field.min} max={field.max} />;
    case 'select':
      return <Selector columns={2} options={field.options ?? []} />;
    case 'multiselect':
      return <Selector columns={2} multiple options={field.options ?? []} />;
    case 'date':
      return <DateFieldMobile />;
    case 'user':
      return <UserPickerMobile />;
    case 'system':
      return <SystemPickerMobile />;
    case 'attachment':
      return <PhotosFieldMobile />;
    case 'asset':
      return <Input clearable placeholder={field.placeholder ?? t('ticketsUi.catalog.assetPlaceholder')} />;
    default:
      return <Input clearable maxLength={field.maxLength} placeholder={field.placeholder} />;
  }
}

/** Phone: the chosen service's form (or a free request) with photos from the camera; submits with channel "mobile". */
export function SubmitMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const param = useParams().itemId;
  const itemId = param && param !== 'free' ? Number(param) : null;
  const item = useCatalogItem(itemId);
  const loading = itemId !== null && item.isPending;
  const failed = itemId !== null && item.isError;

  return (
    <div className="mt-page">
      <NavBar onBack={() => navigate('/m/tickets/new')} style={{ background: '#fff' }}>
        {item.data?.name ?? t('ticketsUi.mobile.submit')}
      </NavBar>
      {loading ? (
        <Skeleton.Paragraph lineCount={8} animated style={{ padding: 16 }} />
      ) : failed ? (
        <ErrorBlock
          status="empty"
          title={t('shell.loadFailed')}
          description={isApiError(item.error) && item.error.status === 404 ? t('ticketsUi.catalog.notFound') : item.error?.message}
        />
      ) : (
        <SubmitFormMobile item={item.data ?? null} />
      )}
    </div>
  );
}

function SubmitFormMobile({ item }: { item: CatalogItemDetail | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<MobileValues>();
  const create = useCreateTicket();
  const fields = item?.form ?? [];
  const hasPhotoField = fields.some((f) => f.type === 'attachment');
  // Self-service: what the requester types brings up matching articles; one that solves it ends here.
  const typedTitle = Form.useWatch('title', form);
  const typedDescription = Form.useWatch('description', form);
  const query = useDebounced(suggestionQuery(typedTitle, typedDescription), 400);
  const [solvedBy, setSolvedBy] = useState<{ id: number; title: string } | null>(null);

  const onFinish = (values: MobileValues) => {
    const raw = values.formValues ?? {};
    const fromForm = new Set(formAttachmentIds(fields, raw));
    create.mutate(
      {
        title: values.title.trim(),
        description: values.description?.trim() ?? '',
        catalogItemId: item?.id ?? null,
        formValues: toFormValues(fields, raw),
        priority: values.priority?.[0],
        channel: 'mobile',
        attachmentIds: (values.photos ?? []).filter((id) => !fromForm.has(id)),
      },
      {
        onSuccess: (ticket) => {
          Toast.show({ icon: 'success', content: t('ticketsUi.catalog.submitted', { number: ticket.number }) });
          navigate(`/m/tickets/${ticket.id}`, { replace: true });
        },
        onError: (error) => {
          const issues = isApiError(error) ? error.issues.filter((i) => i.path && i.message) : [];
          form.setFields(
            issues.map((issue) => {
              const [head, key] = (issue.path as string).split('.');
              return { name: head === 'form' && key ? ['formValues', key] : [head as string], errors: [issue.message] };
            }),
          );
          Toast.show({ icon: 'fail', content: error.message, duration: 3000 });
        },
      },
    );
  };

  if (solvedBy) return <SolvedMobile article={solvedBy} />;

  return (
    <>
      {item?.description && (
        <div style={{ padding: '12px 16px', background: '#fff', fontSize: 13, color: '#595959', borderBottom: '1px solid #f0f0f0' }}>
          <RichText text={item.description} />
        </div>
      )}
      {item?.approvalRequired && <NoticeBar content={t('ticketsUi.catalog.approvalNotice')} color="info" wrap />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ title: item?.name ?? '', priority: [item?.defaultPriority ?? 'P3'] }}
        mode="card"
        data-testid="mobile-submit-form"
        footer={
          <Button block type="submit" color="primary" size="large" loading={create.isPending} data-testid="mobile-submit">
            {t('ticketsUi.catalog.submit')}
          </Button>
        }
      >
        <Form.Item
          name="title"
          label={t('ticketsUi.catalog.ticketTitle')}
          rules={[
            { required: true, whitespace: true, message: t('ticketsUi.catalog.required', { label: t('ticketsUi.catalog.ticketTitle') }) },
          ]}
        >
          <Input clearable maxLength={200} placeholder={t('ticketsUi.catalog.ticketTitlePlaceholder')} />
        </Form.Item>
        {/* Right under the title, where the requester is typing: at the foot of a long form it was out of sight. */}
        <SuggestCardMobile query={query} onSolved={setSolvedBy} />
        {fields.map((field) => (
          <Form.Item
            key={field.key}
            name={['formValues', field.key]}
            label={field.label}
            help={field.help}
            rules={
              field.required
                ? [{ required: true, message: t('ticketsUi.catalog.required', { label: field.label }), ...ruleType(field) }]
                : []
            }
            data-field={field.key}
          >
            {widget(field, t)}
          </Form.Item>
        ))}
        <Form.Item
          name="description"
          label={t('ticketsUi.catalog.description')}
          rules={
            item
              ? []
              : [
                  {
                    required: true,
                    whitespace: true,
                    message: t('ticketsUi.catalog.required', { label: t('ticketsUi.catalog.description') }),
                  },
                ]
          }
        >
          <TextArea rows={3} placeholder={t('ticketsUi.catalog.descriptionPlaceholder')} />
        </Form.Item>
        {!hasPhotoField && (
          <Form.Item name="photos" label={t('ticketsUi.mobile.photos')}>
            <PhotosFieldMobile />
          </Form.Item>
        )}
        <Form.Item name="priority" label={t('ticketsUi.catalog.priority')}>
          <Selector columns={4} options={PRIORITIES.map((p) => ({ value: p, label: p }))} />
        </Form.Item>
      </Form>
      <div style={{ padding: '0 16px 24px', color: '#8c8c8c', fontSize: 12 }}>{PRIORITIES.map((p) => priorityName(t, p)).join(' · ')}</div>
    </>
  );
}
