import { Button, Card, Flex, Skeleton, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { usePreferences, useSavePreferences } from './api';
import { useEventLabels } from './labels';
import type { ChannelFlags, PreferenceItem } from './types';

type Choices = Record<string, ChannelFlags>;
const CHANNELS = ['inApp', 'email'] as const;

const choicesOf = (items: PreferenceItem[], pick: (item: PreferenceItem) => ChannelFlags): Choices =>
  Object.fromEntries(items.map((item) => [item.eventType, pick(item)]));

/** Per event type, whether I am told in the app and by e-mail. */
export function PreferencesPage() {
  const { t } = useTranslation();
  const labels = useEventLabels();
  const preferences = usePreferences();
  const save = useSavePreferences();
  const { showError, showSuccess } = useApiFeedback();
  const [choices, setChoices] = useState<Choices>({});

  useEffect(() => {
    if (preferences.data) setChoices(choicesOf(preferences.data, ({ inApp, email }) => ({ inApp, email })));
  }, [preferences.data]);

  const items = preferences.data ?? [];
  const dirty = useMemo(
    () => items.some((item) => CHANNELS.some((channel) => choices[item.eventType]?.[channel] !== item[channel])),
    [items, choices],
  );
  const atDefaults = items.every((item) => CHANNELS.every((channel) => choices[item.eventType]?.[channel] === item.defaults[channel]));

  if (preferences.isError) return <LoadFailedResult message={preferences.error.message} onRetry={() => preferences.refetch()} />;

  const set = (eventType: string, channel: (typeof CHANNELS)[number], value: boolean) =>
    setChoices((current) => ({ ...current, [eventType]: { ...(current[eventType] ?? { inApp: true, email: true }), [channel]: value } }));

  const onSave = () =>
    save.mutate(
      items.map((item) => ({ eventType: item.eventType, ...(choices[item.eventType] ?? { inApp: item.inApp, email: item.email }) })),
      { onSuccess: () => showSuccess(t('common.saved')), onError: (error) => showError(error) },
    );

  return (
    <>
      <PageHeader title={t('notifications.preferences')} subtitle={t('notifications.preferencesHint')} />
      <Card variant="borderless">
        {preferences.isPending ? (
          <Skeleton active />
        ) : (
          <>
            <Table<PreferenceItem>
              rowKey="eventType"
              size="middle"
              dataSource={items}
              pagination={false}
              data-testid="notification-preferences"
              columns={[
                {
                  title: t('notifications.event'),
                  dataIndex: 'eventType',
                  render: (type: string) => (
                    <Flex gap={8} align="center">
                      <Tag>{labels.module(type)}</Tag>
                      {labels.event(type)}
                    </Flex>
                  ),
                },
                ...CHANNELS.map((channel) => ({
                  title: t(`notifications.channels.${channel}`),
                  key: channel,
                  width: 160,
                  render: (_: unknown, item: PreferenceItem) => (
                    <Flex gap={8} align="center">
                      <Switch
                        size="small"
                        checked={choices[item.eventType]?.[channel] ?? item[channel]}
                        onChange={(value) => set(item.eventType, channel, value)}
                        aria-label={`${labels.event(item.eventType)} · ${t(`notifications.channels.${channel}`)}`}
                      />
                      {choices[item.eventType]?.[channel] !== item.defaults[channel] && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('deskAdmin.notifications.changedFromDefault')}
                        </Typography.Text>
                      )}
                    </Flex>
                  ),
                })),
              ]}
            />
            <Flex gap={8} style={{ marginTop: 16 }}>
              <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={onSave} data-testid="save-preferences">
                {t('common.save')}
              </Button>
              <Button disabled={atDefaults} onClick={() => setChoices(choicesOf(items, (item) => item.defaults))}>
                {t('notifications.restoreDefaults')}
              </Button>
              {dirty && (
                <Typography.Text type="warning" style={{ alignSelf: 'center' }}>
                  {t('deskAdmin.notifications.unsaved')}
                </Typography.Text>
              )}
            </Flex>
          </>
        )}
      </Card>
    </>
  );
}
