import { Col, Form, Input, InputNumber, Radio, Row, Select, Switch, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiIssue, isApiError } from '../../app/api-client';
import { applyNestedIssues } from '../../components/form-issues';
import { FormModal } from '../../components/form-modal';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useDepartments, useSystems, useTeams } from '../org/api';
import { buildDepartmentTree } from '../org/department-tree';
import { type AssignmentRule, type RuleInput, ruleKeys, STRATEGIES, useCatalogItemOptions, useSaveRule } from './api';

/** Creates or edits an auto-assignment rule: conditions (all of the filled ones must match) → team and strategy. */
export function RuleModal({ rule, nextSortOrder, onClose }: { rule: AssignmentRule | null; nextSortOrder: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleInput>();
  const save = useSaveRule();
  const teams = useTeams();
  const departments = useDepartments();
  const systems = useSystems();
  const catalog = useCatalogItemOptions();
  const { showError, showSuccess } = useApiFeedback();
  const [unplaced, setUnplaced] = useState<ApiIssue[]>([]);
  const departmentTree = useMemo(() => buildDepartmentTree(departments.data ?? []), [departments.data]);

  const itemOptions = useMemo(() => {
    const groups = new Map<string, { label: string; value: number; disabled?: boolean }[]>();
    for (const item of catalog.options) {
      const list = groups.get(item.category) ?? [];
      list.push({ value: item.id, label: item.active ? item.name : t('deskAdmin.common.inactiveName', { name: item.name }) });
      groups.set(item.category, list);
    }
    const known = new Set(catalog.options.map((item) => item.id));
    // Items of the rule this user cannot see by name still show, by id.
    const unknown = (rule?.catalogItemIds ?? []).filter((id) => !known.has(id)).map((id) => ({ value: id, label: `#${id}` }));
    return [
      ...[...groups].map(([label, options]) => ({ label, title: label, options })),
      ...(unknown.length ? [{ label: t('deskAdmin.rules.otherItems'), title: 'other', options: unknown }] : []),
    ];
  }, [catalog.options, rule, t]);

  const onFinish = (values: RuleInput) => {
    setUnplaced([]);
    const body: RuleInput = {
      ...values,
      name: values.name.trim(),
      keywords: (values.keywords ?? []).map((k) => k.trim()).filter(Boolean),
      catalogItemIds: values.catalogItemIds ?? [],
      departmentIds: values.departmentIds ?? [],
      systemIds: values.systemIds ?? [],
    };
    save.mutate(rule ? { ...body, id: rule.id, version: rule.version } : body, {
      onSuccess: () => {
        showSuccess(t('common.saved'));
        onClose();
      },
      onError: (error) => {
        showError(error, { refetch: [ruleKeys.all] });
        if (isApiError(error)) {
          // The server names an unknown or inactive team without a message of its own.
          const issues = error.issues.map((issue) => (issue.message ? issue : { ...issue, message: t('deskAdmin.rules.teamUnavailable') }));
          setUnplaced(applyNestedIssues(form, issues));
        }
      },
    });
  };

  return (
    <FormModal
      width={720}
      title={rule ? t('deskAdmin.rules.editRule') : t('deskAdmin.rules.newRule')}
      form={form}
      saving={save.isPending}
      issues={unplaced}
      onClose={onClose}
    >
      <Form<RuleInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          rule ?? {
            name: '',
            sortOrder: nextSortOrder,
            catalogItemIds: [],
            departmentIds: [],
            systemIds: [],
            keywords: [],
            strategy: 'round_robin',
            active: true,
          }
        }
      >
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 80 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sortOrder" label={t('deskAdmin.rules.sortOrder')} tooltip={t('deskAdmin.rules.sortOrderHint')}>
              <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <div className="rule-modal__section">{t('deskAdmin.rules.whenTitle')}</div>
        <Form.Item
          name="catalogItemIds"
          label={t('deskAdmin.rules.items')}
          extra={catalog.complete ? undefined : t('deskAdmin.rules.itemsLimited')}
        >
          <Select
            mode="multiple"
            allowClear
            loading={catalog.loading}
            placeholder={t('deskAdmin.rules.anyItem')}
            options={itemOptions}
            showSearch={{ optionFilterProp: 'label' }}
            maxTagCount="responsive"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="departmentIds" label={t('deskAdmin.rules.departments')} extra={t('deskAdmin.rules.departmentsHint')}>
              <TreeSelect
                multiple
                allowClear
                treeData={departmentTree}
                treeDefaultExpandAll
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder={t('deskAdmin.rules.anyDepartment')}
                maxTagCount="responsive"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="systemIds" label={t('deskAdmin.rules.systems')}>
              <Select
                mode="multiple"
                allowClear
                loading={systems.isPending}
                placeholder={t('deskAdmin.rules.anySystem')}
                showSearch={{ optionFilterProp: 'label' }}
                options={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                maxTagCount="responsive"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="keywords" label={t('deskAdmin.rules.keywords')} extra={t('deskAdmin.rules.keywordsHint')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} placeholder={t('deskAdmin.rules.anyKeyword')} />
        </Form.Item>
        <div className="rule-modal__section">{t('deskAdmin.rules.thenTitle')}</div>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="teamId" label={t('deskAdmin.rules.team')} rules={[{ required: true, message: t('deskAdmin.rules.pickTeam') }]}>
              <Select
                loading={teams.isPending}
                placeholder={t('deskAdmin.rules.pickTeam')}
                options={(teams.data ?? [])
                  .filter((team) => team.active || team.id === rule?.teamId)
                  .map((team) => ({ value: team.id, label: team.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="active" label={t('common.status')} valuePropName="checked">
              <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="strategy" label={t('deskAdmin.rules.strategy')} style={{ marginBottom: 0 }}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {STRATEGIES.map((strategy) => (
              <Radio key={strategy} value={strategy}>
                {t(`deskAdmin.rules.strategies.${strategy}`)}
                <span className="rule-modal__hint">{t(`deskAdmin.rules.strategyHints.${strategy}`)}</span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      </Form>
    </FormModal>
  );
}
