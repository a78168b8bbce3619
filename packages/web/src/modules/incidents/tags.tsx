import type { IncidentPriority, IncidentStatus } from '@shuyun/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const PRIORITY_COLORS: Record<IncidentPriority, string> = { P1: 'red', P2: 'volcano', P3: 'gold', P4: 'default' };
const STATUS_COLORS: Record<IncidentStatus, string> = {
  new: 'blue',
  in_progress: 'processing',
  on_hold: 'warning',
  resolved: 'success',
  closed: 'default',
  cancelled: 'default',
};

export function PriorityTag({ priority }: { priority: IncidentPriority }) {
  return (
    <Tag color={PRIORITY_COLORS[priority]} style={{ fontWeight: 600 }} data-testid="incident-priority">
      {priority}
    </Tag>
  );
}

export function IncidentStatusTag({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="incident-status">
      {t(`incidents.status.${status}`)}
    </Tag>
  );
}
