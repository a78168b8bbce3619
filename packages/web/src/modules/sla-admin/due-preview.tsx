import { ClockCircleOutlined } from '@ant-design/icons';
import { PRIORITIES } from '@shuyun/shared';
import { DatePicker, Flex, Form, Select, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../components/use-debounced';
import { usePolicies, usePreview } from './api';
import { DurationInput, useFormatMinutes } from './duration';
import type { Calendar } from './types';
import { inZone, todayIn, wallTimeToIso } from './zoned';

const WALL = 'YYYY-MM-DD HH:mm';

/** "What would the due time be": a start and a number of working minutes, answered by the server on the saved calendar. */
export function DuePreview({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const format = useFormatMinutes();
  const policies = usePolicies();
  const [start, setStart] = useState(`${todayIn(calendar.timeZone)} 09:00`);
  const [minutes, setMinutes] = useState<number | null>(480);
  const debouncedMinutes = useDebounced(minutes);
  const preview = usePreview(calendar.id, start ? wallTimeToIso(start, calendar.timeZone) : null, debouncedMinutes);
  const due = preview.data ? inZone(preview.data.dueAt, calendar.timeZone) : null;

  const targets = (policies.data ?? [])
    .filter((policy) => policy.calendarId === calendar.id && policy.active)
    .flatMap((policy) =>
      PRIORITIES.flatMap((priority) => [
        {
          value: `${policy.id}-${priority}-response`,
          minutes: policy.targets[priority].responseMinutes,
          label: `${policy.name} · ${priority} ${t('sla.clocks.response')} ${format(policy.targets[priority].responseMinutes)}`,
        },
        {
          value: `${policy.id}-${priority}-resolution`,
          minutes: policy.targets[priority].resolutionMinutes,
          label: `${policy.name} · ${priority} ${t('sla.clocks.resolution')} ${format(policy.targets[priority].resolutionMinutes)}`,
        },
      ]),
    );

  return (
    <div className="due-preview" data-testid="due-preview">
      <Form layout="vertical" component={false}>
        <Form.Item label={t('sla.fields.previewStart')} extra={t('deskAdmin.sla.zoneHint', { zone: calendar.timeZone })}>
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format={WALL}
            allowClear={false}
            value={dayjs(start, WALL)}
            onChange={(value) => value && setStart(value.format(WALL))}
            style={{ width: '100%' }}
            data-testid="preview-start"
          />
        </Form.Item>
        <Form.Item label={t('deskAdmin.sla.previewDuration')}>
          <DurationInput value={minutes} onChange={setMinutes} />
        </Form.Item>
        {targets.length > 0 && (
          <Form.Item label={t('deskAdmin.sla.fromPolicy')}>
            <Select
              placeholder={t('deskAdmin.sla.fromPolicyPlaceholder')}
              value={null}
              onChange={(value) => setMinutes(targets.find((target) => target.value === value)?.minutes ?? minutes)}
              options={targets.map(({ value, label }) => ({ value, label }))}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        )}
      </Form>
      <div className="due-preview__result">
        <Typography.Text type="secondary">{t('sla.fields.dueAt')}</Typography.Text>
        <Flex align="center" gap={8}>
          <ClockCircleOutlined />
          <span className="due-preview__value" data-testid="preview-due">
            {due ? due.format(t('deskAdmin.sla.dueFormat')) : '—'}
          </span>
          {preview.isFetching && <Spin size="small" />}
        </Flex>
        {due && (
          <Typography.Text type="secondary" className="due-preview__note">
            {t('deskAdmin.sla.previewNote', { minutes: format(debouncedMinutes ?? 0) })}
          </Typography.Text>
        )}
        {preview.isError && <Typography.Text type="danger">{preview.error.message}</Typography.Text>}
      </div>
    </div>
  );
}
