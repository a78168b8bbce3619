import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Flex, Form, Input, Modal, Switch, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { queryKeys } from '../../app/query-keys';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type TeamInput, useSaveTeam, useTeams } from './api';

/** Support teams (服务组): lead and members; search by name, code or member. */
export function TeamsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const teams = useTeams();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const canManage = can('org.team.manage');

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const list = teams.data ?? [];
    if (!needle) return list;
    return list.filter(
      (team) =>
        team.name.toLowerCase().includes(needle) ||
        team.code.toLowerCase().includes(needle) ||
        team.members.some((member) => member.displayName.toLowerCase().includes(needle)),
    );
  }, [teams.data, search]);

  if (teams.isError) return <LoadFailedResult message={teams.error.message} onRetry={() => teams.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('nav.teams')}
        subtitle={t('common.total', { count: teams.data?.length ?? 0 })}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('orgPages.newTeam')}
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <Flex style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('orgPages.searchTeams')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 320 }}
          />
        </Flex>
        <Table<Team>
          rowKey="id"
          loading={teams.isPending}
          dataSource={rows}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { count: total }), hideOnSinglePage: true }}
          columns={[
            { title: t('common.name'), dataIndex: 'name', width: 180 },
            { title: t('common.code'), dataIndex: 'code', width: 140 },
            { title: t('org.teamLead'), dataIndex: 'leadName', width: 120, render: (value) => value ?? '—' },
            {
              title: t('org.members'),
              dataIndex: 'members',
              render: (members: Team['members']) => (
                <Flex align="center" gap={8}>
                  <Avatar.Group max={{ count: 6 }} size="small">
                    {members.map((member) => (
                      <Tooltip key={member.id} title={member.displayName}>
                        <Avatar style={{ background: '#1668dc' }}>{member.displayName.slice(0, 1)}</Avatar>
                      </Tooltip>
                    ))}
                  </Avatar.Group>
                  <span style={{ color: '#8c8c8c' }}>{t('orgPages.memberCount', { count: members.length })}</span>
                </Flex>
              ),
            },
            { title: t('common.description'), dataIndex: 'description', ellipsis: true, render: (value) => value ?? '—' },
            {
              title: t('common.status'),
              dataIndex: 'active',
              width: 90,
              render: (active: boolean) => (active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_: unknown, team: Team) => (
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(team)}>
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && (
        <TeamModal
          team={editing === 'new' ? null : (teams.data?.find((item) => item.id === editing.id) ?? editing)}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function TeamModal({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TeamInput & { active?: boolean }>();
  const save = useSaveTeam();
  const { showError, showSuccess } = useApiFeedback();

  const onFinish = (values: TeamInput & { active?: boolean }) => {
    const body: TeamInput & { active?: boolean } = {
      name: values.name.trim(),
      code: values.code.trim(),
      description: values.description?.trim() || null,
      leadId: values.leadId ?? null,
      memberIds: values.memberIds ?? [],
      ...(team ? { active: values.active } : {}),
    };
    save.mutate(team ? { ...body, id: team.id, version: team.version } : body, {
      onSuccess: () => {
        showSuccess(t('common.saved'));
        onClose();
      },
      onError: (error) => showError(error, { form, refetch: [queryKeys.teams] }),
    });
  };

  const known = team ? [...team.members, team.leadId ? { id: team.leadId, displayName: team.leadName ?? '' } : null] : [];

  return (
    <Modal
      open
      width={640}
      title={team ? t('orgPages.editTeam') : t('orgPages.newTeam')}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<TeamInput & { active?: boolean }>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          team
            ? {
                name: team.name,
                code: team.code,
                description: team.description ?? '',
                leadId: team.leadId,
                memberIds: team.members.map((member) => member.id),
                active: team.active,
              }
            : { memberIds: [] }
        }
      >
        <Flex gap={16}>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 80 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="code" label={t('common.code')} rules={[{ required: true, whitespace: true, max: 40 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Flex>
        <Form.Item name="leadId" label={t('org.teamLead')}>
          <UserPicker known={known} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('org.members')}>
          <UserPicker multiple known={known} />
        </Form.Item>
        <Form.Item name="description" label={t('common.description')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        {team && (
          <Form.Item name="active" label={t('common.status')} valuePropName="checked">
            <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
