import { Button, Dialog, ErrorBlock, List, NavBar, Skeleton, Space, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { useIncident, useIncidentAction, useIncidentComment } from './api';

/** One incident on the phone: the facts, accept, a progress comment, resolve with a resolution. */
export function IncidentMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const incident = useIncident(id);
  const action = useIncidentAction(id);
  const comment = useIncidentComment(id);
  const [text, setText] = useState('');
  const [resolving, setResolving] = useState(false);
  if (incident.isPending) return <Skeleton.Paragraph lineCount={8} animated />;
  if (incident.isError) return <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={incident.error.message} />;
  const i = incident.data;
  const done = () => Toast.show({ icon: 'success', content: t('incidents.detail.done') });
  const fail = (error: Error) => Toast.show({ icon: 'fail', content: error.message });

  return (
    <div data-testid="incident-mobile">
      <NavBar onBack={() => navigate('/m/incidents')}>{i.number}</NavBar>
      <div style={{ padding: '12px 16px', background: '#fff' }}>
        <Space wrap>
          <Tag color={i.priority === 'P1' ? 'danger' : i.priority === 'P2' ? 'warning' : 'primary'}>{i.priority}</Tag>
          <Tag color="primary" fill="outline" data-testid="incident-mobile-status">
            {t(`incidents.status.${i.status}`)}
          </Tag>
        </Space>
        <h3 style={{ margin: '8px 0' }}>{i.title}</h3>
        <div style={{ color: '#666', whiteSpace: 'pre-wrap', fontSize: 14 }}>{i.description}</div>
      </div>
      <List>
        <List.Item extra={i.system?.name ?? '—'}>{t('incidents.fields.system')}</List.Item>
        <List.Item extra={i.assignee?.displayName ?? t('incidents.detail.unassigned')}>{t('incidents.fields.assignee')}</List.Item>
        <List.Item extra={formatDateTime(i.occurredAt)}>{t('incidents.fields.occurredAt')}</List.Item>
        {i.resolution && <List.Item description={i.resolution}>{t('incidents.fields.resolution')}</List.Item>}
      </List>
      <div style={{ padding: 16 }}>
        <Space direction="vertical" block>
          {i.actions.includes('accept') && (
            <Button
              block
              color="primary"
              loading={action.isPending}
              onClick={() => action.mutate({ action: 'accept', version: i.version }, { onSuccess: done, onError: fail })}
              data-testid="incident-mobile-accept"
            >
              {t('incidents.actions.accept')}
            </Button>
          )}
          {i.canWork && i.status !== 'closed' && (
            <>
              <TextArea
                placeholder={resolving ? t('incidents.mobile.resolutionPlaceholder') : t('incidents.mobile.commentPlaceholder')}
                value={text}
                onChange={setText}
                rows={3}
                maxLength={4000}
                style={{ background: '#fff', padding: 8, borderRadius: 6 }}
                data-testid="incident-mobile-text"
              />
              {!resolving && (
                <Button
                  block
                  disabled={!text.trim()}
                  loading={comment.isPending}
                  onClick={() =>
                    comment.mutate(text.trim(), {
                      onSuccess: () => {
                        setText('');
                        done();
                      },
                      onError: fail,
                    })
                  }
                  data-testid="incident-mobile-comment"
                >
                  {t('incidents.detail.send')}
                </Button>
              )}
            </>
          )}
          {i.actions.includes('resolve') && (
            <Button
              block
              color="success"
              loading={action.isPending}
              onClick={() => {
                if (!resolving) {
                  setResolving(true);
                  return;
                }
                if (!text.trim()) {
                  Toast.show({ content: t('incidents.mobile.resolutionPlaceholder') });
                  return;
                }
                void Dialog.confirm({ content: t('incidents.dialogs.resolve') }).then((ok) => {
                  if (!ok) return;
                  action.mutate(
                    { action: 'resolve', version: i.version, resolution: text.trim() },
                    {
                      onSuccess: () => {
                        setText('');
                        setResolving(false);
                        done();
                      },
                      onError: fail,
                    },
                  );
                });
              }}
              data-testid="incident-mobile-resolve"
            >
              {t('incidents.actions.resolve')}
            </Button>
          )}
        </Space>
      </div>
    </div>
  );
}
