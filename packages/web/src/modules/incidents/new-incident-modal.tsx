import { INCIDENT_CATEGORIES, INCIDENT_LEVELS, type IncidentLevel, incidentPriority } from '@shuyun/shared';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useSystems } from '../org/api';
import { TeamPersonFields } from '../tickets/team-person-fields';
import { type IncidentDetail, useCreateIncident } from './api';
import { PriorityTag } from './tags';

interface Values {
  title: string;
  description?: string;
  category: string;
  impact: IncidentLevel;
  urgency: IncidentLevel;
  systemId?: number;
  occurredAt?: Dayjs;
  teamId?: number;
  assigneeId?: number;
}

/** 登记事件: the form, by hand or from a ticket (`ticket` prefills the title and links it). */
export function NewIncidentModal({
  ticket,
  onClose,
  onCreated,
}: {
  ticket?: { id: number; number: string; title: string };
  onClose: () => void;
  onCreated: (incident: IncidentDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const systems = useSystems();
  const create = useCreateIncident();
  const { showError, showSuccess } = useApiFeedback();
  const impact = Form.useWatch('impact', form);
  const urgency = Form.useWatch('urgency', form);
  const levels = INCIDENT_LEVELS.map((l) => ({ value: l, label: t(`incidents.level.${l}`) }));

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      {
        title: v.title,
        description: v.description ?? '',
        category: v.category as never,
        impact: v.impact,
        urgency: v.urgency,
        systemId: v.systemId ?? null,
        occurredAt: v.occurredAt?.toISOString(),
        teamId: v.teamId ?? null,
        assigneeId: v.assigneeId ?? null,
        ...(ticket ? { ticketId: ticket.id } : {}),
      },
      {
        onSuccess: (incident) => {
          showSuccess(t('incidents.new.created', { number: incident.number }));
          onCreated(incident);
        },
        onError: (error) => showError(error, { form }),
      },
    );
  };

  return (
    <Modal
      open
      width={640}
      title={t('incidents.new.title')}
      okText={t('incidents.new.submit')}
      onOk={submit}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'incident-new-submit' } as never}
    >
      {ticket && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('incidents.new.fromTicket', { number: ticket.number })} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: ticket?.title, category: 'service', impact: 'medium', urgency: 'medium', occurredAt: dayjs() }}
        data-testid="incident-new-form"
      >
        <Form.Item name="title" label={t('incidents.fields.title')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={200} data-testid="incident-title" />
        </Form.Item>
        <Form.Item name="description" label={t('incidents.fields.description')}>
          <Input.TextArea rows={3} maxLength={10000} data-testid="incident-description" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 12 }}>
          <Form.Item name="category" label={t('incidents.fields.category')} rules={[{ required: true }]}>
            <Select
              options={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: t(`incidents.category.${c}`) }))}
              data-testid="incident-category"
            />
          </Form.Item>
          <Form.Item name="impact" label={t('incidents.fields.impact')} rules={[{ required: true }]}>
            <Select options={levels} data-testid="incident-impact" />
          </Form.Item>
          <Form.Item name="urgency" label={t('incidents.fields.urgency')} rules={[{ required: true }]}>
            <Select options={levels} data-testid="incident-urgency" />
          </Form.Item>
        </div>
        {impact && urgency && (
          <div style={{ marginTop: -8, marginBottom: 16 }} data-testid="incident-priority-hint">
            {t('incidents.new.priorityHint', { priority: '' })}
            <PriorityTag priority={incidentPriority(impact, urgency)} />
          </div>
        )}
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <Form.Item name="systemId" label={t('incidents.fields.system')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(systems.data ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
              data-testid="incident-system"
            />
          </Form.Item>
          <Form.Item name="occurredAt" label={t('incidents.fields.occurredAt')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
        </div>
        <TeamPersonFields form={form} required={false} />
      </Form>
    </Modal>
  );
}
