import { DATA_SCOPES, type DataScope } from '@shuyun/shared';
import { Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../app/api-types';
import { useLabels } from '../../app/i18n';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type KnownUser, UserPicker } from '../../components/user-picker';
import { useGrantRole, useRoles } from './api';

interface GrantForm {
  userId: number;
  roleId: number;
  scope: DataScope | 'default';
}

interface GrantRoleModalProps {
  /** Fixed role (from the role page) … */
  role?: Role;
  /** … or fixed user (from the user page). */
  user?: KnownUser;
  onClose: () => void;
}

/** Grants a role to a person, optionally with a data scope other than the role's own. */
export function GrantRoleModal({ role, user, onClose }: GrantRoleModalProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<GrantForm>();
  const roles = useRoles(!role);
  const grant = useGrantRole();
  const { showError, showSuccess } = useApiFeedback();
  const roleId = Form.useWatch('roleId', form);
  const chosenRole = role ?? roles.data?.find((r) => r.id === roleId);

  const onFinish = (values: GrantForm) => {
    grant.mutate(
      {
        userId: user?.id ?? values.userId,
        roleId: role?.id ?? values.roleId,
        scope: values.scope === 'default' ? null : values.scope,
      },
      {
        onSuccess: () => {
          showSuccess(t('rolePages.granted'));
          onClose();
        },
        onError: (error) => showError(error, { form }),
      },
    );
  };

  return (
    <Modal
      open
      title={t('roles.grant')}
      okText={t('roles.grant')}
      confirmLoading={grant.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<GrantForm> form={form} layout="vertical" onFinish={onFinish} initialValues={{ scope: 'default' }}>
        {role ? (
          <Form.Item label={t('roles.role')}>{labels.roleName(role.key, role.name)}</Form.Item>
        ) : (
          <Form.Item name="roleId" label={t('roles.role')} rules={[{ required: true }]}>
            <Select
              loading={roles.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={(roles.data ?? []).map((r) => ({ value: r.id, label: labels.roleName(r.key, r.name) }))}
            />
          </Form.Item>
        )}
        {user ? (
          <Form.Item label={t('org.user')}>{user.displayName}</Form.Item>
        ) : (
          <Form.Item name="userId" label={t('org.user')} rules={[{ required: true }]}>
            <UserPicker allowClear={false} />
          </Form.Item>
        )}
        <Form.Item name="scope" label={t('roles.scope')} extra={t('rolePages.scopeOverrideHint')}>
          <Select
            options={[
              {
                value: 'default',
                label: chosenRole ? t('rolePages.roleDefaultScope', { scope: labels.scope(chosenRole.scope) }) : t('rolePages.roleDefault'),
              },
              ...DATA_SCOPES.map((scope) => ({ value: scope, label: labels.scope(scope) })),
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
