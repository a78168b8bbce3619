import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS, tx } from './api';

/** An asset's status as a coloured tag (在库 / 在用 / 维修中 …). */
export function AssetStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="asset-status">
      {tx(t, `assets.status.${status}`)}
    </Tag>
  );
}
