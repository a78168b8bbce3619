import { ErrorBlock, List, NavBar, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { type IncidentSummary, useIncidents } from './api';

const PRIORITY_COLORS: Record<string, string> = { P1: 'danger', P2: 'warning', P3: 'primary', P4: 'default' };

/** 我的事件 on the phone (the on-call engineer): my open incidents, then my teams' unassigned ones. */
export function IncidentsMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useIncidents({ view: 'mine', page: 1, pageSize: 50 });
  const unassigned = useIncidents({ view: 'teamUnassigned', page: 1, pageSize: 50 });
  const row = (i: IncidentSummary) => (
    <List.Item
      key={i.id}
      onClick={() => navigate(`/m/incidents/${i.id}`)}
      prefix={<Tag color={PRIORITY_COLORS[i.priority]}>{i.priority}</Tag>}
      description={`${i.number} · ${t(`incidents.status.${i.status}`)} · ${formatDateTime(i.occurredAt)}`}
      data-testid="incident-mobile-row"
    >
      {i.title}
    </List.Item>
  );
  return (
    <div data-testid="incidents-mobile">
      <NavBar onBack={() => navigate('/m')}>{t('incidents.mobile.title')}</NavBar>
      {mine.isPending ? (
        <Skeleton.Paragraph lineCount={6} animated />
      ) : mine.isError ? (
        <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={mine.error.message} />
      ) : (
        <>
          <List header={t('incidents.views.mine')}>
            {mine.data.items.length === 0 && <List.Item>{t('incidents.mobile.empty')}</List.Item>}
            {mine.data.items.map(row)}
          </List>
          {(unassigned.data?.items.length ?? 0) > 0 && (
            <List header={t('incidents.views.teamUnassigned')}>{unassigned.data?.items.map(row)}</List>
          )}
        </>
      )}
    </div>
  );
}
