import { ErrorBlock, List, NavBar, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { tx, useReleaseList } from './api';

const RISK: Record<string, string> = { high: 'danger', medium: 'warning', low: 'success' };

/** 发布审批 on the phone: the releases waiting for my approval. */
export function ReleasesMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useReleaseList({ todo: 'approve', pageSize: 50, sort: 'window' });
  return (
    <div data-testid="releases-mobile">
      <NavBar onBack={() => navigate('/m')}>{t('releases.mobile.title')}</NavBar>
      {list.isPending ? (
        <Skeleton.Paragraph lineCount={6} animated />
      ) : list.isError ? (
        <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={list.error.message} />
      ) : list.data.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('releases.mobile.empty')} description="" />
      ) : (
        <List header={`${t('releases.mobile.toApprove')}（${list.data.total}）`}>
          {list.data.items.map((r) => (
            <List.Item
              key={r.id}
              onClick={() => navigate(`/m/releases/${r.id}`)}
              description={`${r.system.name} ${r.versionLabel} · ${formatDateTime(r.windowStart)}`}
              extra={<Tag color={RISK[r.risk] ?? 'default'}>{tx(t, `releases.risk.${r.risk}`)}</Tag>}
              data-testid="m-release-row"
            >
              {r.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
