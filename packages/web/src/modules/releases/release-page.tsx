import { Alert, App, Button, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import type { TimelineEntry } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { Timeline } from '../../components/timeline';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type DialogAction, ReleaseActionModal } from './action-modal';
import { type ReleaseDetail, releaseKeys, tx, useRelease, useReleaseAction } from './api';
import { ReleaseStatusTag, RiskTag } from './release-tags';

/** Timeline values kept as codes (rolled back, acceptance result) in the reader's words. */
function releaseTimelineExtras(t: TFunction) {
  return (entry: TimelineEntry) => {
    const e = entry.event as Record<string, unknown>;
    if (e.kind === 'releaseFailed')
      return { values: { note: `${String(e.note)}（${tx(t, `releases.rolledBack.${String(e.rolledBack)}`)}）` } };
    if (e.kind === 'releaseRemarked')
      return { values: { comment: `${tx(t, `releases.acceptanceResult.${String(e.result)}`)} · ${String(e.comment)}` } };
    return undefined;
  };
}

const Pre = ({ text }: { text: string }) =>
  text ? <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div> : <Typography.Text type="secondary">—</Typography.Text>;

/** One release: request, plans, demands, decisions, result and failure handling, acceptance records, activity. */
export function ReleasePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { can, me } = useAuth();
  const release = useRelease(id);
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const run = useReleaseAction(id);
  const { showError, showSuccess } = useApiFeedback();
  const { modal } = App.useApp();

  if (release.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (release.isError) {
    if (isApiError(release.error) && (release.error.status === 404 || release.error.status === 400)) return <NotFoundResult />;
    return <LoadFailedResult message={release.error.message} onRetry={() => release.refetch()} />;
  }
  const r: ReleaseDetail = release.data;
  const allowed = new Set(r.allowed);
  const confirmThen = (action: 'submit' | 'cancel') =>
    modal.confirm({
      title: tx(t, `releases.confirm.${action}`),
      okButtonProps: { danger: action === 'cancel' },
      onOk: () =>
        run.mutateAsync({ path: action, body: { version: r.version } }).then(
          () => showSuccess(tx(t, `releases.done.${action}`)),
          (e) => showError(e, { refetch: [releaseKeys.detail(id)] }),
        ),
    });

  const buttons: { key: string; primary?: boolean; danger?: boolean; onClick: () => void }[] = [];
  if (allowed.has('approve')) buttons.push({ key: 'approve', primary: true, onClick: () => setDialog('approve') });
  if (allowed.has('reject')) buttons.push({ key: 'reject', danger: true, onClick: () => setDialog('reject') });
  if (allowed.has('edit')) buttons.push({ key: 'edit', onClick: () => navigate(`/releases/${id}/edit`) });
  if (allowed.has('submit')) buttons.push({ key: 'submit', primary: true, onClick: () => confirmThen('submit') });
  if (allowed.has('succeed')) buttons.push({ key: 'succeed', primary: true, onClick: () => setDialog('succeed') });
  if (allowed.has('fail')) buttons.push({ key: 'fail', danger: true, onClick: () => setDialog('fail') });
  if (allowed.has('accept')) buttons.push({ key: 'accept', primary: true, onClick: () => setDialog('accept') });
  if (allowed.has('acceptanceFailed')) buttons.push({ key: 'acceptanceFailed', onClick: () => setDialog('acceptanceFailed') });
  if (allowed.has('remark')) buttons.push({ key: 'remark', primary: true, onClick: () => setDialog('remark') });
  if (allowed.has('registerFault'))
    buttons.push({ key: 'registerFault', danger: true, onClick: () => navigate(`/faults/new?release=${id}`) });
  if (allowed.has('copy')) buttons.push({ key: 'copy', onClick: () => navigate(`/releases/new?copy=${id}`) });
  if (allowed.has('cancel')) buttons.push({ key: 'cancel', danger: true, onClick: () => confirmThen('cancel') });

  const executed = ['succeeded', 'failed', 'accepted'].includes(r.status);
  const ownPending = r.status === 'pending_approval' && can('release.approve') && r.requester.id === me?.id;

  return (
    <div data-testid="release-page">
      <PageHeader
        back={<Link to={can('release.read') ? '/releases' : '/'}>{t('common.back')}</Link>}
        title={
          <Space wrap>
            <span data-testid="release-number">{r.number}</span>
            <span>{r.title}</span>
            <ReleaseStatusTag status={r.status} />
            <RiskTag risk={r.risk} />
          </Space>
        }
        extra={
          <Space wrap>
            {buttons.map((b) => (
              <Button
                key={b.key}
                type={b.primary ? 'primary' : 'default'}
                danger={b.danger}
                onClick={b.onClick}
                data-testid={`release-${b.key}`}
              >
                {tx(t, `releases.actions.${b.key}`)}
              </Button>
            ))}
          </Space>
        }
      />
      {r.overlaps.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('releases.overlapWarning', { numbers: r.overlaps.map((o) => o.number).join('、') })}
          description={
            <Space wrap>
              {r.overlaps.map((o) => (
                <Link
                  key={o.id}
                  to={`/releases/${o.id}`}
                >{`${o.number} ${o.title}（${formatDateTime(o.windowStart)} → ${formatDateTime(o.windowEnd)}）`}</Link>
              ))}
            </Space>
          }
          data-testid="release-overlaps"
        />
      )}
      {r.windowEnded && (r.status === 'draft' || r.status === 'rejected') && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('releases.windowEndedWarning')} />
      )}
      {ownPending && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('releases.ownReleaseHint')} />}
      {!can('release.read') && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('releases.readOnlyHint')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card variant="borderless" title={t('releases.sections.basics')}>
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('releases.fields.system')}>{r.system.name}</Descriptions.Item>
                <Descriptions.Item label={t('releases.fields.versionLabel')}>{r.versionLabel}</Descriptions.Item>
                <Descriptions.Item label={t('releases.fields.window')}>
                  <span style={{ whiteSpace: 'nowrap' }}>{`${formatDateTime(r.windowStart)} → ${formatDateTime(r.windowEnd)}`}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('releases.fields.requester')}>{r.requester.name}</Descriptions.Item>
                <Descriptions.Item label={t('releases.fields.approver')}>{r.approver?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('releases.fields.approvedAt')}>{formatDateTime(r.approvedAt) || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('releases.fields.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
                {r.copiedFrom && (
                  <Descriptions.Item label={t('releases.fields.copiedFrom')}>
                    <Link to={`/releases/${r.copiedFrom.id}`}>{r.copiedFrom.number}</Link>
                  </Descriptions.Item>
                )}
                {r.copies.length > 0 && (
                  <Descriptions.Item label={t('releases.fields.copies')}>
                    <Space wrap>
                      {r.copies.map((c) => (
                        <Link key={c.id} to={`/releases/${c.id}`}>{`${c.number}（${tx(t, `releases.status.${c.status}`)}）`}</Link>
                      ))}
                    </Space>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card variant="borderless" title={t('releases.sections.plans')}>
              <Descriptions column={1} size="small" layout="vertical">
                <Descriptions.Item label={t('releases.fields.plan')}>
                  <Pre text={r.plan} />
                </Descriptions.Item>
                <Descriptions.Item label={t('releases.fields.rollbackPlan')}>
                  <Pre text={r.rollbackPlan} />
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card variant="borderless" title={`${t('releases.sections.demands')}（${r.demands.length}）`}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={r.demands}
                locale={{ emptyText: t('releases.noDemands') }}
                columns={[
                  {
                    title: t('releases.fields.number'),
                    dataIndex: 'number',
                    width: 160,
                    render: (v: string, d) => <Link to={`/demands/${d.id}`}>{v}</Link>,
                  },
                  { title: t('releases.fields.title'), dataIndex: 'title' },
                  { title: t('releases.fields.requester'), width: 110, render: (_: unknown, d) => d.requester?.name ?? '—' },
                  {
                    title: t('releases.fields.status'),
                    width: 110,
                    render: (_: unknown, d) => <Tag>{tx(t, `releases.demandStatus.${d.status}`)}</Tag>,
                  },
                ]}
                data-testid="release-demands-table"
              />
            </Card>
            {executed && (
              <Card
                variant="borderless"
                title={
                  r.status === 'failed'
                    ? `${t('releases.sections.result')} · ${t('releases.failureHandling')}`
                    : t('releases.sections.result')
                }
                data-testid="release-result"
              >
                <Descriptions column={{ xs: 1, md: 2 }} size="small">
                  <Descriptions.Item label={t('releases.fields.status')}>
                    <ReleaseStatusTag status={r.status} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('releases.fields.executedAt')}>{formatDateTime(r.executedAt) || '—'}</Descriptions.Item>
                  {r.status === 'failed' && (
                    <Descriptions.Item label={t('releases.fields.rolledBack')}>
                      <Tag color={r.rolledBack ? 'blue' : 'orange'}>{tx(t, `releases.rolledBack.${r.rolledBack}`)}</Tag>
                    </Descriptions.Item>
                  )}
                  {r.status === 'failed' && (
                    <Descriptions.Item label={t('releases.fields.fault')}>
                      {r.fault ? (
                        <Link to={`/faults/${r.fault.id}`} data-testid="release-fault">
                          {r.fault.title ? `${r.fault.number} ${r.fault.title}` : r.fault.number}
                        </Link>
                      ) : (
                        <Typography.Text type="secondary">{t('releases.noFault')}</Typography.Text>
                      )}
                    </Descriptions.Item>
                  )}
                  {r.acceptedAt && (
                    <Descriptions.Item label={t('releases.fields.acceptedAt')}>{formatDateTime(r.acceptedAt)}</Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('releases.fields.resultNote')} span={2}>
                    <Pre text={r.resultNote ?? ''} />
                  </Descriptions.Item>
                </Descriptions>
              </Card>
            )}
            {(executed || r.acceptances.length > 0) && (
              <Card variant="borderless" title={t('releases.sections.acceptance')} data-testid="release-acceptances">
                {r.acceptances.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('releases.noAcceptances')} />
                ) : (
                  <List
                    dataSource={r.acceptances}
                    renderItem={(a) => (
                      <List.Item>
                        <List.Item.Meta
                          title={
                            <Space wrap>
                              <span>{a.by.name}</span>
                              <Tag>{tx(t, `releases.acceptanceKind.${a.kind}`)}</Tag>
                              <Tag color={a.result === 'passed' ? 'green' : 'red'}>{tx(t, `releases.acceptanceResult.${a.result}`)}</Tag>
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {formatDateTime(a.at)}
                              </Typography.Text>
                            </Space>
                          }
                          description={<span style={{ whiteSpace: 'pre-wrap' }}>{a.comment}</span>}
                        />
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card variant="borderless" title={t('releases.sections.approvals')} data-testid="release-approvals">
              {r.approvals.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('releases.noApprovals')} />
              ) : (
                <List
                  size="small"
                  dataSource={r.approvals}
                  renderItem={(a) => (
                    <List.Item>
                      <List.Item.Meta
                        title={
                          <Space wrap>
                            <span>{a.by.name}</span>
                            <Tag color={a.decision === 'approved' ? 'green' : 'magenta'}>{tx(t, `releases.status.${a.decision}`)}</Tag>
                          </Space>
                        }
                        description={
                          <>
                            {a.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{a.comment}</div>}
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {formatDateTime(a.at)}
                            </Typography.Text>
                          </>
                        }
                      />
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <Card variant="borderless" title={t('releases.sections.timeline')}>
              <Timeline recordType="release" recordId={id} extras={releaseTimelineExtras(t)} />
            </Card>
          </Space>
        </Col>
      </Row>
      {dialog && <ReleaseActionModal action={dialog} release={r} onClose={() => setDialog(null)} />}
    </div>
  );
}
