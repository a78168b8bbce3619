import { INCIDENT_PRIORITIES, type IncidentAction } from '@shuyun/shared';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { TeamPersonFields } from '../tickets/team-person-fields';
import { type IncidentDetail, useIncidentAction } from './api';

/** The actions that ask for something (a reason, a resolution, a target); the rest are one click. */
export const ASKING: IncidentAction[] = ['assign', 'priority', 'hold', 'resolve', 'reopen', 'cancel'];

export function ActionModal({ incident, action, onClose }: { incident: IncidentDetail; action: IncidentAction; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const mutation = useIncidentAction(incident.id);
  const { showError, showSuccess } = useApiFeedback();
  const required = [{ required: true, message: t('validation.required') }];
  const submit = async () => {
    const values = await form.validateFields();
    mutation.mutate(
      {
        action,
        version: incident.version,
        ...values,
        ...(action === 'assign' ? { teamId: values.teamId ?? null, assigneeId: values.assigneeId ?? null } : {}),
      },
      {
        onSuccess: () => {
          showSuccess(t('incidents.detail.done'));
          onClose();
        },
        onError: (error) => showError(error, { form }),
      },
    );
  };
  return (
    <Modal
      open
      title={t(`incidents.dialogs.${action as 'assign'}`)}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'incident-action-submit' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ teamId: incident.team?.id, assigneeId: incident.assignee?.id }}
        data-testid="incident-action-form"
      >
        {action === 'assign' && <TeamPersonFields form={form} />}
        {action === 'priority' && (
          <Form.Item name="priority" label={t('incidents.fields.priority')} rules={required}>
            <Select
              options={INCIDENT_PRIORITIES.filter((p) => p !== incident.priority).map((p) => ({ value: p, label: p }))}
              data-testid="incident-new-priority"
            />
          </Form.Item>
        )}
        {action === 'resolve' && (
          <>
            <Form.Item name="resolution" label={t('incidents.fields.resolution')} rules={required}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="incident-resolution" />
            </Form.Item>
            <Form.Item name="cause" label={t('incidents.fields.cause')}>
              <Input.TextArea rows={2} maxLength={4000} data-testid="incident-cause" />
            </Form.Item>
          </>
        )}
        {['priority', 'hold', 'reopen', 'cancel'].includes(action) && (
          <Form.Item name="reason" label={t('incidents.fields.reason')} rules={required}>
            <Input.TextArea rows={2} maxLength={500} data-testid="incident-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
