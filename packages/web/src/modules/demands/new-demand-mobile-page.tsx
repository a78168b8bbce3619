import { DEMAND_KINDS } from '@shuyun/shared';
import { Button, DatePicker, Form, Input, NavBar, Selector, TextArea, Toast } from 'antd-mobile';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { tx, useDivision, useSubmitDemand } from './api';

/** 提交需求 on the phone: system, kind, title, background and expected date. */
export function NewDemandMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const division = useDivision();
  const submit = useSubmitDemand();
  const [picking, setPicking] = useState(false);
  const [expected, setExpected] = useState<Date | null>(null);
  const [form] = Form.useForm();
  const onFinish = (values: { systemId: number[]; kind: string[]; title: string; background: string }) =>
    submit.mutate(
      {
        systemId: values.systemId[0],
        kind: values.kind[0],
        title: values.title,
        background: values.background,
        expectedDate: expected ? dayjs(expected).format('YYYY-MM-DD') : null,
      },
      {
        onSuccess: (d) => {
          Toast.show({ icon: 'success', content: t('demands.form.submitted', { number: d.number }) });
          navigate(`/m/demands/${d.id}`, { replace: true });
        },
        onError: (error) => Toast.show({ icon: 'fail', content: error.message }),
      },
    );
  return (
    <div data-testid="demand-new-mobile">
      <NavBar onBack={() => navigate('/m/demands')}>{t('demands.mobile.submit')}</NavBar>
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: ['change'] }}
        footer={
          <Button block type="submit" color="primary" loading={submit.isPending} data-testid="m-demand-submit">
            {t('demands.form.submit')}
          </Button>
        }
      >
        <Form.Item name="systemId" label={t('demands.fields.system')} rules={[{ required: true, message: t('validation.required') }]}>
          <Selector columns={2} options={(division.data?.items ?? []).map((s) => ({ value: s.systemId, label: s.systemName }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('demands.fields.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Selector columns={3} options={DEMAND_KINDS.map((k) => ({ value: k, label: tx(t, `demands.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('demands.fields.title')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={200} placeholder={t('demands.form.titlePlaceholder')} data-testid="m-demand-title" />
        </Form.Item>
        <Form.Item name="background" label={t('demands.fields.background')} rules={[{ required: true, message: t('validation.required') }]}>
          <TextArea rows={5} maxLength={10000} placeholder={t('demands.form.backgroundPlaceholder')} data-testid="m-demand-background" />
        </Form.Item>
        <Form.Item label={t('demands.fields.expectedDate')} onClick={() => setPicking(true)}>
          {expected ? dayjs(expected).format('YYYY-MM-DD') : t('demands.mobile.choose')}
        </Form.Item>
      </Form>
      <DatePicker
        visible={picking}
        onClose={() => setPicking(false)}
        min={new Date()}
        max={dayjs().add(3, 'year').toDate()}
        onConfirm={(v) => setExpected(v)}
      />
    </div>
  );
}
