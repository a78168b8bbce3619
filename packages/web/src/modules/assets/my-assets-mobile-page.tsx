import { ErrorBlock, List, NavBar, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { tx, useMyAssets } from './api';

const MOBILE_STATUS: Record<string, string> = { in_use: 'success', in_repair: 'warning', in_stock: 'primary' };

/** 我的资产 on the phone: what waits for my receipt or transfer-in first, then what I hold. */
export function MyAssetsMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useMyAssets();
  return (
    <div data-testid="my-assets-mobile">
      <NavBar onBack={() => navigate('/m')}>{t('assets.mine')}</NavBar>
      {mine.isPending ? (
        <Skeleton.Paragraph lineCount={6} animated />
      ) : mine.isError ? (
        <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={mine.error.message} />
      ) : (
        <>
          {mine.data.waiting.length > 0 && (
            <List header={t('assets.mobile.waiting')}>
              {mine.data.waiting.map((a) => (
                <List.Item
                  key={a.id}
                  onClick={() => navigate(`/m/assets/${a.id}`)}
                  description={a.fromUser ? t('assets.mobile.from', { name: a.fromUser.name }) : a.tag}
                  extra={<Tag color="warning">{a.pending ? tx(t, `assets.pendingTag.${a.pending}`) : ''}</Tag>}
                  data-testid="waiting-asset"
                >
                  {a.name}
                </List.Item>
              ))}
            </List>
          )}
          <List header={t('assets.mobile.holding')}>
            {mine.data.holding.length === 0 && <List.Item>{t('assets.mobile.noAssets')}</List.Item>}
            {mine.data.holding.map((a) => (
              <List.Item
                key={a.id}
                onClick={() => navigate(`/m/assets/${a.id}`)}
                description={`${a.tag} · ${a.category.name}`}
                extra={<Tag color={MOBILE_STATUS[a.status] ?? 'default'}>{tx(t, `assets.status.${a.status}`)}</Tag>}
                data-testid="holding-asset"
              >
                {a.name}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </div>
  );
}
