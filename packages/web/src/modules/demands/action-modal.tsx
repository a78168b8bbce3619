import type { DemandAction } from '@shuyun/shared';
import { DatePicker, Form, Input, InputNumber, Modal, Rate } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type DemandDetail, demandKeys, tx, useDemandMutation } from './api';

/** One step of the demand flow as a dialog: the fields the step needs, then the conditional write. */
export function DemandActionModal({ demand, action, onClose }: { demand: DemandDetail; action: DemandAction; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const mutation = useDemandMutation(demand.id);
  const { showError, showSuccess } = useApiFeedback();
  const submit = (values: Record<string, unknown>) => {
    const body: Record<string, unknown> = { version: demand.version, ...values };
    if (action === 'evaluate') body.plannedDate = (values.plannedDate as { format(f: string): string }).format('YYYY-MM-DD');
    if (body.comment === '' || body.comment === undefined) delete body.comment;
    mutation.mutate(
      { path: action, body },
      {
        onSuccess: () => {
          showSuccess(tx(t, `demands.done.${action}`));
          onClose();
        },
        onError: (error) => showError(error, { form, refetch: [demandKeys.detail(demand.id)] }),
      },
    );
  };
  const danger = action === 'reject' || action === 'disapprove' || action === 'cancel';
  return (
    <Modal
      open
      title={tx(t, action === 'evaluate' ? 'demands.detail.evaluateTitle' : `demands.actions.${action}`)}
      okText={tx(t, `demands.actions.${action}`)}
      okButtonProps={{ danger, ...({ 'data-testid': 'demand-action-ok' } as Record<string, string>) }}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={action === 'evaluate' ? 640 : 480}
      destroyOnHidden
    >
      <div style={{ marginBottom: 12 }}>
        {demand.number} · {demand.title}
      </div>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          action === 'evaluate'
            ? { solution: demand.solution ?? '', effortDays: demand.effortDays ?? undefined, cost: demand.cost ?? undefined }
            : {}
        }
      >
        {(action === 'reject' || action === 'disapprove') && (
          <Form.Item
            name="reason"
            label={t('demands.fields.reason')}
            rules={[{ required: true, whitespace: true, message: t('demands.detail.reasonPlaceholder') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} placeholder={t('demands.detail.reasonPlaceholder')} data-testid="demand-reason" />
          </Form.Item>
        )}
        {action === 'return' && (
          <Form.Item
            name="comment"
            label={t('demands.fields.comment')}
            rules={[{ required: true, whitespace: true, message: t('demands.detail.commentPlaceholder') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} placeholder={t('demands.detail.commentPlaceholder')} data-testid="demand-comment" />
          </Form.Item>
        )}
        {action === 'approve' && (
          <Form.Item name="comment" label={t('demands.detail.approveComment')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {action === 'evaluate' && (
          <>
            <Form.Item name="solution" label={t('demands.fields.solution')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={5} maxLength={10000} data-testid="demand-solution" />
            </Form.Item>
            <div style={{ display: 'flex', gap: 16 }}>
              <Form.Item name="effortDays" label={t('demands.fields.effortDays')} rules={[{ required: true }]}>
                <InputNumber min={0} step={0.5} precision={1} style={{ width: 160 }} data-testid="demand-effort" />
              </Form.Item>
              <Form.Item name="plannedDate" label={t('demands.fields.plannedDate')} rules={[{ required: true }]}>
                <DatePicker style={{ width: 170 }} data-testid="demand-planned" />
              </Form.Item>
              <Form.Item name="cost" label={t('demands.fields.cost')}>
                <InputNumber min={0} precision={2} style={{ width: 160 }} />
              </Form.Item>
            </div>
          </>
        )}
        {action === 'rate' && (
          <>
            <div style={{ marginBottom: 8 }}>{t('demands.detail.rateHint')}</div>
            <Form.Item name="rating" rules={[{ required: true }]}>
              <Rate data-testid="demand-rating" />
            </Form.Item>
            <Form.Item name="comment" label={t('demands.fields.ratingComment')}>
              <Input.TextArea rows={3} maxLength={1000} placeholder={t('demands.detail.ratingCommentPlaceholder')} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
