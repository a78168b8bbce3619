import { PlusOutlined } from '@ant-design/icons';
import { DATA_SCOPES, type DataScope, type Permission } from '@shuyun/shared';
import { Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Role } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { useLabels } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useRoles, useSaveRole } from './api';
import { PermissionEditor } from './permission-editor';

/** Roles: built-in and custom, with scope, permission count and holders; each opens its editor. */
export function RolesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useAuth();
  const roles = useRoles();
  const [creating, setCreating] = useState(false);

  if (roles.isError) return <LoadFailedResult message={roles.error.message} onRetry={() => roles.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('nav.roles')}
        subtitle={t('rolePages.separationHint')}
        extra={
          can('role.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('roles.newRole')}
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <Table<Role>
          rowKey="id"
          loading={roles.isPending}
          dataSource={roles.data}
          pagination={false}
          columns={[
            {
              title: t('roles.role'),
              key: 'name',
              render: (_, role) => <Link to={`/admin/roles/${role.id}`}>{labels.roleName(role.key, role.name)}</Link>,
            },
            { title: t('roles.key'), dataIndex: 'key', render: (key: string) => <code>{key}</code> },
            {
              title: t('rolePages.kind'),
              dataIndex: 'builtin',
              render: (builtin: boolean) => (builtin ? <Tag color="blue">{t('roles.builtin')}</Tag> : <Tag>{t('rolePages.custom')}</Tag>),
            },
            { title: t('roles.scope'), dataIndex: 'scope', render: (scope: DataScope) => labels.scope(scope) },
            {
              title: t('roles.permissions'),
              dataIndex: 'permissions',
              render: (permissions: Permission[]) => t('rolePages.permissionCount', { count: permissions.length }),
            },
            { title: t('roles.holders'), dataIndex: 'holderCount', align: 'right', width: 100 },
          ]}
        />
      </Card>
      {creating && <NewRoleModal onClose={() => setCreating(false)} />}
    </>
  );
}

interface NewRoleForm {
  key: string;
  name: string;
  scope: DataScope;
  permissions: Permission[];
}

function NewRoleModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewRoleForm>();
  const save = useSaveRole();
  const { showError, showSuccess } = useApiFeedback();

  const onFinish = (values: NewRoleForm) => {
    save.mutate(
      { key: values.key.trim(), name: values.name.trim(), scope: values.scope, permissions: values.permissions },
      {
        onSuccess: (role) => {
          showSuccess(t('common.saved'));
          onClose();
          navigate(`/admin/roles/${role.id}`);
        },
        onError: (error) => showError(error, { form }),
      },
    );
  };

  return (
    <Modal
      open
      width={860}
      title={t('roles.newRole')}
      okText={t('common.create')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<NewRoleForm> form={form} layout="vertical" onFinish={onFinish} initialValues={{ scope: 'own', permissions: [] }}>
        <Form.Item
          name="key"
          label={t('roles.key')}
          extra={t('rolePages.keyRule')}
          rules={[{ required: true }, { pattern: /^[a-z][a-z0-9_]*$/, message: t('rolePages.keyRule') }, { min: 2, max: 64 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 64 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="scope" label={t('roles.scope')}>
          <Select options={DATA_SCOPES.map((scope) => ({ value: scope, label: labels.scope(scope) }))} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionEditor />
        </Form.Item>
      </Form>
    </Modal>
  );
}
