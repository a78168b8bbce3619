import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { FINAL_STATUSES } from '@shuyun/shared';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { useAuth } from '../../app/auth';
import { Attachments } from '../../components/attachments';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { Timeline } from '../../components/timeline';
import { TicketIncidentCard } from '../incidents/ticket-incident-card';
import { TicketKnowledgeCard } from '../knowledge-desk/ticket-knowledge-card';
import { TicketSparesCard } from '../spares/ticket-spares-card';
import { useTicket } from './api';
import { CommentBox } from './comment-box';
import { FormValuesView } from './form-values-view';
import { LinksCard } from './links-card';
import { RatingCard } from './rating-card';
import { SlaPanel } from './sla-panel';
import { TicketActions } from './ticket-actions';
import { TicketEditModal } from './ticket-edit-modal';
import { resolutionCategoryName } from './ticket-format';
import { TicketInfo } from './ticket-info';
import { PriorityTag, SlaBadge, StatusTag } from './ticket-tags';
import { useTicketTimelineExtras } from './timeline-extras';
import { WorkLogsCard } from './work-logs-card';
import './ticket-page.css';

/** One ticket: header with its actions, description and form, activity with the reply box, SLA, files, links, work log, rating. */
export function TicketPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const query = useTicket(id);
  const [editing, setEditing] = useState(false);
  const extras = useTicketTimelineExtras();

  if (!Number.isInteger(id) || id <= 0) return <NotFoundResult />;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    return isApiError(query.error) && query.error.status === 404 ? (
      <NotFoundResult />
    ) : (
      <LoadFailedResult message={query.error.message} onRetry={() => query.refetch()} />
    );
  }
  const ticket = query.data;
  const finished = FINAL_STATUSES.includes(ticket.status);
  const handler = can('ticket.handle');
  const showRating = ticket.status === 'resolved' || ticket.status === 'closed';

  return (
    <div className="ticket-page" data-testid="ticket-page" data-ticket-id={ticket.id}>
      <div className="ticket-header">
        <div className="ticket-header__main">
          <Link to="/tickets" className="ticket-header__back">
            <ArrowLeftOutlined /> {t('ticketsUi.detail.back')}
          </Link>
          <div className="ticket-header__meta">
            <span className="ticket-page__number" data-testid="ticket-number">
              {ticket.number}
            </span>
            <StatusTag status={ticket.status} />
            <PriorityTag priority={ticket.priority} />
            {ticket.slaState !== 'none' && <SlaBadge ticket={ticket} />}
          </div>
          <Typography.Title level={4} className="ticket-header__title" data-testid="ticket-heading">
            {ticket.title}
          </Typography.Title>
        </div>
        <Space wrap className="ticket-header__extra">
          {handler && !finished && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          <TicketActions ticket={ticket} />
        </Space>
      </div>
      {ticket.mergedInto && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <Link to={`/tickets/${ticket.mergedInto.id}`}>{t('ticketsUi.detail.mergedInto', { number: ticket.mergedInto.number })}</Link>
          }
        />
      )}
      {ticket.status === 'pending_approval' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('ticketsUi.detail.approvalPendingAnyone')} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16} className="ticket-page__stack">
          <Card variant="borderless" title={t('ticketsUi.detail.description')}>
            {ticket.description ? (
              <Typography.Paragraph className="ticket-page__description">{ticket.description}</Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">{t('ticketsUi.detail.noDescription')}</Typography.Text>
            )}
            {Object.keys(ticket.formValues).length > 0 && (
              <div style={{ marginTop: 16 }}>
                <FormValuesView ticket={ticket} />
              </div>
            )}
            {ticket.solution && (
              <div className="ticket-page__solution" data-testid="ticket-solution">
                <Typography.Text strong>{t('ticketsUi.detail.solution')}</Typography.Text>
                {ticket.resolutionCategory && (
                  <Typography.Text type="secondary"> · {resolutionCategoryName(t, ticket.resolutionCategory)}</Typography.Text>
                )}
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0 0' }}>{ticket.solution}</Typography.Paragraph>
              </div>
            )}
          </Card>
          {showRating && <RatingCard ticket={ticket} />}
          <Card variant="borderless" title={t('ticketsUi.detail.timeline')} className="ticket-timeline">
            {ticket.canComment ? (
              <CommentBox ticketId={ticket.id} canSeeInternal={ticket.canSeeInternal} />
            ) : (
              <Typography.Paragraph type="secondary">{t('ticketsUi.comments.closed')}</Typography.Paragraph>
            )}
            <Timeline recordType="ticket" recordId={ticket.id} extras={extras} />
          </Card>
        </Col>
        <Col xs={24} xl={8} className="ticket-page__stack">
          <Card variant="borderless" title={t('ticketsUi.detail.info')}>
            <TicketInfo ticket={ticket} />
          </Card>
          <SlaPanel ticketId={ticket.id} holdReason={ticket.status === 'on_hold' ? ticket.holdReason : null} />
          <TicketKnowledgeCard ticketId={ticket.id} />
          <Card variant="borderless" title={t('files.attachments')}>
            <Attachments recordType="ticket" recordId={ticket.id} />
          </Card>
          <LinksCard ticketId={ticket.id} editable={handler} />
          <TicketSparesCard ticketId={ticket.id} open={!finished} />
          <TicketIncidentCard ticket={ticket} />
          {(handler || ticket.workMinutes > 0) && <WorkLogsCard ticketId={ticket.id} editable={handler && !finished} />}
        </Col>
      </Row>
      {editing && <TicketEditModal ticket={ticket} onClose={() => setEditing(false)} />}
    </div>
  );
}
