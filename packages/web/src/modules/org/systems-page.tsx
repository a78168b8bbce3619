import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { CRITICALITIES } from '@shuyun/shared';
import { Button, Card, Col, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItSystem } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { useLabels } from '../../app/i18n';
import { queryKeys } from '../../app/query-keys';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type SystemInput, useSaveSystem, useSystems } from './api';

const CRITICALITY_COLORS: Record<ItSystem['criticality'], string> = { high: 'red', medium: 'orange', low: 'default' };

/** IT systems (应用系统): owner, business analyst, criticality, availability target. */
export function SystemsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useAuth();
  const systems = useSystems();
  const [search, setSearch] = useState('');
  const [criticality, setCriticality] = useState<ItSystem['criticality'] | undefined>();
  const [editing, setEditing] = useState<ItSystem | 'new' | null>(null);
  const canManage = can('org.system.manage');

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (systems.data ?? []).filter(
      (system) =>
        (!criticality || system.criticality === criticality) &&
        (!needle ||
          [system.name, system.code, system.businessDomain, system.ownerName, system.analystName].some((value) =>
            value?.toLowerCase().includes(needle),
          )),
    );
  }, [systems.data, search, criticality]);

  if (systems.isError) return <LoadFailedResult message={systems.error.message} onRetry={() => systems.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('nav.systems')}
        subtitle={t('common.total', { count: systems.data?.length ?? 0 })}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('orgPages.newSystem')}
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('orgPages.searchSystems')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 320 }}
          />
          <Select
            allowClear
            placeholder={t('org.criticality')}
            value={criticality}
            onChange={setCriticality}
            style={{ width: 160 }}
            options={CRITICALITIES.map((value) => ({ value, label: labels.criticality(value) }))}
          />
        </Flex>
        <Table<ItSystem>
          rowKey="id"
          loading={systems.isPending}
          dataSource={rows}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { count: total }), hideOnSinglePage: true }}
          columns={[
            { title: t('common.name'), dataIndex: 'name', width: 160, fixed: 'left' },
            { title: t('common.code'), dataIndex: 'code', width: 110 },
            { title: t('org.businessDomain'), dataIndex: 'businessDomain', width: 130, render: (value) => value ?? '—' },
            { title: t('org.owner'), dataIndex: 'ownerName', width: 110, render: (value) => value ?? '—' },
            { title: t('org.analyst'), dataIndex: 'analystName', width: 120, render: (value) => value ?? '—' },
            {
              title: t('org.criticality'),
              dataIndex: 'criticality',
              width: 110,
              render: (value: ItSystem['criticality']) => <Tag color={CRITICALITY_COLORS[value]}>{labels.criticality(value)}</Tag>,
            },
            {
              title: t('org.availabilityTarget'),
              dataIndex: 'availabilityTarget',
              width: 150,
              align: 'right',
              render: (value: number) => `${value}%`,
            },
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
                    fixed: 'right' as const,
                    render: (_: unknown, system: ItSystem) => (
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(system)}>
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
        <SystemModal
          system={editing === 'new' ? null : (systems.data?.find((item) => item.id === editing.id) ?? editing)}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function SystemModal({ system, onClose }: { system: ItSystem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<SystemInput>();
  const save = useSaveSystem();
  const { showError, showSuccess } = useApiFeedback();

  const onFinish = (values: SystemInput) => {
    const body: SystemInput = {
      name: values.name.trim(),
      code: values.code.trim(),
      description: values.description?.trim() || null,
      businessDomain: values.businessDomain?.trim() || null,
      ownerId: values.ownerId ?? null,
      analystId: values.analystId ?? null,
      criticality: values.criticality,
      availabilityTarget: values.availabilityTarget,
    };
    save.mutate(system ? { ...body, active: values.active, id: system.id, version: system.version } : body, {
      onSuccess: () => {
        showSuccess(t('common.saved'));
        onClose();
      },
      onError: (error) => showError(error, { form, refetch: [queryKeys.systems] }),
    });
  };

  return (
    <Modal
      open
      width={680}
      title={system ? t('orgPages.editSystem') : t('orgPages.newSystem')}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<SystemInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          system
            ? { ...system, description: system.description ?? '', businessDomain: system.businessDomain ?? '' }
            : { criticality: 'medium', availabilityTarget: 99.9 }
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 80 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="code" label={t('common.code')} rules={[{ required: true, whitespace: true, max: 40 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="businessDomain" label={t('org.businessDomain')} rules={[{ max: 80 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="availabilityTarget" label={t('org.availabilityTarget')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} step={0.01} precision={2} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ownerId" label={t('org.owner')}>
              <UserPicker known={system?.ownerId ? [{ id: system.ownerId, displayName: system.ownerName ?? '' }] : []} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="analystId" label={t('org.analyst')}>
              <UserPicker known={system?.analystId ? [{ id: system.analystId, displayName: system.analystName ?? '' }] : []} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="criticality" label={t('org.criticality')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={CRITICALITIES.map((value) => ({ value, label: labels.criticality(value) }))} />
            </Form.Item>
          </Col>
          {system && (
            <Col span={12}>
              <Form.Item name="active" label={t('common.status')} valuePropName="checked">
                <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="description" label={t('common.description')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
