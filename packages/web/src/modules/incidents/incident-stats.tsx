import { Card, Col, DatePicker, Empty, Progress, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useIncidentStats } from './api';
import { PriorityTag } from './tags';

/** Minutes as "42 分钟" or "3.5 小时". */
function useDuration() {
  const { t } = useTranslation();
  return (minutes: number | null) =>
    minutes === null
      ? '—'
      : minutes < 120
        ? t('incidents.stats.minutes', { value: minutes })
        : t('incidents.stats.hours', { value: (minutes / 60).toFixed(1) });
}

/** 统计: counts by priority and category over a range, MTTA and MTTR by priority; each count opens the list behind it. */
export function IncidentStatsPanel() {
  const { t } = useTranslation();
  const duration = useDuration();
  const [range, setRange] = useState({ from: dayjs().subtract(89, 'day').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD') });
  const stats = useIncidentStats(range);
  const drill = (extra: Record<string, string>) =>
    `/incidents?${new URLSearchParams({ occurredFrom: range.from, occurredTo: range.to, ...extra }).toString()}`;
  const max = Math.max(1, ...(stats.data?.byCategory.map((c) => c.count) ?? [1]));

  return (
    <div data-testid="incident-stats">
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>{t('incidents.list.occurredRange')}</Typography.Text>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range.from), dayjs(range.to)]}
          onChange={(r) => r?.[0] && r[1] && setRange({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })}
        />
      </Space>
      {stats.isPending ? (
        <Skeleton active />
      ) : !stats.data ? null : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={8}>
              <Card variant="borderless">
                <Statistic title={t('incidents.stats.total')} value={stats.data.total} />
              </Card>
            </Col>
            <Col span={8}>
              <Card variant="borderless">
                <Statistic title={t('incidents.stats.mtta')} value={duration(stats.data.mttaMinutes)} data-testid="incident-mtta" />
              </Card>
            </Col>
            <Col span={8}>
              <Card variant="borderless">
                <Statistic title={t('incidents.stats.mttr')} value={duration(stats.data.mttrMinutes)} data-testid="incident-mttr" />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={13}>
              <Card variant="borderless" title={t('incidents.stats.byPriority')}>
                <Table
                  rowKey="priority"
                  size="small"
                  pagination={false}
                  dataSource={stats.data.byPriority}
                  columns={[
                    { title: t('incidents.fields.priority'), render: (_: unknown, r) => <PriorityTag priority={r.priority} /> },
                    {
                      title: t('incidents.stats.count'),
                      align: 'right',
                      render: (_: unknown, r) => <Link to={drill({ priority: r.priority })}>{r.count}</Link>,
                    },
                    { title: 'MTTA', align: 'right', render: (_: unknown, r) => duration(r.mttaMinutes) },
                    { title: 'MTTR', align: 'right', render: (_: unknown, r) => duration(r.mttrMinutes) },
                  ]}
                />
              </Card>
            </Col>
            <Col span={11}>
              <Card variant="borderless" title={t('incidents.stats.byCategory')}>
                {stats.data.total === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.list.empty')} />
                ) : (
                  stats.data.byCategory
                    .filter((c) => c.count > 0)
                    .sort((a, b) => b.count - a.count)
                    .map((c) => (
                      <div key={c.category} style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 6 }}>
                        <span style={{ width: 90, whiteSpace: 'nowrap' }}>{t(`incidents.category.${c.category}`)}</span>
                        <Progress percent={(c.count / max) * 100} status="normal" showInfo={false} style={{ flex: 1, margin: 0 }} />
                        <Link to={drill({ category: c.category })} style={{ width: 32, textAlign: 'right' }}>
                          {c.count}
                        </Link>
                      </div>
                    ))
                )}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
