import { FAULT_IMPACT_KINDS, FAULT_SEVERITIES } from '@shuyun/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api-client';
import { PageHeader } from '../../components/page-header';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type FaultDetail, type FaultPrefill, tx, useFaultOptions, useFaultSettings, useInvalidateFaults } from './api';

interface Values {
  title: string;
  description?: string;
  severity: string;
  systemIds: number[];
  impactKind: string;
  impactUsers?: number | null;
  impactBusiness?: string;
  startedAt: Dayjs;
  detectedAt: Dayjs;
  teamId?: number | null;
  assigneeId?: number | null;
}

/** 登记故障, optionally from an incident (?incident=) or a failed release (?release=), prefilled from it. */
export function FaultNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const { showError, showSuccess } = useApiFeedback();
  const invalidate = useInvalidateFaults();
  const options = useFaultOptions();
  const settings = useFaultSettings();
  const incidentId = params.get('incident');
  const releaseId = params.get('release');
  const prefill = useQuery({
    queryKey: ['faults', 'prefill', incidentId, releaseId],
    queryFn: () => api<FaultPrefill>('/api/faults/prefill', { query: { incidentId, releaseId } }),
    enabled: !!(incidentId || releaseId),
    retry: false,
  });
  useEffect(() => {
    if (prefill.data) {
      form.setFieldsValue({
        title: prefill.data.title,
        description: prefill.data.description,
        systemIds: prefill.data.systemIds,
        ...(prefill.data.severity ? { severity: prefill.data.severity } : {}),
      });
    }
  }, [prefill.data, form]);
  const severity = Form.useWatch('severity', form);
  const create = useMutation({
    mutationFn: (v: Values) =>
      api<FaultDetail>('/api/faults', {
        method: 'POST',
        body: {
          ...v,
          description: v.description ?? '',
          impactBusiness: v.impactBusiness || null,
          startedAt: v.startedAt.toISOString(),
          detectedAt: v.detectedAt.toISOString(),
          ...(prefill.data?.source.type === 'incident' ? { incidentId: prefill.data.source.id } : {}),
          ...(prefill.data?.source.type === 'release' ? { releaseId: prefill.data.source.id } : {}),
        },
      }),
    onSuccess: (fault) => {
      invalidate();
      showSuccess(t('faults.form.created', { number: fault.number }));
      navigate(`/faults/${fault.id}`);
    },
    onError: (error) => showError(error, { form }),
  });
  const now = dayjs();
  const target = severity ? settings.data?.responseMinutes[severity as 'P1'] : undefined;

  return (
    <div data-testid="fault-new-page">
      <PageHeader title={t('faults.register')} back={<Link to="/faults">{t('common.back')}</Link>} />
      <Card variant="borderless" style={{ maxWidth: 960 }}>
        {prefill.data && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={
              prefill.data.source.type === 'incident'
                ? t('faults.form.fromIncident', { number: prefill.data.source.number })
                : t('faults.form.fromRelease', { number: prefill.data.source.number })
            }
          />
        )}
        {prefill.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={prefill.error.message} />}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ severity: 'P3', impactKind: 'outage', startedAt: now, detectedAt: now }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="title" label={t('faults.fields.title')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input maxLength={200} placeholder={t('faults.form.titlePlaceholder')} data-testid="fault-title" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="severity"
                label={t('faults.fields.severity')}
                extra={target ? t('faults.form.responseTarget', { severity, minutes: target }) : null}
              >
                <Radio.Group
                  optionType="button"
                  options={FAULT_SEVERITIES.map((s) => ({ value: s, label: s }))}
                  data-testid="fault-severity"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="impactKind" label={t('faults.fields.impactKind')}>
                <Radio.Group options={FAULT_IMPACT_KINDS.map((k) => ({ value: k, label: tx(t, `faults.impactKind.${k}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="systemIds" label={t('faults.fields.systems')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={options.data?.systems.map((s) => ({ value: s.id, label: s.name }))}
              data-testid="fault-systems"
            />
          </Form.Item>
          <Form.Item name="description" label={t('faults.fields.description')}>
            <Input.TextArea rows={4} maxLength={5000} placeholder={t('faults.form.descriptionPlaceholder')} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="startedAt"
                label={t('faults.fields.startedAt')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="detectedAt"
                label={t('faults.fields.detectedAt')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="impactUsers" label={t('faults.fields.impactUsers')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="impactBusiness" label={t('faults.fields.impactBusiness')}>
                <Input maxLength={1000} placeholder={t('faults.form.impactBusinessPlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="teamId" label={t('faults.fields.team')} extra={t('faults.form.teamHint')}>
                <Select allowClear options={options.data?.teams.map((s) => ({ value: s.id, label: s.name }))} data-testid="fault-team" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="assigneeId" label={t('faults.fields.assignee')}>
                <UserPicker allowClear />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="fault-submit">
              {t('common.submit')}
            </Button>
            <Button onClick={() => navigate('/faults')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
