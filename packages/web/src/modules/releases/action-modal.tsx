import { DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type ReleaseDetail, releaseKeys, tx, useReleaseAction } from './api';

/** The actions that ask for something (a comment, a note, a result) before they are taken. */
export type DialogAction = 'approve' | 'reject' | 'succeed' | 'fail' | 'accept' | 'acceptanceFailed' | 'remark';

interface Values {
  comment?: string;
  note?: string;
  executedAt?: Dayjs;
  rolledBack?: boolean;
  result?: 'passed' | 'failed';
}

const TITLES: Record<DialogAction, string> = {
  approve: 'releases.dialogs.approveTitle',
  reject: 'releases.dialogs.rejectTitle',
  succeed: 'releases.dialogs.succeedTitle',
  fail: 'releases.dialogs.failTitle',
  accept: 'releases.dialogs.acceptTitle',
  acceptanceFailed: 'releases.dialogs.acceptTitle',
  remark: 'releases.dialogs.remarkTitle',
};
const HINTS: Partial<Record<DialogAction, string>> = {
  succeed: 'releases.dialogs.succeedHint',
  fail: 'releases.dialogs.failHint',
  accept: 'releases.dialogs.acceptHint',
};

/** Builds the request for an action from the dialog's values. */
function request(action: DialogAction, r: ReleaseDetail, v: Values): { path: string; body: Record<string, unknown> } {
  const version = r.version;
  switch (action) {
    case 'approve':
    case 'reject':
      return { path: action, body: { version, ...(v.comment?.trim() ? { comment: v.comment } : {}) } };
    case 'succeed':
      return { path: 'succeed', body: { version, executedAt: v.executedAt?.toISOString(), ...(v.note?.trim() ? { note: v.note } : {}) } };
    case 'fail':
      return { path: 'fail', body: { version, executedAt: v.executedAt?.toISOString(), note: v.note ?? '', rolledBack: !!v.rolledBack } };
    case 'accept':
    case 'acceptanceFailed':
      return { path: 'acceptance', body: { version, result: action === 'accept' ? 'passed' : 'failed', comment: v.comment ?? '' } };
    case 'remark':
      return { path: 'remarks', body: { result: v.result ?? 'passed', comment: v.comment ?? '' } };
  }
}

export function ReleaseActionModal({ action, release, onClose }: { action: DialogAction; release: ReleaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const run = useReleaseAction(release.id);
  const { showError, showSuccess } = useApiFeedback();
  const commentRequired = action !== 'approve';
  const hint = HINTS[action];

  const onFinish = (v: Values) =>
    run.mutate(request(action, release, v), {
      onSuccess: () => {
        showSuccess(tx(t, `releases.done.${action}`));
        onClose();
      },
      onError: (e) => showError(e, { form, refetch: [releaseKeys.detail(release.id)] }),
    });

  return (
    <Modal
      open
      title={tx(t, TITLES[action], { number: release.number })}
      okText={t('common.ok')}
      okButtonProps={{ danger: action === 'reject' || action === 'fail' || action === 'acceptanceFailed', id: 'release-dialog-ok' }}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {hint && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {tx(t, hint)}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ executedAt: dayjs(), rolledBack: true, result: action === 'acceptanceFailed' ? 'failed' : 'passed' }}
      >
        {(action === 'succeed' || action === 'fail') && (
          <Form.Item name="executedAt" label={t('releases.fields.executedAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        )}
        {action === 'fail' && (
          <Form.Item name="rolledBack" label={t('releases.fields.rolledBack')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t('releases.rolledBack.true') },
                { value: false, label: t('releases.rolledBack.false') },
              ]}
              data-testid="release-rolled-back"
            />
          </Form.Item>
        )}
        {action === 'remark' && (
          <Form.Item name="result" label={t('releases.fields.result')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'passed', label: t('releases.acceptanceResult.passed') },
                { value: 'failed', label: t('releases.acceptanceResult.failed') },
              ]}
            />
          </Form.Item>
        )}
        {action === 'succeed' || action === 'fail' ? (
          <Form.Item
            name="note"
            label={t('releases.fields.note')}
            rules={action === 'fail' ? [{ required: true, whitespace: true, message: t('releases.dialogs.noteRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={5000} data-testid="release-dialog-note" />
          </Form.Item>
        ) : (
          <Form.Item
            name="comment"
            label={t('releases.fields.comment')}
            rules={commentRequired ? [{ required: true, whitespace: true, message: t('releases.dialogs.commentRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="release-dialog-comment" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
