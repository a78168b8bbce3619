import { FileOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, Image, Skeleton, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client';
import type { Attachment, Items } from '../app/api-types';
import { useAuth } from '../app/auth';
import { formatDateTime } from '../app/i18n';
import { queryKeys } from '../app/query-keys';
import { useApiFeedback } from './use-api-feedback';
import './attachments.css';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A record's attachments: image thumbnails, download links, and upload for holders of file.upload. */
export function Attachments({ recordType, recordId }: { recordType: string; recordId: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const key = queryKeys.files(recordType, recordId);
  const files = useQuery({
    queryKey: key,
    queryFn: () => api<Items<Attachment>>('/api/files', { query: { recordType, recordId } }),
    select: (data) => data.items,
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('recordType', recordType);
      body.append('recordId', String(recordId));
      body.append('file', file);
      return api<Attachment>('/api/files', { method: 'POST', body });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(recordType, recordId) });
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });

  return (
    <div className="attachments">
      {can('file.upload') && (
        <Upload.Dragger
          multiple
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutate(file as File, {
              onSuccess: (saved) => {
                showSuccess(t('shell.uploaded', { name: saved.name }));
                onSuccess?.(saved);
              },
              onError: (error) => {
                showError(error);
                onError?.(error as Error);
              },
            });
          }}
          style={{ marginBottom: 16 }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('files.dropHint')}</p>
        </Upload.Dragger>
      )}
      {files.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : files.isError ? (
        <Typography.Text type="danger">{files.error.message}</Typography.Text>
      ) : files.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shell.noAttachments')} />
      ) : (
        <div className="attachments__list">
          {files.data.map((file) => (
            <div key={file.id} className="attachments__item">
              {file.hasThumbnail ? (
                <Image
                  width={48}
                  height={48}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                  src={`/api/files/${file.id}/thumbnail`}
                  preview={{ src: `/api/files/${file.id}` }}
                  alt={file.name}
                />
              ) : (
                <span className="attachments__icon">
                  <FileOutlined />
                </span>
              )}
              <div className="attachments__meta">
                <a href={`/api/files/${file.id}`} target="_blank" rel="noopener noreferrer">
                  {file.name}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatSize(file.size)} · {formatDateTime(file.createdAt)}
                </Typography.Text>
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
