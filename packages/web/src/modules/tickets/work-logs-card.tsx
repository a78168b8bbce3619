import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Skeleton, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useLogWork, useWorkLogs } from './api';
import { formatMinutes } from './ticket-format';

interface WorkLogValues {
  minutes: number;
  note?: string;
  workedOn?: Dayjs;
}

/** Time spent on the ticket; handlers log more. */
export function WorkLogsCard({ ticketId, editable }: { ticketId: number; editable: boolean }) {
  const { t } = useTranslation();
  const logs = useWorkLogs(ticketId);
  const log = useLogWork();
  const { showError, showSuccess } = useApiFeedback();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<WorkLogValues>();
  const total = (logs.data ?? []).reduce((sum, entry) => sum + entry.minutes, 0);

  return (
    <Card
      variant="borderless"
      title={t('ticketsUi.workLogs.title')}
      extra={
        editable && (
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('ticketsUi.workLogs.add')}
          </Button>
        )
      }
    >
      {logs.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : logs.isError ? (
        <Typography.Text type="danger">{logs.error.message}</Typography.Text>
      ) : logs.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketsUi.workLogs.empty')} style={{ margin: '4px 0' }} />
      ) : (
        <>
          <Flex vertical gap={10}>
            {logs.data.map((entry) => (
              <Flex key={entry.id} justify="space-between" gap={8}>
                <div style={{ minWidth: 0 }}>
                  <div>
                    {entry.user.displayName}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {entry.workedOn}
                    </Typography.Text>
                  </div>
                  {entry.note && (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {entry.note}
                    </Typography.Text>
                  )}
                </div>
                <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                  {formatMinutes(t, entry.minutes)}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, textAlign: 'right' }}>
            {t('ticketsUi.workLogs.total', { duration: formatMinutes(t, total) })}
          </Typography.Text>
        </>
      )}
      <Modal
        open={open}
        title={t('ticketsUi.workLogs.add')}
        okText={t('common.save')}
        confirmLoading={log.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<WorkLogValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ workedOn: dayjs() }}
          onFinish={(values) =>
            log.mutate(
              {
                id: ticketId,
                minutes: values.minutes,
                note: values.note?.trim() || null,
                workedOn: values.workedOn?.format('YYYY-MM-DD'),
              },
              {
                onSuccess: () => {
                  showSuccess(t('ticketsUi.workLogs.logged'));
                  setOpen(false);
                },
                onError: (error) => showError(error, { form }),
              },
            )
          }
        >
          <Form.Item name="minutes" label={t('ticketsUi.workLogs.minutes')} rules={[{ required: true }]}>
            <InputNumber min={1} max={24 * 60} step={15} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="workedOn" label={t('ticketsUi.workLogs.workedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="note" label={t('ticketsUi.workLogs.note')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
