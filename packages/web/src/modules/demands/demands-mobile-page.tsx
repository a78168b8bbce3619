import { Button, ErrorBlock, List, NavBar, Skeleton, Tabs, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { tx, useDemands } from './api';

const COLORS: Record<string, string> = { pending_approval: 'warning', implementing: 'primary', delivered: 'success', rejected: 'danger' };

/** 需求 on the phone: what waits for my approval (supervisors), my demands, and a button to submit one. */
export function DemandsMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const approver = can('demand.approve');
  const tab = params.get('tab') === 'mine' || !approver ? 'mine' : 'approve';
  const list = useDemands({ view: tab === 'approve' ? 'toApprove' : 'mine', pageSize: 50, page: 1, sort: '-createdAt' });
  return (
    <div data-testid="demands-mobile">
      <NavBar onBack={() => navigate('/m')}>{t('demands.mobile.title')}</NavBar>
      {approver && (
        <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key })}>
          <Tabs.Tab title={t('demands.mobile.toApprove')} key="approve" />
          <Tabs.Tab title={t('demands.mobile.mine')} key="mine" />
        </Tabs>
      )}
      {list.isPending ? (
        <Skeleton.Paragraph lineCount={6} animated />
      ) : list.isError ? (
        <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={list.error.message} />
      ) : list.data.items.length === 0 ? (
        <ErrorBlock
          status="empty"
          title={tab === 'approve' ? t('demands.mobile.emptyToApprove') : t('demands.mobile.emptyMine')}
          description=""
        />
      ) : (
        <List>
          {list.data.items.map((d) => (
            <List.Item
              key={d.id}
              onClick={() => navigate(`/m/demands/${d.id}`)}
              description={`${d.number} · ${d.system.name}${tab === 'approve' ? ` · ${d.requester.name}` : ''}`}
              extra={<Tag color={COLORS[d.status] ?? 'default'}>{tx(t, `demands.status.${d.status}`)}</Tag>}
              data-testid="m-demand-row"
            >
              {d.title}
            </List.Item>
          ))}
        </List>
      )}
      {can('demand.submit') && (
        <div style={{ padding: 12 }}>
          <Button block color="primary" onClick={() => navigate('/m/demands/new')} data-testid="m-demand-new">
            {t('demands.mobile.submit')}
          </Button>
        </div>
      )}
    </div>
  );
}
