import { HOLD_REASONS, type HoldReason, type TicketAction, type TicketDetail } from '@shuyun/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Popup, Selector, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../app/api-client';
import { useTeams } from '../org/api';
import { type ActionInput, ticketKeys, useTicketAction } from './api';
import { actionName, holdReasonName } from './ticket-format';

interface SheetValues {
  reason?: string;
  solution?: string;
  holdReason?: HoldReason[];
  teamId?: number[];
  assigneeId?: number[];
}

/**
 * Runs an action on the phone; the ones that need words or a target (reject, reopen, resolve, hold,
 * transfer) ask for them in a bottom sheet.
 */
export function useMobileAction(ticket: TicketDetail) {
  const { t } = useTranslation();
  const act = useTicketAction();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return {
    pending: act.isPending,
    run: (action: TicketAction, version: number, input: ActionInput = {}) =>
      act.mutateAsync({ id: ticket.id, action, version, input }).then(
        (updated) => {
          Toast.show({ icon: 'success', content: t(`ticketsUi.actionDone.${action}`) });
          // No ticket back (204): handing it to a team one is not in takes it out of one's sight.
          if (!updated) navigate('/m/tickets', { replace: true });
          return true;
        },
        (error: unknown) => {
          Toast.show({ icon: 'fail', content: error instanceof Error ? error.message : String(error), duration: 3000 });
          if (isApiError(error) && error.code === 'versionConflict')
            void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
          return false;
        },
      ),
  };
}

/** Actions with a form on the phone. */
export const SHEET_ACTIONS: readonly TicketAction[] = ['reject', 'reopen', 'resolve', 'hold', 'transfer'];

interface ActionSheetProps {
  ticket: TicketDetail;
  action: TicketAction | null;
  version: number;
  onClose: () => void;
}

export function ActionSheetMobile({ ticket, action, version, onClose }: ActionSheetProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SheetValues>();
  const { run, pending } = useMobileAction(ticket);

  const onFinish = async (values: SheetValues) => {
    if (!action) return;
    const input: ActionInput =
      action === 'resolve'
        ? { solution: values.solution?.trim() }
        : action === 'hold'
          ? { holdReason: values.holdReason?.[0] ?? null, reason: values.reason?.trim() || null }
          : action === 'transfer'
            ? { teamId: values.teamId?.[0], assigneeId: values.assigneeId?.[0] ?? null, reason: values.reason?.trim() }
            : { reason: values.reason?.trim() };
    if (await run(action, version, input)) {
      form.resetFields();
      onClose();
    }
  };

  return (
    <Popup
      visible={action !== null}
      onMaskClick={onClose}
      onClose={onClose}
      bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}
      destroyOnClose
    >
      {action && (
        <div className="mt-sheet" data-testid={`mobile-sheet-${action}`}>
          <h3 className="mt-sheet__title">
            {actionName(t, action)} · {ticket.number}
          </h3>
          <Form
            form={form}
            layout="vertical"
            onFinish={onFinish}
            footer={
              <Button block type="submit" color={action === 'reject' ? 'danger' : 'primary'} size="large" loading={pending}>
                {actionName(t, action)}
              </Button>
            }
          >
            {action === 'resolve' && (
              <Form.Item
                name="solution"
                label={t('ticketsUi.modals.solution')}
                rules={[{ required: true, whitespace: true, message: t('errors.solutionRequired') }]}
              >
                <TextArea rows={4} maxLength={20_000} placeholder={t('ticketsUi.modals.solutionPlaceholder')} />
              </Form.Item>
            )}
            {action === 'transfer' && <TransferTargetMobile form={form} />}
            {action === 'hold' && (
              <Form.Item
                name="holdReason"
                label={t('ticketsUi.modals.holdReason')}
                rules={[{ required: true, message: t('errors.reasonRequired') }]}
              >
                <Selector columns={2} options={HOLD_REASONS.map((value) => ({ value, label: holdReasonName(t, value) }))} />
              </Form.Item>
            )}
            {action !== 'resolve' && (
              <Form.Item
                name="reason"
                label={
                  action === 'hold'
                    ? t('ticketsUi.modals.holdNote')
                    : action === 'reopen'
                      ? t('ticketsUi.mobile.reopenReason')
                      : t('ticketsUi.modals.reason')
                }
                rules={action === 'hold' ? [] : [{ required: true, whitespace: true, message: t('errors.reasonRequired') }]}
              >
                <TextArea rows={3} maxLength={2000} placeholder={t('ticketsUi.modals.reasonPlaceholder')} />
              </Form.Item>
            )}
          </Form>
        </div>
      )}
    </Popup>
  );
}

/** Transfer on the phone: a team (required; one's own to hand it to a colleague), and optionally one of its members. */
function TransferTargetMobile({ form }: { form: ReturnType<typeof Form.useForm<SheetValues>>[0] }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const chosen = Form.useWatch('teamId', form)?.[0];
  const team = teams.data?.find((candidate) => candidate.id === chosen);
  return (
    <>
      <Form.Item
        name="teamId"
        label={t('ticketsUi.modals.team')}
        rules={[{ required: true, message: t('ticketsUi.mobile.transferTeamRequired') }]}
      >
        <Selector
          columns={2}
          options={(teams.data ?? [])
            .filter((candidate) => candidate.active)
            .map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          onChange={() => form.setFieldValue('assigneeId', [])}
          data-testid="mobile-transfer-team"
        />
      </Form.Item>
      {team && team.members.length > 0 && (
        <Form.Item name="assigneeId" label={t('ticketsUi.modals.person')} help={t('ticketsUi.modals.anyoneInTeam')}>
          <Selector
            columns={3}
            options={team.members.map((member) => ({ value: member.id, label: member.displayName }))}
            data-testid="mobile-transfer-person"
          />
        </Form.Item>
      )}
    </>
  );
}
