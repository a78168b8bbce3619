import { AlertOutlined, LinkOutlined } from '@ant-design/icons';
import type { IncidentAction } from '@shuyun/shared';
import { App, Button, Card, Col, Descriptions, Empty, Input, InputNumber, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/i18n';
import { Attachments } from '../../components/attachments';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { Timeline } from '../../components/timeline';
import { useApiFeedback } from '../../components/use-api-feedback';
import { ActionModal, ASKING } from './action-modal';
import {
  type IncidentDetail,
  useIncident,
  useIncidentAction,
  useIncidentComment,
  useIncidentLinks,
  useIncidentWorkLogs,
  useLinkIncident,
  useLogIncidentWork,
  useUnlinkIncident,
} from './api';
import { ReviewCard } from './review-card';
import { IncidentStatusTag, PriorityTag } from './tags';

const LINK_PATHS: Record<string, string> = {
  ticket: '/tickets',
  incident: '/incidents',
  fault: '/faults',
  knowledge: '/knowledge/articles',
};

/** One incident: its facts, the actions the caller may take, the timeline, comments, work, links and the review. */
export function IncidentPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const incident = useIncident(id);
  if (incident.isPending) return <Skeleton active />;
  if (incident.isError) return <LoadFailedResult message={incident.error.message} onRetry={() => incident.refetch()} />;
  const i = incident.data;
  return (
    <div data-testid="incident-page">
      <PageHeader
        back={<Link to="/incidents">{t('incidents.title')}</Link>}
        title={
          <Space wrap>
            <span data-testid="incident-number">{i.number}</span>
            <PriorityTag priority={i.priority} />
            <IncidentStatusTag status={i.status} />
            <span>{i.title}</span>
          </Space>
        }
        extra={<ActionBar incident={i} />}
      />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card variant="borderless" title={t('incidents.detail.description')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {i.description || t('incidents.detail.noDescription')}
            </Typography.Paragraph>
            {(i.resolution || i.cause) && (
              <Descriptions column={1} size="small" title={t('incidents.detail.handling')} data-testid="incident-outcome">
                {i.resolution && <Descriptions.Item label={t('incidents.fields.resolution')}>{i.resolution}</Descriptions.Item>}
                {i.cause && <Descriptions.Item label={t('incidents.fields.cause')}>{i.cause}</Descriptions.Item>}
              </Descriptions>
            )}
          </Card>
          {(i.reviewRequired || i.reviewStatus !== 'none' || ['resolved', 'closed'].includes(i.status)) && (
            <div style={{ marginBottom: 16 }}>
              <ReviewCard incident={i} />
            </div>
          )}
          <Card variant="borderless" title={t('incidents.detail.timeline')}>
            {i.canWork && i.status !== 'closed' && <CommentBox incidentId={i.id} />}
            <Timeline recordType="incident" recordId={i.id} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card variant="borderless" title={t('incidents.detail.info')} style={{ marginBottom: 16 }}>
            <Facts incident={i} />
          </Card>
          {i.alert && (
            <Card
              variant="borderless"
              title={
                <Space>
                  <AlertOutlined />
                  {t('incidents.detail.alert')}
                </Space>
              }
              style={{ marginBottom: 16 }}
              data-testid="incident-alert"
            >
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {`${t('incidents.fields.fingerprint')} ${i.alert.fingerprint} · ${t('incidents.detail.repeat', { count: i.alertCount })}`}
              </Typography.Paragraph>
              <Space size={[4, 4]} wrap>
                {Object.entries(i.alert.labels).map(([k, v]) => (
                  <Tag key={k}>{`${k}=${v}`}</Tag>
                ))}
              </Space>
            </Card>
          )}
          <LinksCard incident={i} />
          <WorkCard incident={i} />
          <Card variant="borderless" title={t('files.attachments')}>
            <Attachments recordType="incident" recordId={i.id} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function Facts({ incident: i }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Descriptions column={1} size="small" labelStyle={{ width: 96, whiteSpace: 'nowrap' }} data-testid="incident-facts">
      <Descriptions.Item label={t('incidents.fields.category')}>{t(`incidents.category.${i.category}`)}</Descriptions.Item>
      <Descriptions.Item label={t('incidents.fields.impact')}>
        {`${t(`incidents.level.${i.impact}`)} / ${t('incidents.fields.urgency')} ${t(`incidents.level.${i.urgency}`)}`}
      </Descriptions.Item>
      <Descriptions.Item label={t('incidents.fields.source')}>{t(`incidents.source.${i.source}`)}</Descriptions.Item>
      <Descriptions.Item label={t('incidents.fields.system')}>{i.system?.name ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('incidents.fields.team')}>{i.team?.name ?? none}</Descriptions.Item>
      <Descriptions.Item label={t('incidents.fields.assignee')}>
        <span data-testid="incident-assignee">{i.assignee?.displayName ?? t('incidents.detail.unassigned')}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('incidents.fields.reporter')}>{i.reporter?.displayName ?? t('timeline.system')}</Descriptions.Item>
      {i.ticket && (
        <Descriptions.Item label={t('incidents.fields.ticket')}>
          <Link to={`/tickets/${i.ticket.id}`}>{i.ticket.title ? `${i.ticket.number} ${i.ticket.title}` : i.ticket.number}</Link>
        </Descriptions.Item>
      )}
      {i.fault && (
        <Descriptions.Item label={t('incidents.fields.fault')}>
          <Link to={`/faults/${i.fault.id}`} data-testid="incident-fault">
            {i.fault.number}
          </Link>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('incidents.fields.occurredAt')}>{formatDateTime(i.occurredAt)}</Descriptions.Item>
      <Descriptions.Item label={t('incidents.fields.respondedAt')}>
        {i.respondedAt ? formatDateTime(i.respondedAt) : none}
      </Descriptions.Item>
      <Descriptions.Item label={t('incidents.fields.resolvedAt')}>{i.resolvedAt ? formatDateTime(i.resolvedAt) : none}</Descriptions.Item>
      {i.closedAt && <Descriptions.Item label={t('incidents.fields.closedAt')}>{formatDateTime(i.closedAt)}</Descriptions.Item>}
    </Descriptions>
  );
}

function ActionBar({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [asking, setAsking] = useState<IncidentAction | null>(null);
  const mutation = useIncidentAction(incident.id);
  const { showError, showSuccess } = useApiFeedback();
  const direct = (action: IncidentAction) =>
    modal.confirm({
      title: t(action === 'close' ? 'incidents.dialogs.closeConfirm' : 'incidents.dialogs.acceptConfirm'),
      onOk: () =>
        mutation.mutateAsync({ action, version: incident.version } as never).then(
          () => showSuccess(t('incidents.detail.done')),
          (error) => showError(error),
        ),
    });
  const oneClick = (action: IncidentAction) =>
    action === 'resume'
      ? mutation.mutate(
          { action, version: incident.version },
          { onSuccess: () => showSuccess(t('incidents.detail.done')), onError: (e) => showError(e) },
        )
      : direct(action);
  const primary: IncidentAction[] = ['accept', 'resolve'];
  return (
    <Space wrap>
      {incident.actions.map((action) => (
        <Button
          key={action}
          type={primary.includes(action) ? 'primary' : 'default'}
          danger={action === 'cancel'}
          loading={mutation.isPending && mutation.variables?.action === action}
          onClick={() => (ASKING.includes(action) ? setAsking(action) : oneClick(action))}
          data-testid={`incident-action-${action}`}
        >
          {t(`incidents.actions.${action}`)}
        </Button>
      ))}
      {can('fault.handle') && !incident.fault && !['cancelled'].includes(incident.status) && (
        <Button onClick={() => navigate(`/faults/new?incident=${incident.id}`)} data-testid="incident-escalate">
          {t('incidents.detail.escalate')}
        </Button>
      )}
      {asking && <ActionModal incident={incident} action={asking} onClose={() => setAsking(null)} />}
    </Space>
  );
}

function CommentBox({ incidentId }: { incidentId: number }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const comment = useIncidentComment(incidentId);
  const { showError } = useApiFeedback();
  return (
    <div style={{ marginBottom: 16 }}>
      <Input.TextArea
        rows={2}
        value={body}
        maxLength={4000}
        placeholder={t('incidents.detail.commentPlaceholder')}
        onChange={(e) => setBody(e.target.value)}
        data-testid="incident-comment"
      />
      <div style={{ textAlign: 'right', marginTop: 8 }}>
        <Button
          type="primary"
          disabled={!body.trim()}
          loading={comment.isPending}
          onClick={() => comment.mutate(body.trim(), { onSuccess: () => setBody(''), onError: (e) => showError(e) })}
          data-testid="incident-comment-send"
        >
          {t('incidents.detail.send')}
        </Button>
      </div>
    </div>
  );
}

function LinksCard({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const links = useIncidentLinks(incident.id);
  const link = useLinkIncident(incident.id);
  const unlink = useUnlinkIncident(incident.id);
  const { showError } = useApiFeedback();
  const [number, setNumber] = useState('');
  return (
    <Card
      variant="borderless"
      title={
        <Space>
          <LinkOutlined />
          {t('incidents.detail.links')}
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="incident-links"
    >
      {incident.canWork && (
        <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
          <Input
            value={number}
            placeholder={t('incidents.detail.linkNumber')}
            onChange={(e) => setNumber(e.target.value)}
            data-testid="incident-link-number"
          />
          <Button
            disabled={!number.trim()}
            loading={link.isPending}
            onClick={() => link.mutate(number.trim(), { onSuccess: () => setNumber(''), onError: (e) => showError(e) })}
            data-testid="incident-link-add"
          >
            {t('incidents.detail.link')}
          </Button>
        </Space.Compact>
      )}
      {links.data?.length ? (
        <List
          size="small"
          dataSource={links.data}
          renderItem={(l) => (
            <List.Item
              data-testid="incident-link-row"
              actions={
                incident.canWork
                  ? [
                      <Button
                        key="x"
                        type="link"
                        size="small"
                        onClick={() => unlink.mutate({ type: l.type, id: l.id }, { onError: (e) => showError(e) })}
                      >
                        {t('common.delete')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                <Link to={`${LINK_PATHS[l.type] ?? ''}/${l.id}`}>{l.number}</Link>
                {l.title ? ` ${l.title}` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.detail.noLinks')} />
      )}
    </Card>
  );
}

function WorkCard({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const logs = useIncidentWorkLogs(incident.id);
  const log = useLogIncidentWork(incident.id);
  const { showError } = useApiFeedback();
  const [minutes, setMinutes] = useState<number | null>(30);
  const [note, setNote] = useState('');
  return (
    <Card
      variant="borderless"
      title={t('incidents.detail.workLogs')}
      extra={
        <Typography.Text type="secondary">{`${t('incidents.fields.workMinutes')} ${t('incidents.stats.minutes', { value: incident.workMinutes })}`}</Typography.Text>
      }
      style={{ marginBottom: 16 }}
      data-testid="incident-work"
    >
      {incident.canWork && (
        <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
          <InputNumber min={1} max={1440} value={minutes} onChange={setMinutes} style={{ width: 90 }} data-testid="incident-work-minutes" />
          <Input value={note} placeholder={t('incidents.fields.note')} onChange={(e) => setNote(e.target.value)} maxLength={500} />
          <Button
            disabled={!minutes}
            loading={log.isPending}
            onClick={() =>
              log.mutate(
                { minutes: minutes ?? 0, note: note.trim() || null },
                { onSuccess: () => setNote(''), onError: (e) => showError(e) },
              )
            }
            data-testid="incident-work-add"
          >
            {t('incidents.detail.logWork')}
          </Button>
        </Space.Compact>
      )}
      {logs.data?.length ? (
        <List
          size="small"
          dataSource={logs.data}
          renderItem={(w) => (
            <List.Item>
              <Typography.Text ellipsis style={{ maxWidth: 220 }}>{`${w.user.displayName} · ${w.note ?? ''}`}</Typography.Text>
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{`${w.minutes}′`}</Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.detail.noWorkLogs')} />
      )}
    </Card>
  );
}
