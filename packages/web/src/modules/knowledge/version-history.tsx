import { DiffOutlined, HistoryOutlined } from '@ant-design/icons';
import { Button, Modal, Popconfirm, Skeleton, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../app/api-client';
import { formatDateTime } from '../../app/i18n';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type KnowledgeArticleDetail, type KnowledgeVersionSummary, knowledgeKeys, useStartVersion, useVersions } from './api';
import { VersionDiff } from './diff-view';
import { VersionStatusTag } from './knowledge-tags';

/** Starts a working version (edit or restore) and opens the editor; explains "someone is already editing". */
export function useOpenNewVersion(articleId: number) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartVersion();
  const { showError } = useApiFeedback();
  const open = (fromVersionId?: number) =>
    start.mutate(
      { articleId, fromVersionId },
      {
        onSuccess: () => navigate(`/knowledge/articles/${articleId}/edit`),
        onError: (error) => {
          const reason = isApiError(error) ? (error.details as { reason?: string } | undefined)?.reason : undefined;
          if (reason === 'workingVersionExists') showError(new Error(t('knowledge.errors.workingVersionExists')));
          else showError(error, { refetch: [knowledgeKeys.all] });
        },
      },
    );
  return { open, isPending: start.isPending };
}

/** Every version the caller may see, with a diff against the shown one and "restore" (a new draft from it). */
export function VersionHistory({ article }: { article: KnowledgeArticleDetail }) {
  const { t } = useTranslation();
  const versions = useVersions(article.id);
  const [comparing, setComparing] = useState<{ from: number; to: number } | null>(null);
  const { open: restore, isPending } = useOpenNewVersion(article.id);
  const canRestore = article.canEdit && !article.working && article.status === 'published';

  if (versions.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (versions.isError) return <LoadFailedResult message={versions.error.message} onRetry={() => versions.refetch()} />;
  const items = versions.data;
  const previousOf = (v: KnowledgeVersionSummary) => items.find((o) => o.revision < v.revision && o.status !== 'discarded');

  return (
    <>
      <Table<KnowledgeVersionSummary>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items}
        data-testid="version-history"
        rowClassName={(v) => (v.id === article.shown.id ? 'knowledge-history__shown' : '')}
        columns={[
          {
            title: t('knowledge.version'),
            dataIndex: 'revision',
            width: 90,
            render: (revision: number, v) => (
              <span data-revision={revision}>
                {t('knowledge.revision', { revision })}
                {v.basedOnRevision && v.basedOnRevision !== revision - 1 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {t('knowledge.basedOn', { revision: v.basedOnRevision })}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: t('common.status'), dataIndex: 'status', width: 100, render: (_: unknown, v) => <VersionStatusTag status={v.status} /> },
          { title: t('knowledge.author'), width: 100, render: (_: unknown, v) => v.author?.displayName ?? '' },
          {
            title: t('knowledge.reviewer'),
            render: (_: unknown, v) =>
              v.reviewer ? (
                <span>
                  {v.reviewer.displayName}
                  {v.reviewComment && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: v.reviewComment }}>
                      “{v.reviewComment}”
                    </Typography.Text>
                  )}
                </span>
              ) : (
                ''
              ),
          },
          { title: t('common.updatedAt'), width: 150, render: (_: unknown, v) => formatDateTime(v.publishedAt ?? v.updatedAt) },
          {
            title: t('common.actions'),
            width: 170,
            render: (_: unknown, v) => {
              const previous = previousOf(v);
              return (
                <Space size={0}>
                  {previous && (
                    <Tooltip title={t('knowledge.compareWith', { revision: previous.revision })}>
                      <Button
                        type="link"
                        size="small"
                        icon={<DiffOutlined />}
                        onClick={() => setComparing({ from: previous.id, to: v.id })}
                        data-testid="history-compare"
                      >
                        {t('knowledge.compare')}
                      </Button>
                    </Tooltip>
                  )}
                  {canRestore && v.id !== article.shown.id && (v.status === 'superseded' || v.status === 'archived') && (
                    <Popconfirm title={t('knowledge.restoreHint')} onConfirm={() => restore(v.id)}>
                      <Button type="link" size="small" icon={<HistoryOutlined />} loading={isPending} data-testid="history-restore">
                        {t('knowledge.restore')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      {comparing && (
        <Modal open width={860} title={t('knowledge.diff.title')} footer={null} onCancel={() => setComparing(null)} destroyOnHidden>
          <VersionDiff articleId={article.id} from={comparing.from} to={comparing.to} />
        </Modal>
      )}
    </>
  );
}
