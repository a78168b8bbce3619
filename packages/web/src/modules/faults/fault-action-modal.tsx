import { FAULT_CAUSES } from '@shuyun/shared';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type FaultDetail, faultKeys, tx, useFaultCommand, useFaultOptions } from './api';

export type ModalKind = 'recover' | 'reopen' | 'close' | 'cancel' | 'assign' | 'times' | 'review-actions' | 'work-logs' | 'links';

const TITLE: Record<ModalKind, string> = {
  recover: 'faults.actions.recover',
  reopen: 'faults.actions.reopen',
  close: 'faults.actions.close',
  cancel: 'faults.actions.cancel',
  assign: 'faults.actions.assign',
  times: 'faults.actions.editTimes',
  'review-actions': 'faults.reviewActions.add',
  'work-logs': 'faults.actions.workLog',
  links: 'faults.actions.link',
};

const dt = (v: Dayjs | undefined) => v?.toISOString();

/** One dialog per fault action that needs input; the server's field errors land under the fields. */
export function FaultActionModal({ fault, kind, onClose }: { fault: FaultDetail; kind: ModalKind; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const run = useFaultCommand(fault.id);
  const options = useFaultOptions();
  const { showError, showSuccess } = useApiFeedback();
  const required = [{ required: true, message: t('validation.required') }];

  const submit = (values: Record<string, unknown>) => {
    let body: Record<string, unknown> = { version: fault.version, ...values };
    if (kind === 'times') {
      body = {
        version: fault.version,
        reason: values.reason,
        startedAt: dt(values.startedAt as Dayjs),
        detectedAt: dt(values.detectedAt as Dayjs),
        ...(fault.recoveredAt ? { recoveredAt: dt(values.recoveredAt as Dayjs) } : {}),
      };
    }
    if (kind === 'recover') body = { version: fault.version, resolution: values.resolution, recoveredAt: dt(values.recoveredAt as Dayjs) };
    if (kind === 'review-actions')
      body = { title: values.title, ownerId: values.ownerId, dueDate: (values.dueDate as Dayjs).format('YYYY-MM-DD') };
    if (kind === 'work-logs') body = { minutes: Number(values.minutes), note: values.note || null };
    if (kind === 'links') body = { number: values.number };
    if (kind === 'assign') body = { version: fault.version, teamId: values.teamId ?? null, assigneeId: values.assigneeId ?? null };
    run.mutate(
      { path: kind, body },
      {
        onSuccess: () => {
          showSuccess(t('faults.detail.done'));
          onClose();
        },
        onError: (error) => showError(error, { form, refetch: [faultKeys.detail(fault.id)] }),
      },
    );
  };

  return (
    <Modal
      open
      title={tx(t, TITLE[kind])}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          recoveredAt: dayjs(),
          startedAt: dayjs(fault.startedAt),
          detectedAt: dayjs(fault.detectedAt),
          ...(kind === 'times' && fault.recoveredAt ? { recoveredAt: dayjs(fault.recoveredAt) } : {}),
          teamId: fault.team?.id,
          assigneeId: fault.assignee?.id,
          causeCategory: fault.causeCategory ?? undefined,
          rootCause: fault.rootCause ?? '',
        }}
        data-testid={`fault-modal-${kind}`}
      >
        {kind === 'recover' && (
          <>
            <Form.Item name="resolution" label={t('faults.fields.resolution')} rules={required}>
              <Input.TextArea rows={4} placeholder={t('faults.detail.resolutionPlaceholder')} data-testid="fault-resolution" />
            </Form.Item>
            <Form.Item name="recoveredAt" label={t('faults.fields.recoveredAt')} rules={required}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        {(kind === 'reopen' || kind === 'cancel') && (
          <Form.Item name="reason" label={t('faults.fields.reason')} rules={required}>
            <Input.TextArea rows={3} placeholder={t('faults.detail.reasonPlaceholder')} data-testid="fault-reason" />
          </Form.Item>
        )}
        {kind === 'close' && (
          <>
            <Form.Item name="causeCategory" label={t('faults.fields.causeCategory')} rules={required}>
              <Select options={FAULT_CAUSES.map((c) => ({ value: c, label: tx(t, `faults.cause.${c}`) }))} data-testid="fault-cause" />
            </Form.Item>
            <Form.Item name="rootCause" label={t('faults.fields.rootCause')} rules={required}>
              <Input.TextArea rows={4} placeholder={t('faults.detail.rootCausePlaceholder')} data-testid="fault-root-cause" />
            </Form.Item>
          </>
        )}
        {kind === 'assign' && (
          <>
            <Form.Item name="teamId" label={t('faults.fields.team')}>
              <Select allowClear options={options.data?.teams.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="assigneeId" label={t('faults.fields.assignee')}>
              <UserPicker allowClear known={[fault.assignee]} />
            </Form.Item>
          </>
        )}
        {kind === 'times' && (
          <>
            <Form.Item name="startedAt" label={t('faults.fields.startedAt')} rules={required}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="detectedAt" label={t('faults.fields.detectedAt')} rules={required}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            {fault.recoveredAt && (
              <Form.Item name="recoveredAt" label={t('faults.fields.recoveredAt')} rules={required}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            )}
            <Form.Item name="reason" label={t('faults.fields.reason')} rules={required}>
              <Input.TextArea rows={2} placeholder={t('faults.detail.timesReasonPlaceholder')} data-testid="fault-times-reason" />
            </Form.Item>
          </>
        )}
        {kind === 'review-actions' && (
          <>
            <Form.Item name="title" label={t('faults.reviewActions.name')} rules={required}>
              <Input maxLength={200} data-testid="fault-action-title" />
            </Form.Item>
            <Form.Item name="ownerId" label={t('faults.reviewActions.owner')} rules={required}>
              <UserPicker />
            </Form.Item>
            <Form.Item name="dueDate" label={t('faults.reviewActions.dueDate')} rules={required}>
              <DatePicker style={{ width: '100%' }} data-testid="fault-action-due" />
            </Form.Item>
          </>
        )}
        {kind === 'work-logs' && (
          <>
            <Form.Item name="minutes" label={t('faults.fields.workMinutes')} rules={required}>
              <Input type="number" min={1} max={1440} />
            </Form.Item>
            <Form.Item name="note" label={t('common.description')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
        {kind === 'links' && (
          <Form.Item name="number" label={t('faults.actions.link')} rules={required}>
            <Input placeholder={t('faults.detail.linkPlaceholder')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
