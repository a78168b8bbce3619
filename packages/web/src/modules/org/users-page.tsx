import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { User } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { formatDateTime, useLabels } from '../../app/i18n';
import { DepartmentSelect } from '../../components/department-select';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useRoleOptions } from '../roles/api';
import { type UserFilters, useUsers } from './api';
import { UserActions } from './user-actions';
import { UserFormModal } from './user-form-modal';
import { UserStatusTags } from './user-status-tags';

const PAGE_SIZES = ['10', '20', '50', '100'];

function readFilters(params: URLSearchParams): UserFilters {
  const number = (name: string) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const active = params.get('active');
  return {
    q: params.get('q') ?? undefined,
    departmentId: number('departmentId'),
    teamId: number('teamId'),
    active: active === 'true' || active === 'false' ? active : undefined,
    role: params.get('role') ?? undefined,
    page: number('page') ?? 1,
    pageSize: number('pageSize') ?? 20,
  };
}

/** Users with search, filters (kept in the address so links and back work) and server-side paging. */
export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const users = useUsers(filters);
  const roleOptions = useRoleOptions();
  const [search, setSearch] = useState(filters.q ?? '');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);

  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);

  const update = (changes: Partial<UserFilters>) => {
    const next = { ...filters, page: 1, ...changes };
    const entries = Object.entries(next).filter(([, value]) => value !== undefined && value !== '' && value !== null);
    setParams(new URLSearchParams(entries.map(([key, value]) => [key, String(value)])));
  };

  if (users.isError) return <LoadFailedResult message={users.error.message} onRetry={() => users.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        subtitle={users.data ? t('common.total', { count: users.data.total }) : undefined}
        extra={
          <>
            {can('org.import') && (
              <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/admin/import')}>
                {t('common.import')}
              </Button>
            )}
            {can('org.user.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('org.newUser')}
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('org.searchUsers')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            style={{ width: 300 }}
            data-testid="user-search"
          />
          <DepartmentSelect
            value={filters.departmentId ?? null}
            onChange={(departmentId) => update({ departmentId: departmentId ?? undefined })}
            placeholder={t('orgPages.allDepartments')}
            style={{ width: 220 }}
          />
          <Select
            value={filters.active ?? 'all'}
            onChange={(value) => update({ active: value === 'all' ? undefined : (value as 'true' | 'false') })}
            style={{ width: 140 }}
            options={[
              { value: 'all', label: t('orgPages.allStatuses') },
              { value: 'true', label: t('common.active') },
              { value: 'false', label: t('common.inactive') },
            ]}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.role}
            onChange={(role) => update({ role: role ?? undefined })}
            placeholder={t('orgPages.allRoles')}
            style={{ width: 180 }}
            options={roleOptions}
          />
          {(filters.q || filters.departmentId || filters.active || filters.role || filters.teamId) && (
            <Button onClick={() => setParams(new URLSearchParams())}>{t('common.reset')}</Button>
          )}
        </Flex>
        <Table<User>
          rowKey="id"
          loading={users.isFetching}
          dataSource={users.data?.items}
          scroll={{ x: 1080 }}
          data-testid="users-table"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) => update({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
          }}
          columns={[
            {
              title: t('org.displayName'),
              dataIndex: 'displayName',
              fixed: 'left',
              width: 110,
              render: (name: string, user) => <Link to={`/admin/users/${user.id}`}>{name}</Link>,
            },
            { title: t('org.username'), dataIndex: 'username', width: 120 },
            { title: t('org.employeeNo'), dataIndex: 'employeeNo', width: 100, render: (value) => value ?? '—' },
            {
              title: t('org.department'),
              dataIndex: 'departmentName',
              width: 150,
              render: (department: string | null, user) => (
                <div>
                  <div>{department ?? '—'}</div>
                  {user.title && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {user.title}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
            {
              title: t('org.roles'),
              dataIndex: 'roles',
              render: (roles: User['roles']) => (
                <Space size={[4, 4]} wrap>
                  {roles.map((role) => (
                    <Tag key={role.grantId}>{labels.roleName(role.key)}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('common.status'),
              key: 'status',
              width: 100,
              render: (_, user) => <UserStatusTags user={user} />,
            },
            {
              title: t('org.lastLogin'),
              dataIndex: 'lastLoginAt',
              width: 160,
              render: (value: string | null) =>
                value ? formatDateTime(value) : <Typography.Text type="secondary">{t('auth.tokenNever')}</Typography.Text>,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right',
              width: 130,
              render: (_, user) => <UserActions user={user} onEdit={() => setEditing(user)} compact />,
            },
          ]}
        />
      </Card>
      {(creating || editing) && (
        <UserFormModal
          user={editing ? (users.data?.items.find((u) => u.id === editing.id) ?? editing) : null}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
        />
      )}
    </>
  );
}
