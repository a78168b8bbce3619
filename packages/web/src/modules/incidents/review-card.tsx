import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, DatePicker, Empty, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/i18n';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type IncidentDetail, useAddReviewAction, useCompleteReview, useIncidentReview, useReviewActionDone, useSaveReview } from './api';

const FIELDS = ['summary', 'narrative', 'cause', 'lessons'] as const;

/** 复盘: what happened, the timeline, the cause, the lessons, and action items tracked to completion. */
export function ReviewCard({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const review = useIncidentReview(incident.id);
  const save = useSaveReview(incident.id);
  const complete = useCompleteReview(incident.id);
  const done = useReviewActionDone(incident.id);
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  if (!review.data) return null;
  const r = review.data;
  const editable = incident.canWork && r.status !== 'completed';
  // A required review opens as a form once the incident is resolved; an optional one starts on request.
  const due = incident.reviewRequired && (incident.status === 'resolved' || incident.status === 'closed');
  const showForm = editable && (editing || r.status === 'draft' || due);

  const saveDraft = async () => {
    const values = await form.validateFields();
    save.mutate(
      { version: r.version, ...values },
      { onSuccess: () => showSuccess(t('incidents.review.saved')), onError: (e) => showError(e, { form }) },
    );
  };
  const finish = async () => {
    const values = await form.validateFields();
    save.mutate(
      { version: r.version, ...values },
      {
        onSuccess: (saved) => complete.mutate(saved.version, { onError: (e) => showError(e, { form }) }),
        onError: (e) => showError(e, { form }),
      },
    );
  };

  return (
    <Card
      variant="borderless"
      title={
        <Space>
          {t('incidents.review.title')}
          <Tag
            color={r.status === 'completed' ? 'success' : r.status === 'draft' ? 'processing' : 'default'}
            data-testid="incident-review-status"
          >
            {t(`incidents.review.statuses.${r.status}`)}
          </Tag>
        </Space>
      }
      data-testid="incident-review"
    >
      {r.status !== 'completed' && (
        <Alert
          type={incident.reviewRequired ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          message={incident.reviewRequired ? t('incidents.review.required') : t('incidents.review.optional')}
        />
      )}
      {r.status === 'completed' && r.completedAt && (
        <Typography.Paragraph type="secondary">
          {t('incidents.review.completed', { at: formatDateTime(r.completedAt), by: r.completedBy?.displayName ?? '' })}
        </Typography.Paragraph>
      )}
      {showForm ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ summary: r.summary, narrative: r.narrative, cause: r.cause, lessons: r.lessons }}
        >
          {FIELDS.map((field) => (
            <Form.Item key={field} name={field} label={t(`incidents.review.${field}`)}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} data-testid={`incident-review-${field}`} />
            </Form.Item>
          ))}
          <Space>
            <Button onClick={saveDraft} loading={save.isPending} data-testid="incident-review-save">
              {t('incidents.review.save')}
            </Button>
            {(incident.status === 'resolved' || incident.status === 'closed') && (
              <Button type="primary" onClick={finish} loading={complete.isPending} data-testid="incident-review-complete">
                {t('incidents.review.complete')}
              </Button>
            )}
          </Space>
        </Form>
      ) : r.status === 'none' ? (
        editable && (
          <Button onClick={() => setEditing(true)} data-testid="incident-review-start">
            {t('incidents.review.start')}
          </Button>
        )
      ) : (
        FIELDS.map((field) => (
          <div key={field} style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t(`incidents.review.${field}`)}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r[field] || '—'}</Typography.Paragraph>
          </div>
        ))
      )}
      {r.status !== 'none' && (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 16 }}>
            <Typography.Text strong>{t('incidents.review.actions')}</Typography.Text>
            {incident.canWork && (
              <Button
                type="link"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setAdding(true)}
                data-testid="incident-review-add-action"
              >
                {t('incidents.review.addAction')}
              </Button>
            )}
          </div>
          {r.actions.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.review.noActions')} />
          ) : (
            <List
              size="small"
              dataSource={r.actions}
              renderItem={(a) => (
                <List.Item data-testid="incident-review-action">
                  <Checkbox
                    checked={a.done}
                    disabled={!(incident.canWork || a.owner.id === me?.id) || done.isPending}
                    onChange={(e) => done.mutate({ actionId: a.id, done: e.target.checked }, { onError: (err) => showError(err) })}
                  >
                    <span style={{ textDecoration: a.done ? 'line-through' : undefined }}>{a.title}</span>
                  </Checkbox>
                  <Space size={4} style={{ whiteSpace: 'nowrap' }}>
                    <Typography.Text type="secondary">{`${a.owner.displayName} · ${a.dueDate}`}</Typography.Text>
                    {a.overdue && <Tag color="error">{t('incidents.review.overdue')}</Tag>}
                    {a.done && <Tag color="success">{t('incidents.review.done')}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </>
      )}
      {adding && <AddActionModal incidentId={incident.id} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function AddActionModal({ incidentId, onClose }: { incidentId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const add = useAddReviewAction(incidentId);
  const { showError } = useApiFeedback();
  const required = [{ required: true, message: t('validation.required') }];
  const submit = async () => {
    const v = await form.validateFields();
    add.mutate(
      { title: v.title, ownerId: v.ownerId, dueDate: v.dueDate.format('YYYY-MM-DD') },
      { onSuccess: onClose, onError: (e) => showError(e, { form }) },
    );
  };
  return (
    <Modal open title={t('incidents.review.addAction')} onOk={submit} onCancel={onClose} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ dueDate: dayjs().add(14, 'day') }}>
        <Form.Item name="title" label={t('incidents.review.actionTitle')} rules={required}>
          <Input maxLength={200} data-testid="incident-action-title" />
        </Form.Item>
        <Form.Item name="ownerId" label={t('incidents.review.owner')} rules={required}>
          <UserPicker />
        </Form.Item>
        <Form.Item name="dueDate" label={t('incidents.review.dueDate')} rules={required}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
