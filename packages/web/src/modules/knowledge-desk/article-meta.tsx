import { EyeOutlined, LikeOutlined } from '@ant-design/icons';
import type { KnowledgeStats } from '@shuyun/shared';
import { useTranslation } from 'react-i18next';

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
