import { Button, Card, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiIssue, isApiError } from '../../app/api-client';
import { useAuth } from '../../app/auth';
import { applyNestedIssues } from '../../components/form-issues';
import { useApiFeedback } from '../../components/use-api-feedback';
import { slaKeys, useSaveCalendar } from './api';
import { COMMON_TIME_ZONES } from './calendar-modal';
import type { Calendar, Weekly } from './types';
import { WeeklyEditor } from './weekly-editor';

interface SettingsForm {
  name: string;
  timeZone: string;
  isDefault: boolean;
}

/** Name, time zone, default flag and weekly working hours of a calendar; saved together, version-checked. */
export function CalendarSettings({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [form] = Form.useForm<SettingsForm>();
  const [weekly, setWeekly] = useState<Weekly>(calendar.weekly);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const save = useSaveCalendar();
  const { showError, showSuccess } = useApiFeedback();
  const canManage = can('sla.manage');

  const onFinish = (values: SettingsForm) => {
    setIssues([]);
    save.mutate(
      {
        id: calendar.id,
        version: calendar.version,
        name: values.name.trim(),
        timeZone: values.timeZone,
        isDefault: values.isDefault,
        weekly,
      },
      {
        onSuccess: (saved) => {
          setWeekly(saved.weekly);
          showSuccess(t('common.saved'));
        },
        onError: (error) => {
          showError(error, { refetch: [slaKeys.calendars] });
          if (isApiError(error)) setIssues(applyNestedIssues(form, error.issues));
        },
      },
    );
  };

  return (
    <Card variant="borderless" title={t('deskAdmin.sla.settings')} style={{ marginTop: 16 }}>
      <Form<SettingsForm>
        form={form}
        layout="vertical"
        disabled={!canManage}
        onFinish={onFinish}
        initialValues={{ name: calendar.name, timeZone: calendar.timeZone, isDefault: calendar.isDefault }}
      >
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 80 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="timeZone" label={t('sla.fields.timeZone')} rules={[{ required: true }]}>
              <Select showSearch options={COMMON_TIME_ZONES.map((zone) => ({ value: zone, label: zone }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isDefault" label={t('sla.fields.isDefault')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('sla.fields.weekly')} required>
          <WeeklyEditor value={weekly} onChange={setWeekly} issues={issues} disabled={!canManage} />
        </Form.Item>
        {canManage && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-calendar">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
