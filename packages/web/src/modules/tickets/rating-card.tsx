import type { TicketDetail } from '@shuyun/shared';
import { Alert, Button, Card, Flex, Input, Rate, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { ticketKeys, useRateTicket } from './api';
import { RATING_TAGS } from './ticket-format';

const STARS = ['1', '2', '3', '4', '5'] as const;

/** The requester's rating of a resolved ticket (which also closes it), or the rating given. */
export function RatingCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const rate = useRateTicket();
  const { showError, showSuccess } = useApiFeedback();
  const [stars, setStars] = useState(0);
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const starLabels = STARS.map((n) => t(`ticketsUi.rating.starLabels.${n}`));

  if (ticket.ratingState === 'rated' && ticket.rating) {
    return (
      <Card variant="borderless" title={t('ticketsUi.rating.title')} data-testid="rating-card">
        <Flex vertical gap={8}>
          <Space>
            <Rate disabled value={ticket.rating} />
            <Typography.Text type="secondary">{starLabels[ticket.rating - 1]}</Typography.Text>
          </Space>
          {ticket.ratingTags.length > 0 && (
            <Space size={[4, 8]} wrap>
              {ticket.ratingTags.map((tag) => (
                <Tag key={tag} color="blue">
                  {tag}
                </Tag>
              ))}
            </Space>
          )}
          {ticket.ratingComment && <Typography.Paragraph style={{ margin: 0 }}>{ticket.ratingComment}</Typography.Paragraph>}
        </Flex>
      </Card>
    );
  }
  if (ticket.ratingState === 'notRated') {
    return (
      <Card variant="borderless" title={t('ticketsUi.rating.title')}>
        <Typography.Text type="secondary">{t('ticketsUi.rating.notRated')}</Typography.Text>
      </Card>
    );
  }
  if (!ticket.canRate) {
    if (ticket.status !== 'resolved') return null;
    return (
      <Card variant="borderless" title={t('ticketsUi.rating.title')}>
        <Typography.Text type="secondary">{t('ticketsUi.rating.pending')}</Typography.Text>
      </Card>
    );
  }

  const submit = () => {
    if (!stars) {
      showError(new Error(t('ticketsUi.rating.starsRequired')));
      return;
    }
    rate.mutate(
      { id: ticket.id, stars, tags, comment: comment.trim() || null },
      {
        onSuccess: () => showSuccess(t('ticketsUi.rating.thanks')),
        onError: (error) => showError(error, { refetch: [ticketKeys.detail(ticket.id)] }),
      },
    );
  };

  return (
    <Card variant="borderless" title={t('ticketsUi.rating.title')} className="rating-card--ask" data-testid="rating-card">
      <Alert
        type="success"
        showIcon
        title={t('ticketsUi.rating.prompt')}
        description={t('ticketsUi.rating.promptHint')}
        style={{ marginBottom: 16 }}
      />
      <Flex vertical gap={12}>
        <Space size={12}>
          <Rate value={stars} onChange={setStars} tooltips={starLabels} style={{ fontSize: 26 }} data-testid="rating-stars" />
          {stars > 0 && <Typography.Text type="secondary">{starLabels[stars - 1]}</Typography.Text>}
        </Space>
        <Space size={[6, 8]} wrap>
          {RATING_TAGS.map((key) => {
            const label = t(`ticketsUi.rating.tagOptions.${key}`);
            return (
              <Tag.CheckableTag
                key={key}
                checked={tags.includes(label)}
                onChange={(checked) => setTags((list) => (checked ? [...list, label] : list.filter((tag) => tag !== label)))}
                style={{ border: '1px solid #d9d9d9', padding: '2px 10px' }}
              >
                {label}
              </Tag.CheckableTag>
            );
          })}
        </Space>
        <Input.TextArea
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          placeholder={t('ticketsUi.rating.commentPlaceholder')}
        />
        <div>
          <Button type="primary" onClick={submit} loading={rate.isPending} data-testid="rating-submit">
            {t('ticketsUi.rating.submit')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}
