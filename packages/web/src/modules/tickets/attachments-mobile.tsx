import { useQuery } from '@tanstack/react-query';
import { Image, ImageViewer } from 'antd-mobile';
import { FileOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import type { Attachment, Items } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

/** A ticket's files on the phone: photos as thumbnails that open full screen, other files as links. */
export function AttachmentsMobile({ ticketId }: { ticketId: number }) {
  const { t } = useTranslation();
  const files = useQuery({
    queryKey: queryKeys.files('ticket', ticketId),
    queryFn: () => api<Items<Attachment>>('/api/files', { query: { recordType: 'ticket', recordId: ticketId } }),
    select: (data) => data.items,
  });
  if (!files.data || files.data.length === 0) return null;
  const images = files.data.filter((file) => file.hasThumbnail);
  const others = files.data.filter((file) => !file.hasThumbnail);
  return (
    <section className="mt-section" data-testid="mobile-attachments">
      <h2 className="mt-section__title">{t('files.attachments')}</h2>
      {images.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {images.map((file, index) => (
            <Image
              key={file.id}
              src={`/api/files/${file.id}/thumbnail`}
              alt={file.name}
              width={72}
              height={72}
              fit="cover"
              style={{ borderRadius: 8 }}
              onClick={() => ImageViewer.Multi.show({ images: images.map((image) => `/api/files/${image.id}`), defaultIndex: index })}
            />
          ))}
        </div>
      )}
      {others.map((file) => (
        <a
          key={file.id}
          href={`/api/files/${file.id}`}
          target="_blank"
          rel="noopener noreferrer"
          style={{ display: 'flex', gap: 6, marginTop: 8 }}
        >
          <FileOutline /> {file.name}
        </a>
      ))}
    </section>
  );
}
