import { Alert, App, Button, Card, Descriptions, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useTeams } from '../org/api';
import { useIncidentSettings, useRotateAlertToken, useSaveIncidentSettings } from './api';

/** 事件告警接入: the Alertmanager webhook's address and token, and the team alerts go to. */
export function IncidentSettingsPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const settings = useIncidentSettings();
  const teams = useTeams();
  const save = useSaveIncidentSettings();
  const rotate = useRotateAlertToken();
  const { showError, showSuccess } = useApiFeedback();
  const [token, setToken] = useState<string | null>(null);
  if (settings.isError) return <LoadFailedResult message={settings.error.message} onRetry={() => settings.refetch()} />;
  const s = settings.data;
  const url = `${window.location.origin}/api/incidents/alerts/alertmanager`;
  const example = `receivers:
  - name: shuyun
    webhook_configs:
      - url: ${url}
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${token ?? '<token>'}`;

  return (
    <div data-testid="incident-settings">
      <PageHeader title={t('incidents.settings.title')} />
      <Alert type="info" showIcon message={t('incidents.settings.hint')} style={{ marginBottom: 16 }} />
      <Card variant="borderless" loading={!s} style={{ marginBottom: 16 }}>
        {s && (
          <Descriptions column={1} labelStyle={{ width: 160 }}>
            <Descriptions.Item label={t('incidents.settings.url')}>
              <Typography.Text copyable code>
                {url}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('incidents.settings.token')}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text type={s.tokenPrefix ? undefined : 'warning'} data-testid="incident-token-state">
                  {s.tokenPrefix && s.tokenRotatedAt
                    ? t('incidents.settings.tokenCurrent', { prefix: s.tokenPrefix, at: formatDateTime(s.tokenRotatedAt) })
                    : t('incidents.settings.tokenNone')}
                </Typography.Text>
                {token && (
                  <Alert
                    type="success"
                    showIcon
                    message={t('incidents.settings.tokenShown')}
                    description={
                      <Typography.Text copyable code data-testid="incident-token">
                        {token}
                      </Typography.Text>
                    }
                  />
                )}
                <Button
                  loading={rotate.isPending}
                  onClick={() =>
                    modal.confirm({
                      title: t('incidents.settings.rotateConfirm'),
                      onOk: () => rotate.mutateAsync().then((r) => setToken(r.token), showError),
                    })
                  }
                  data-testid="incident-token-rotate"
                >
                  {t('incidents.settings.rotate')}
                </Button>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('incidents.settings.defaultTeam')}>
              <Select
                allowClear
                style={{ width: 240 }}
                value={s.defaultTeam?.id}
                loading={save.isPending}
                options={(teams.data ?? []).filter((tm) => tm.active).map((tm) => ({ value: tm.id, label: tm.name }))}
                onChange={(teamId) =>
                  save.mutate(
                    { version: s.version, defaultTeamId: teamId ?? null },
                    { onSuccess: () => showSuccess(t('common.saved')), onError: (e) => showError(e) },
                  )
                }
                data-testid="incident-default-team"
              />
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card variant="borderless" title={t('incidents.settings.example')}>
        <Typography.Paragraph type="secondary">{t('incidents.settings.mapping')}</Typography.Paragraph>
        <pre style={{ background: '#f6f8fa', padding: 12, borderRadius: 6, overflowX: 'auto' }}>{example}</pre>
      </Card>
    </div>
  );
}
