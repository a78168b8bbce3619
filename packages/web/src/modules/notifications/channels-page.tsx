import { DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLabels } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { notificationKeys, useChannels, useDeleteChannel, useSaveChannel, useTestChannel } from './api';
import { ChannelModal } from './channel-modal';
import { useEventLabels } from './labels';
import type { BotChannel } from './types';

export const BOT_COLORS: Record<BotChannel['type'], string> = { wecom: 'green', dingtalk: 'blue', feishu: 'geekblue' };

/** Group-bot channels (WeCom, DingTalk, Feishu): which events they carry, for which team; test and delivery log. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const events = useEventLabels();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const channels = useChannels();
  const save = useSaveChannel();
  const remove = useDeleteChannel();
  const test = useTestChannel();
  const { showError, showSuccess } = useApiFeedback();
  const [editing, setEditing] = useState<BotChannel | 'new' | null>(null);

  if (channels.isError) return <LoadFailedResult message={channels.error.message} onRetry={() => channels.refetch()} />;

  const sendTest = (channel: BotChannel) =>
    test.mutate(channel.id, {
      onSuccess: (result) => {
        if (result.sent) message.success(t('notifications.admin.testSent'));
        else message.error(t('notifications.admin.testFailed', { error: result.error ?? '' }));
      },
      onError: (error) => showError(error),
    });

  return (
    <>
      <PageHeader
        title={t('deskAdmin.nav.channels')}
        subtitle={t('deskAdmin.channels.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-channel">
            {t('notifications.admin.newChannel')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Table<BotChannel>
          rowKey="id"
          loading={channels.isPending}
          dataSource={channels.data}
          pagination={false}
          data-testid="channels-table"
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deskAdmin.channels.empty')}>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                  {t('notifications.admin.newChannel')}
                </Button>
              </Empty>
            ),
          }}
          columns={[
            {
              title: t('common.name'),
              dataIndex: 'name',
              width: 200,
              render: (name: string, channel) => (
                <div>
                  <div>{name}</div>
                  <Tag color={BOT_COLORS[channel.type]} style={{ marginTop: 4 }}>
                    {t(`notifications.channels.${channel.type}`)}
                  </Tag>
                </div>
              ),
            },
            {
              title: t('notifications.admin.webhookUrl'),
              key: 'webhook',
              width: 220,
              render: (_, channel) => (
                <div>
                  <Typography.Text code>{channel.webhookUrl}</Typography.Text>
                  <div className="channel-secret">
                    <span className="channel-secret__label">{t('notifications.admin.secret')}</span>
                    {channel.secret ? <Typography.Text code>{channel.secret}</Typography.Text> : t('common.none')}
                  </div>
                </div>
              ),
            },
            {
              title: t('notifications.admin.eventTypes'),
              dataIndex: 'eventTypes',
              render: (types: string[]) => (
                <Tooltip title={types.map(events.event).join(t('deskAdmin.rules.keywordSeparator'))}>
                  <span>
                    {types.slice(0, 3).map((type) => (
                      <Tag key={type}>{events.event(type)}</Tag>
                    ))}
                    {types.length > 3 && <Tag>{t('deskAdmin.rules.more', { count: types.length - 3 })}</Tag>}
                  </span>
                </Tooltip>
              ),
            },
            {
              title: t('notifications.admin.team'),
              dataIndex: 'teamName',
              width: 120,
              render: (name: string | null) => name ?? t('notifications.admin.allTeams'),
            },
            {
              title: t('notifications.admin.locale'),
              dataIndex: 'locale',
              width: 90,
              render: (locale: BotChannel['locale']) => labels.language(locale),
            },
            {
              title: t('deskAdmin.channels.enabled'),
              dataIndex: 'enabled',
              width: 80,
              render: (enabled: boolean, channel) => (
                <Switch
                  size="small"
                  checked={enabled}
                  loading={save.isPending && save.variables?.id === channel.id}
                  aria-label={t('deskAdmin.channels.enabled')}
                  onChange={(value) =>
                    save.mutate(
                      { id: channel.id, version: channel.version, enabled: value },
                      {
                        onSuccess: () => showSuccess(value ? t('deskAdmin.channels.enabledOn') : t('deskAdmin.channels.enabledOff')),
                        onError: (error) => showError(error, { refetch: [notificationKeys.channels] }),
                      },
                    )
                  }
                />
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 210,
              render: (_, channel) => (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    icon={<SendOutlined />}
                    loading={test.isPending && test.variables === channel.id}
                    onClick={() => sendTest(channel)}
                  >
                    {t('notifications.admin.sendTest')}
                  </Button>
                  <Tooltip title={t('common.edit')}>
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      aria-label={t('common.edit')}
                      onClick={() => setEditing(channel)}
                    />
                  </Tooltip>
                  <Tooltip title={t('notifications.admin.deliveries')}>
                    <Button
                      type="link"
                      size="small"
                      icon={<HistoryOutlined />}
                      aria-label={t('notifications.admin.deliveries')}
                      onClick={() => navigate(`/admin/notification-deliveries?channelId=${channel.id}`)}
                    />
                  </Tooltip>
                  <Popconfirm
                    title={t('notifications.admin.deleteChannelConfirm', { name: channel.name })}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      remove.mutateAsync(channel.id).then(
                        () => showSuccess(t('deskAdmin.channels.deleted')),
                        (error: unknown) => showError(error, { refetch: [notificationKeys.channels] }),
                      )
                    }
                  >
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <ChannelModal
          channel={editing === 'new' ? null : (channels.data?.find((c) => c.id === editing.id) ?? editing)}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
