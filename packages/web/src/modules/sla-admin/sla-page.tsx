import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PRIORITIES, type Priority } from '@shuyun/shared';
import { Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useCalendars, usePolicies } from './api';
import { CalendarModal } from './calendar-modal';
import { useFormatMinutes } from './duration';
import { PolicyModal } from './policy-modal';
import type { Calendar, Policy } from './types';
import { useWeeklyText } from './use-weekly-text';
import './sla-admin.css';

type Tab = 'policies' | 'calendars';

/** SLA policies (targets per priority, warning, escalation) and the business calendars they count on. */
export function SlaPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'calendars' ? 'calendars' : 'policies';
  const canManage = can('sla.manage');
  const [editingPolicy, setEditingPolicy] = useState<Policy | 'new' | null>(null);
  const [creatingCalendar, setCreatingCalendar] = useState(false);
  const policies = usePolicies();

  return (
    <>
      <PageHeader
        title={t('deskAdmin.nav.sla')}
        subtitle={t('deskAdmin.sla.subtitle')}
        extra={
          canManage &&
          (tab === 'policies' ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditingPolicy('new')}>
              {t('deskAdmin.sla.newPolicy')}
            </Button>
          ) : (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreatingCalendar(true)}>
              {t('deskAdmin.sla.newCalendar')}
            </Button>
          ))
        }
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'policies' ? {} : { tab: key }, { replace: true })}
          items={[
            {
              key: 'policies',
              label: t('sla.policies'),
              children: <PoliciesTable canManage={canManage} onEdit={setEditingPolicy} />,
            },
            { key: 'calendars', label: t('sla.calendars'), children: <CalendarsTable /> },
          ]}
        />
      </Card>
      {editingPolicy && (
        <PolicyModal
          policy={editingPolicy === 'new' ? null : (policies.data?.find((p) => p.id === editingPolicy.id) ?? editingPolicy)}
          onClose={() => setEditingPolicy(null)}
        />
      )}
      {creatingCalendar && <CalendarModal onClose={() => setCreatingCalendar(false)} />}
    </>
  );
}

function PoliciesTable({ canManage, onEdit }: { canManage: boolean; onEdit: (policy: Policy) => void }) {
  const { t } = useTranslation();
  const policies = usePolicies();
  const format = useFormatMinutes();

  if (policies.isError) return <LoadFailedResult message={policies.error.message} onRetry={() => policies.refetch()} />;

  return (
    <Table<Policy>
      rowKey="id"
      loading={policies.isPending}
      dataSource={policies.data}
      pagination={false}
      data-testid="sla-policies"
      scroll={{ x: 1150 }}
      columns={[
        {
          title: t('common.name'),
          dataIndex: 'name',
          width: 190,
          render: (name: string, policy) => (
            <Space size={4} wrap>
              <span>{name}</span>
              {policy.isDefault && <Tag color="blue">{t('sla.fields.isDefault')}</Tag>}
              {!policy.active && <Tag>{t('common.inactive')}</Tag>}
            </Space>
          ),
        },
        { title: t('sla.fields.calendar'), dataIndex: 'calendarName', width: 120 },
        ...PRIORITIES.map((priority: Priority) => ({
          title: t(`deskAdmin.priorities.${priority}`),
          key: priority,
          width: 112,
          render: (_: unknown, policy: Policy) => (
            <div className="sla-target">
              <div>
                <Typography.Text type="secondary">{t('sla.clocks.response')}</Typography.Text>{' '}
                {format(policy.targets[priority].responseMinutes)}
              </div>
              <div>
                <Typography.Text type="secondary">{t('sla.clocks.resolution')}</Typography.Text>{' '}
                {format(policy.targets[priority].resolutionMinutes)}
              </div>
            </div>
          ),
        })),
        {
          title: t('sla.fields.warnRatio'),
          dataIndex: 'warnRatio',
          width: 84,
          align: 'right' as const,
          render: (ratio: number) => `${Math.round(ratio * 100)}%`,
        },
        {
          title: t('sla.fields.escalation'),
          key: 'escalation',
          width: 230,
          render: (_: unknown, policy: Policy) =>
            policy.escalation.levels.length === 0 ? (
              '—'
            ) : (
              <ol className="sla-escalation">
                {policy.escalation.levels.map((level, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: levels have no identity beyond their place in the chain
                  <li key={index}>
                    {level.afterBreachMinutes === 0
                      ? t('deskAdmin.sla.escalateAtBreach', { who: t(`sla.notify.${level.notify}`) })
                      : t('deskAdmin.sla.escalateAfter', { after: format(level.afterBreachMinutes), who: t(`sla.notify.${level.notify}`) })}
                  </li>
                ))}
              </ol>
            ),
        },
        ...(canManage
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 90,
                render: (_: unknown, policy: Policy) => (
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(policy)}>
                    {t('common.edit')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function CalendarsTable() {
  const { t } = useTranslation();
  const calendars = useCalendars();
  const weeklyText = useWeeklyText();

  if (calendars.isError) return <LoadFailedResult message={calendars.error.message} onRetry={() => calendars.refetch()} />;

  return (
    <Table<Calendar>
      rowKey="id"
      loading={calendars.isPending}
      dataSource={calendars.data}
      pagination={false}
      data-testid="sla-calendars"
      columns={[
        {
          title: t('common.name'),
          dataIndex: 'name',
          width: 220,
          render: (name: string, calendar) => (
            <Space size={4}>
              <Link to={`/admin/sla/calendars/${calendar.id}`}>{name}</Link>
              {calendar.isDefault && <Tag color="blue">{t('sla.fields.isDefault')}</Tag>}
            </Space>
          ),
        },
        { title: t('sla.fields.timeZone'), dataIndex: 'timeZone', width: 150 },
        { title: t('sla.fields.weekly'), key: 'weekly', render: (_, calendar) => weeklyText(calendar.weekly) },
        {
          title: t('deskAdmin.sla.yearsWithDays'),
          dataIndex: 'years',
          width: 180,
          render: (years: number[]) => (years.length ? years.map((year) => <Tag key={year}>{year}</Tag>) : '—'),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 110,
          render: (_, calendar) => <Link to={`/admin/sla/calendars/${calendar.id}`}>{t('deskAdmin.sla.openCalendar')}</Link>,
        },
      ]}
    />
  );
}
