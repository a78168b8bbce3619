import { Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../app/api-client';
import { applyNestedIssues } from '../../components/form-issues';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useCalendars, useSaveCalendar } from './api';
import type { Weekly } from './types';
import { ALL_DAY, STANDARD_WEEKLY } from './weekly';

/** Zones offered first; any IANA zone may be typed. */
export const COMMON_TIME_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/Berlin', 'UTC'];

interface NewCalendarForm {
  name: string;
  timeZone: string;
  template: string;
  isDefault: boolean;
}

/** A new business calendar, its weekly hours taken from a template or another calendar; then its page opens. */
export function CalendarModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewCalendarForm>();
  const calendars = useCalendars();
  const save = useSaveCalendar();
  const { showError, showSuccess } = useApiFeedback();

  const weeklyFor = (template: string): Weekly => {
    if (template === 'allDay') return Array.from({ length: 7 }, () => ALL_DAY);
    const copy = calendars.data?.find((c) => `copy-${c.id}` === template);
    return copy ? copy.weekly : STANDARD_WEEKLY;
  };

  const onFinish = (values: NewCalendarForm) => {
    save.mutate(
      { name: values.name.trim(), timeZone: values.timeZone, weekly: weeklyFor(values.template), isDefault: values.isDefault },
      {
        onSuccess: (calendar) => {
          showSuccess(t('common.saved'));
          onClose();
          navigate(`/admin/sla/calendars/${calendar.id}`);
        },
        onError: (error) => {
          showError(error);
          if (isApiError(error)) applyNestedIssues(form, error.issues);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('deskAdmin.sla.newCalendar')}
      okText={t('common.create')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<NewCalendarForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ timeZone: 'Asia/Shanghai', template: 'standard', isDefault: false }}
      >
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="timeZone" label={t('sla.fields.timeZone')} rules={[{ required: true }]}>
          <Select showSearch options={COMMON_TIME_ZONES.map((zone) => ({ value: zone, label: zone }))} />
        </Form.Item>
        <Form.Item name="template" label={t('deskAdmin.sla.template')}>
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={[
              { value: 'standard', label: t('deskAdmin.sla.templateStandard') },
              { value: 'allDay', label: t('deskAdmin.sla.templateAllDay') },
              ...(calendars.data ?? []).map((c) => ({ value: `copy-${c.id}`, label: t('deskAdmin.sla.templateCopy', { name: c.name }) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="isDefault" label={t('sla.fields.isDefault')} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
