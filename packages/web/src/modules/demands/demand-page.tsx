import { ArrowLeftOutlined } from '@ant-design/icons';
import type { DemandAction } from '@shuyun/shared';
import { Button, Card, Col, Descriptions, Empty, Progress, Rate, Row, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../app/i18n';
import { Attachments } from '../../components/attachments';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { Timeline } from '../../components/timeline';
import { DemandActionModal } from './action-modal';
import { type DemandDetail, tx, useDemand } from './api';
import { DemandStatusTag } from './demands-page';
import { ImplementationCard } from './implementation-card';

const DANGER: DemandAction[] = ['reject', 'disapprove', 'cancel'];
const PRIMARY: DemandAction[] = ['accept', 'evaluate', 'approve', 'rate'];

/** The stage times as steps: submitted → accepted → evaluated → approved → released → delivered → closed. */
function StageSteps({ d }: { d: DemandDetail }) {
  const { t } = useTranslation();
  const stages: [string, string | null][] = [
    ['submitted', d.createdAt],
    ['accepted', d.acceptedAt],
    ['evaluated', d.evaluatedAt],
    ['approved', d.approvedAt],
    ['released', d.releasedAt],
    ['delivered', d.deliveredAt],
    ['closed', d.closedAt],
  ];
  const reached = stages.filter(([, at]) => at).length;
  return (
    <Steps
      size="small"
      current={reached - 1}
      status={d.status === 'rejected' || d.status === 'cancelled' ? 'error' : undefined}
      items={stages.map(([key, at]) => ({ title: tx(t, `demands.stages.${key}`), description: at ? formatDateTime(at) : '' }))}
    />
  );
}

/** 需求详情: the demand, the step buttons the caller may take, evaluation, implementation, releases, rating, files and history. */
export function DemandPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useDemand(id);
  const [action, setAction] = useState<DemandAction | null>(null);
  if (query.isError) {
    const status = (query.error as { status?: number }).status;
    return status === 404 ? <NotFoundResult /> : <LoadFailedResult message={query.error.message} onRetry={() => query.refetch()} />;
  }
  const d = query.data;
  if (!d) return <Card loading variant="borderless" />;
  const showImplementation = d.tasks.length > 0 || d.workLogs.length > 0 || d.tests.length > 0 || d.canImplement;
  return (
    <div data-testid="demand-page">
      <PageHeader
        back={
          <Link to="/demands">
            <ArrowLeftOutlined /> {t('demands.detail.back')}
          </Link>
        }
        title={
          <Space wrap>
            <span>{d.number}</span>
            <span>{d.title}</span>
            <DemandStatusTag status={d.status} />
            {d.overdue && <Tag color="red">{t('demands.list.overdue')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {d.allowed.map((a) => (
              <Button
                key={a}
                type={PRIMARY.includes(a) ? 'primary' : 'default'}
                danger={DANGER.includes(a)}
                onClick={() => setAction(a)}
                data-testid={`demand-action-${a}`}
              >
                {tx(t, `demands.actions.${a}`)}
              </Button>
            ))}
          </Space>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card variant="borderless">
          <StageSteps d={d} />
        </Card>
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Card variant="borderless" title={t('demands.detail.overview')}>
                <Descriptions column={{ xs: 1, md: 2 }} size="small">
                  <Descriptions.Item label={t('demands.fields.system')}>{d.system.name}</Descriptions.Item>
                  <Descriptions.Item label={t('demands.fields.kind')}>{tx(t, `demands.kinds.${d.kind}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('demands.fields.requester')}>
                    {d.requester.name}
                    {d.department ? ` · ${d.department.name}` : ''}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('demands.fields.createdAt')}>{formatDateTime(d.createdAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('demands.fields.analyst')}>{d.analyst?.name ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('demands.fields.supervisor')}>{d.supervisor?.name ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('demands.fields.expectedDate')}>{d.expectedDate ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('demands.fields.progress')}>
                    <Progress percent={d.progress} size="small" style={{ width: 160 }} format={(p) => `${p}%`} />
                  </Descriptions.Item>
                  {d.rejectReason && (d.status === 'rejected' || d.status === 'cancelled') && (
                    <Descriptions.Item label={t('demands.fields.rejectReason')} span={2}>
                      <Typography.Text type="danger">{d.rejectReason}</Typography.Text>
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('demands.fields.background')} span={2}>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{d.background}</Typography.Paragraph>
                  </Descriptions.Item>
                </Descriptions>
              </Card>
              <Card variant="borderless" title={t('demands.detail.evaluation')} data-testid="demand-evaluation">
                {d.solution ? (
                  <Descriptions column={{ xs: 1, md: 3 }} size="small">
                    <Descriptions.Item label={t('demands.fields.effortDays')}>{d.effortDays}</Descriptions.Item>
                    <Descriptions.Item label={t('demands.fields.plannedDate')}>{d.plannedDate}</Descriptions.Item>
                    <Descriptions.Item label={t('demands.fields.cost')}>{d.cost ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('demands.fields.solution')} span={3}>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{d.solution}</Typography.Paragraph>
                    </Descriptions.Item>
                  </Descriptions>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('demands.detail.noEvaluation')} />
                )}
              </Card>
              {showImplementation && <ImplementationCard demand={d} />}
              <Card variant="borderless" title={t('demands.detail.releases')} data-testid="demand-releases">
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={d.releases}
                  locale={{ emptyText: t('demands.detail.noReleases') }}
                  columns={[
                    { title: t('demands.fields.number'), render: (_, r) => <Link to={`/releases/${r.id}`}>{r.number}</Link>, width: 170 },
                    { title: t('demands.fields.title'), dataIndex: 'title', ellipsis: true },
                    { title: t('demands.detail.releaseVersion'), dataIndex: 'version', width: 100 },
                    { title: t('demands.detail.releaseWindow'), render: (_, r) => formatDateTime(r.windowStart), width: 150 },
                  ]}
                />
              </Card>
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              {(d.status === 'delivered' || d.status === 'closed') && (
                <Card variant="borderless" title={t('demands.detail.ratingTitle')} data-testid="demand-rating-card">
                  {d.rating ? (
                    <>
                      <Rate disabled value={d.rating} />
                      {d.ratingComment && <Typography.Paragraph style={{ marginTop: 8 }}>{d.ratingComment}</Typography.Paragraph>}
                    </>
                  ) : (
                    <Typography.Text type="secondary">
                      {d.status === 'closed' ? t('demands.notRated') : t('demands.detail.notYetRated')}
                    </Typography.Text>
                  )}
                </Card>
              )}
              <Card variant="borderless" title={t('demands.fields.attachments')}>
                <Attachments recordType="demand" recordId={d.id} />
              </Card>
              <Card variant="borderless" title={t('demands.detail.timeline')}>
                <Timeline recordType="demand" recordId={d.id} />
              </Card>
            </Space>
          </Col>
        </Row>
      </Space>
      {action && <DemandActionModal demand={d} action={action} onClose={() => setAction(null)} />}
    </div>
  );
}
