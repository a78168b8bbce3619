import { LockOutlined } from '@ant-design/icons';
import type { KnowledgeArticleStatus, KnowledgeAudience, KnowledgeType, KnowledgeVersionStatus } from '@shuyun/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const TYPE_COLORS: Record<KnowledgeType, string> = { how_to: 'blue', known_error: 'volcano', faq: 'cyan' };
const VERSION_COLORS: Record<KnowledgeVersionStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  rejected: 'error',
  published: 'success',
  superseded: 'default',
  archived: 'warning',
  discarded: 'default',
};

export function TypeTag({ type }: { type: KnowledgeType }) {
  const { t } = useTranslation();
  return (
    <Tag color={TYPE_COLORS[type]} data-type={type}>
      {t(`knowledge.types.${type}`)}
    </Tag>
  );
}

/** Shown only for IT-only articles: everyone else's articles need no badge. */
export function AudienceBadge({ audience }: { audience: KnowledgeAudience }) {
  const { t } = useTranslation();
  if (audience !== 'it_staff') return null;
  return (
    <Tag color="purple" icon={<LockOutlined />} data-testid="audience-it-only">
      {t('knowledge.itOnlyHint')}
    </Tag>
  );
}

export function VersionStatusTag({ status }: { status: KnowledgeVersionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={VERSION_COLORS[status]} data-status={status}>
      {t(`knowledge.versionStatuses.${status}`)}
    </Tag>
  );
}

export function ArticleStatusTag({ status }: { status: KnowledgeArticleStatus }) {
  const { t } = useTranslation();
  const color = status === 'published' ? 'success' : status === 'archived' ? 'warning' : 'default';
  return (
    <Tag color={color} data-status={status}>
      {t(`knowledge.statuses.${status}`)}
    </Tag>
  );
}
