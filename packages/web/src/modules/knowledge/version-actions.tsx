import { CheckOutlined, CloseOutlined, DeleteOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../app/auth';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type KnowledgeVersionDetail, useVersionAction, type VersionAction } from './api';

/** True when the signed-in reviewer wrote this version or owns the article (the server refuses their approval). */
export function isOwnWork(version: Pick<KnowledgeVersionDetail, 'author'>, ownerId: number | null | undefined, meId: number): boolean {
  return version.author?.id === meId || ownerId === meId;
}

/** Runs a version action; a refusal (e.g. reviewing one's own work) is explained by the server's message. */
export function useRunVersionAction() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiFeedback();
  const mutation = useVersionAction();
  const run = (
    version: Pick<KnowledgeVersionDetail, 'id' | 'version'>,
    action: VersionAction,
    options: { comment?: string | null; onDone?: (saved: KnowledgeVersionDetail) => void } = {},
  ) =>
    mutation.mutate(
      { id: version.id, action, version: version.version, comment: options.comment ?? null },
      {
        onSuccess: (saved) => {
          message.success(t(`knowledge.done.${action}`));
          options.onDone?.(saved);
        },
        onError: (error) => showError(error),
      },
    );
  return { run, isPending: mutation.isPending };
}

interface ReviewModalProps {
  version: Pick<KnowledgeVersionDetail, 'id' | 'version' | 'author' | 'title'>;
  action: 'approve' | 'reject';
  onClose: () => void;
  onDone?: (saved: KnowledgeVersionDetail) => void;
}

/** Approve (comment optional) or reject (comment required) a submitted version. */
export function ReviewModal({ version, action, onClose, onDone }: ReviewModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment: string }>();
  const { run, isPending } = useRunVersionAction();
  const reject = action === 'reject';
  return (
    <Modal
      open
      title={`${t(`knowledge.actions.${action}`)} · ${version.title}`}
      okText={t(`knowledge.actions.${action}`)}
      okButtonProps={{ danger: reject, 'data-testid': 'review-confirm' } as never}
      confirmLoading={isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {!reject && <Alert type="info" showIcon title={t('knowledge.review.approveHint')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={({ comment }) =>
          run(version, action, {
            comment: comment?.trim() || null,
            onDone: (saved) => {
              onClose();
              onDone?.(saved);
            },
          })
        }
      >
        <Form.Item
          name="comment"
          label={t('knowledge.reviewComment')}
          rules={reject ? [{ required: true, whitespace: true, message: t('knowledge.review.rejectComment') }] : []}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder={reject ? t('knowledge.review.rejectComment') : undefined}
            data-testid="review-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The buttons for what the caller may do with a working version: submit, withdraw, approve, reject, discard. */
export function VersionActionButtons({
  version,
  ownerId,
  onDone,
}: {
  version: KnowledgeVersionDetail;
  ownerId?: number | null;
  onDone?: (action: VersionAction, saved: KnowledgeVersionDetail) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { run, isPending } = useRunVersionAction();
  const [reviewing, setReviewing] = useState<'approve' | 'reject' | null>(null);
  const allowed = new Set(version.allowedActions);
  const act = (action: VersionAction) => run(version, action, { onDone: (saved) => onDone?.(action, saved) });
  const ownSubmitted = version.status === 'submitted' && can('knowledge.review') && isOwnWork(version, ownerId, me.id);
  return (
    <Space wrap data-testid="version-actions">
      {allowed.has('submit') && (
        <Button type="primary" icon={<SendOutlined />} loading={isPending} onClick={() => act('submit')} data-action="submit">
          {t('knowledge.actions.submit')}
        </Button>
      )}
      {allowed.has('approve') && (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => setReviewing('approve')} data-action="approve">
          {t('knowledge.actions.approve')}
        </Button>
      )}
      {allowed.has('reject') && (
        <Button danger icon={<CloseOutlined />} onClick={() => setReviewing('reject')} data-action="reject">
          {t('knowledge.actions.reject')}
        </Button>
      )}
      {allowed.has('withdraw') && (
        <Popconfirm title={t('knowledge.confirm.withdraw')} onConfirm={() => act('withdraw')}>
          <Button icon={<RollbackOutlined />} loading={isPending} data-action="withdraw">
            {t('knowledge.actions.withdraw')}
          </Button>
        </Popconfirm>
      )}
      {allowed.has('discard') && (
        <Popconfirm title={t('knowledge.confirm.discard')} okButtonProps={{ danger: true }} onConfirm={() => act('discard')}>
          <Button danger type="text" icon={<DeleteOutlined />} data-action="discard">
            {t('knowledge.actions.discard')}
          </Button>
        </Popconfirm>
      )}
      {ownSubmitted && <Alert type="warning" showIcon title={t('knowledge.errors.ownArticle')} banner style={{ padding: '2px 10px' }} />}
      {reviewing && (
        <ReviewModal
          version={version}
          action={reviewing}
          onClose={() => setReviewing(null)}
          onDone={(saved) => onDone?.(reviewing, saved)}
        />
      )}
    </Space>
  );
}
