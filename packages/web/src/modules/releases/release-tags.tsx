import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISK_COLORS, STATUS_COLORS, tx } from './api';

export function ReleaseStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="release-status">
      {tx(t, `releases.status.${status}`)}
    </Tag>
  );
}

export function RiskTag({ risk }: { risk: string }) {
  const { t } = useTranslation();
  return <Tag color={RISK_COLORS[risk] ?? 'default'}>{tx(t, `releases.risk.${risk}`)}</Tag>;
}
