import { RELEASE_RISKS } from '@shuyun/shared';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Skeleton, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, isApiError } from '../../app/api-client';
import type { Items } from '../../app/api-types';
import { formatDateTime } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { applyFieldErrors, useApiFeedback } from '../../components/use-api-feedback';
import { useSystems } from '../org/api';
import { type ReleaseDetail, tx, useDemandOptions, useRelease, useSaveRelease } from './api';

interface FormValues {
  systemId?: number;
  versionLabel?: string;
  title?: string;
  demandIds: number[];
  window?: [Dayjs, Dayjs];
  plan?: string;
  rollbackPlan?: string;
  risk: string;
}

function valuesOf(r: ReleaseDetail, copy: boolean): FormValues {
  return {
    systemId: r.system.id,
    versionLabel: r.versionLabel,
    title: r.title,
    // A copy re-plans the failed release: its demands are still implementing and free again.
    demandIds: r.demands.filter((d) => !copy || d.status === 'implementing').map((d) => d.id),
    window: copy ? undefined : [dayjs(r.windowStart), dayjs(r.windowEnd)],
    plan: r.plan,
    rollbackPlan: r.rollbackPlan,
    risk: r.risk,
  };
}

/** 发布申请: a new release, an edit of a draft/rejected one (/releases/:id/edit), or a copy of a failed one (?copy=). */
export function ReleaseFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const editId = Number(useParams().id ?? 0);
  const copyId = Number(useSearchParams()[0].get('copy') ?? 0);
  const source = useRelease(editId || copyId);
  const [form] = Form.useForm<FormValues>();
  const systemId = Form.useWatch('systemId', form);
  const window = Form.useWatch('window', form);
  const demandOptions = useDemandOptions(systemId, editId || undefined);
  const systems = useSystems();
  const save = useSaveRelease(editId || undefined);
  const { showError, showSuccess } = useApiFeedback();
  const [overlaps, setOverlaps] = useState<{ number: string }[]>([]);
  const loaded = !(editId || copyId) || source.isSuccess;

  useEffect(() => {
    if (source.data) form.setFieldsValue(valuesOf(source.data, !!copyId && !editId));
  }, [source.data, copyId, editId, form]);

  // Warn (never refuse) when the window overlaps another approved release of the same system.
  useEffect(() => {
    const [start, end] = window ?? [];
    if (!systemId || !start || !end) return setOverlaps([]);
    const query = { systemId, windowStart: start.toISOString(), windowEnd: end.toISOString(), releaseId: editId || undefined };
    let live = true;
    api<Items<{ number: string }>>('/api/releases/overlaps', { query })
      .then((r) => live && setOverlaps(r.items))
      .catch(() => live && setOverlaps([]));
    return () => {
      live = false;
    };
  }, [systemId, window, editId]);

  if (!loaded) {
    if (source.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
    if (isApiError(source.error) && source.error.status === 404) return <NotFoundResult />;
    return <LoadFailedResult message={source.error?.message ?? ''} onRetry={() => source.refetch()} />;
  }

  const onFinish = (v: FormValues) => {
    const body: Record<string, unknown> = {
      systemId: v.systemId,
      versionLabel: v.versionLabel,
      title: v.title,
      demandIds: v.demandIds ?? [],
      windowStart: v.window?.[0]?.toISOString(),
      windowEnd: v.window?.[1]?.toISOString(),
      plan: v.plan ?? '',
      rollbackPlan: v.rollbackPlan ?? '',
      risk: v.risk,
    };
    if (editId) body.version = source.data?.version;
    if (copyId && !editId) body.copiedFromId = copyId;
    save.mutate(body, {
      onSuccess: (r) => {
        showSuccess(editId ? t('releases.done.saved') : t('releases.done.created', { number: r.number }));
        navigate(`/releases/${r.id}`);
      },
      onError: (e) => {
        // The server names windowStart/windowEnd: both belong under the one window picker.
        if (isApiError(e))
          applyFieldErrors(
            form,
            e.issues.map((i) => (i.path === 'windowStart' || i.path === 'windowEnd' ? { ...i, path: 'window' } : i)),
          );
        showError(e);
      },
    });
  };

  const title = editId
    ? t('releases.editTitle')
    : copyId
      ? t('releases.copyTitle', { number: source.data?.number ?? '' })
      : t('releases.create');
  return (
    <div data-testid="release-form">
      <PageHeader back={<Link to={editId ? `/releases/${editId}` : '/releases'}>{t('common.back')}</Link>} title={title} />
      <Card variant="borderless" style={{ maxWidth: 920 }}>
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ demandIds: [], risk: 'medium' }}
          onFinish={onFinish}
          onValuesChange={(changed) => {
            if ('systemId' in changed) form.setFieldValue('demandIds', []);
          }}
        >
          <Space size="large" wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 260px' } }}>
            <Form.Item name="systemId" label={t('releases.fields.system')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={(systems.data ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
                data-testid="release-system"
              />
            </Form.Item>
            <Form.Item
              name="versionLabel"
              label={t('releases.fields.versionLabel')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input maxLength={60} placeholder={t('releases.placeholders.versionLabel')} data-testid="release-version" />
            </Form.Item>
          </Space>
          <Form.Item name="title" label={t('releases.fields.title')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input maxLength={200} placeholder={t('releases.placeholders.title')} data-testid="release-title" />
          </Form.Item>
          <Form.Item name="demandIds" label={t('releases.fields.demands')}>
            <Select
              mode="multiple"
              disabled={!systemId}
              placeholder={systemId ? t('releases.placeholders.demands') : t('releases.placeholders.chooseSystemFirst')}
              notFoundContent={systemId ? t('releases.noDemandOptions') : null}
              optionFilterProp="label"
              loading={demandOptions.isFetching}
              options={(demandOptions.data ?? []).map((d) => ({ value: d.id, label: `${d.number} ${d.title}（${d.requester.name}）` }))}
              data-testid="release-demands"
            />
          </Form.Item>
          <Space size="large" wrap align="start">
            <Form.Item name="window" label={t('releases.fields.window')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="release-window" />
            </Form.Item>
            <Form.Item name="risk" label={t('releases.fields.risk')}>
              <Radio.Group
                optionType="button"
                options={RELEASE_RISKS.map((r) => ({ value: r, label: tx(t, `releases.risk.${r}`) }))}
                data-testid="release-risk"
              />
            </Form.Item>
          </Space>
          {overlaps.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('releases.overlapWarning', { numbers: overlaps.map((o) => o.number).join('、') })}
              description={t('releases.overlapHint')}
              data-testid="release-overlap-warning"
            />
          )}
          <Form.Item name="plan" label={t('releases.fields.plan')}>
            <Input.TextArea rows={4} placeholder={t('releases.placeholders.plan')} data-testid="release-plan" />
          </Form.Item>
          <Form.Item name="rollbackPlan" label={t('releases.fields.rollbackPlan')}>
            <Input.TextArea rows={3} placeholder={t('releases.placeholders.rollbackPlan')} data-testid="release-rollback" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="release-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
          {source.data && copyId && !editId && (
            <div style={{ marginTop: 12, color: '#8c8c8c' }}>{`${source.data.number} · ${formatDateTime(source.data.windowStart)}`}</div>
          )}
        </Form>
      </Card>
    </div>
  );
}
