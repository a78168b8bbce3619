import { RedoOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useDebounced } from '../../components/use-debounced';
import { UserPicker } from '../../components/user-picker';
import { useChannels, useDeliveries, useEventTypes, useRetryDelivery } from './api';
import { BOT_COLORS } from './channels-page';
import { useEventLabels } from './labels';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, type Delivery, type DeliveryChannel, type DeliveryStatus } from './types';

const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'processing', sent: 'success', failed: 'error', skipped: 'default' };
const PAGE_SIZE = 20;

/** Every e-mail and group-bot delivery with its outcome; failed ones can be sent again. */
export function DeliveriesPage() {
  const { t } = useTranslation();
  const labels = useEventLabels();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<DeliveryStatus | undefined>(() => (params.get('status') as DeliveryStatus | null) ?? undefined);
  const [channel, setChannel] = useState<DeliveryChannel | undefined>();
  const [eventType, setEventType] = useState<string | undefined>();
  const [recipientId, setRecipientId] = useState<number | null>(null);
  const [recordNumber, setRecordNumber] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const channelId = Number(params.get('channelId')) || undefined;
  const number = useDebounced(recordNumber.trim());
  const channels = useChannels();
  const eventTypes = useEventTypes();
  const retry = useRetryDelivery();
  const { showError, showSuccess } = useApiFeedback();

  const deliveries = useDeliveries({
    page,
    pageSize: PAGE_SIZE,
    status,
    channel,
    eventType,
    recipientId: recipientId ?? undefined,
    channelId,
    recordNumber: number || undefined,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.endOf('day').toISOString(),
  });
  const filtered =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  if (deliveries.isError) return <LoadFailedResult message={deliveries.error.message} onRetry={() => deliveries.refetch()} />;

  const botName = channels.data?.find((c) => c.id === channelId)?.name;

  return (
    <>
      <PageHeader title={t('deskAdmin.nav.deliveries')} subtitle={t('deskAdmin.deliveries.subtitle')} />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('common.status')}
            value={status}
            onChange={filtered(setStatus)}
            style={{ width: 100 }}
            options={DELIVERY_STATUSES.map((value) => ({ value, label: t(`notifications.statuses.${value}`) }))}
            data-testid="delivery-status-filter"
          />
          <Select
            allowClear
            placeholder={t('notifications.admin.channel')}
            value={channel}
            onChange={filtered(setChannel)}
            style={{ width: 150 }}
            options={DELIVERY_CHANNELS.map((value) => ({ value, label: t(`notifications.channels.${value}`) }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('notifications.event')}
            value={eventType}
            onChange={filtered(setEventType)}
            style={{ width: 150 }}
            options={(eventTypes.data ?? []).map((value) => ({ value, label: labels.event(value) }))}
          />
          <UserPicker
            value={recipientId}
            onChange={filtered(setRecipientId)}
            placeholder={t('notifications.admin.recipient')}
            style={{ width: 140 }}
          />
          <Input
            allowClear
            placeholder={t('deskAdmin.deliveries.recordNumber')}
            value={recordNumber}
            onChange={(event) => filtered(setRecordNumber)(event.target.value)}
            style={{ width: 170 }}
          />
          <DatePicker.RangePicker value={range} onChange={filtered(setRange)} allowEmpty={[true, true]} style={{ width: 240 }} />
          {channelId && (
            <Tag closable color="blue" onClose={() => setParams({}, { replace: true })} style={{ alignSelf: 'center' }}>
              {t('deskAdmin.deliveries.onlyBot', { name: botName ?? `#${channelId}` })}
            </Tag>
          )}
        </Flex>
        <Table<Delivery>
          rowKey="id"
          size="middle"
          loading={deliveries.isFetching}
          dataSource={deliveries.data?.items}
          data-testid="deliveries-table"
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('deskAdmin.deliveries.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: deliveries.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { count: total }),
          }}
          columns={[
            {
              title: t('notifications.admin.createdAt'),
              dataIndex: 'createdAt',
              width: 140,
              render: (value: string) => formatDateTime(value),
            },
            {
              title: t('notifications.event'),
              key: 'event',
              width: 160,
              render: (_, delivery) =>
                delivery.eventType ? (
                  <div>
                    <div>{labels.event(delivery.eventType)}</div>
                    {delivery.recordNumber && <Typography.Text type="secondary">{delivery.recordNumber}</Typography.Text>}
                  </div>
                ) : (
                  <Typography.Text type="secondary">{t('deskAdmin.deliveries.testMessage')}</Typography.Text>
                ),
            },
            {
              title: t('notifications.admin.channel'),
              dataIndex: 'channel',
              width: 130,
              render: (value: DeliveryChannel) => (
                <Tag color={value === 'email' ? 'purple' : BOT_COLORS[value]}>{t(`notifications.channels.${value}`)}</Tag>
              ),
            },
            {
              title: t('notifications.admin.target'),
              key: 'target',
              width: 200,
              render: (_, delivery) => (
                <div>
                  <div>{delivery.recipientName ?? delivery.channelName ?? '—'}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {delivery.target}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 170,
              render: (value: DeliveryStatus, delivery) => (
                <div>
                  <Tag color={STATUS_COLORS[value]}>{t(`notifications.statuses.${value}`)}</Tag>
                  {delivery.lastError && (
                    <Tooltip title={labels.reason(delivery.lastError)}>
                      <div className={`delivery-error${value === 'failed' ? ' delivery-error--failed' : ''}`}>
                        {labels.reason(delivery.lastError)}
                      </div>
                    </Tooltip>
                  )}
                </div>
              ),
            },
            { title: t('notifications.admin.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
            {
              title: t('notifications.admin.sentAt'),
              dataIndex: 'sentAt',
              width: 140,
              render: (value: string | null) => (value ? formatDateTime(value) : '—'),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_, delivery) =>
                delivery.status === 'failed' ? (
                  <Button
                    type="link"
                    size="small"
                    icon={<RedoOutlined />}
                    loading={retry.isPending && retry.variables === delivery.id}
                    onClick={() =>
                      retry.mutate(delivery.id, {
                        onSuccess: () => showSuccess(t('notifications.admin.retried')),
                        onError: (error) => showError(error),
                      })
                    }
                  >
                    {t('notifications.admin.retry')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
