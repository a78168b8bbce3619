import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { DATA_SCOPES, type DataScope, type Permission } from '@shuyun/shared';
import { Button, Card, Form, Input, Popconfirm, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Role, RoleHolder } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { useLabels } from '../../app/i18n';
import { queryKeys } from '../../app/query-keys';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useRevokeGrant, useRoleHolders, useRoles, useSaveRole } from './api';
import { GrantRoleModal } from './grant-role-modal';
import { PermissionEditor } from './permission-editor';

interface RoleForm {
  name: string;
  scope: DataScope;
  permissions: Permission[];
}

/** One role: its permissions and default scope (role.manage) and its holders (role.grant grants and revokes). */
export function RoleDetailPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const id = Number(useParams().id);
  const roles = useRoles();

  if (roles.isPending) return <Skeleton active />;
  if (roles.isError) return <LoadFailedResult message={roles.error.message} onRetry={() => roles.refetch()} />;
  const role = roles.data.find((r) => r.id === id);
  if (!role) return <NotFoundResult />;

  return (
    <>
      <PageHeader
        back={
          <Link to="/admin/roles">
            <ArrowLeftOutlined /> {t('nav.roles')}
          </Link>
        }
        title={
          <Space>
            {labels.roleName(role.key, role.name)}
            {role.builtin ? <Tag color="blue">{t('roles.builtin')}</Tag> : <Tag>{t('rolePages.custom')}</Tag>}
          </Space>
        }
        subtitle={<code>{role.key}</code>}
      />
      <RoleEditor role={role} />
      <RoleHolders role={role} />
    </>
  );
}

function RoleEditor({ role }: { role: Role }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useAuth();
  const [form] = Form.useForm<RoleForm>();
  const save = useSaveRole();
  const { showError, showSuccess } = useApiFeedback();
  const canManage = can('role.manage');

  // A newer version (saved here, or by someone else and refetched) resets the form.
  useEffect(() => {
    form.setFieldsValue({ name: role.name, scope: role.scope, permissions: role.permissions });
  }, [form, role]);

  const onFinish = (values: RoleForm) => {
    save.mutate(
      {
        id: role.id,
        version: role.version,
        scope: values.scope,
        permissions: values.permissions,
        ...(role.builtin ? {} : { name: values.name.trim() }),
      },
      {
        onSuccess: () => showSuccess(t('common.saved')),
        onError: (error) => showError(error, { form, refetch: [queryKeys.roles] }),
      },
    );
  };

  return (
    <Card variant="borderless" title={t('rolePages.permissionsAndScope')}>
      <Form<RoleForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={!canManage}
        initialValues={{ name: role.name, scope: role.scope, permissions: role.permissions }}
      >
        <Space size="large" align="start" wrap>
          {!role.builtin && (
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 64 }]}>
              <Input style={{ width: 280 }} />
            </Form.Item>
          )}
          <Form.Item name="scope" label={t('rolePages.defaultScope')}>
            <Select style={{ width: 220 }} options={DATA_SCOPES.map((scope) => ({ value: scope, label: labels.scope(scope) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionEditor />
        </Form.Item>
        {canManage && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
            <Button htmlType="button" onClick={() => form.resetFields()}>
              {t('common.reset')}
            </Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}

function RoleHolders({ role }: { role: Role }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useAuth();
  const holders = useRoleHolders(role.id);
  const revoke = useRevokeGrant();
  const { showError, showSuccess } = useApiFeedback();
  const [granting, setGranting] = useState(false);
  const canGrant = can('role.grant');

  return (
    <Card
      variant="borderless"
      title={`${t('roles.holders')} (${holders.data?.length ?? role.holderCount})`}
      style={{ marginTop: 16 }}
      extra={
        canGrant && (
          <Button icon={<PlusOutlined />} onClick={() => setGranting(true)}>
            {t('roles.grant')}
          </Button>
        )
      }
    >
      {holders.isError ? (
        <Typography.Text type="danger">{holders.error.message}</Typography.Text>
      ) : (
        <Table<RoleHolder>
          rowKey="grantId"
          loading={holders.isPending}
          dataSource={holders.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('rolePages.noHolders') }}
          columns={[
            {
              title: t('org.displayName'),
              dataIndex: 'displayName',
              render: (name: string, holder) => (can('org.user.read') ? <Link to={`/admin/users/${holder.userId}`}>{name}</Link> : name),
            },
            { title: t('org.username'), dataIndex: 'username' },
            { title: t('org.department'), dataIndex: 'departmentName', render: (value) => value ?? '—' },
            {
              title: t('roles.scope'),
              dataIndex: 'scope',
              render: (scope: DataScope | null) =>
                scope ? (
                  <Tag color="purple">{labels.scope(scope)}</Tag>
                ) : (
                  <Typography.Text type="secondary">{t('rolePages.roleDefaultScope', { scope: labels.scope(role.scope) })}</Typography.Text>
                ),
            },
            ...(canGrant
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 100,
                    render: (_: unknown, holder: RoleHolder) => (
                      <Popconfirm
                        title={t('rolePages.revokeConfirm', { role: labels.roleName(role.key, role.name), name: holder.displayName })}
                        okButtonProps={{ danger: true }}
                        okText={t('roles.revoke')}
                        onConfirm={() =>
                          revoke.mutateAsync({ grantId: holder.grantId, userId: holder.userId }).then(
                            () => showSuccess(t('rolePages.revoked')),
                            (error: unknown) => showError(error, { refetch: [queryKeys.roleHolders(role.id)] }),
                          )
                        }
                      >
                        <Button type="link" danger size="small">
                          {t('roles.revoke')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {granting && <GrantRoleModal role={role} onClose={() => setGranting(false)} />}
    </Card>
  );
}
