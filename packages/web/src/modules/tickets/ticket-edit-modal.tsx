import { PRIORITIES, type Priority, type TicketDetail } from '@shuyun/shared';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { SystemSelect } from '../catalog-browse/form-field-item';
import { ticketKeys, useUpdateTicket } from './api';
import { priorityName } from './ticket-format';

interface EditValues {
  title: string;
  description: string;
  priority: Priority;
  systemId: number | null;
}

/** Handlers correct the title, description, priority (the SLA follows) and IT system. */
export function TicketEditModal({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateTicket();
  const { showError, showSuccess } = useApiFeedback();
  return (
    <Modal
      open
      width={640}
      title={`${t('ticketsUi.detail.edit')} · ${ticket.number}`}
      okText={t('common.save')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{
          title: ticket.title,
          description: ticket.description,
          priority: ticket.priority,
          systemId: ticket.system?.id ?? null,
        }}
        onFinish={(values) =>
          update.mutate(
            {
              id: ticket.id,
              version: ticket.version,
              title: values.title.trim(),
              description: values.description?.trim() ?? '',
              priority: values.priority,
              systemId: values.systemId ?? null,
            },
            {
              onSuccess: () => {
                showSuccess(t('common.saved'));
                onClose();
              },
              onError: (error) => showError(error, { form, refetch: [ticketKeys.detail(ticket.id)] }),
            },
          )
        }
      >
        <Form.Item name="title" label={t('ticketsUi.catalog.ticketTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('ticketsUi.catalog.description')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        <Form.Item name="priority" label={t('ticketsUi.detail.priority')}>
          <Select options={PRIORITIES.map((p) => ({ value: p, label: priorityName(t, p) }))} />
        </Form.Item>
        <Form.Item name="systemId" label={t('ticketsUi.detail.system')}>
          <SystemSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
