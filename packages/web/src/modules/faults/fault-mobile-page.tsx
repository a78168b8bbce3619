import { Button, Dialog, ErrorBlock, List, NavBar, Skeleton, Space, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import { formatDateTime } from '../../app/i18n';
import { tx, useFault, useFaultCommand } from './api';

/** One fault on the phone: the essentials, respond, comment, confirm recovery. */
export function FaultMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const fault = useFault(id);
  const run = useFaultCommand(id);
  const [comment, setComment] = useState('');
  if (fault.isPending) return <Skeleton.Paragraph lineCount={8} animated />;
  if (fault.isError) {
    const missing = isApiError(fault.error) && (fault.error.status === 404 || fault.error.status === 400);
    return (
      <>
        <NavBar onBack={() => navigate('/m/faults')}>{t('faults.title')}</NavBar>
        <ErrorBlock status={missing ? 'empty' : 'disconnected'} title={missing ? t('errors.notFound') : t('shell.loadFailed')} />
      </>
    );
  }
  const f = fault.data;
  const act = (path: string, body: Record<string, unknown>, done: string, after?: () => void) =>
    run.mutate(
      { path, body },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: done });
          after?.();
        },
        onError: (error) => Toast.show({ icon: 'fail', content: error.message }),
      },
    );
  return (
    <div data-testid="fault-mobile">
      <NavBar onBack={() => navigate('/m/faults')}>{f.number}</NavBar>
      <List header={f.title}>
        <List.Item
          extra={
            <Tag color="primary" data-testid="m-fault-status">
              {tx(t, `faults.status.${f.status}`)}
            </Tag>
          }
        >
          {t('faults.fields.status')}
        </List.Item>
        <List.Item extra={tx(t, `faults.severity.${f.severity}`)}>{t('faults.fields.severity')}</List.Item>
        <List.Item extra={f.systems.map((s) => s.name).join('、')}>{t('faults.fields.systems')}</List.Item>
        <List.Item extra={tx(t, `faults.impactKind.${f.impactKind}`)}>{t('faults.fields.impactKind')}</List.Item>
        <List.Item extra={formatDateTime(f.detectedAt)}>{t('faults.fields.detectedAt')}</List.Item>
        <List.Item
          extra={
            <span style={{ color: f.responseOverdue ? 'var(--adm-color-danger)' : undefined }}>{formatDateTime(f.responseDueAt)}</span>
          }
        >
          {t('faults.fields.responseDueAt')}
        </List.Item>
        <List.Item extra={f.assignee?.displayName ?? '—'}>{t('faults.fields.assignee')}</List.Item>
        {f.description && <List.Item description={f.description}>{t('faults.fields.description')}</List.Item>}
        {f.resolution && <List.Item description={f.resolution}>{t('faults.fields.resolution')}</List.Item>}
      </List>
      <Space direction="vertical" block style={{ padding: 12 }}>
        {f.allowed.includes('respond') && (
          <Button
            block
            color="primary"
            loading={run.isPending}
            onClick={() => act('respond', { version: f.version }, t('faults.mobile.respondDone'))}
            data-testid="m-fault-respond"
          >
            {t('faults.actions.respond')}
          </Button>
        )}
        {f.allowed.includes('recover') && (
          <Button
            block
            color="success"
            onClick={async () => {
              let resolution = '';
              const ok = await Dialog.confirm({
                title: t('faults.actions.recover'),
                content: <TextArea rows={3} placeholder={t('faults.detail.resolutionPlaceholder')} onChange={(v) => (resolution = v)} />,
                confirmText: t('common.ok'),
                cancelText: t('common.cancel'),
              });
              if (ok && resolution.trim()) act('recover', { version: f.version, resolution }, t('faults.mobile.recoverDone'));
            }}
            data-testid="m-fault-recover"
          >
            {t('faults.actions.recover')}
          </Button>
        )}
        {f.allowed.includes('comment') && (
          <>
            <TextArea
              rows={2}
              value={comment}
              onChange={setComment}
              placeholder={t('faults.detail.commentPlaceholder')}
              data-testid="m-fault-comment"
            />
            <Button
              block
              disabled={!comment.trim()}
              onClick={() => act('comments', { body: comment }, t('faults.mobile.commentDone'), () => setComment(''))}
              data-testid="m-fault-comment-send"
            >
              {t('faults.actions.comment')}
            </Button>
          </>
        )}
      </Space>
    </div>
  );
}
