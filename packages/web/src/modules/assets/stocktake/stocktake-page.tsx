import { DownloadOutlined } from '@ant-design/icons';
import type { StocktakeResult } from '@shuyun/shared';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Result,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { download, isApiError } from '../../../app/api-client';
import { formatDateTime, useLabels } from '../../../app/i18n';
import { PageHeader } from '../../../components/page-header';
import { Timeline } from '../../../components/timeline';
import { useApiFeedback } from '../../../components/use-api-feedback';
import {
  type LineFilter,
  type StocktakeDetail,
  type StocktakeLine,
  useApply,
  useApplyLine,
  useResetLine,
  useStocktake,
  useStocktakeAction,
  useStocktakeLines,
} from './api';
import { percentDone, RESULT_COLORS, STATUS_COLORS } from './format';

const FILTERS: (LineFilter | 'all')[] = ['all', 'anomalies', 'pending', 'found', 'wrong_location', 'wrong_user', 'surplus', 'missing'];
const APPLICABLE: StocktakeResult[] = ['missing', 'wrong_location'];

/** A stocktake on the PC: scope, progress, results by kind, applying anomalies to the register, export, activity. */
export function StocktakePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const detail = useStocktake(id);
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (detail.isError)
    return (
      <Result
        status={isApiError(detail.error) && detail.error.status === 404 ? '404' : 'error'}
        title={detail.error.message}
        extra={<Link to="/stocktakes">{t('stocktake.list')}</Link>}
      />
    );
  return <StocktakeView st={detail.data} />;
}

function StocktakeView({ st }: { st: StocktakeDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiFeedback();
  const { locale } = useLabels();
  const list = (items: { name?: string; displayName?: string }[]) =>
    items.map((i) => i.name ?? i.displayName).join(locale === 'zh-CN' ? '、' : ', ');
  const [filter, setFilter] = useState<LineFilter | 'all'>(st.status === 'completed' ? 'anomalies' : 'all');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const lines = useStocktakeLines(st.id, { result: filter === 'all' ? undefined : filter, page, pageSize: 50 });
  const action = useStocktakeAction(st.id);
  const apply = useApply(st.id);
  const applyLine = useApplyLine(st.id);
  const reset = useResetLine(st.id);
  const p = st.progress;

  const run = async (name: 'start' | 'complete' | 'cancel') => {
    try {
      await action.mutateAsync({ action: name, version: st.version });
    } catch (error) {
      showError(error);
    }
  };
  const applyMany = async (ids?: number[]) => {
    try {
      const result = await apply.mutateAsync(ids);
      setSelected([]);
      if (result.conflicts.length)
        message.warning(
          t('stocktake.appliedWithConflicts', {
            count: result.applied,
            conflicts: result.conflicts.length,
            tags: list(result.conflicts.map((c) => ({ name: c.tag }))),
          }),
        );
      else message.success(t('stocktake.applied', { count: result.applied }));
    } catch (error) {
      showError(error);
    }
  };
  const canApply = (line: StocktakeLine) =>
    st.isOwner && st.status === 'completed' && APPLICABLE.includes(line.result) && !!line.assetId && !line.appliedAt;

  const stat = (key: keyof typeof p, target?: LineFilter) => (
    <Col xs={12} sm={8} md={4} key={key}>
      <Card
        size="small"
        hoverable={!!target}
        onClick={
          target
            ? () => {
                setFilter(target);
                setPage(1);
              }
            : undefined
        }
        data-testid={`stat-${key}`}
      >
        <Statistic title={t(`stocktake.progress.${key}`)} value={p[key]} />
      </Card>
    </Col>
  );

  return (
    <>
      <PageHeader
        back={<Link to="/stocktakes">{t('stocktake.list')}</Link>}
        title={
          <Space>
            {st.name}
            <Tag color={STATUS_COLORS[st.status]} data-testid="status">
              {t(`stocktake.status.${st.status}`)}
            </Tag>
          </Space>
        }
        subtitle={st.number}
        extra={
          <Space>
            {st.isOwner && st.status === 'draft' ? (
              <Popconfirm title={t('stocktake.confirm.start')} onConfirm={() => run('start')}>
                <Button type="primary" loading={action.isPending}>
                  {t('stocktake.actions.start')}
                </Button>
              </Popconfirm>
            ) : null}
            {st.isOwner && st.status === 'in_progress' ? (
              <Popconfirm title={t('stocktake.confirm.complete')} onConfirm={() => run('complete')}>
                <Button type="primary" loading={action.isPending}>
                  {t('stocktake.actions.complete')}
                </Button>
              </Popconfirm>
            ) : null}
            {st.isOwner && (st.status === 'draft' || st.status === 'in_progress') ? (
              <Popconfirm title={t('stocktake.confirm.cancel')} onConfirm={() => run('cancel')}>
                <Button danger>{t('stocktake.actions.cancel')}</Button>
              </Popconfirm>
            ) : null}
            {st.status !== 'draft' ? (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  download(`/api/stocktakes/${st.id}/export`, filter === 'all' ? undefined : { result: filter }, 'stocktake.xlsx').catch(
                    showError,
                  )
                }
              >
                {t('stocktake.actions.export')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('stocktake.categories')}>{list(st.categories) || t('stocktake.scopeAll')}</Descriptions.Item>
          <Descriptions.Item label={t('stocktake.departments')}>{list(st.departments) || t('stocktake.scopeAll')}</Descriptions.Item>
          <Descriptions.Item label={t('stocktake.locations')}>{list(st.locations) || t('stocktake.scopeAll')}</Descriptions.Item>
          <Descriptions.Item label={t('stocktake.counters')}>{list(st.counters)}</Descriptions.Item>
          <Descriptions.Item label={t('stocktake.dueDate')}>{st.dueDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('stocktake.owner')}>{st.owner.displayName}</Descriptions.Item>
        </Descriptions>
      </Card>
      {st.status !== 'draft' ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {stat('expected', 'all' as LineFilter)}
          {stat('found', 'found')}
          {stat('pending', 'pending')}
          {stat('wrongLocation', 'wrong_location')}
          {stat('wrongUser', 'wrong_user')}
          {stat('surplus', 'surplus')}
          {stat('missing', 'missing')}
          {stat('anomalies', 'anomalies')}
          {stat('applied')}
          <Col xs={24} md={12}>
            <Card size="small">
              <Typography.Text type="secondary">{t('stocktake.doneRate')}</Typography.Text>
              <div style={{ paddingTop: 8 }}>
                <Typography.Text strong style={{ fontSize: 24 }}>
                  {percentDone(p)}%
                </Typography.Text>
              </div>
            </Card>
          </Col>
        </Row>
      ) : null}
      {st.status !== 'draft' ? (
        <Card
          title={t('stocktake.columns.result')}
          style={{ marginBottom: 16 }}
          extra={
            st.isOwner && st.status === 'completed' ? (
              <Space>
                <Typography.Text type="secondary">{t('stocktake.applyHint')}</Typography.Text>
                <Popconfirm title={t('stocktake.confirm.apply')} onConfirm={() => applyMany(selected)} disabled={!selected.length}>
                  <Button disabled={!selected.length} loading={apply.isPending}>
                    {t('stocktake.actions.applyBulk')}
                  </Button>
                </Popconfirm>
                <Popconfirm title={t('stocktake.confirm.apply')} onConfirm={() => applyMany(undefined)}>
                  <Button type="primary" loading={apply.isPending} data-testid="apply-all">
                    {t('stocktake.actions.applyAll')}
                  </Button>
                </Popconfirm>
              </Space>
            ) : null
          }
        >
          <Segmented
            style={{ marginBottom: 12 }}
            value={filter}
            onChange={(v) => {
              setFilter(v as LineFilter | 'all');
              setPage(1);
            }}
            options={FILTERS.map((f) => ({ value: f, label: f === 'all' ? t('stocktake.filterAll') : t(`stocktake.result.${f}`) }))}
          />
          <Table<StocktakeLine>
            rowKey="id"
            size="middle"
            loading={lines.isFetching}
            dataSource={lines.data?.items}
            locale={{ emptyText: t('stocktake.noLines') }}
            rowSelection={
              st.isOwner && st.status === 'completed'
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys as number[]),
                    getCheckboxProps: (line) => ({ disabled: !canApply(line) }),
                  }
                : undefined
            }
            pagination={{ current: page, pageSize: 50, total: lines.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('stocktake.columns.tag'), dataIndex: 'tag', width: 120 },
              { title: t('stocktake.columns.asset'), dataIndex: 'assetName', render: (v: string | null) => v ?? '—' },
              {
                title: t('stocktake.columns.result'),
                dataIndex: 'result',
                width: 110,
                render: (r: StocktakeResult) => <Tag color={RESULT_COLORS[r]}>{t(`stocktake.result.${r}`)}</Tag>,
              },
              { title: t('stocktake.columns.expectedLocation'), dataIndex: ['expectedLocation', 'name'], render: (v?: string) => v ?? '—' },
              { title: t('stocktake.columns.scannedLocation'), dataIndex: ['scannedLocation', 'name'], render: (v?: string) => v ?? '—' },
              {
                title: t('stocktake.columns.custodian'),
                dataIndex: ['expectedCustodian', 'displayName'],
                render: (v?: string) => v ?? '—',
              },
              {
                title: t('stocktake.columns.scannedBy'),
                dataIndex: ['scannedBy', 'displayName'],
                width: 100,
                render: (v?: string) => v ?? '—',
              },
              {
                title: t('stocktake.columns.scannedAt'),
                dataIndex: 'scannedAt',
                width: 150,
                render: (v: string | null) => formatDateTime(v) || '—',
              },
              { title: t('stocktake.columns.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
              {
                title: '',
                width: 110,
                render: (_, line) =>
                  canApply(line) ? (
                    <Popconfirm
                      title={t('stocktake.confirm.apply')}
                      onConfirm={() =>
                        applyLine.mutateAsync(line.id).then(() => message.success(t('stocktake.applied', { count: 1 })), showError)
                      }
                    >
                      <Button size="small" type="link">
                        {t('stocktake.actions.apply')}
                      </Button>
                    </Popconfirm>
                  ) : line.appliedAt ? (
                    <Typography.Text type="secondary">{t('stocktake.progress.applied')}</Typography.Text>
                  ) : st.isOwner && st.status === 'in_progress' && line.result !== 'pending' ? (
                    <Button size="small" type="link" onClick={() => reset.mutateAsync(line.id).catch(showError)}>
                      {t('stocktake.actions.reset')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      ) : null}
      <Card title={t('stocktake.timeline')}>
        <Timeline
          recordType="stocktake"
          recordId={st.id}
          extras={(entry) =>
            entry.event.kind === 'stocktakeApplied'
              ? { values: { result: t(`stocktake.result.${String(entry.event.result) as StocktakeResult}`) } }
              : undefined
          }
        />
      </Card>
    </>
  );
}
