import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import { COLUMN_KEYS, type ColumnKey, columnTitle, FIXED_COLUMNS } from './ticket-columns';

/** Which columns the ticket table shows (kept on this device and in saved views). */
export function ColumnChooser({ value, onChange }: { value: ColumnKey[]; onChange: (columns: ColumnKey[]) => void }) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('ticketsUi.list.columns')}
      content={
        <Checkbox.Group
          value={value}
          onChange={(next) => onChange(COLUMN_KEYS.filter((key) => FIXED_COLUMNS.includes(key) || next.includes(key)))}
          style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '6px 16px' }}
          options={COLUMN_KEYS.map((key) => ({ value: key, label: columnTitle(t, key), disabled: FIXED_COLUMNS.includes(key) }))}
        />
      }
    >
      <Button icon={<SettingOutlined />} data-testid="column-chooser">
        {t('ticketsUi.list.columns')}
      </Button>
    </Popover>
  );
}
