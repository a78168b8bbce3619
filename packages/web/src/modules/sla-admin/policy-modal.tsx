import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { PRIORITIES, type Priority } from '@shuyun/shared';
import { Button, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiIssue, isApiError } from '../../app/api-client';
import { applyNestedIssues } from '../../components/form-issues';
import { FormModal } from '../../components/form-modal';
import { useApiFeedback } from '../../components/use-api-feedback';
import { slaKeys, useCalendars, useSavePolicy } from './api';
import { DurationInput } from './duration';
import { ESCALATION_TARGETS, type Policy, type PolicyInput } from './types';
import './sla-admin.css';

const NEW_POLICY: PolicyInput = {
  name: '',
  calendarId: 0,
  targets: {
    P1: { responseMinutes: 30, resolutionMinutes: 240 },
    P2: { responseMinutes: 60, resolutionMinutes: 480 },
    P3: { responseMinutes: 240, resolutionMinutes: 1440 },
    P4: { responseMinutes: 480, resolutionMinutes: 2400 },
  },
  warnRatio: 0.8,
  escalation: {
    levels: [
      { afterBreachMinutes: 0, notify: 'team_lead' },
      { afterBreachMinutes: 60, notify: 'it_manager' },
    ],
  },
  isDefault: false,
  active: true,
};

/** Creates or edits a policy: calendar, response and resolution targets per priority, warning share, escalation chain. */
export function PolicyModal({ policy, onClose }: { policy: Policy | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PolicyInput>();
  const calendars = useCalendars();
  const save = useSavePolicy();
  const { showError, showSuccess } = useApiFeedback();
  const [unplaced, setUnplaced] = useState<ApiIssue[]>([]);
  const defaultCalendar = calendars.data?.find((c) => c.isDefault);

  const onFinish = (values: PolicyInput) => {
    setUnplaced([]);
    const body: PolicyInput = {
      ...values,
      name: values.name.trim(),
      escalation: { levels: values.escalation?.levels ?? [] },
    };
    save.mutate(policy ? { ...body, id: policy.id, version: policy.version } : body, {
      onSuccess: () => {
        showSuccess(t('common.saved'));
        onClose();
      },
      onError: (error) => {
        showError(error, { refetch: [slaKeys.policies] });
        if (isApiError(error)) setUnplaced(applyNestedIssues(form, error.issues));
      },
    });
  };

  return (
    <FormModal
      width={760}
      title={policy ? t('deskAdmin.sla.editPolicy') : t('deskAdmin.sla.newPolicy')}
      form={form}
      saving={save.isPending}
      issues={unplaced}
      onClose={onClose}
    >
      <Form<PolicyInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={policy ?? { ...NEW_POLICY, calendarId: defaultCalendar?.id }}
        // The default calendar arrives after the first render of a new policy.
        key={policy ? policy.id : `new-${defaultCalendar?.id ?? ''}`}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 80 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="calendarId" label={t('sla.fields.calendar')} rules={[{ required: true }]}>
              <Select loading={calendars.isPending} options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('sla.fields.targets')}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          {t('deskAdmin.sla.workingTimeHint')}
        </Typography.Text>
        <table className="sla-targets" data-testid="sla-targets">
          <thead>
            <tr>
              <th>{t('deskAdmin.sla.priority')}</th>
              <th>{t('deskAdmin.sla.responseTarget')}</th>
              <th>{t('deskAdmin.sla.resolutionTarget')}</th>
            </tr>
          </thead>
          <tbody>
            {PRIORITIES.map((priority: Priority) => (
              <tr key={priority}>
                <td>{t(`deskAdmin.priorities.${priority}`)}</td>
                <td>
                  <Form.Item name={['targets', priority, 'responseMinutes']} rules={[{ required: true, type: 'number', min: 1 }]}>
                    <DurationInput min={1} />
                  </Form.Item>
                </td>
                <td>
                  <Form.Item
                    name={['targets', priority, 'resolutionMinutes']}
                    dependencies={[['targets', priority, 'responseMinutes']]}
                    rules={[
                      { required: true, type: 'number', min: 1 },
                      ({ getFieldValue }) => ({
                        validator: async (_, value?: number) => {
                          const response = getFieldValue(['targets', priority, 'responseMinutes']) as number | undefined;
                          if (value && response && response > value) throw new Error(t('sla.problems.responseAfterResolution'));
                        },
                      }),
                    ]}
                  >
                    <DurationInput min={1} />
                  </Form.Item>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="warnRatio"
              label={t('sla.fields.warnRatio')}
              tooltip={t('deskAdmin.sla.warnRatioHint')}
              getValueProps={(value?: number) => ({ value: value == null ? value : Math.round(value * 100) })}
              normalize={(value?: number | null) => (value == null ? value : value / 100)}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="isDefault"
              label={t('sla.fields.isDefault')}
              valuePropName="checked"
              tooltip={t('deskAdmin.sla.defaultPolicyHint')}
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="active" label={t('common.status')} valuePropName="checked">
              <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('sla.fields.escalation')}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          {t('deskAdmin.sla.escalationHint')}
        </Typography.Text>
        <Form.List name={['escalation', 'levels']}>
          {(levels, { add, remove }) => (
            <div className="sla-levels">
              {levels.map((level, index) => (
                <div key={level.key} className="sla-levels__row" data-testid="escalation-level">
                  <span className="sla-levels__index">{t('deskAdmin.sla.level', { n: index + 1 })}</span>
                  <Form.Item
                    name={[level.name, 'afterBreachMinutes']}
                    label={index === 0 ? t('deskAdmin.sla.afterBreach') : undefined}
                    rules={[{ required: true }]}
                  >
                    <DurationInput />
                  </Form.Item>
                  <Form.Item
                    name={[level.name, 'notify']}
                    label={index === 0 ? t('sla.fields.notify') : undefined}
                    rules={[{ required: true }]}
                  >
                    <Select
                      style={{ width: 160 }}
                      options={ESCALATION_TARGETS.map((value) => ({ value, label: t(`sla.notify.${value}`) }))}
                    />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(level.name)} />
                </div>
              ))}
              {levels.length < 5 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({ afterBreachMinutes: levels.length === 0 ? 0 : 60, notify: levels.length === 0 ? 'team_lead' : 'it_manager' })
                  }
                >
                  {t('deskAdmin.sla.addLevel')}
                </Button>
              )}
            </div>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}
