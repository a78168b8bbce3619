import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, List, Row, Skeleton, Space, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../../app/api-client';
import type { TimelineEntry } from '../../app/api-types';
import { FormModal } from '../../components/form-modal';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { Timeline } from '../../components/timeline';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type AssetDetail, assetKeys, tx, useAsset, useAssetOperation, useAssetSave } from './api';
import { AssetFields, assetFormValues, toAssetBody } from './asset-fields';
import { OperationModal } from './operation-modal';
import { AssetStatusTag } from './status-tag';

const money = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `¥${v.toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`;

/** Timeline values the payload keeps as codes (disposal method, data wiped) in the reader's words. */
export function assetTimelineExtras(t: TFunction) {
  return (entry: TimelineEntry) => {
    const e = entry.event as Record<string, unknown>;
    if (e.kind !== 'assetDisposed') return undefined;
    return {
      values: { method: tx(t, `assets.disposalMethods.${String(e.method)}`), dataWiped: tx(t, e.dataWiped ? 'common.yes' : 'common.no') },
    };
  };
}

/** One asset: its fields, net value, what it waits for, the operations the caller may take, history and tickets. */
export function AssetPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const asset = useAsset(id);
  const [operation, setOperation] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  if (asset.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (asset.isError) {
    if (isApiError(asset.error) && (asset.error.status === 404 || asset.error.status === 400)) return <NotFoundResult />;
    return <LoadFailedResult message={asset.error.message} onRetry={() => asset.refetch()} />;
  }
  const a = asset.data;
  const operations = a.allowed.filter((op) => op !== 'edit');
  const primary = new Set(['receive', 'acceptTransfer', 'approveScrap', 'issue']);

  return (
    <div data-testid="asset-page">
      <PageHeader
        back={<Link to="/assets">{t('common.back')}</Link>}
        title={
          <Space>
            <span data-testid="asset-tag">{a.tag}</span>
            <span>{a.name}</span>
            <AssetStatusTag status={a.status} />
            {a.pending && <Tag color="gold">{tx(t, `assets.pendingTag.${a.pending}`)}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {a.allowed.includes('edit') && (
              <Button onClick={() => setEditing(true)} data-testid="asset-edit">
                {t('assets.operations.edit')}
              </Button>
            )}
            {operations.map((op) => (
              <Button
                key={op}
                type={primary.has(op) ? 'primary' : 'default'}
                danger={op === 'lose' || op === 'rejectScrap' || op === 'declineTransfer'}
                onClick={() => setOperation(op)}
                data-testid={`op-${op}`}
              >
                {tx(t, `assets.operations.${op}`)}
              </Button>
            ))}
          </Space>
        }
      />
      {a.pendingAction && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="asset-pending"
          message={
            a.pendingAction.kind === 'scrap'
              ? t('assets.detail.waitingScrap', { user: a.pendingAction.requestedBy?.name ?? '', reason: a.pendingAction.reason ?? '' })
              : t('assets.detail.waiting', {
                  pending: tx(t, `assets.pending.${a.pendingAction.kind}`),
                  user: a.pendingAction.user?.name ?? '',
                })
          }
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={t('assets.detail.basics')} variant="borderless" style={{ marginBottom: 16 }}>
            <Descriptions column={2} size="small" data-testid="asset-fields">
              <Descriptions.Item label={t('assets.fields.category')}>{a.category.name}</Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.model')}>{a.model ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.serialNo')}>{a.serialNo ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.vendor')}>{a.vendor ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.purchaseDate')}>{a.purchaseDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.purchasePrice')}>{money(a.purchasePrice)}</Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.netValue')}>
                <span data-testid="asset-net-value">{money(a.netValue)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.warrantyEnd')}>{a.warrantyEnd ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.custodian')}>
                <span data-testid="asset-custodian">{a.custodian?.name ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.department')}>{a.department?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.location')}>{a.location?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('assets.fields.system')}>{a.system?.name ?? '—'}</Descriptions.Item>
              {a.depreciation && (
                <Descriptions.Item label={t('assets.fields.depreciation')} span={2}>
                  {t('assets.detail.depreciationText', {
                    life: a.depreciation.usefulLifeMonths,
                    rate: Math.round(a.depreciation.residualRate * 10000) / 100,
                    used: a.depreciation.monthsUsed,
                    monthly: money(a.depreciation.monthly),
                  })}
                </Descriptions.Item>
              )}
              {a.note && (
                <Descriptions.Item label={t('assets.fields.note')} span={2}>
                  {a.note}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title={t('assets.detail.tickets')} variant="borderless" extra={a.allowed.includes('edit') && <LinkTicket assetId={a.id} />}>
            {a.tickets.length ? (
              <List
                size="small"
                dataSource={a.tickets}
                renderItem={(ticket) => (
                  <List.Item>
                    <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link> {ticket.title}
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assets.detail.noTickets')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('assets.detail.history')} variant="borderless">
            <Timeline recordType="asset" recordId={a.id} extras={assetTimelineExtras(t as unknown as TFunction)} />
          </Card>
        </Col>
      </Row>
      {operation && <OperationModal asset={a} operation={operation} onClose={() => setOperation(null)} />}
      {editing && <EditAssetModal asset={a} onClose={() => setEditing(false)} />}
    </div>
  );
}

/** Links a ticket by its number (asset admins); the server checks the caller may see it. */
function LinkTicket({ assetId }: { assetId: number }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const run = useAssetOperation(assetId);
  const { showError, showSuccess } = useApiFeedback();
  return (
    <Input.Search
      size="small"
      style={{ width: 300 }}
      value={number}
      onChange={(e) => setNumber(e.target.value)}
      placeholder={t('assets.detail.linkPlaceholder')}
      enterButton={t('assets.detail.linkTicket')}
      loading={run.isPending}
      data-testid="asset-link-ticket"
      onSearch={(value) => {
        if (!value.trim()) return;
        run.mutate(
          { path: 'tickets', body: { number: value.trim() } },
          {
            onSuccess: () => {
              setNumber('');
              showSuccess(t('assets.detail.done'));
            },
            onError: (error) => showError(error),
          },
        );
      }}
    />
  );
}

function EditAssetModal({ asset, onClose }: { asset: AssetDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { showError, showSuccess } = useApiFeedback();
  const save = useAssetSave((body: Record<string, unknown>) => api(`/api/assets/${asset.id}`, { method: 'PATCH', body }));
  return (
    <FormModal
      title={`${t('assets.operations.edit')} · ${asset.tag}`}
      width={760}
      form={form}
      saving={save.isPending}
      issues={[]}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={assetFormValues(asset)}
        onFinish={(values) =>
          save.mutate(
            { ...toAssetBody(values, 'null'), version: asset.version },
            {
              onSuccess: () => {
                showSuccess(t('common.saved'));
                onClose();
              },
              onError: (error) => showError(error, { form, refetch: [assetKeys.detail(asset.id)] }),
            },
          )
        }
      >
        <AssetFields requireLocation={false} />
      </Form>
    </FormModal>
  );
}
