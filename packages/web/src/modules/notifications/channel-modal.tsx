import { Button, Checkbox, Col, Flex, Form, Input, Radio, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiIssue, isApiError } from '../../app/api-client';
import { useLabels } from '../../app/i18n';
import { applyNestedIssues } from '../../components/form-issues';
import { FormModal } from '../../components/form-modal';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useTeams } from '../org/api';
import { notificationKeys, useEventTypes, useSaveChannel } from './api';
import { useEventLabels } from './labels';
import { BOT_TYPES, type BotChannel, type BotType, type ChannelInput } from './types';

/** http(s) with a host; IP addresses and intranet names included (antd's url rule wants a public domain). */
function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}

interface ChannelForm {
  type: BotType;
  name: string;
  webhookUrl: string;
  secret: string;
  removeSecret: boolean;
  eventTypes: string[];
  teamId: number | null;
  locale: 'zh-CN' | 'en-US';
  enabled: boolean;
}

/**
 * Creates or edits a group bot. The webhook URL and secret are never shown again once saved: on edit,
 * leaving them empty keeps them (WeCom carries its key in the URL and has no secret).
 */
export function ChannelModal({ channel, onClose }: { channel: BotChannel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const events = useEventLabels();
  const [form] = Form.useForm<ChannelForm>();
  const save = useSaveChannel();
  const teams = useTeams();
  const eventTypes = useEventTypes();
  const { showError, showSuccess } = useApiFeedback();
  const [unplaced, setUnplaced] = useState<ApiIssue[]>([]);
  const type = (Form.useWatch('type', form) as BotType | undefined) ?? channel?.type ?? 'wecom';
  const removeSecret = Form.useWatch('removeSecret', form) as boolean | undefined;

  const onFinish = (values: ChannelForm) => {
    setUnplaced([]);
    const body: ChannelInput = {
      name: values.name.trim(),
      eventTypes: values.eventTypes,
      teamId: values.teamId ?? null,
      locale: values.locale,
      enabled: values.enabled,
    };
    if (values.webhookUrl?.trim()) body.webhookUrl = values.webhookUrl.trim();
    if (type !== 'wecom') {
      if (values.removeSecret) body.secret = null;
      else if (values.secret?.trim()) body.secret = values.secret.trim();
    }
    const input = channel ? { ...body, id: channel.id, version: channel.version } : { ...body, type: values.type };
    save.mutate(input, {
      onSuccess: () => {
        showSuccess(t('common.saved'));
        onClose();
      },
      onError: (error) => {
        showError(error, { refetch: [notificationKeys.channels] });
        if (isApiError(error)) setUnplaced(applyNestedIssues(form, error.issues));
      },
    });
  };

  const allTypes = eventTypes.data ?? [];

  return (
    <FormModal
      width={720}
      title={channel ? t('notifications.admin.editChannel') : t('notifications.admin.newChannel')}
      form={form}
      saving={save.isPending}
      issues={unplaced}
      onClose={onClose}
    >
      <Form<ChannelForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          channel
            ? {
                type: channel.type,
                name: channel.name,
                webhookUrl: '',
                secret: '',
                removeSecret: false,
                eventTypes: channel.eventTypes,
                teamId: channel.teamId,
                locale: channel.locale,
                enabled: channel.enabled,
              }
            : {
                type: 'wecom',
                webhookUrl: '',
                secret: '',
                removeSecret: false,
                eventTypes: [],
                teamId: null,
                locale: labels.locale,
                enabled: true,
              }
        }
      >
        <Form.Item name="type" label={t('notifications.admin.channel')}>
          <Radio.Group
            optionType="button"
            disabled={channel !== null}
            options={BOT_TYPES.map((value) => ({ value, label: t(`notifications.channels.${value}`) }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input placeholder={t('deskAdmin.channels.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="teamId" label={t('notifications.admin.team')} tooltip={t('deskAdmin.channels.teamHint')}>
              <Select
                allowClear
                placeholder={t('notifications.admin.allTeams')}
                loading={teams.isPending}
                options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="webhookUrl"
          label={t('notifications.admin.webhookUrl')}
          extra={channel ? t('deskAdmin.channels.currentUrl', { url: channel.webhookUrl }) : t(`deskAdmin.channels.urlHints.${type}`)}
          rules={[
            { required: channel === null, whitespace: true },
            { max: 1000 },
            {
              validator: async (_, value?: string) => {
                if (value?.trim() && !isWebUrl(value.trim())) throw new Error(t('deskAdmin.channels.badUrl'));
              },
            },
          ]}
        >
          <Input placeholder={channel ? t('notifications.admin.webhookKeep') : 'https://'} autoComplete="off" />
        </Form.Item>
        {type !== 'wecom' ? (
          <Form.Item
            label={t('notifications.admin.secret')}
            extra={
              channel?.secret
                ? t('deskAdmin.channels.currentSecret', { secret: channel.secret })
                : t(`deskAdmin.channels.secretHints.${type}`)
            }
          >
            <Flex gap={12} align="center">
              <Form.Item name="secret" noStyle rules={[{ max: 200 }]}>
                <Input.Password
                  disabled={removeSecret}
                  placeholder={channel?.secret ? t('notifications.admin.secretKeep') : ''}
                  autoComplete="new-password"
                  style={{ flex: 1 }}
                />
              </Form.Item>
              {channel?.secret && (
                <Form.Item name="removeSecret" noStyle valuePropName="checked">
                  <Checkbox>{t('deskAdmin.channels.removeSecret')}</Checkbox>
                </Form.Item>
              )}
            </Flex>
          </Form.Item>
        ) : (
          <div className="channel-modal__note">{t('notifications.admin.wecomNoSecret')}</div>
        )}
        <Form.Item
          name="eventTypes"
          label={
            <Flex gap={8} align="center">
              {t('notifications.admin.eventTypes')}
              <Button type="link" size="small" onClick={() => form.setFieldValue('eventTypes', allTypes)}>
                {t('deskAdmin.channels.selectAll')}
              </Button>
              <Button type="link" size="small" onClick={() => form.setFieldValue('eventTypes', [])}>
                {t('deskAdmin.channels.selectNone')}
              </Button>
            </Flex>
          }
          rules={[{ required: true, type: 'array', min: 1, message: t('deskAdmin.channels.pickEvents') }]}
        >
          <Checkbox.Group className="channel-modal__events" options={allTypes.map((value) => ({ value, label: events.event(value) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="locale" label={t('notifications.admin.locale')}>
              <Radio.Group options={(['zh-CN', 'en-US'] as const).map((value) => ({ value, label: labels.language(value) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="enabled" label={t('deskAdmin.channels.enabled')} valuePropName="checked" style={{ marginBottom: 0 }}>
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
