import { type CatalogCategoryAdmin, PRIORITIES, type Priority } from '@shuyun/shared';
import { Card, Col, Form, Input, InputNumber, Radio, Row, Select, Switch, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useLabels } from '../../app/i18n';
import { useDepartments, useTeams } from '../org/api';
import { buildDepartmentTree } from '../org/department-tree';
import { useRoles } from '../roles/api';
import { usePolicies } from '../sla-admin/api';
import { buildCategoryTree, useLocalized } from './catalog-tree';
import type { DraftField } from './form-definition';

export interface ItemFormValues {
  categoryId: number | undefined;
  code: string;
  name: { 'zh-CN': string; 'en-US'?: string };
  description: { 'zh-CN': string; 'en-US'?: string };
  keywords: string[];
  defaultPriority: Priority;
  defaultTeamId: number | undefined;
  slaPolicyId: number | undefined;
  approvalRequired: boolean;
  price: number;
  visibility: { kind: 'everyone' | 'departments' | 'roles'; departmentIds?: number[]; roleKeys?: string[] };
  active: boolean;
  form: DraftField[];
}

/** The item's own settings: where it sits, names and description, handling defaults, who may request it. */
export function ItemSettings({ editing, categories }: { editing: boolean; categories: CatalogCategoryAdmin[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const local = useLocalized();
  const { can } = useAuth();
  const teams = useTeams();
  const policies = usePolicies(can('sla.read'));
  const departments = useDepartments();
  const roles = useRoles(can('role.read'));
  const visibility = Form.useWatch(['visibility', 'kind']) as ItemFormValues['visibility']['kind'] | undefined;

  const categoryTree = useMemo(
    () =>
      buildCategoryTree(categories).map((node) => ({
        value: node.key,
        title: local(node.category.name),
        children: node.children.map((child) => ({ value: child.key, title: local(child.category.name) })),
      })),
    [categories, local],
  );
  const departmentTree = useMemo(() => buildDepartmentTree(departments.data ?? []), [departments.data]);
  const defaultPolicy = policies.data?.find((p) => p.isDefault);

  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card variant="borderless" title={t('deskAdmin.catalog.basics')} style={{ height: '100%' }}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="categoryId" label={t('deskAdmin.catalog.category')} rules={[{ required: true }]}>
                <TreeSelect treeData={categoryTree} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="code"
                label={t('common.code')}
                rules={[
                  { required: true, whitespace: true, max: 40 },
                  { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: t('deskAdmin.catalog.codeRule') },
                ]}
              >
                <Input placeholder="NET-VPN" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name={['name', 'zh-CN']}
                label={t('deskAdmin.common.nameZh')}
                rules={[{ required: true, whitespace: true, max: 80 }]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['name', 'en-US']} label={t('deskAdmin.common.nameEn')} rules={[{ max: 80 }]}>
                <Input placeholder={t('deskAdmin.common.enFallback')} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['description', 'zh-CN']} label={t('deskAdmin.catalog.descriptionZh')} rules={[{ max: 10_000 }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['description', 'en-US']} label={t('deskAdmin.catalog.descriptionEn')} rules={[{ max: 10_000 }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="keywords"
                label={t('deskAdmin.catalog.keywords')}
                extra={t('deskAdmin.catalog.keywordsHint')}
                rules={[{ type: 'array', max: 30 }]}
                style={{ marginBottom: 0 }}
              >
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card variant="borderless" title={t('deskAdmin.catalog.handling')} style={{ height: '100%' }}>
          <Row gutter={16}>
            <Col span={24}>
              <Form.Item name="defaultPriority" label={t('deskAdmin.catalog.defaultPriority')}>
                <Radio.Group
                  optionType="button"
                  options={PRIORITIES.map((value) => ({ value, label: t(`deskAdmin.priorities.${value}`) }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="defaultTeamId" label={t('deskAdmin.catalog.defaultTeam')}>
                <Select
                  allowClear
                  placeholder={t('deskAdmin.catalog.noDefaultTeam')}
                  loading={teams.isPending}
                  options={(teams.data ?? []).filter((team) => team.active).map((team) => ({ value: team.id, label: team.name }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="slaPolicyId" label={t('deskAdmin.catalog.slaPolicy')}>
                <Select
                  allowClear
                  placeholder={
                    defaultPolicy
                      ? t('deskAdmin.catalog.defaultPolicyNamed', { name: defaultPolicy.name })
                      : t('deskAdmin.catalog.defaultPolicy')
                  }
                  loading={policies.isPending && can('sla.read')}
                  options={(policies.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="price" label={t('deskAdmin.catalog.price')} extra={t('deskAdmin.catalog.priceHint')}>
                <InputNumber min={0} max={10_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="approvalRequired"
                label={t('deskAdmin.catalog.approval')}
                valuePropName="checked"
                extra={t('deskAdmin.catalog.approvalHint')}
              >
                <Switch />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name={['visibility', 'kind']} label={t('deskAdmin.catalog.visibility')}>
                <Radio.Group
                  options={(['everyone', 'departments', 'roles'] as const).map((value) => ({
                    value,
                    label: t(`catalog.visibility.${value}`),
                  }))}
                />
              </Form.Item>
            </Col>
            {visibility === 'departments' && (
              <Col span={24}>
                <Form.Item
                  name={['visibility', 'departmentIds']}
                  rules={[{ required: true, type: 'array', min: 1, message: t('deskAdmin.catalog.pickDepartments') }]}
                >
                  <TreeSelect
                    multiple
                    treeData={departmentTree}
                    treeDefaultExpandAll
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    placeholder={t('deskAdmin.catalog.pickDepartments')}
                    maxTagCount="responsive"
                  />
                </Form.Item>
              </Col>
            )}
            {visibility === 'roles' && (
              <Col span={24}>
                <Form.Item
                  name={['visibility', 'roleKeys']}
                  rules={[{ required: true, type: 'array', min: 1, message: t('deskAdmin.catalog.pickRoles') }]}
                >
                  <Select
                    mode={can('role.read') ? 'multiple' : 'tags'}
                    placeholder={t('deskAdmin.catalog.pickRoles')}
                    options={(roles.data ?? []).map((role) => ({ value: role.key, label: labels.roleName(role.key, role.name) }))}
                  />
                </Form.Item>
              </Col>
            )}
            {editing && (
              <Col span={24}>
                <Form.Item name="active" label={t('common.status')} valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>
      </Col>
    </Row>
  );
}
