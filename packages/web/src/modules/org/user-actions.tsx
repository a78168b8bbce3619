import { DownOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { queryKeys } from '../../app/query-keys';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type UserAction, useResetPassword, useUserAction } from './api';
import { isLocked } from './user-status-tags';

interface UserActionsProps {
  user: User;
  onEdit: () => void;
  /** Table rows: link-style buttons. */
  compact?: boolean;
}

/** Edit (org.user.manage) and the account-security actions (account.manage) for one user. */
export function UserActions({ user, onEdit, compact }: UserActionsProps) {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const { modal } = App.useApp();
  const act = useUserAction();
  const reset = useResetPassword();
  const { showError, showSuccess } = useApiFeedback();
  const canEdit = can('org.user.manage');
  const canSecure = can('account.manage');
  const isSelf = me?.id === user.id;

  const run = (action: UserAction, done: string) =>
    act.mutate(
      { id: user.id, action },
      { onSuccess: () => showSuccess(done), onError: (error) => showError(error, { refetch: [queryKeys.users] }) },
    );

  const items: MenuProps['items'] = [];
  if (canSecure) {
    if (isLocked(user)) items.push({ key: 'unlock', label: t('org.unlock') });
    items.push({ key: 'reset', label: t('org.resetPassword') });
    if (user.active && !isSelf) items.push({ key: 'deactivate', label: t('org.deactivate'), danger: true });
    if (!user.active) items.push({ key: 'reactivate', label: t('org.reactivate') });
  }

  const onMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'unlock') run('unlock', t('orgPages.unlocked'));
    if (key === 'reactivate') run('reactivate', t('orgPages.reactivated'));
    if (key === 'deactivate') {
      modal.confirm({
        title: t('org.deactivate'),
        content: t('org.deactivateConfirm'),
        okText: t('org.deactivate'),
        okButtonProps: { danger: true },
        onOk: () => run('deactivate', t('orgPages.deactivated')),
      });
    }
    if (key === 'reset') {
      modal.confirm({
        title: t('org.resetPassword'),
        content: t('orgPages.resetConfirm', { name: user.displayName }),
        okText: t('org.resetPassword'),
        onOk: () =>
          reset.mutateAsync(user.id).then(
            ({ password }) => {
              modal.success({
                title: t('org.resetPassword'),
                content: (
                  <>
                    <p>{t('orgPages.resetDone')}</p>
                    <Typography.Paragraph
                      code
                      copyable={{ text: password, tooltips: [t('common.copy'), t('common.copied')] }}
                      style={{ fontSize: 16 }}
                    >
                      {password}
                    </Typography.Paragraph>
                  </>
                ),
              });
            },
            (error: unknown) => showError(error),
          ),
      });
    }
  };

  if (!canEdit && items.length === 0) return null;
  return (
    <Space size={compact ? 0 : 8}>
      {canEdit && (
        <Button
          type={compact ? 'link' : 'default'}
          size={compact ? 'small' : 'middle'}
          icon={compact ? undefined : <EditOutlined />}
          onClick={onEdit}
        >
          {t('common.edit')}
        </Button>
      )}
      {items.length > 0 && (
        <Dropdown menu={{ items, onClick: onMenu }} trigger={['click']}>
          <Button type={compact ? 'link' : 'default'} size={compact ? 'small' : 'middle'} loading={act.isPending}>
            {t('common.more')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Space>
  );
}
