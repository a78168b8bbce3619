import { DeleteOutlined, EditOutlined, PlusOutlined, SearchOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Row, Skeleton, Space, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Department } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { queryKeys } from '../../app/query-keys';
import { DepartmentSelect } from '../../components/department-select';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type DepartmentInput, useDeleteDepartment, useDepartments, useSaveDepartment } from './api';
import { buildDepartmentTree, type DepartmentNode, matchingWithAncestors } from './department-tree';

type Editing = { mode: 'create'; parentId: number | null } | { mode: 'edit'; department: Department };

/** The department tree with a detail panel; holders of org.department.manage add, edit and delete. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const departments = useDepartments();
  const remove = useDeleteDepartment();
  const { showError, showSuccess } = useApiFeedback();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  const canManage = can('org.department.manage');

  const list = departments.data ?? [];
  const tree = useMemo(() => {
    const full = buildDepartmentTree(list);
    if (!search.trim()) return full;
    const keep = matchingWithAncestors(list, search);
    const filter = (nodes: DepartmentNode[]): DepartmentNode[] =>
      nodes.filter((node) => keep.has(node.key)).map((node) => ({ ...node, children: filter(node.children) }));
    return filter(full);
  }, [list, search]);

  // Until the user picks one, show the top of the tree rather than an empty panel.
  const selected = list.find((d) => d.id === selectedId) ?? (selectedId === null ? (tree[0]?.department ?? null) : null);
  const parent = selected?.parentId ? list.find((d) => d.id === selected.parentId) : null;
  const childCount = selected ? list.filter((d) => d.parentId === selected.id).length : 0;

  if (departments.isError) {
    return <LoadFailedResult message={departments.error.message} onRetry={() => departments.refetch()} />;
  }

  return (
    <>
      <PageHeader
        title={t('nav.departments')}
        subtitle={t('common.total', { count: list.length })}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parentId: null })}>
              {t('orgPages.newDepartment')}
            </Button>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={10} xl={8}>
          <Card variant="borderless" styles={{ body: { minHeight: 480 } }}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('orgPages.searchDepartments')}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              style={{ marginBottom: 12 }}
            />
            {departments.isPending ? (
              <Skeleton active />
            ) : tree.length === 0 ? (
              <Empty description={t('common.empty')} />
            ) : (
              <Tree<DepartmentNode>
                key={search ? `search-${search}` : 'all'}
                blockNode
                showLine
                defaultExpandAll
                treeData={tree}
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => setSelectedId((keys[0] as number | undefined) ?? null)}
                titleRender={(node) => (
                  <span>
                    {node.department.name}
                    <span style={{ color: '#8c8c8c', marginLeft: 8, fontSize: 12 }}>{node.department.userCount}</span>
                  </span>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} xl={16}>
          <Card
            variant="borderless"
            title={selected ? selected.name : t('orgPages.departmentDetail')}
            extra={
              selected &&
              canManage && (
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parentId: selected.id })}>
                    {t('orgPages.addChild')}
                  </Button>
                  <Button icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', department: selected })}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('orgPages.deleteDepartmentConfirm', { name: selected.name })}
                    okButtonProps={{ danger: true }}
                    okText={t('common.delete')}
                    onConfirm={() =>
                      remove.mutateAsync(selected.id).then(
                        () => {
                          setSelectedId(null);
                          showSuccess(t('orgPages.deleted'));
                        },
                        (error: unknown) => showError(error, { refetch: [queryKeys.departments] }),
                      )
                    }
                  >
                    <Button danger icon={<DeleteOutlined />}>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              )
            }
          >
            {selected ? (
              <>
                <Descriptions
                  column={{ xs: 1, lg: 2 }}
                  items={[
                    { key: 'name', label: t('common.name'), children: selected.name },
                    { key: 'code', label: t('common.code'), children: selected.code },
                    {
                      key: 'parent',
                      label: t('org.parentDepartment'),
                      children: parent?.name ?? t('org.rootDepartment'),
                    },
                    { key: 'manager', label: t('org.manager'), children: selected.managerName ?? t('common.none') },
                    { key: 'users', label: t('orgPages.userCount'), children: selected.userCount },
                    { key: 'children', label: t('orgPages.childCount'), children: childCount },
                  ]}
                />
                {can('org.user.read') && (
                  <Button
                    icon={<TeamOutlined />}
                    style={{ marginTop: 16 }}
                    onClick={() => navigate(`/admin/users?departmentId=${selected.id}`)}
                  >
                    {t('orgPages.viewUsers')}
                  </Button>
                )}
              </>
            ) : (
              <Empty description={t('orgPages.pickDepartment')} style={{ padding: '64px 0' }} />
            )}
          </Card>
        </Col>
      </Row>
      {editing && (
        <DepartmentModal
          editing={
            editing.mode === 'edit'
              ? { mode: 'edit', department: list.find((d) => d.id === editing.department.id) ?? editing.department }
              : editing
          }
          onClose={() => setEditing(null)}
          onSaved={(department) => {
            setSelectedId(department.id);
            setEditing(null);
          }}
        />
      )}
    </>
  );
}

interface DepartmentModalProps {
  editing: Editing;
  onClose: () => void;
  onSaved: (department: Department) => void;
}

function DepartmentModal({ editing, onClose, onSaved }: DepartmentModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DepartmentInput>();
  const save = useSaveDepartment();
  const { showError, showSuccess } = useApiFeedback();
  const department = editing.mode === 'edit' ? editing.department : null;

  const onFinish = (values: DepartmentInput) => {
    const body = {
      name: values.name.trim(),
      code: values.code.trim(),
      parentId: values.parentId ?? null,
      managerId: values.managerId ?? null,
    };
    save.mutate(department ? { ...body, id: department.id, version: department.version } : body, {
      onSuccess: (saved) => {
        showSuccess(t('common.saved'));
        onSaved(saved);
      },
      onError: (error) => showError(error, { form, refetch: [queryKeys.departments] }),
    });
  };

  return (
    <Modal
      open
      title={department ? t('orgPages.editDepartment') : t('orgPages.newDepartment')}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<DepartmentInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          department
            ? {
                name: department.name,
                code: department.code,
                parentId: department.parentId,
                managerId: department.managerId,
              }
            : { parentId: editing.mode === 'create' ? editing.parentId : null }
        }
      >
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 80 }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="parentId" label={t('org.parentDepartment')}>
          <DepartmentSelect exclude={department?.id} placeholder={t('org.rootDepartment')} />
        </Form.Item>
        <Form.Item name="managerId" label={t('org.manager')}>
          <UserPicker known={department?.managerId ? [{ id: department.managerId, displayName: department.managerName ?? '' }] : []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
