import { DownOutlined } from '@ant-design/icons';
import type { TicketAction, TicketDetail } from '@shuyun/shared';
import { App, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { ActionModal } from './action-modal';
import { ticketKeys, useTicketAction } from './api';
import { ACTIONS_WITH_FORM, actionName } from './ticket-format';

// Most important first; the first few are buttons, the rest sit under "more".
const ORDER: TicketAction[] = [
  'approve',
  'reject',
  'claim',
  'accept',
  'resume',
  'resolve',
  'confirm',
  'reopen',
  'transfer',
  'hold',
  'assign',
  'merge',
  'close',
  'cancel',
];
const PRIMARY: TicketAction[] = ['approve', 'claim', 'accept', 'resolve', 'confirm'];
const DANGER: TicketAction[] = ['reject', 'cancel'];
/** Asked once more before they happen: they end or release the ticket. */
const CONFIRMED: Record<string, 'approve' | 'cancel' | 'confirm' | 'close'> = {
  approve: 'approve',
  cancel: 'cancel',
  confirm: 'confirm',
  close: 'close',
};
const MAX_BUTTONS = 4;

/** The actions this user may take on the ticket now (the server's `allowedActions`), each with its form or confirmation. */
export function TicketActions({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const act = useTicketAction();
  const { showError, showSuccess } = useApiFeedback();
  const [open, setOpen] = useState<{ action: TicketAction; version: number } | null>(null);
  const actions = ORDER.filter((action) => ticket.allowedActions.includes(action));
  if (actions.length === 0) return null;

  const run = (action: TicketAction) => {
    const version = ticket.version;
    if (ACTIONS_WITH_FORM.includes(action)) {
      setOpen({ action, version });
      return;
    }
    const confirmKey = CONFIRMED[action];
    const go = () =>
      act.mutateAsync({ id: ticket.id, action, version }).then(
        () => showSuccess(t(`ticketsUi.actionDone.${action}`)),
        (error: unknown) => showError(error, { refetch: [ticketKeys.detail(ticket.id)] }),
      );
    if (!confirmKey) {
      void go();
      return;
    }
    modal.confirm({
      title: `${actionName(t, action)} · ${ticket.number}`,
      content: t(`ticketsUi.confirmAction.${confirmKey}`),
      okText: actionName(t, action),
      okButtonProps: { danger: DANGER.includes(action) },
      onOk: go,
    });
  };

  const buttons = actions.slice(0, MAX_BUTTONS);
  const more = actions.slice(MAX_BUTTONS);
  return (
    <>
      <Space wrap data-testid="ticket-actions">
        {buttons.map((action) => (
          <Button
            key={action}
            type={PRIMARY.includes(action) ? 'primary' : 'default'}
            danger={DANGER.includes(action)}
            loading={act.isPending && act.variables?.action === action}
            onClick={() => run(action)}
            data-action={action}
          >
            {actionName(t, action)}
          </Button>
        ))}
        {more.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: more.map((action) => ({ key: action, label: actionName(t, action), danger: DANGER.includes(action) })),
              onClick: ({ key }) => run(key as TicketAction),
            }}
          >
            <Button data-testid="more-actions">
              {t('common.more')} <DownOutlined />
            </Button>
          </Dropdown>
        )}
      </Space>
      {open && <ActionModal ticket={ticket} action={open.action} version={open.version} onClose={() => setOpen(null)} />}
    </>
  );
}
