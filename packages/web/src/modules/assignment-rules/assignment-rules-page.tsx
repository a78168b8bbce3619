import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useDepartments, useSystems, useTeams } from '../org/api';
import { type AssignmentRule, ruleKeys, useCatalogItemOptions, useReorderRules, useRules } from './api';
import { RuleModal } from './rule-modal';
import './assignment-rules.css';

/** Auto-assignment rules, first match wins: conditions on item, department, system and keywords → a team and a strategy. */
export function AssignmentRulesPage() {
  const { t } = useTranslation();
  const rules = useRules();
  const teams = useTeams();
  const departments = useDepartments();
  const systems = useSystems();
  const catalog = useCatalogItemOptions();
  const reorder = useReorderRules();
  const { showError } = useApiFeedback();
  const [editing, setEditing] = useState<AssignmentRule | 'new' | null>(null);
  const [moving, setMoving] = useState(false);

  const names = useMemo(
    () => ({
      team: new Map((teams.data ?? []).map((team) => [team.id, team.name])),
      department: new Map((departments.data ?? []).map((d) => [d.id, d.name])),
      system: new Map((systems.data ?? []).map((s) => [s.id, s.name])),
      item: new Map(catalog.options.map((item) => [item.id, item.name])),
    }),
    [teams.data, departments.data, systems.data, catalog.options],
  );

  if (rules.isError) return <LoadFailedResult message={rules.error.message} onRetry={() => rules.refetch()} />;
  const list = rules.data ?? [];

  // Two neighbours swap places; the whole order is saved in one request.
  const move = async (index: number, direction: -1 | 1) => {
    const a = list[index];
    const b = list[index + direction];
    if (!a || !b) return;
    const order = [...list];
    order[index] = b;
    order[index + direction] = a;
    setMoving(true);
    try {
      await reorder.mutateAsync(order);
    } catch (error) {
      showError(error, { refetch: [ruleKeys.all] });
    } finally {
      setMoving(false);
    }
  };

  const chips = (label: string, ids: number[], lookup: Map<number, string>, color: string): ReactNode =>
    ids.length > 0 && (
      <div className="rule-condition">
        <span className="rule-condition__label">{label}</span>
        <span className="rule-condition__values">
          {ids.slice(0, 4).map((id) => (
            <Tag key={id} color={color}>
              {lookup.get(id) ?? `#${id}`}
            </Tag>
          ))}
          {ids.length > 4 && <Tag>{t('deskAdmin.rules.more', { count: ids.length - 4 })}</Tag>}
        </span>
      </div>
    );

  return (
    <>
      <PageHeader
        title={t('deskAdmin.nav.rules')}
        subtitle={t('deskAdmin.rules.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-rule">
            {t('deskAdmin.rules.newRule')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('deskAdmin.rules.howItWorks')} />
        <Table<AssignmentRule>
          rowKey="id"
          loading={rules.isPending || moving}
          dataSource={list}
          pagination={false}
          data-testid="rules-table"
          locale={{ emptyText: t('deskAdmin.rules.empty') }}
          rowClassName={(rule) => (rule.active ? '' : 'rule-row--inactive')}
          columns={[
            {
              title: t('deskAdmin.common.order'),
              key: 'order',
              width: 110,
              render: (_, __, index) => (
                <Space size={2}>
                  <span className="rule-index">{index + 1}</span>
                  <Tooltip title={t('deskAdmin.common.moveUp')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('deskAdmin.common.moveUp')}
                      disabled={index === 0 || moving}
                      onClick={() => move(index, -1)}
                    />
                  </Tooltip>
                  <Tooltip title={t('deskAdmin.common.moveDown')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('deskAdmin.common.moveDown')}
                      disabled={index === list.length - 1 || moving}
                      onClick={() => move(index, 1)}
                    />
                  </Tooltip>
                </Space>
              ),
            },
            { title: t('common.name'), dataIndex: 'name', width: 200 },
            {
              title: t('deskAdmin.rules.conditions'),
              key: 'conditions',
              render: (_, rule) => {
                const any = rule.catalogItemIds.length + rule.departmentIds.length + rule.systemIds.length + rule.keywords.length > 0;
                return any ? (
                  <div className="rule-conditions">
                    {chips(t('deskAdmin.rules.items'), rule.catalogItemIds, names.item, 'blue')}
                    {chips(t('deskAdmin.rules.departments'), rule.departmentIds, names.department, 'purple')}
                    {chips(t('deskAdmin.rules.systems'), rule.systemIds, names.system, 'cyan')}
                    {rule.keywords.length > 0 && (
                      <div className="rule-condition">
                        <span className="rule-condition__label">{t('deskAdmin.rules.keywords')}</span>
                        <span className="rule-condition__values">{rule.keywords.join(t('deskAdmin.rules.keywordSeparator'))}</span>
                      </div>
                    )}
                  </div>
                ) : (
                  <Typography.Text type="secondary">{t('deskAdmin.rules.matchesAll')}</Typography.Text>
                );
              },
            },
            {
              title: t('deskAdmin.rules.team'),
              dataIndex: 'teamId',
              width: 140,
              render: (id: number) => <Tag color="geekblue">{names.team.get(id) ?? `#${id}`}</Tag>,
            },
            {
              title: t('deskAdmin.rules.strategy'),
              dataIndex: 'strategy',
              width: 160,
              render: (strategy: AssignmentRule['strategy']) => t(`deskAdmin.rules.strategies.${strategy}`),
            },
            {
              title: t('common.status'),
              dataIndex: 'active',
              width: 80,
              render: (active: boolean) => (active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_, rule) => (
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(rule)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
        {!catalog.complete && list.some((rule) => rule.catalogItemIds.some((id) => !names.item.has(id))) && (
          <Typography.Text type="secondary">{t('deskAdmin.rules.itemsLimited')}</Typography.Text>
        )}
      </Card>
      {editing && (
        <RuleModal
          rule={editing === 'new' ? null : (list.find((r) => r.id === editing.id) ?? editing)}
          nextSortOrder={(list.at(-1)?.sortOrder ?? 0) + 10}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
