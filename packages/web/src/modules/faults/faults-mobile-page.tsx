import { ErrorBlock, List, NavBar, Skeleton, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { tx, useFaultList } from './api';

/** 我的故障 on the phone: open faults assigned to me, most severe first. */
export function FaultsMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useFaultList({ view: 'mine', open: true, sort: '-severity', page: 1, pageSize: 50 });
  return (
    <div data-testid="faults-mobile">
      <NavBar onBack={() => navigate('/m')}>{t('faults.mobile.title')}</NavBar>
      {list.isPending ? (
        <Skeleton.Paragraph lineCount={6} animated />
      ) : !list.data?.items.length ? (
        <ErrorBlock status="empty" title={t('faults.mobile.empty')} description="" />
      ) : (
        <List>
          {list.data.items.map((f) => (
            <List.Item
              key={f.id}
              onClick={() => navigate(`/m/faults/${f.id}`)}
              description={`${f.number} · ${f.systems.map((s) => s.name).join('、')} · ${formatDateTime(f.detectedAt)}`}
              extra={
                <>
                  <Tag color={f.severity === 'P1' || f.severity === 'P2' ? 'danger' : 'warning'}>{f.severity}</Tag>{' '}
                  <Tag color={f.responseOverdue && f.status === 'new' ? 'danger' : 'primary'} fill="outline">
                    {f.responseOverdue && f.status === 'new' ? t('faults.overdue') : tx(t, `faults.status.${f.status}`)}
                  </Tag>
                </>
              }
            >
              {f.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
