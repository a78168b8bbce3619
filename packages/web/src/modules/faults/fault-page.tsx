import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../app/api-client';
import { formatDateTime } from '../../app/i18n';
import { Attachments } from '../../components/attachments';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { Timeline } from '../../components/timeline';
import { useApiFeedback } from '../../components/use-api-feedback';
import {
  FAULTS_KEY,
  type FaultDetail,
  type FaultReviewAction,
  faultKeys,
  SEVERITY_COLORS,
  STATUS_COLORS,
  tx,
  useFault,
  useFaultCommand,
} from './api';
import { FaultActionModal, type ModalKind } from './fault-action-modal';

const LINK_PATHS: Record<string, string> = { ticket: '/tickets', fault: '/faults', knowledge: '/knowledge/articles' };

/** One fault: what failed and its impact, handling actions, the review 复盘 with corrective actions, links, comments and history. */
export function FaultPage() {
  const id = Number(useParams().id);
  const fault = useFault(id);
  if (fault.isPending) return <Card loading variant="borderless" />;
  if (fault.isError) {
    return isApiError(fault.error) && (fault.error.status === 404 || fault.error.status === 400) ? (
      <NotFoundResult />
    ) : (
      <LoadFailedResult message={fault.error.message} onRetry={() => fault.refetch()} />
    );
  }
  return <FaultView fault={fault.data} key={fault.data.id} />;
}

function FaultView({ fault: f }: { fault: FaultDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const run = useFaultCommand(f.id);
  const { showError, showSuccess } = useApiFeedback();
  const [modal, setModal] = useState<ModalKind | null>(null);
  const [comment, setComment] = useState('');
  const can = (a: string) => f.allowed.includes(a);
  const command = (path: string, body: Record<string, unknown>, done?: () => void) =>
    run.mutate(
      { path, body },
      {
        onSuccess: () => {
          showSuccess(t('faults.detail.done'));
          done?.();
        },
        onError: (error) => showError(error, { refetch: [faultKeys.detail(f.id)] }),
      },
    );
  const capture = useMutation({
    mutationFn: () => api<{ articleId: number; articleNumber: string }>(`/api/faults/${f.id}/knowledge`, { method: 'POST', body: {} }),
    onSuccess: (r) => {
      showSuccess(t('faults.detail.knowledgeDone'));
      navigate(`/knowledge/articles/${r.articleId}/edit`);
    },
    onError: (error) => showError(error),
  });

  const buttons = (
    <Space wrap>
      {can('respond') && (
        <Button
          type="primary"
          loading={run.isPending}
          onClick={() => command('respond', { version: f.version })}
          data-testid="fault-respond"
        >
          {t('faults.actions.respond')}
        </Button>
      )}
      {can('recover') && (
        <Button type="primary" onClick={() => setModal('recover')} data-testid="fault-recover">
          {t('faults.actions.recover')}
        </Button>
      )}
      {can('close') && (
        <Button type="primary" onClick={() => setModal('close')} data-testid="fault-close">
          {t('faults.actions.close')}
        </Button>
      )}
      {can('assign') && <Button onClick={() => setModal('assign')}>{t('faults.actions.assign')}</Button>}
      {can('editTimes') && (
        <Button onClick={() => setModal('times')} data-testid="fault-times">
          {t('faults.actions.editTimes')}
        </Button>
      )}
      {can('workLog') && <Button onClick={() => setModal('work-logs')}>{t('faults.actions.workLog')}</Button>}
      {can('knowledge') && (
        <Button loading={capture.isPending} onClick={() => capture.mutate()} data-testid="fault-knowledge">
          {t('faults.actions.knowledge')}
        </Button>
      )}
      {can('reopen') && <Button onClick={() => setModal('reopen')}>{t('faults.actions.reopen')}</Button>}
      {can('cancel') && (
        <Button danger onClick={() => setModal('cancel')}>
          {t('faults.actions.cancel')}
        </Button>
      )}
    </Space>
  );

  return (
    <div data-testid="fault-page">
      <PageHeader
        back={<Link to="/faults">{t('common.back')}</Link>}
        title={
          <Space wrap>
            <span data-testid="fault-number">{f.number}</span>
            <span>{f.title}</span>
            <Tag color={SEVERITY_COLORS[f.severity]}>{tx(t, `faults.severity.${f.severity}`)}</Tag>
            <Tag color={STATUS_COLORS[f.status]} data-testid="fault-status">
              {tx(t, `faults.status.${f.status}`)}
            </Tag>
            {f.responseOverdue && <Tag color="red">{t('faults.overdue')}</Tag>}
            {f.knownError && <Tag color="purple">{t('faults.knownErrorTag')}</Tag>}
          </Space>
        }
        extra={buttons}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card variant="borderless" title={t('faults.detail.basics')}>
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('faults.fields.systems')}>{f.systems.map((s) => s.name).join('、')}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.impactKind')}>{tx(t, `faults.impactKind.${f.impactKind}`)}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.startedAt')}>{formatDateTime(f.startedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.detectedAt')}>{formatDateTime(f.detectedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.responseDueAt')}>
                  <span style={{ color: f.responseOverdue ? '#cf1322' : undefined }}>{formatDateTime(f.responseDueAt)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.respondedAt')}>{formatDateTime(f.respondedAt) || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.recoveredAt')}>{formatDateTime(f.recoveredAt) || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.closedAt')}>{formatDateTime(f.closedAt) || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.team')}>{f.team?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.assignee')}>{f.assignee?.displayName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.reporter')}>{f.reporter.displayName}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.workMinutes')}>{f.workMinutes}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.impactUsers')}>{f.impactUsers ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.impactBusiness')}>{f.impactBusiness || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('faults.fields.description')} span={2}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{f.description || '—'}</Typography.Paragraph>
                </Descriptions.Item>
                {f.resolution && (
                  <Descriptions.Item label={t('faults.fields.resolution')} span={2}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{f.resolution}</span>
                  </Descriptions.Item>
                )}
                {f.causeCategory && (
                  <Descriptions.Item label={t('faults.fields.causeCategory')}>{tx(t, `faults.cause.${f.causeCategory}`)}</Descriptions.Item>
                )}
                {f.rootCause && (
                  <Descriptions.Item label={t('faults.fields.rootCause')} span={2}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{f.rootCause}</span>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <ReviewCard fault={f} onAddAction={() => setModal('review-actions')} />
            <Card variant="borderless" title={t('faults.actions.comment')}>
              {can('comment') && (
                <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
                  <Input.TextArea
                    rows={2}
                    value={comment}
                    onChange={(e) => setComment(e.target.value)}
                    placeholder={t('faults.detail.commentPlaceholder')}
                    data-testid="fault-comment"
                  />
                  <Button
                    type="primary"
                    disabled={!comment.trim()}
                    loading={run.isPending}
                    onClick={() => command('comments', { body: comment }, () => setComment(''))}
                    data-testid="fault-comment-send"
                  >
                    {t('common.submit')}
                  </Button>
                </Space.Compact>
              )}
              <Timeline recordType="fault" recordId={f.id} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card
              variant="borderless"
              title={t('faults.detail.links')}
              extra={
                can('link') && (
                  <Button size="small" onClick={() => setModal('links')}>
                    {t('faults.actions.link')}
                  </Button>
                )
              }
            >
              {f.links.length ? (
                <Space direction="vertical">
                  {f.links.map((l) => (
                    <Space key={`${l.type}-${l.id}`}>
                      {LINK_PATHS[l.type] ? <Link to={`${LINK_PATHS[l.type]}/${l.id}`}>{l.number}</Link> : <span>{l.number}</span>}
                      <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                        {l.title}
                      </Typography.Text>
                    </Space>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('faults.detail.noLinks')}</Typography.Text>
              )}
            </Card>
            <Card variant="borderless" title={t('files.attachments')}>
              <Attachments recordType="fault" recordId={f.id} />
            </Card>
          </Space>
        </Col>
      </Row>
      {modal && <FaultActionModal fault={f} kind={modal} onClose={() => setModal(null)} />}
    </div>
  );
}

/** 复盘: summary, narrative, analysis, lessons, and the corrective actions tracked to completion. */
function ReviewCard({ fault: f, onAddAction }: { fault: FaultDetail; onAddAction: () => void }) {
  const { t } = useTranslation();
  const run = useFaultCommand(f.id);
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState(false);
  const [finishing, setFinishing] = useState<FaultReviewAction | null>(null);
  const [note, setNote] = useState('');
  const client = useQueryClient();
  const review = f.review;
  const completed = !!review?.completedAt;
  const canReview = f.allowed.includes('review');
  const save = (values: Record<string, unknown>, then?: () => void) =>
    run.mutate(
      {
        path: 'review',
        body: {
          version: review?.version ?? 0,
          summary: values.summary ?? '',
          narrative: values.narrative ?? '',
          analysis: values.analysis ?? '',
          lessons: values.lessons ?? '',
          noActionNeeded: !!values.noActionNeeded,
        },
      },
      {
        onSuccess: () => {
          showSuccess(t('faults.detail.done'));
          setEditing(false);
          then?.();
        },
        onError: (error) => showError(error, { form }),
      },
    );
  const done = useMutation({
    mutationFn: (a: FaultReviewAction & { note: string }) =>
      api(`/api/faults/review-actions/${a.id}/done`, { method: 'POST', body: { version: a.version, note: a.note } }),
    onSuccess: () => {
      showSuccess(t('faults.detail.done'));
      setFinishing(null);
      setNote('');
      void client.invalidateQueries({ queryKey: FAULTS_KEY });
    },
    onError: (error) => showError(error),
  });

  const columns = [
    { title: t('faults.reviewActions.name'), dataIndex: 'title', ellipsis: true },
    { title: t('faults.reviewActions.owner'), dataIndex: ['owner', 'displayName'], width: 100 },
    {
      title: t('faults.reviewActions.dueDate'),
      dataIndex: 'dueDate',
      width: 120,
      render: (d: string, a: FaultReviewAction) => <span style={{ color: a.overdue ? '#cf1322' : undefined }}>{d}</span>,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: string, a: FaultReviewAction) =>
        a.overdue ? (
          <Tag color="red">{t('faults.reviewActions.overdue')}</Tag>
        ) : (
          <Tag color={s === 'done' ? 'green' : 'blue'}>{tx(t, `faults.reviewActions.status.${s}`)}</Tag>
        ),
    },
    { title: t('faults.reviewActions.doneNote'), dataIndex: 'doneNote', ellipsis: true, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card
      variant="borderless"
      title={t('faults.review.title')}
      data-testid="fault-review"
      extra={
        canReview &&
        !completed && (
          <Space>
            {!editing && (
              <Button size="small" onClick={() => setEditing(true)} data-testid="fault-review-edit">
                {review ? t('common.edit') : t('faults.review.start')}
              </Button>
            )}
            {review && !editing && (
              <Button
                size="small"
                type="primary"
                loading={run.isPending}
                onClick={() =>
                  run.mutate(
                    { path: 'review/complete', body: { version: review.version } },
                    { onSuccess: () => showSuccess(t('faults.detail.done')), onError: (error) => showError(error) },
                  )
                }
                data-testid="fault-review-complete"
              >
                {t('faults.review.complete')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {f.reviewRequired && !completed && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('faults.review.required')} />
      )}
      {completed && review?.completedAt && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('faults.review.completed', { by: review.completedBy?.displayName ?? '', at: formatDateTime(review.completedAt) })}
        />
      )}
      {editing ? (
        <Form form={form} layout="vertical" initialValues={review ?? { noActionNeeded: false }} onFinish={(v) => save(v)}>
          {(['summary', 'narrative', 'analysis', 'lessons'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`faults.review.${k}`)}>
              <Input.TextArea rows={k === 'summary' ? 2 : 3} data-testid={`fault-review-${k}`} />
            </Form.Item>
          ))}
          <Form.Item name="noActionNeeded" valuePropName="checked">
            <Checkbox>{t('faults.review.noActionNeeded')}</Checkbox>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="fault-review-save">
              {t('faults.review.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      ) : review ? (
        <Descriptions column={1} size="small">
          {(['summary', 'narrative', 'analysis', 'lessons'] as const).map((k) => (
            <Descriptions.Item key={k} label={t(`faults.review.${k}`)}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{review[k] || '—'}</span>
            </Descriptions.Item>
          ))}
          {review.noActionNeeded && (
            <Descriptions.Item label={t('faults.reviewActions.title')}>{t('faults.review.noActionNeeded')}</Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('faults.review.empty')} />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        <Space>
          {t('faults.reviewActions.title')}
          {canReview && (
            <Button size="small" onClick={onAddAction} data-testid="fault-action-add">
              {t('faults.reviewActions.add')}
            </Button>
          )}
        </Space>
      </Typography.Title>
      <Table<FaultReviewAction>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={f.actions}
        columns={[
          ...columns,
          {
            title: '',
            key: 'op',
            width: 90,
            render: (_: unknown, a: FaultReviewAction) =>
              a.status === 'open' && (
                <Button size="small" type="link" onClick={() => setFinishing(a)} data-testid={`fault-action-done-${a.id}`}>
                  {t('faults.reviewActions.complete')}
                </Button>
              ),
          },
        ]}
        locale={{ emptyText: t('faults.reviewActions.empty') }}
      />
      {finishing && (
        <Modal
          open
          title={`${t('faults.reviewActions.complete')} · ${finishing.title}`}
          okButtonProps={{ disabled: !note.trim() }}
          confirmLoading={done.isPending}
          onOk={() => done.mutate({ ...finishing, note })}
          onCancel={() => setFinishing(null)}
        >
          <Input.TextArea
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('faults.reviewActions.doneNote')}
          />
        </Modal>
      )}
    </Card>
  );
}
