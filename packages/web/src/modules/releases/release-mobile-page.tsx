import { Button, Dialog, ErrorBlock, List, NavBar, Skeleton, Space, Tag, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { formatDateTime } from '../../app/i18n';
import { tx, useRelease, useReleaseAction } from './api';

const STATUS: Record<string, string> = {
  pending_approval: 'warning',
  approved: 'primary',
  rejected: 'danger',
  succeeded: 'success',
  failed: 'danger',
};

/** One release on the phone: what it is, what it delivers, and approve / reject with a comment. */
export function ReleaseMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const release = useRelease(id);
  const run = useReleaseAction(id);

  if (release.isPending) return <Skeleton.Paragraph lineCount={8} animated />;
  if (release.isError)
    return (
      <ErrorBlock
        status={isApiError(release.error) && release.error.status === 404 ? 'empty' : 'disconnected'}
        title={release.error.message}
        description=""
      />
    );
  const r = release.data;

  const decide = async (action: 'approve' | 'reject') => {
    let comment = '';
    const ok = await Dialog.confirm({
      title: tx(t, action === 'approve' ? 'releases.dialogs.approveTitle' : 'releases.dialogs.rejectTitle', { number: r.number }),
      content: <TextArea placeholder={t('releases.mobile.commentPlaceholder')} maxLength={2000} rows={3} onChange={(v) => (comment = v)} />,
    });
    if (!ok) return;
    if (action === 'reject' && !comment.trim()) {
      Toast.show({ icon: 'fail', content: t('releases.dialogs.commentRequired') });
      return;
    }
    run.mutate(
      { path: action, body: { version: r.version, ...(comment.trim() ? { comment } : {}) } },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: tx(t, `releases.done.${action}`) });
          navigate('/m/releases');
        },
        onError: (error) => Toast.show({ icon: 'fail', content: error.message }),
      },
    );
  };

  return (
    <div data-testid="release-mobile">
      <NavBar onBack={() => navigate('/m/releases')}>{r.number}</NavBar>
      <div style={{ padding: '12px 16px 0' }}>
        <div style={{ fontSize: 17, fontWeight: 600, marginBottom: 8 }}>{r.title}</div>
        <Space wrap>
          <Tag color={STATUS[r.status] ?? 'default'} data-testid="m-release-status">
            {tx(t, `releases.status.${r.status}`)}
          </Tag>
          <Tag color={r.risk === 'high' ? 'danger' : r.risk === 'medium' ? 'warning' : 'success'}>{tx(t, `releases.risk.${r.risk}`)}</Tag>
        </Space>
      </div>
      <List>
        <List.Item extra={r.system.name}>{t('releases.fields.system')}</List.Item>
        <List.Item extra={r.versionLabel}>{t('releases.fields.versionLabel')}</List.Item>
        <List.Item description={`${formatDateTime(r.windowStart)} → ${formatDateTime(r.windowEnd)}`}>
          {t('releases.mobile.window')}
        </List.Item>
        <List.Item extra={r.requester.name}>{t('releases.fields.requester')}</List.Item>
      </List>
      {r.overlaps.length > 0 && (
        <div style={{ margin: '8px 16px', color: '#d48806' }}>
          {t('releases.overlapWarning', { numbers: r.overlaps.map((o) => o.number).join('、') })}
        </div>
      )}
      <List header={t('releases.fields.plan')}>
        <List.Item>
          <div style={{ whiteSpace: 'pre-wrap' }}>{r.plan || '—'}</div>
        </List.Item>
      </List>
      <List header={t('releases.fields.rollbackPlan')}>
        <List.Item>
          <div style={{ whiteSpace: 'pre-wrap' }}>{r.rollbackPlan || '—'}</div>
        </List.Item>
      </List>
      <List header={`${t('releases.fields.demands')}（${r.demands.length}）`}>
        {r.demands.length === 0 && <List.Item>{t('releases.noDemands')}</List.Item>}
        {r.demands.map((d) => (
          <List.Item key={d.id} description={d.requester ? `${d.number} · ${d.requester.name}` : d.number}>
            {d.title ?? d.number}
          </List.Item>
        ))}
      </List>
      {r.approvals.length > 0 && (
        <List header={t('releases.sections.approvals')}>
          {r.approvals.map((a) => (
            <List.Item key={a.id} description={`${a.comment ?? ''} ${formatDateTime(a.at)}`}>
              {`${a.by.name} · ${tx(t, `releases.status.${a.decision}`)}`}
            </List.Item>
          ))}
        </List>
      )}
      {(r.allowed.includes('approve') || r.allowed.includes('reject')) && (
        <div style={{ display: 'flex', gap: 12, padding: 16 }}>
          <Button
            block
            color="danger"
            fill="outline"
            loading={run.isPending}
            onClick={() => decide('reject')}
            data-testid="m-release-reject"
          >
            {t('releases.mobile.reject')}
          </Button>
          <Button block color="primary" loading={run.isPending} onClick={() => decide('approve')} data-testid="m-release-approve">
            {t('releases.mobile.approve')}
          </Button>
        </div>
      )}
    </div>
  );
}
