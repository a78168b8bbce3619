import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../app/api-client';
import type { User } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { formatDateTime, useLabels } from '../../app/i18n';
import { queryKeys } from '../../app/query-keys';
import { Attachments } from '../../components/attachments';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { Timeline } from '../../components/timeline';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useRevokeGrant } from '../roles/api';
import { GrantRoleModal } from '../roles/grant-role-modal';
import { useUser } from './api';
import { UserActions } from './user-actions';
import { UserFormModal } from './user-form-modal';
import { UserStatusTags } from './user-status-tags';

/** One user: details, roles (granted and revoked by holders of role.grant), timeline, attachments. */
export function UserDetailPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const user = useUser(id);
  const revoke = useRevokeGrant();
  const { showError, showSuccess } = useApiFeedback();
  const [editing, setEditing] = useState(false);
  const [granting, setGranting] = useState(false);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundResult />;
  if (user.isPending) return <Skeleton active />;
  if (user.isError) {
    return isApiError(user.error) && user.error.status === 404 ? (
      <NotFoundResult />
    ) : (
      <LoadFailedResult message={user.error.message} onRetry={() => user.refetch()} />
    );
  }
  const u: User = user.data;
  const none = t('common.none');

  return (
    <>
      <PageHeader
        back={
          <Link to="/admin/users">
            <ArrowLeftOutlined /> {t('nav.users')}
          </Link>
        }
        title={
          <Space>
            {u.displayName}
            <UserStatusTags user={u} />
          </Space>
        }
        extra={<UserActions user={u} onEdit={() => setEditing(true)} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card variant="borderless" title={t('account.basicInfo')}>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'username', label: t('org.username'), children: u.username },
                { key: 'employeeNo', label: t('org.employeeNo'), children: u.employeeNo ?? none },
                { key: 'department', label: t('org.department'), children: u.departmentName ?? none },
                { key: 'title', label: t('org.title'), children: u.title ?? none },
                { key: 'supervisor', label: t('org.supervisor'), children: u.supervisorName ?? none },
                { key: 'email', label: t('org.email'), children: u.email ?? none },
                { key: 'phone', label: t('org.phone'), children: u.phone ?? none },
                { key: 'locale', label: t('org.locale'), children: labels.language(u.locale) },
                {
                  key: 'lastLogin',
                  label: t('org.lastLogin'),
                  children: u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('auth.tokenNever'),
                },
                ...(u.lockedUntil ? [{ key: 'locked', label: t('orgPages.lockedUntil'), children: formatDateTime(u.lockedUntil) }] : []),
              ]}
            />
          </Card>
          <Card
            variant="borderless"
            title={t('org.roles')}
            style={{ marginTop: 16 }}
            extra={
              can('role.grant') &&
              can('role.read') && (
                <Button icon={<PlusOutlined />} onClick={() => setGranting(true)}>
                  {t('roles.grant')}
                </Button>
              )
            }
          >
            {u.roles.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rolePages.noRoles')} />
            ) : (
              <Table
                rowKey="grantId"
                size="small"
                pagination={false}
                dataSource={u.roles}
                columns={[
                  { title: t('roles.role'), dataIndex: 'key', render: (key: string) => <Tag color="blue">{labels.roleName(key)}</Tag> },
                  { title: t('roles.scope'), dataIndex: 'scope', render: (scope: string) => labels.scope(scope) },
                  ...(can('role.grant')
                    ? [
                        {
                          title: t('common.actions'),
                          key: 'actions',
                          width: 100,
                          render: (_: unknown, grant: User['roles'][number]) => (
                            <Popconfirm
                              title={t('rolePages.revokeConfirm', { role: labels.roleName(grant.key), name: u.displayName })}
                              okButtonProps={{ danger: true }}
                              okText={t('roles.revoke')}
                              onConfirm={() =>
                                revoke.mutateAsync({ grantId: grant.grantId, userId: u.id }).then(
                                  () => showSuccess(t('rolePages.revoked')),
                                  (error: unknown) => showError(error, { refetch: [queryKeys.user(u.id)] }),
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
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card variant="borderless" title={t('timeline.title')}>
            <Timeline recordType="user" recordId={u.id} />
          </Card>
          <Card variant="borderless" title={t('files.attachments')} style={{ marginTop: 16 }}>
            <Attachments recordType="user" recordId={u.id} />
          </Card>
        </Col>
      </Row>
      {editing && <UserFormModal user={u} onClose={() => setEditing(false)} />}
      {granting && <GrantRoleModal user={{ id: u.id, displayName: u.displayName }} onClose={() => setGranting(false)} />}
    </>
  );
}
