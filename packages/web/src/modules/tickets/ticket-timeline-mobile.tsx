import { useQuery } from '@tanstack/react-query';
import { Skeleton, Tag } from 'antd-mobile';
import { LinkOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import type { Items, TimelineEntry } from '../../app/api-types';
import { formatDateTime, useLabels } from '../../app/i18n';
import { queryKeys } from '../../app/query-keys';
import { commentFiles, timelineText } from '../../components/timeline-text';
import { useTicketTimelineExtras } from './timeline-extras';

/** The ticket's timeline on the phone, newest first; comments show their text, internal notes are marked. */
export function TicketTimelineMobile({ ticketId }: { ticketId: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const extras = useTicketTimelineExtras();
  const timeline = useQuery({
    queryKey: queryKeys.timeline('ticket', ticketId),
    queryFn: () => api<Items<TimelineEntry>>(`/api/timeline/ticket/${ticketId}`),
    select: (data) => [...data.items].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id),
  });
  if (timeline.isPending) return <Skeleton.Paragraph lineCount={4} animated />;
  if (timeline.isError) return <div style={{ color: '#f5222d' }}>{timeline.error.message}</div>;
  return (
    <ul className="mt-timeline" data-testid="mobile-timeline">
      {timeline.data.map((entry) => {
        const body = typeof entry.event.body === 'string' ? entry.event.body : null;
        return (
          <li key={entry.id} className={body ? 'mt-timeline__item mt-timeline__item--comment' : 'mt-timeline__item'}>
            <div className="mt-timeline__time">
              {formatDateTime(entry.at)}
              {entry.internal && (
                <Tag color="warning" fill="outline" style={{ marginLeft: 6 }}>
                  {t('ticketsUi.comments.internal')}
                </Tag>
              )}
            </div>
            <div className="mt-timeline__text">{timelineText(entry, t, labels, extras)}</div>
            {extras(entry)?.note && <div className="mt-timeline__note">{extras(entry)?.note}</div>}
            {body && <div className={entry.internal ? 'mt-timeline__body mt-timeline__body--internal' : 'mt-timeline__body'}>{body}</div>}
            {commentFiles(entry).map((file) => (
              <a key={file.id} className="mt-timeline__file" href={`/api/files/${file.id}`} target="_blank" rel="noopener">
                <LinkOutline /> {file.name}
              </a>
            ))}
          </li>
        );
      })}
    </ul>
  );
}
