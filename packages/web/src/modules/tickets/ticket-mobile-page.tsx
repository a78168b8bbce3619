import { FINAL_STATUSES, type TicketAction, type TicketDetail } from '@shuyun/shared';
import { Button, Dialog, ErrorBlock, NavBar, Rate, Skeleton, Tag, TextArea, Toast } from 'antd-mobile';
import { PictureOutline } from 'antd-mobile-icons';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { formatDateTime } from '../../app/i18n';
import { PhotosFieldMobile } from '../catalog-browse/fields-mobile';
import { TicketKnowledgeMobile } from '../knowledge-mobile/ticket-knowledge-mobile';
import { ActionSheetMobile, SHEET_ACTIONS, useMobileAction } from './action-sheet-mobile';
import { useAddComment, useTicket } from './api';
import { AttachmentsMobile } from './attachments-mobile';
import { RatingMobile } from './rating-mobile';
import {
  actionName,
  holdReasonName,
  joinList,
  MOBILE_SLA_COLORS,
  MOBILE_STATUS_COLORS,
  nextDue,
  priorityName,
  resolutionCategoryName,
  slaName,
  statusName,
} from './ticket-format';
import { TicketProgress } from './ticket-progress-mobile';
import { TicketTimelineMobile } from './ticket-timeline-mobile';
import './tickets-mobile.css';

// The phone offers the everyday actions and transfer; dispatching (assign) and merging stay on the PC.
const MOBILE_ACTIONS: TicketAction[] = [
  'approve',
  'reject',
  'claim',
  'accept',
  'resume',
  'resolve',
  'hold',
  'confirm',
  'reopen',
  'cancel',
  'transfer',
];
const PRIMARY: TicketAction[] = ['approve', 'claim', 'accept', 'resolve', 'confirm', 'resume'];
const CONFIRM: Partial<Record<TicketAction, 'approve' | 'cancel' | 'confirm'>> = {
  approve: 'approve',
  cancel: 'cancel',
  confirm: 'confirm',
};

function Kv({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="mt-kv">
      <span className="mt-kv__label">{label}</span>
      <span className="mt-kv__value">{children}</span>
    </div>
  );
}

function FormValuesMobile({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const fields = ticket.form;
  const entries = Object.entries(ticket.formValues).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0));
  if (entries.length === 0) return null;
  const order = (key: string) => {
    const index = fields.findIndex((f) => f.key === key);
    return index === -1 ? fields.length : index;
  };
  entries.sort(([a], [b]) => order(a) - order(b));
  const show = (key: string, value: unknown): ReactNode => {
    const field = fields.find((f) => f.key === key);
    const option = (v: unknown) => field?.options?.find((o) => o.value === v)?.label ?? String(v);
    if (field?.type === 'attachment') return t('ticketsUi.mobile.files', { count: (value as unknown[]).length });
    return ticket.formDisplay[key] ?? (Array.isArray(value) ? joinList(value.map(option)) : option(value));
  };
  return (
    <section className="mt-section">
      <h2 className="mt-section__title">{t('ticketsUi.mobile.moreInfo')}</h2>
      {entries.map(([key, value]) => (
        <Kv key={key} label={fields.find((f) => f.key === key)?.label ?? key}>
          {show(key, value)}
        </Kv>
      ))}
    </section>
  );
}

/** A ticket on the phone: status and progress, details, rating, activity with a reply box, and the actions allowed now. */
export function TicketMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useTicket(id);
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/m/tickets'));

  let content: ReactNode;
  if (query.isPending) content = <Skeleton.Paragraph lineCount={8} animated style={{ padding: 16 }} />;
  else if (query.isError)
    content = (
      <ErrorBlock
        status={isApiError(query.error) && query.error.status === 404 ? 'empty' : 'disconnected'}
        title={isApiError(query.error) && query.error.status === 404 ? t('shell.notFoundTitle') : t('shell.loadFailed')}
        description={query.error.message}
      />
    );
  else content = <TicketBody ticket={query.data} />;

  return (
    <div className="mt-page">
      <NavBar onBack={back} style={{ background: '#fff' }}>
        {t('ticketsUi.mobile.detail')}
      </NavBar>
      {content}
    </div>
  );
}

function TicketBody({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const [sheet, setSheet] = useState<{ action: TicketAction; version: number } | null>(null);
  const [comment, setComment] = useState('');
  // Photos for the reply: shown once asked for; a new key empties the uploader after sending.
  const [photos, setPhotos] = useState<number[] | null>(null);
  const [photoKey, setPhotoKey] = useState(0);
  const addComment = useAddComment();
  const { run, pending } = useMobileAction(ticket);
  const actions = MOBILE_ACTIONS.filter((action) => ticket.allowedActions.includes(action));
  const due = nextDue(ticket);
  const finished = FINAL_STATUSES.includes(ticket.status);
  const none = t('common.none');

  const start = async (action: TicketAction) => {
    const version = ticket.version;
    if (SHEET_ACTIONS.includes(action)) {
      setSheet({ action, version });
      return;
    }
    const confirmKey = CONFIRM[action];
    if (confirmKey) {
      const ok = await Dialog.confirm({
        content: t(`ticketsUi.confirmAction.${confirmKey}`),
        confirmText: actionName(t, action),
        cancelText: t('common.cancel'),
      });
      if (!ok) return;
    }
    await run(action, version);
  };

  const send = () => {
    if (!comment.trim()) return;
    addComment.mutate(
      { id: ticket.id, body: comment.trim(), internal: false, attachmentIds: photos ?? [] },
      {
        onSuccess: () => {
          setComment('');
          setPhotos(null);
          setPhotoKey((n) => n + 1);
          Toast.show({ icon: 'success', content: t('ticketsUi.comments.sent') });
        },
        onError: (error) => Toast.show({ icon: 'fail', content: error.message }),
      },
    );
  };

  return (
    <div className="mt-detail" data-testid="mobile-ticket-page" data-ticket-id={ticket.id}>
      <section className="mt-hero">
        <div className="mt-card__top">
          <span className="mt-card__number" data-testid="mobile-ticket-number">
            {ticket.number}
          </span>
          <span>{formatDateTime(ticket.createdAt)}</span>
        </div>
        <h1 className="mt-hero__title" data-testid="mobile-ticket-title">
          {ticket.title}
        </h1>
        <div className="mt-hero__tags">
          <Tag color={MOBILE_STATUS_COLORS[ticket.status]} data-testid="mobile-ticket-status" data-status={ticket.status}>
            {statusName(t, ticket.status)}
          </Tag>
          <Tag color="default" fill="outline">
            {priorityName(t, ticket.priority)}
          </Tag>
          {ticket.slaState !== 'none' && (
            <Tag color={MOBILE_SLA_COLORS[ticket.slaState]} fill="outline">
              {slaName(t, ticket.slaState)}
              {due && ticket.slaState !== 'met' ? ` · ${t('ticketsUi.slaBadge.due', { time: formatDateTime(due).slice(5) })}` : ''}
            </Tag>
          )}
        </div>
        <div style={{ marginTop: 12 }}>
          <TicketProgress status={ticket.status} />
        </div>
      </section>

      {ticket.canRate && <RatingMobile ticket={ticket} />}
      {ticket.ratingState === 'rated' && ticket.rating && (
        <section className="mt-section" data-testid="mobile-rated">
          <h2 className="mt-section__title">{t('ticketsUi.rating.title')}</h2>
          <Rate readOnly value={ticket.rating} style={{ '--star-size': '22px' } as CSSProperties} />
          {ticket.ratingTags.length > 0 && (
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 8 }}>
              {ticket.ratingTags.map((tag) => (
                <Tag key={tag} color="primary" fill="outline">
                  {tag}
                </Tag>
              ))}
            </div>
          )}
          {ticket.ratingComment && (
            <p className="mt-text" style={{ marginTop: 8 }}>
              {ticket.ratingComment}
            </p>
          )}
        </section>
      )}

      {ticket.solution && (
        <section className="mt-section">
          <h2 className="mt-section__title">{t('ticketsUi.detail.solution')}</h2>
          <div className="mt-solution">
            <p className="mt-text">{ticket.solution}</p>
            {ticket.resolutionCategory && (
              <div style={{ marginTop: 6, fontSize: 12, color: '#8c8c8c' }}>{resolutionCategoryName(t, ticket.resolutionCategory)}</div>
            )}
          </div>
        </section>
      )}

      <section className="mt-section">
        <h2 className="mt-section__title">{t('ticketsUi.detail.info')}</h2>
        <Kv label={t('ticketsUi.detail.requester')}>{ticket.requester?.displayName ?? none}</Kv>
        <Kv label={t('ticketsUi.detail.item')}>{ticket.catalogItem?.name ?? t('ticketsUi.detail.freeTicket')}</Kv>
        <Kv label={t('ticketsUi.detail.team')}>{ticket.team?.name ?? t('ticketsUi.detail.noTeam')}</Kv>
        <Kv label={t('ticketsUi.detail.assignee')}>{ticket.assignee?.displayName ?? t('ticketsUi.detail.unassigned')}</Kv>
        {ticket.holdReason && <Kv label={t('ticketsUi.detail.holdReason')}>{holdReasonName(t, ticket.holdReason)}</Kv>}
        {ticket.resolvedAt && <Kv label={t('ticketsUi.detail.resolvedAt')}>{formatDateTime(ticket.resolvedAt)}</Kv>}
        {ticket.description && (
          <>
            <div className="mt-kv__label" style={{ marginTop: 8, fontSize: 14 }}>
              {t('ticketsUi.detail.description')}
            </div>
            <p className="mt-text" style={{ marginTop: 4 }}>
              {ticket.description}
            </p>
          </>
        )}
      </section>

      <FormValuesMobile ticket={ticket} />
      <AttachmentsMobile ticketId={ticket.id} />
      <TicketKnowledgeMobile ticketId={ticket.id} />

      <section className="mt-section">
        <h2 className="mt-section__title">{t('ticketsUi.detail.timeline')}</h2>
        {ticket.canComment && !finished && (
          <div className="mt-comment" style={{ marginBottom: 14 }}>
            <TextArea
              value={comment}
              onChange={setComment}
              autoSize={{ minRows: 1, maxRows: 5 }}
              placeholder={t('ticketsUi.mobile.commentPlaceholder')}
              data-testid="mobile-comment"
            />
            <Button
              size="small"
              fill="none"
              aria-label={t('ticketsUi.comments.addPhotos')}
              onClick={() => setPhotos((current) => current ?? [])}
              data-testid="mobile-comment-photos"
            >
              <PictureOutline fontSize={22} />
            </Button>
            <Button color="primary" size="small" disabled={!comment.trim()} loading={addComment.isPending} onClick={send}>
              {t('ticketsUi.comments.send')}
            </Button>
          </div>
        )}
        {ticket.canComment && !finished && photos !== null && (
          <div style={{ marginBottom: 14 }}>
            <PhotosFieldMobile key={photoKey} value={photos} onChange={setPhotos} />
          </div>
        )}
        <TicketTimelineMobile ticketId={ticket.id} />
      </section>

      {actions.length > 0 && (
        <div className="mt-actionbar" data-testid="mobile-actions">
          {actions.slice(0, 3).map((action) => (
            <Button
              key={action}
              color={PRIMARY.includes(action) ? 'primary' : action === 'reject' || action === 'cancel' ? 'danger' : 'default'}
              fill={PRIMARY.includes(action) ? 'solid' : 'outline'}
              loading={pending}
              onClick={() => void start(action)}
              data-action={action}
            >
              {actionName(t, action)}
            </Button>
          ))}
        </div>
      )}
      <ActionSheetMobile
        ticket={ticket}
        action={sheet?.action ?? null}
        version={sheet?.version ?? ticket.version}
        onClose={() => setSheet(null)}
      />
    </div>
  );
}
