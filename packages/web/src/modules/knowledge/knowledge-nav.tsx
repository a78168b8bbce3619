import { EditOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../../app/auth';
import { useKnowledgeHome } from './api';

interface Tab {
  path: string;
  label: string;
  count?: number;
}

/** The knowledge pages' own bar: home, review queue, my knowledge, needs review, and "write". */
export function KnowledgeNav({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const home = useKnowledgeHome();
  const counts = home.data?.counts;
  const writer = can('knowledge.write');
  // Named category reviewers need not hold knowledge.review: a waiting submission shows them the queue.
  const reviewer = can('knowledge.review') || can('knowledge.manage') || (counts?.reviewQueue ?? 0) > 0;
  const tabs: Tab[] = [
    { path: '/knowledge', label: t('knowledge.home') },
    ...(reviewer ? [{ path: '/knowledge/review', label: t('knowledge.reviewQueue'), count: counts?.reviewQueue }] : []),
    ...(writer ? [{ path: '/knowledge/mine', label: t('knowledge.mine'), count: counts?.myWorking }] : []),
    ...(writer ? [{ path: '/knowledge/needs-review', label: t('knowledge.needsReview'), count: counts?.needsReview }] : []),
  ];
  const active = (path: string) =>
    path === '/knowledge' ? pathname === path || pathname === '/knowledge/search' : pathname.startsWith(path);
  return (
    <nav className="knowledge-nav" data-testid="knowledge-nav">
      <div className="knowledge-nav__tabs">
        {tabs.map((tab) => (
          <Link key={tab.path} to={tab.path} className={`knowledge-nav__tab${active(tab.path) ? ' knowledge-nav__tab--active' : ''}`}>
            {tab.label}
            {tab.count ? <Badge count={tab.count} size="small" className="knowledge-nav__count" /> : null}
          </Link>
        ))}
      </div>
      <div className="knowledge-nav__extra">
        {extra}
        {writer && (
          <Link to="/knowledge/new">
            <Button type="primary" icon={<EditOutlined />} data-testid="knowledge-new">
              {t('knowledge.newArticle')}
            </Button>
          </Link>
        )}
      </div>
    </nav>
  );
}
