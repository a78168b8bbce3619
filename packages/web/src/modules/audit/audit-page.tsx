import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { catalogues } from '@shuyun/shared';
import { Alert, Button, Card, DatePicker, Flex, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { download } from '../../app/api-client';
import type { AuditEntry, AuditVerifyResult } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { formatDateTime, useLabels } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type AuditFilters, useAuditLog, useVerifyAudit } from './api';
import { JsonDiff } from './json-diff';

// Both catalogues have the same keys; these are the actions and objects the server records.
const ACTIONS = Object.keys(catalogues['zh-CN'].audit.actions);
const OBJECTS = Object.keys(catalogues['zh-CN'].audit.objects);

function readFilters(params: URLSearchParams): AuditFilters {
  const positive = (name: string) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  return {
    actorId: positive('actorId'),
    action: params.get('action') ?? undefined,
    objectType: params.get('objectType') ?? undefined,
    objectId: params.get('objectId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    page: positive('page') ?? 1,
    pageSize: positive('pageSize') ?? 20,
  };
}

/** The auditor's view: filter by person, time, object and action; before/after per entry; export; chain check. */
export function AuditPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const log = useAuditLog(filters);
  const verify = useVerifyAudit();
  const { showError } = useApiFeedback();
  const [exporting, setExporting] = useState(false);
  const [verified, setVerified] = useState<AuditVerifyResult | null>(null);
  const [actorName, setActorName] = useState<string | null>(null);
  const [objectId, setObjectId] = useState(filters.objectId ?? '');

  const update = (changes: Partial<AuditFilters>) => {
    const next = { ...filters, page: 1, ...changes };
    const entries = Object.entries(next).filter(([, value]) => value !== undefined && value !== '' && value !== null);
    setParams(new URLSearchParams(entries.map(([key, value]) => [key, String(value)])));
  };

  const { page: _page, pageSize: _pageSize, ...exportFilters } = filters;
  const onExport = () => {
    setExporting(true);
    download('/api/audit/export', exportFilters, 'audit.xlsx')
      .catch((error: unknown) => showError(error))
      .finally(() => setExporting(false));
  };

  const onVerify = () => {
    verify.mutate(undefined, { onSuccess: setVerified, onError: (error) => showError(error) });
  };

  const range: [Dayjs, Dayjs] | null = filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;
  const hasFilters = Boolean(filters.actorId || filters.action || filters.objectType || filters.objectId || filters.from);

  if (log.isError) return <LoadFailedResult message={log.error.message} onRetry={() => log.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={log.data ? t('common.total', { count: log.data.total }) : undefined}
        extra={
          <>
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={onVerify} data-testid="audit-verify">
              {t('audit.verify')}
            </Button>
            {can('audit.export') && (
              <Button type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={onExport}>
                {t('common.export')}
              </Button>
            )}
          </>
        }
      />
      {verified && (
        <Alert
          type={verified.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerified(null) }}
          title={verified.ok ? t('audit.chainOk', { count: verified.checked }) : t('audit.chainBroken', { id: verified.brokenAt ?? '?' })}
          style={{ marginBottom: 16 }}
          data-testid="audit-verify-result"
        />
      )}
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <UserPicker
            value={filters.actorId ?? null}
            known={filters.actorId && actorName ? [{ id: filters.actorId, displayName: actorName }] : []}
            onChange={(actorId) => update({ actorId: actorId ?? undefined })}
            placeholder={t('audit.actor')}
            style={{ width: 200 }}
          />
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={range}
            onChange={(value) =>
              update({
                from: value?.[0]?.toISOString() ?? undefined,
                to: value?.[1]?.toISOString() ?? undefined,
              })
            }
            placeholder={[t('auditPages.from'), t('auditPages.to')]}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.objectType}
            onChange={(objectType) => update({ objectType: objectType ?? undefined })}
            placeholder={t('audit.object')}
            style={{ width: 160 }}
            options={OBJECTS.map((value) => ({ value, label: labels.auditObject(value) }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.action}
            onChange={(action) => update({ action: action ?? undefined })}
            placeholder={t('audit.action')}
            style={{ width: 180 }}
            options={ACTIONS.map((value) => ({ value, label: labels.auditAction(value) }))}
          />
          <Input.Search
            allowClear
            placeholder={t('auditPages.objectId')}
            value={objectId}
            onChange={(event) => setObjectId(event.target.value)}
            onSearch={(value) => update({ objectId: value.trim() || undefined })}
            style={{ width: 160 }}
          />
          {hasFilters && (
            <Button
              onClick={() => {
                setObjectId('');
                setParams(new URLSearchParams());
              }}
            >
              {t('common.reset')}
            </Button>
          )}
        </Flex>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={log.isFetching}
          dataSource={log.data?.items}
          scroll={{ x: 1100 }}
          data-testid="audit-table"
          expandable={{
            expandedRowRender: (entry) => <JsonDiff before={entry.before} after={entry.after} />,
            rowExpandable: (entry) => entry.before != null || entry.after != null,
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) => update({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
          }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 150, render: formatDateTime },
            {
              title: t('audit.actor'),
              dataIndex: 'actorName',
              width: 120,
              render: (name: string | null, entry) =>
                entry.actorId ? (
                  <Typography.Link
                    onClick={() => {
                      setActorName(name);
                      update({ actorId: entry.actorId ?? undefined });
                    }}
                  >
                    {name ?? entry.actorId}
                  </Typography.Link>
                ) : (
                  <Typography.Text type="secondary">{name ?? t('timeline.system')}</Typography.Text>
                ),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              width: 140,
              render: (action: string) => (
                <Tag color={action === 'auth.loginFailed' ? 'red' : action.startsWith('auth.') ? 'blue' : 'default'}>
                  {labels.auditAction(action)}
                </Tag>
              ),
            },
            {
              title: t('audit.object'),
              key: 'object',
              render: (_, entry) => (
                <span>
                  <Typography.Text type="secondary">{labels.auditObject(entry.objectType)}</Typography.Text>{' '}
                  {entry.objectLabel ?? entry.objectId ?? ''}
                </span>
              ),
            },
            { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
            {
              title: t('audit.userAgent'),
              dataIndex: 'userAgent',
              width: 220,
              ellipsis: { showTitle: false },
              render: (agent: string | null) => (
                <Tooltip title={agent} placement="topLeft">
                  {agent ?? '—'}
                </Tooltip>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
