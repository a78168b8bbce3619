import { Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DayKind, DayOverride, Weekly } from './types';
import { intervalsText, WEEKDAY_KEYS } from './weekly';

interface DayForm {
  kind: DayKind | 'weekly';
  name: string;
}

interface Props {
  day: string;
  weekly: Weekly;
  current: DayOverride | undefined;
  saving: boolean;
  onSave: (override: DayOverride | null) => void;
  onClose: () => void;
}

/** One day of the year: as the weekly hours say, a holiday, or a make-up working day (only on a rest day). */
export function DayModal({ day, weekly, current, saving, onSave, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DayForm>();
  const kind = Form.useWatch('kind', form);
  const date = dayjs(day);
  const hours = weekly[date.day()] ?? [];
  const restDay = hours.length === 0;

  const onFinish = (values: DayForm) => {
    if (values.kind === 'weekly') onSave(null);
    else onSave({ day, kind: values.kind, name: values.name.trim() });
  };

  return (
    <Modal
      open
      title={`${date.format(t('deskAdmin.sla.dayTitleFormat'))} ${t(`sla.weekdays.${WEEKDAY_KEYS[date.day()] ?? 'sun'}`)}`}
      okText={t('common.save')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={460}
    >
      <Typography.Paragraph type="secondary">
        {restDay ? t('deskAdmin.sla.weeklyRest') : t('deskAdmin.sla.weeklyWorks', { hours: intervalsText(hours) })}
      </Typography.Paragraph>
      <Form<DayForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: current?.kind ?? 'weekly', name: current?.name ?? '' }}
      >
        <Form.Item name="kind" label={t('sla.fields.kind')}>
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            onChange={(event) => {
              const next = event.target.value as DayForm['kind'];
              if (next !== 'weekly' && !form.getFieldValue('name')) form.setFieldValue('name', t(`sla.dayKinds.${next}`));
            }}
            options={[
              { value: 'weekly', label: t('deskAdmin.sla.kindWeekly') },
              { value: 'holiday', label: t('sla.dayKinds.holiday') },
              {
                value: 'workday',
                label: restDay ? t('sla.dayKinds.workday') : t('deskAdmin.sla.workdayOnlyOnRest'),
                disabled: !restDay && current?.kind !== 'workday',
              },
            ]}
          />
        </Form.Item>
        {kind && kind !== 'weekly' && (
          <Form.Item
            name="name"
            label={t('deskAdmin.sla.dayName')}
            extra={t('deskAdmin.sla.dayNameHint')}
            rules={[{ required: true, whitespace: true, max: 40 }]}
            style={{ marginBottom: 0 }}
          >
            <Input data-testid="day-name" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
