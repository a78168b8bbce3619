import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Timeline as AntTimeline, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client';
import type { Items, TimelineEntry } from '../app/api-types';
import { formatDateTime, useLabels } from '../app/i18n';
import { queryKeys } from '../app/query-keys';
import { commentFiles, type TimelineExtras, timelineText } from './timeline-text';

const KIND_COLORS: Record<string, string> = {
  created: 'green',
  deactivated: 'red',
  roleRevoked: 'red',
  passwordReset: 'orange',
  stateChanged: 'blue',
};

/** A record's timeline (users now, tickets later), newest first, rendered in the reader's language. */
export function Timeline({ recordType, recordId, extras }: { recordType: string; recordId: number; extras?: TimelineExtras }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const timeline = useQuery({
    queryKey: queryKeys.timeline(recordType, recordId),
    queryFn: () => api<Items<TimelineEntry>>(`/api/timeline/${recordType}/${recordId}`),
    select: (data) => [...data.items].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id),
  });

  if (timeline.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (timeline.isError) return <Typography.Text type="danger">{timeline.error.message}</Typography.Text>;
  if (timeline.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />;

  return (
    <AntTimeline
      data-testid="timeline"
      items={timeline.data.map((entry) => ({
        key: entry.id,
        color: KIND_COLORS[entry.event.kind] ?? 'gray',
        content: (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(entry.at)}
            </Typography.Text>
            <div>{timelineText(entry, t, labels, extras, recordType)}</div>
            {entry.internal && (
              <Tag color="gold" style={{ marginLeft: 8 }}>
                {t('shell.internal')}
              </Tag>
            )}
            {extras?.(entry)?.note && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {extras(entry)?.note}
              </Typography.Paragraph>
            )}
            {typeof entry.event.body === 'string' && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {entry.event.body}
              </Typography.Paragraph>
            )}
            {commentFiles(entry).length > 0 && (
              <Flex wrap gap="small" style={{ marginTop: 4 }} data-testid="comment-files">
                {commentFiles(entry).map((file) => (
                  <Typography.Link key={file.id} href={`/api/files/${file.id}`} target="_blank" rel="noopener">
                    <PaperClipOutlined /> {file.name}
                  </Typography.Link>
                ))}
              </Flex>
            )}
          </div>
        ),
      }))}
    />
  );
}
