import { PlusOutlined } from '@ant-design/icons';
import { DEMAND_TASK_STATUSES } from '@shuyun/shared';
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type DemandDetail, demandKeys, tx, useDemandMutation } from './api';

type Dialog = 'task' | 'work' | 'test' | null;
const TASK_COLORS: Record<string, string> = { todo: 'default', doing: 'processing', done: 'success' };

/** 实现: tasks 派工 with their status, the work-hours log 工作量记录 with totals, test rounds 测试登记. */
export function ImplementationCard({ demand }: { demand: DemandDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const mutation = useDemandMutation(demand.id);
  const { showError, showSuccess } = useApiFeedback();
  const editable = demand.canImplement;
  const run = (path: string, body: unknown, done: string, method: 'POST' | 'PATCH' = 'POST') =>
    mutation.mutate(
      { path, body, method },
      {
        onSuccess: () => {
          showSuccess(done);
          setDialog(null);
          form.resetFields();
        },
        onError: (error) => showError(error, { form, refetch: [demandKeys.detail(demand.id)] }),
      },
    );
  const day = (v: unknown) => (v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : undefined);
  const submit = (values: Record<string, unknown>) => {
    if (dialog === 'task') run('tasks', { ...values, dueDate: day(values.dueDate) ?? null }, t('demands.tasks.added'));
    if (dialog === 'work')
      run('work-logs', { ...values, workDate: day(values.workDate), note: values.note || undefined }, t('demands.workLogs.added'));
    if (dialog === 'test')
      run('tests', { ...values, testedOn: day(values.testedOn), note: values.note || undefined }, t('demands.tests.added'));
  };
  const add = (which: Exclude<Dialog, null>, label: string) =>
    editable ? (
      <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog(which)} data-testid={`demand-add-${which}`}>
        {label}
      </Button>
    ) : null;
  const known = [
    ...demand.tasks.map((k) => ({ id: k.developer.id, displayName: k.developer.name })),
    { id: me.id, displayName: me.displayName },
  ];

  return (
    <Card variant="borderless" title={t('demands.detail.implementation')} data-testid="demand-implementation">
      <Tabs
        items={[
          {
            key: 'tasks',
            label: `${t('demands.tasks.title')} (${demand.tasks.length})`,
            children: (
              <>
                <div style={{ marginBottom: 8 }}>{add('task', t('demands.tasks.add'))}</div>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={demand.tasks}
                  locale={{ emptyText: t('demands.tasks.empty') }}
                  columns={[
                    { title: t('demands.tasks.taskTitle'), dataIndex: 'title' },
                    { title: t('demands.tasks.developer'), render: (_, k) => k.developer.name, width: 100 },
                    { title: t('demands.tasks.estimateHours'), dataIndex: 'estimateHours', width: 130 },
                    { title: t('demands.tasks.loggedHours'), dataIndex: 'loggedHours', width: 110 },
                    { title: t('demands.tasks.dueDate'), dataIndex: 'dueDate', width: 110 },
                    {
                      title: t('demands.tasks.status'),
                      width: 130,
                      render: (_, k) =>
                        editable ? (
                          <Select
                            size="small"
                            style={{ width: 110 }}
                            value={k.status}
                            data-testid="demand-task-status"
                            onChange={(status) => run(`tasks/${k.id}`, { version: k.version, status }, t('demands.tasks.updated'), 'PATCH')}
                            options={DEMAND_TASK_STATUSES.map((s) => ({ value: s, label: tx(t, `demands.tasks.statuses.${s}`) }))}
                          />
                        ) : (
                          <Tag color={TASK_COLORS[k.status]}>{tx(t, `demands.tasks.statuses.${k.status}`)}</Tag>
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'work',
            label: `${t('demands.workLogs.title')} (${t('demands.workLogs.total', { hours: demand.totalHours })})`,
            children: (
              <>
                <Space style={{ marginBottom: 8 }} wrap>
                  {add('work', t('demands.workLogs.add'))}
                  <span>{t('demands.workLogs.byPerson')}：</span>
                  {demand.hoursByPerson.map((p) => (
                    <Tag key={p.user.id}>
                      {p.user.name} {p.hours}h
                    </Tag>
                  ))}
                </Space>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={demand.workLogs}
                  locale={{ emptyText: t('demands.workLogs.empty') }}
                  columns={[
                    { title: t('demands.workLogs.date'), dataIndex: 'workDate', width: 110 },
                    { title: t('demands.workLogs.person'), render: (_, w) => w.user.name, width: 100 },
                    { title: t('demands.workLogs.task'), render: (_, w) => w.taskTitle ?? t('demands.workLogs.noTask'), ellipsis: true },
                    { title: t('demands.workLogs.hours'), dataIndex: 'hours', width: 110 },
                    { title: t('demands.workLogs.note'), dataIndex: 'note', ellipsis: true },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'tests',
            label: `${t('demands.tests.title')} (${demand.tests.length})`,
            children: (
              <>
                <div style={{ marginBottom: 8 }}>{add('test', t('demands.tests.add'))}</div>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={demand.tests}
                  locale={{ emptyText: t('demands.tests.empty') }}
                  columns={[
                    { title: t('demands.tests.round'), render: (_, x) => t('demands.tests.roundN', { round: x.round }), width: 90 },
                    { title: t('demands.tests.casesRun'), dataIndex: 'casesRun', width: 90 },
                    { title: t('demands.tests.passed'), dataIndex: 'passed', width: 70 },
                    { title: t('demands.tests.failed'), dataIndex: 'failed', width: 70 },
                    { title: t('demands.tests.defects'), dataIndex: 'defects', width: 80 },
                    {
                      title: t('demands.tests.result'),
                      width: 90,
                      render: (_, x) => (
                        <Tag color={x.result === 'pass' ? 'success' : 'error'}>{tx(t, `demands.tests.results.${x.result}`)}</Tag>
                      ),
                    },
                    { title: t('demands.tests.tester'), render: (_, x) => x.tester.name, width: 90 },
                    { title: t('demands.tests.testedOn'), dataIndex: 'testedOn', width: 110 },
                    { title: t('demands.tests.note'), dataIndex: 'note', ellipsis: true },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      {dialog && (
        <Modal
          open
          title={t(dialog === 'task' ? 'demands.tasks.add' : dialog === 'work' ? 'demands.workLogs.add' : 'demands.tests.add')}
          onOk={() => form.submit()}
          okButtonProps={{ 'data-testid': 'demand-impl-ok' } as Record<string, string>}
          confirmLoading={mutation.isPending}
          onCancel={() => setDialog(null)}
          destroyOnHidden
        >
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={
              dialog === 'task' ? {} : dialog === 'work' ? { workDate: dayjs() } : { testedOn: dayjs(), defects: 0, result: 'pass' }
            }
          >
            {dialog === 'task' && (
              <>
                <Form.Item name="title" label={t('demands.tasks.taskTitle')} rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={200} data-testid="task-title" />
                </Form.Item>
                <Form.Item name="developerId" label={t('demands.tasks.developer')} rules={[{ required: true }]}>
                  <UserPicker known={known} />
                </Form.Item>
                <Space>
                  <Form.Item name="estimateHours" label={t('demands.tasks.estimateHours')} rules={[{ required: true }]}>
                    <InputNumber min={0.5} step={0.5} style={{ width: 160 }} data-testid="task-hours" />
                  </Form.Item>
                  <Form.Item name="dueDate" label={t('demands.tasks.dueDate')}>
                    <DatePicker />
                  </Form.Item>
                </Space>
              </>
            )}
            {dialog === 'work' && (
              <>
                <Form.Item name="taskId" label={t('demands.workLogs.task')}>
                  <Select
                    allowClear
                    options={demand.tasks.map((k) => ({ value: k.id, label: k.title }))}
                    placeholder={t('demands.workLogs.noTask')}
                  />
                </Form.Item>
                <Space>
                  <Form.Item name="workDate" label={t('demands.workLogs.date')} rules={[{ required: true }]}>
                    <DatePicker />
                  </Form.Item>
                  <Form.Item name="hours" label={t('demands.workLogs.hours')} rules={[{ required: true }]}>
                    <InputNumber min={0.5} max={24} step={0.5} style={{ width: 140 }} data-testid="work-hours" />
                  </Form.Item>
                </Space>
                <Form.Item name="note" label={t('demands.workLogs.note')}>
                  <Input maxLength={500} />
                </Form.Item>
              </>
            )}
            {dialog === 'test' && (
              <>
                <Space wrap>
                  {(['casesRun', 'passed', 'failed', 'defects'] as const).map((field) => (
                    <Form.Item key={field} name={field} label={tx(t, `demands.tests.${field}`)} rules={[{ required: true }]}>
                      <InputNumber min={0} precision={0} style={{ width: 100 }} data-testid={`test-${field}`} />
                    </Form.Item>
                  ))}
                </Space>
                <Space>
                  <Form.Item name="result" label={t('demands.tests.result')} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 120 }}
                      options={(['pass', 'fail'] as const).map((r) => ({ value: r, label: tx(t, `demands.tests.results.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name="testedOn" label={t('demands.tests.testedOn')} rules={[{ required: true }]}>
                    <DatePicker />
                  </Form.Item>
                </Space>
                <Form.Item name="note" label={t('demands.tests.note')}>
                  <Input maxLength={1000} />
                </Form.Item>
              </>
            )}
          </Form>
        </Modal>
      )}
    </Card>
  );
}
