import { InboxOutlined } from '@ant-design/icons';
import { DEMAND_KINDS } from '@shuyun/shared';
import { Button, Card, DatePicker, Form, Input, Select, Typography, Upload } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api-client';
import type { Attachment } from '../../app/api-types';
import { PageHeader } from '../../components/page-header';
import { useApiFeedback } from '../../components/use-api-feedback';
import { tx, useDivision, useSubmitDemand } from './api';

/** 提交需求 on the PC: system (with its analyst shown), kind, title, background, expected date, files. */
export function NewDemandPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const division = useDivision();
  const submit = useSubmitDemand();
  const { showError, showSuccess } = useApiFeedback();
  const [files, setFiles] = useState<Attachment[]>([]);
  const systemId = Form.useWatch('systemId', form) as number | undefined;
  const system = division.data?.items.find((s) => s.systemId === systemId);

  const onFinish = (values: { systemId: number; kind: string; title: string; background: string; expectedDate?: dayjs.Dayjs }) =>
    submit.mutate(
      { ...values, expectedDate: values.expectedDate?.format('YYYY-MM-DD') ?? null, attachmentIds: files.map((f) => f.id) },
      {
        onSuccess: (d) => {
          showSuccess(t('demands.form.submitted', { number: d.number }));
          navigate(`/demands/${d.id}`);
        },
        onError: (error) => showError(error, { form }),
      },
    );

  return (
    <div data-testid="demand-new-page">
      <PageHeader title={t('demands.form.title')} subtitle={t('demands.form.subtitle')} />
      <Card variant="borderless" style={{ maxWidth: 820 }}>
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: 'change' }}>
          <Form.Item
            name="systemId"
            label={t('demands.fields.system')}
            rules={[{ required: true }]}
            extra={
              system ? (
                system.analyst ? (
                  t('demands.form.systemHint', { name: system.analyst.name })
                ) : (
                  <Typography.Text type="warning">{t('demands.form.noAnalyst')}</Typography.Text>
                )
              ) : null
            }
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={division.isPending}
              options={(division.data?.items ?? []).map((s) => ({ value: s.systemId, label: s.systemName }))}
              data-testid="demand-system"
            />
          </Form.Item>
          <Form.Item name="kind" label={t('demands.fields.kind')} rules={[{ required: true }]}>
            <Select options={DEMAND_KINDS.map((k) => ({ value: k, label: tx(t, `demands.kinds.${k}`) }))} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="title" label={t('demands.fields.title')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} placeholder={t('demands.form.titlePlaceholder')} data-testid="demand-title" />
          </Form.Item>
          <Form.Item name="background" label={t('demands.fields.background')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea
              rows={6}
              maxLength={10000}
              placeholder={t('demands.form.backgroundPlaceholder')}
              data-testid="demand-background"
            />
          </Form.Item>
          <Form.Item name="expectedDate" label={t('demands.fields.expectedDate')}>
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label={t('demands.fields.attachments')}>
            <Upload.Dragger
              multiple
              customRequest={async ({ file, onSuccess, onError }) => {
                try {
                  const body = new FormData();
                  body.append('file', file as Blob);
                  const saved = await api<Attachment>('/api/files', { method: 'POST', body });
                  setFiles((list) => [...list, saved]);
                  onSuccess?.(saved);
                } catch (error) {
                  showError(error);
                  onError?.(error as Error);
                }
              }}
              onRemove={(file) => setFiles((list) => list.filter((f) => f.id !== (file.response as Attachment | undefined)?.id))}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{t('files.dropHint')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="demand-submit">
            {t('demands.form.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
