import type { TicketStatus } from '@shuyun/shared';
import { Steps } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

type Step = 'submitted' | 'approval' | 'accepted' | 'resolved' | 'closed';

/** Where the ticket stands on its way (submitted → in progress → resolved → closed), for the requester. */
export function TicketProgress({ status, direction = 'horizontal' }: { status: TicketStatus; direction?: 'horizontal' | 'vertical' }) {
  const { t } = useTranslation();
  const withApproval = status === 'pending_approval' || status === 'rejected';
  const steps: Step[] = withApproval
    ? ['submitted', 'approval', 'accepted', 'resolved', 'closed']
    : ['submitted', 'accepted', 'resolved', 'closed'];
  const at: Record<TicketStatus, Step> = {
    pending_approval: 'approval',
    rejected: 'approval',
    new: 'submitted',
    in_progress: 'accepted',
    on_hold: 'accepted',
    resolved: 'resolved',
    closed: 'closed',
    cancelled: 'submitted',
  };
  const current = steps.indexOf(at[status]);
  const failed = status === 'rejected' || status === 'cancelled';
  return (
    <Steps current={current} direction={direction} data-testid="ticket-progress">
      {steps.map((step, index) => {
        const title = index === current && failed ? t(`tickets.status.${status}`) : t(`ticketsUi.mobile.steps.${step}`);
        const stepStatus =
          index < current ? 'finish' : index === current ? (failed ? 'error' : status === 'closed' ? 'finish' : 'process') : 'wait';
        return <Steps.Step key={step} title={title} status={stepStatus} />;
      })}
    </Steps>
  );
}
