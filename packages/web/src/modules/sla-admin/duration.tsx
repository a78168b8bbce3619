import { InputNumber, Space } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Minutes as "4 小时 30 分钟" / "4 h 30 min". */
export function useFormatMinutes() {
  const { t } = useTranslation();
  return useCallback(
    (minutes: number) => {
      const h = Math.floor(minutes / 60);
      const m = minutes % 60;
      if (h === 0) return t('deskAdmin.duration.m', { m });
      if (m === 0) return t('deskAdmin.duration.h', { h });
      return t('deskAdmin.duration.hm', { h, m });
    },
    [t],
  );
}

interface DurationInputProps {
  value?: number | null;
  onChange?: (minutes: number | null) => void;
  id?: string;
  disabled?: boolean;
  /** Smallest allowed total, in minutes. */
  min?: number;
}

/** A number of (working) minutes entered as hours and minutes. */
export function DurationInput({ value, onChange, id, disabled, min = 0 }: DurationInputProps) {
  const { t } = useTranslation();
  const hours = value == null ? null : Math.floor(value / 60);
  const minutes = value == null ? null : value % 60;
  const emit = (h: number | null, m: number | null) => {
    if (h === null && m === null) onChange?.(null);
    else onChange?.(Math.max(min, (h ?? 0) * 60 + (m ?? 0)));
  };
  return (
    <Space.Compact>
      <InputNumber
        id={id}
        disabled={disabled}
        min={0}
        max={8760}
        precision={0}
        value={hours}
        onChange={(h) => emit(h, minutes)}
        suffix={t('deskAdmin.duration.hours')}
        style={{ width: 100 }}
        aria-label={t('deskAdmin.duration.hours')}
      />
      <InputNumber
        disabled={disabled}
        min={0}
        max={59}
        precision={0}
        value={minutes}
        onChange={(m) => emit(hours, m)}
        suffix={t('deskAdmin.duration.minutes')}
        style={{ width: 92 }}
        aria-label={t('deskAdmin.duration.minutes')}
      />
    </Space.Compact>
  );
}
