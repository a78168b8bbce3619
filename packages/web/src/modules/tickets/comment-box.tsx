import { LockOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Mentions, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useDebounced } from '../../components/use-debounced';
import { UploadField } from '../catalog-browse/upload-field';
import { useUserOptions } from '../org/api';
import { useAddComment } from './api';

interface CommentBoxProps {
  ticketId: number;
  canSeeInternal: boolean;
}

/**
 * Reply or (IT staff) internal note, with "@" suggestions that mention a colleague by username. A
 * public reply may carry files; an internal note may not (the requester sees a ticket's files).
 */
export function CommentBox({ ticketId, canSeeInternal }: CommentBoxProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [attachmentIds, setAttachmentIds] = useState<number[]>([]);
  // A new key empties the uploader after a reply is sent.
  const [uploads, setUploads] = useState(0);
  const blocked = internal && attachmentIds.length > 0;
  const [search, setSearch] = useState<string | null>(null);
  const q = useDebounced(search ?? '');
  const people = useUserOptions(q, search !== null);
  const comment = useAddComment();
  const { showError, showSuccess } = useApiFeedback();

  const send = () => {
    if (!body.trim() || blocked) return;
    comment.mutate(
      { id: ticketId, body: body.trim(), internal: canSeeInternal && internal, attachmentIds },
      {
        onSuccess: () => {
          setBody('');
          setAttachmentIds([]);
          setUploads((n) => n + 1);
          showSuccess(t('ticketsUi.comments.sent'));
        },
        onError: (error) => showError(error),
      },
    );
  };

  return (
    <div className={internal ? 'comment-box comment-box--internal' : 'comment-box'} data-testid="comment-box">
      {canSeeInternal && (
        <Segmented<'public' | 'internal'>
          size="small"
          value={internal ? 'internal' : 'public'}
          onChange={(value) => setInternal(value === 'internal')}
          options={[
            { value: 'public', label: t('ticketsUi.comments.public') },
            { value: 'internal', label: t('ticketsUi.comments.internal'), icon: <LockOutlined /> },
          ]}
          style={{ marginBottom: 8 }}
          data-testid="comment-visibility"
        />
      )}
      {internal && <Alert type="warning" showIcon banner title={t('ticketsUi.comments.internalHint')} style={{ marginBottom: 8 }} />}
      <Mentions
        value={body}
        onChange={setBody}
        autoSize={{ minRows: 3, maxRows: 8 }}
        placeholder={t('ticketsUi.comments.placeholder')}
        onSearch={(text) => setSearch(text)}
        onBlur={() => setSearch(null)}
        loading={people.isFetching}
        options={(people.data ?? []).map((user) => ({
          value: user.username,
          key: String(user.id),
          label: (
            <span>
              {user.displayName}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                @{user.username}
                {user.departmentName ? ` · ${user.departmentName}` : ''}
              </Typography.Text>
            </span>
          ),
        }))}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send();
        }}
        data-testid="comment-input"
      />
      {blocked && <Alert type="error" showIcon banner title={t('ticketsUi.comments.internalNoFiles')} style={{ marginTop: 8 }} />}
      <Flex justify="space-between" align="flex-start" gap={8} style={{ marginTop: 8 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <UploadField key={uploads} value={attachmentIds} onChange={setAttachmentIds} button={t('ticketsUi.comments.attach')} max={10} />
        </div>
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={send}
          loading={comment.isPending}
          disabled={!body.trim() || blocked}
          data-testid="comment-send"
        >
          {internal ? t('ticketsUi.comments.internal') : t('ticketsUi.comments.send')}
        </Button>
      </Flex>
    </div>
  );
}
