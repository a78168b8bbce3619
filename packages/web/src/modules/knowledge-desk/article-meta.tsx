import { EyeOutlined, LikeOutlined } from '@ant-design/icons';
import type { KnowledgeStats, KnowledgeType } from '@shuyun/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const TYPE_COLORS: Record<KnowledgeType, string> = { how_to: 'blue', known_error: 'volcano', faq: 'green' };

export function KnowledgeTypeTag({ type }: { type: KnowledgeType }) {
  const { t } = useTranslation();
  return (
    <Tag color={TYPE_COLORS[type]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(`knowledge.types.${type}`)}
    </Tag>
  );
}

/** An article's counters in one line: views, helpful votes, applications, self-service solutions. */
export function KnowledgeStatsLine({ stats }: { stats: KnowledgeStats }) {
  const { t } = useTranslation();
  return (
    <div className="kb-stats" data-testid="kb-stats">
      <span>
        <EyeOutlined /> {t('knowledge.stats.views')} {stats.views}
      </span>
      <span>
        <LikeOutlined /> {t('knowledge.stats.helpful')} {stats.helpful}
      </span>
      <span>
        {t('knowledge.stats.notHelpful')} {stats.notHelpful}
      </span>
      <span>
        {t('knowledge.stats.applications')} {stats.applications}
      </span>
      <span data-testid="kb-deflections" data-count={stats.deflections}>
        {t('knowledge.stats.deflections')} {stats.deflections}
      </span>
    </div>
  );
}
