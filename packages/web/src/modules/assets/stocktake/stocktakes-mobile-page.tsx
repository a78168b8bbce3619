import { ErrorBlock, List, NavBar, ProgressBar, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useStocktakes } from './api';
import { percentDone } from './format';
import './stocktake-mobile.css';

/** Phone 资产盘点: the stocktakes in progress where I am a counter. */
export function StocktakesMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useStocktakes({ status: 'in_progress', mine: 'counter', pageSize: 50 });
  return (
    <div className="st-page">
      <NavBar onBack={() => navigate('/m')} style={{ background: '#fff' }}>
        {t('stocktake.mobile.title')}
      </NavBar>
      <div className="st-body">
        <h2 className="st-card__title" style={{ margin: '4px 4px 0' }}>
          {t('stocktake.mobile.mine')}
        </h2>
        {list.isPending ? (
          <Skeleton.Paragraph lineCount={5} animated />
        ) : list.isError ? (
          <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={list.error.message} />
        ) : list.data.items.length === 0 ? (
          <ErrorBlock status="empty" title={t('stocktake.mobile.empty')} description="" />
        ) : (
          <List mode="card" style={{ margin: 0 }}>
            {list.data.items.map((st) => (
              <List.Item
                key={st.id}
                data-testid={`stocktake-${st.number}`}
                onClick={() => navigate(`/m/stocktakes/${st.id}`)}
                description={
                  <div>
                    <div className="st-muted">
                      {st.number}
                      {st.dueDate ? ` · ${t('stocktake.mobile.due', { date: st.dueDate })}` : ''}
                    </div>
                    <ProgressBar percent={percentDone(st.progress)} text style={{ marginTop: 6 }} />
                  </div>
                }
                extra={
                  <Tag color="primary" fill="outline">
                    {st.progress.expected - st.progress.pending}/{st.progress.expected}
                  </Tag>
                }
              >
                {st.name}
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </div>
  );
}
