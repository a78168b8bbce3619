import type { TicketDetail } from '@shuyun/shared';
import { Button, Rate, Selector, TextArea, Toast } from 'antd-mobile';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRateTicket } from './api';
import { RATING_TAGS } from './ticket-format';

/** The requester's rating on the phone: stars, tag chips and a comment; rating a resolved ticket closes it. */
export function RatingMobile({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const rate = useRateTicket();
  const [stars, setStars] = useState(0);
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const labels = ['1', '2', '3', '4', '5'].map((n) => t(`ticketsUi.rating.starLabels.${n as '1'}`));

  const submit = () => {
    if (!stars) {
      Toast.show({ content: t('ticketsUi.rating.starsRequired') });
      return;
    }
    rate.mutate(
      { id: ticket.id, stars, tags, comment: comment.trim() || null },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('ticketsUi.rating.thanks') }),
        onError: (error) => Toast.show({ icon: 'fail', content: error.message }),
      },
    );
  };

  return (
    <section className="mt-section mt-rating" data-testid="mobile-rating">
      <h2 className="mt-section__title">{t('ticketsUi.rating.prompt')}</h2>
      <div style={{ display: 'flex', alignItems: 'center', gap: 10, marginBottom: 12 }}>
        <Rate value={stars} onChange={setStars} data-testid="mobile-rating-stars" />
        {stars > 0 && <span style={{ color: '#8c8c8c', fontSize: 13 }}>{labels[stars - 1]}</span>}
      </div>
      <Selector
        multiple
        columns={3}
        value={tags}
        onChange={setTags}
        options={RATING_TAGS.map((key) => {
          const label = t(`ticketsUi.rating.tagOptions.${key}`);
          return { value: label, label };
        })}
        style={{ '--padding': '6px 4px', marginBottom: 12 } as CSSProperties}
      />
      <div style={{ background: '#f5f6f8', borderRadius: 8, padding: '8px 10px', marginBottom: 8 }}>
        <TextArea value={comment} onChange={setComment} rows={2} maxLength={2000} placeholder={t('ticketsUi.rating.commentPlaceholder')} />
      </div>
      <div style={{ color: '#8c8c8c', fontSize: 12, marginBottom: 12 }}>{t('ticketsUi.rating.promptHint')}</div>
      <Button block color="primary" size="large" loading={rate.isPending} onClick={submit} data-testid="mobile-rating-submit">
        {t('ticketsUi.rating.submit')}
      </Button>
    </section>
  );
}
