import { DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { knowledgeKeys, useConfirmReview } from './api';

/** The owner confirms an article is still right and picks the next review-by date (a year on by default). */
export function ConfirmReviewModal({ article, onClose }: { article: { id: number; version: number; title: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reviewBy: Dayjs }>();
  const confirm = useConfirmReview();
  const { showError, showSuccess } = useApiFeedback();
  return (
    <Modal
      open
      title={`${t('knowledge.confirmReview')} · ${article.title}`}
      okText={t('knowledge.confirmReview')}
      okButtonProps={{ 'data-testid': 'confirm-review-ok' } as never}
      confirmLoading={confirm.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reviewBy: dayjs().add(1, 'year') }}
        onFinish={({ reviewBy }) =>
          confirm.mutate(
            { id: article.id, version: article.version, reviewBy: reviewBy.format('YYYY-MM-DD') },
            {
              onSuccess: () => {
                showSuccess(t('knowledge.done.confirmReview'));
                onClose();
              },
              onError: (error) => showError(error, { form, refetch: [knowledgeKeys.all] }),
            },
          )
        }
      >
        <Form.Item
          name="reviewBy"
          label={t('knowledge.nextReviewBy')}
          rules={[{ required: true }]}
          extra={t('knowledge.confirmReviewHint')}
        >
          <DatePicker disabledDate={(d) => !d.isAfter(dayjs(), 'day')} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
