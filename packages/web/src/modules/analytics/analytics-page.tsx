import { DownloadOutlined } from '@ant-design/icons';
import { ANALYTICS_GRANULARITIES, type AnalyticsGranularity } from '@shuyun/shared';
import { Alert, Button, Card, DatePicker, Empty, Flex, Segmented, Select, Skeleton, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useTeams } from '../org/api';
import { type AnalyticsKind, exportAnalytics, useEfficiency, useSatisfaction } from './api';
import { EfficiencyView } from './efficiency-view';
import { autoGranularity, type PageState, PRESETS, type Preset, pageParams, presetRange, readPageState } from './period';
import { SatisfactionView } from './satisfaction-view';
import './analytics-page.css';

/** Ticket analytics 工单分析: efficiency and satisfaction tabs over one range and team, kept in the address. */
export function AnalyticsPage() {
  const { t } = useTranslation();
  const { showError } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const state = readPageState(params);
  const { filter, tab } = state;
  const teams = useTeams();
  const efficiency = useEfficiency(filter, tab === 'efficiency');
  const satisfaction = useSatisfaction(filter, tab === 'satisfaction');
  const current = tab === 'efficiency' ? efficiency : satisfaction;
  const [exporting, setExporting] = useState(false);

  const update = (changes: Partial<PageState>, filterChanges: Partial<PageState['filter']> = {}) => {
    const next: PageState = { ...state, ...changes, filter: { ...filter, ...filterChanges } };
    setParams(pageParams(next));
  };
  const choosePreset = (preset: Preset) => {
    const range = presetRange(preset);
    update({ preset }, { ...range, granularity: autoGranularity(range.from, range.to) });
  };
  const onExport = () => {
    setExporting(true);
    exportAnalytics(tab, filter)
      .catch((error: unknown) => showError(error))
      .finally(() => setExporting(false));
  };

  const previous = current.data?.previous;
  return (
    <div className="analytics-page">
      <PageHeader
        title={t('analytics.pageTitle')}
        subtitle={t('analytics.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={onExport} data-testid="analytics-export">
            {t('analytics.export.button')}
          </Button>
        }
      />
      <Card variant="borderless" className="analytics-page__filters">
        <Flex gap={12} wrap align="center" data-testid="analytics-filters">
          <Segmented<Preset | 'custom'>
            value={state.preset ?? 'custom'}
            onChange={(value) => value !== 'custom' && choosePreset(value)}
            options={PRESETS.map((preset) => ({ value: preset, label: t(`analytics.presets.${preset}`) }))}
            data-testid="analytics-presets"
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(filter.from), dayjs(filter.to)]}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            onChange={(range) => {
              if (!range?.[0] || !range[1]) return;
              const from = range[0].format('YYYY-MM-DD');
              const to = range[1].format('YYYY-MM-DD');
              update({ preset: null }, { from, to, granularity: autoGranularity(from, to) });
            }}
            data-testid="analytics-range"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('analytics.allTeams')}
            value={filter.teamId}
            onChange={(teamId: number | undefined) => update({}, { teamId: teamId ?? undefined })}
            options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            style={{ width: 180 }}
            data-testid="analytics-team"
          />
          <Segmented<AnalyticsGranularity>
            value={filter.granularity}
            onChange={(granularity) => update({}, { granularity })}
            options={ANALYTICS_GRANULARITIES.map((g) => ({ value: g, label: t(`analytics.granularity.${g}`) }))}
          />
          {previous && (
            <span className="analytics-page__previous">{t('analytics.previousPeriod', { from: previous.from, to: previous.to })}</span>
          )}
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key as AnalyticsKind })}
        items={(['efficiency', 'satisfaction'] as const).map((key) => ({ key, label: t(`analytics.tabs.${key}`) }))}
        data-testid="analytics-tabs"
      />
      {current.isError ? (
        <Alert type="error" showIcon message={current.error.message} data-testid="analytics-error" />
      ) : !current.data ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <div className={current.isPlaceholderData ? 'analytics-page__body is-stale' : 'analytics-page__body'}>
          {tab === 'efficiency' && efficiency.data && <EfficiencyView report={efficiency.data} teamId={filter.teamId} />}
          {tab === 'satisfaction' && satisfaction.data && <SatisfactionView report={satisfaction.data} teamId={filter.teamId} />}
          {isEmpty(current.data.current) && <Empty description={t('analytics.noData')} />}
        </div>
      )}
    </div>
  );
}

function isEmpty(figures: object): boolean {
  return Object.values(figures).every((v) => v === 0 || v === null || (Array.isArray(v) && v.every((n) => n === 0)));
}
