import type { DemandAction } from '@shuyun/shared';
import { Button, Dialog, ErrorBlock, List, NavBar, ProgressBar, Rate, Skeleton, Space, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { formatDateTime } from '../../app/i18n';
import { tx, useDemand, useDemandMutation } from './api';

/** One demand on the phone: the request and the evaluated solution; approve / reject / return, rate, cancel. */
export function DemandMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const demand = useDemand(id);
  const run = useDemandMutation(id);
  const [stars, setStars] = useState(0);

  if (demand.isPending) return <Skeleton.Paragraph lineCount={8} animated />;
  if (demand.isError) {
    const missing = isApiError(demand.error) && demand.error.status === 404;
    return (
      <>
        <NavBar onBack={() => navigate('/m/demands')}>{t('demands.mobile.title')}</NavBar>
        <ErrorBlock status={missing ? 'empty' : 'disconnected'} title={missing ? t('errors.notFound') : t('shell.loadFailed')} />
      </>
    );
  }
  const d = demand.data;
  const act = (action: DemandAction, body: Record<string, unknown> = {}) =>
    run.mutate(
      { path: action, body: { version: d.version, ...body } },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: tx(t, `demands.done.${action}`) }),
        onError: (error) => Toast.show({ icon: 'fail', content: error.message }),
      },
    );
  const withText = async (action: DemandAction, field: 'reason' | 'comment', placeholder: string) => {
    let text = '';
    const ok = await Dialog.confirm({
      title: tx(t, `demands.actions.${action}`),
      content: <TextArea placeholder={placeholder} maxLength={1000} rows={3} onChange={(v) => (text = v)} data-testid="m-demand-text" />,
    });
    if (ok) act(action, { [field]: text });
  };
  const can = (a: DemandAction) => d.allowed.includes(a);

  return (
    <div data-testid="demand-mobile">
      <NavBar onBack={() => navigate('/m/demands')}>{d.number}</NavBar>
      <List header={d.title}>
        <List.Item extra={<Tag color="primary">{tx(t, `demands.status.${d.status}`)}</Tag>}>{t('demands.fields.status')}</List.Item>
        <List.Item extra={d.system.name}>{t('demands.fields.system')}</List.Item>
        <List.Item extra={`${d.requester.name}${d.department ? ` · ${d.department.name}` : ''}`}>{t('demands.fields.requester')}</List.Item>
        <List.Item extra={formatDateTime(d.createdAt)}>{t('demands.fields.createdAt')}</List.Item>
        <List.Item extra={d.expectedDate ?? '—'}>{t('demands.fields.expectedDate')}</List.Item>
        <List.Item description={<div style={{ whiteSpace: 'pre-wrap' }}>{d.background}</div>}>{t('demands.fields.background')}</List.Item>
      </List>
      {d.solution && (
        <List header={t('demands.detail.evaluation')} data-testid="m-demand-solution">
          <List.Item extra={d.analyst?.name ?? '—'}>{t('demands.fields.analyst')}</List.Item>
          <List.Item extra={d.effortDays}>{t('demands.fields.effortDays')}</List.Item>
          <List.Item extra={d.plannedDate}>{t('demands.fields.plannedDate')}</List.Item>
          <List.Item extra={d.cost ?? '—'}>{t('demands.fields.cost')}</List.Item>
          <List.Item description={<div style={{ whiteSpace: 'pre-wrap' }}>{d.solution}</div>}>{t('demands.mobile.solution')}</List.Item>
        </List>
      )}
      {d.status === 'implementing' && (
        <List header={t('demands.fields.progress')}>
          <List.Item>
            <ProgressBar percent={d.progress} text />
          </List.Item>
        </List>
      )}
      {d.rating !== null && (
        <List header={t('demands.detail.ratingTitle')}>
          <List.Item description={d.ratingComment ?? ''}>
            <Rate readOnly value={d.rating} />
          </List.Item>
        </List>
      )}
      <Space direction="vertical" block style={{ padding: 12 }}>
        {can('approve') && (
          <Button
            block
            color="primary"
            loading={run.isPending}
            onClick={async () => {
              if (await Dialog.confirm({ content: t('demands.mobile.approveConfirm') })) act('approve');
            }}
            data-testid="m-demand-approve"
          >
            {t('demands.actions.approve')}
          </Button>
        )}
        {can('return') && (
          <Button
            block
            fill="outline"
            color="warning"
            onClick={() => withText('return', 'comment', t('demands.detail.commentPlaceholder'))}
            data-testid="m-demand-return"
          >
            {t('demands.actions.return')}
          </Button>
        )}
        {can('disapprove') && (
          <Button
            block
            fill="outline"
            color="danger"
            onClick={() => withText('disapprove', 'reason', t('demands.detail.reasonPlaceholder'))}
            data-testid="m-demand-disapprove"
          >
            {t('demands.actions.disapprove')}
          </Button>
        )}
        {can('rate') && (
          <div data-testid="m-demand-rate">
            <div style={{ marginBottom: 8 }}>{t('demands.detail.rateHint')}</div>
            <Rate value={stars} onChange={setStars} />
            <Button
              block
              color="primary"
              style={{ marginTop: 12 }}
              disabled={!stars}
              loading={run.isPending}
              onClick={() => act('rate', { rating: stars })}
              data-testid="m-demand-rate-submit"
            >
              {t('demands.actions.rate')}
            </Button>
          </div>
        )}
        {can('cancel') && (
          <Button
            block
            fill="outline"
            color="danger"
            onClick={async () => {
              if (await Dialog.confirm({ content: tx(t, 'demands.actions.cancel') })) act('cancel');
            }}
          >
            {t('demands.actions.cancel')}
          </Button>
        )}
      </Space>
    </div>
  );
}
