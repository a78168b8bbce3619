import { HOLD_REASONS, type TicketAction, type TicketDetail } from '@shuyun/shared';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type ActionInput, ticketKeys, useTicketAction } from './api';
import { TeamPersonFields } from './team-person-fields';
import { actionName, holdReasonName, RESOLUTION_CATEGORIES, resolutionCategoryName } from './ticket-format';
import { TicketSearchSelect } from './ticket-search-select';

interface ActionModalProps {
  ticket: TicketDetail;
  action: TicketAction;
  /** The version the user saw when choosing the action; sent so a concurrent change is refused, not overwritten. */
  version: number;
  onClose: () => void;
}

type Values = ActionInput & { note?: string };

/** The form an action needs: a reason, a target, a hold reason, a solution, another ticket. */
export function ActionModal({ ticket, action, version, onClose }: ActionModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const act = useTicketAction();
  const navigate = useNavigate();
  const { showError, showSuccess } = useApiFeedback();

  const onFinish = (values: Values) => {
    const input: ActionInput = { ...values };
    if (action === 'hold') {
      input.reason = values.note?.trim() || null;
      delete (input as Values).note;
    }
    act.mutate(
      { id: ticket.id, action, version, input },
      {
        onSuccess: (updated) => {
          showSuccess(t(`ticketsUi.actionDone.${action}`));
          onClose();
          // No ticket back (204): handing it to a team one is not in takes it out of one's sight.
          if (!updated) navigate('/tickets');
        },
        onError: (error) => showError(error, { form, refetch: [ticketKeys.detail(ticket.id)] }),
      },
    );
  };

  const reason = (required: boolean) => (
    <Form.Item name="reason" label={t('ticketsUi.modals.reason')} rules={[{ required, whitespace: true, max: 2000 }]}>
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('ticketsUi.modals.reasonPlaceholder')} />
    </Form.Item>
  );

  let body: ReactNode = null;
  switch (action) {
    case 'reject':
    case 'reopen':
      body = reason(true);
      break;
    case 'assign':
      body = <TeamPersonFields form={form} />;
      break;
    case 'transfer':
      body = (
        <>
          <TeamPersonFields form={form} />
          {reason(true)}
        </>
      );
      break;
    case 'hold':
      body = (
        <>
          <Alert type="info" showIcon title={t('ticketsUi.modals.holdHint')} style={{ marginBottom: 16 }} />
          <Form.Item name="holdReason" label={t('ticketsUi.modals.holdReason')} rules={[{ required: true }]}>
            <Select
              placeholder={t('ticketsUi.catalog.selectPlaceholder')}
              options={HOLD_REASONS.map((value) => ({ value, label: holdReasonName(t, value) }))}
              data-testid="hold-reason"
            />
          </Form.Item>
          <Form.Item name="note" label={t('ticketsUi.modals.holdNote')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </>
      );
      break;
    case 'resolve':
      body = (
        <>
          <Form.Item name="solution" label={t('ticketsUi.modals.solution')} rules={[{ required: true, whitespace: true, max: 20_000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} placeholder={t('ticketsUi.modals.solutionPlaceholder')} />
          </Form.Item>
          <Form.Item name="resolutionCategory" label={t('ticketsUi.modals.resolutionCategory')}>
            <Select
              allowClear
              placeholder={t('ticketsUi.catalog.selectPlaceholder')}
              options={RESOLUTION_CATEGORIES.map((value) => ({ value, label: resolutionCategoryName(t, value) }))}
            />
          </Form.Item>
          <Form.Item name="workMinutes" label={t('ticketsUi.modals.workMinutes')}>
            <InputNumber min={0} max={24 * 60} step={15} style={{ width: 200 }} />
          </Form.Item>
        </>
      );
      break;
    case 'merge':
      body = (
        <>
          <Alert type="warning" showIcon title={t('ticketsUi.modals.mergeHint')} style={{ marginBottom: 16 }} />
          <Form.Item name="targetId" label={t('ticketsUi.modals.mergeTarget')} rules={[{ required: true }]}>
            <TicketSearchSelect excludeId={ticket.id} />
          </Form.Item>
        </>
      );
      break;
    default:
      break;
  }

  return (
    <Modal
      open
      title={`${actionName(t, action)} · ${ticket.number}`}
      okText={actionName(t, action)}
      okButtonProps={{ danger: action === 'reject', 'data-testid': 'action-ok' } as never}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} preserve={false} data-testid={`action-form-${action}`}>
        {body}
      </Form>
    </Modal>
  );
}
