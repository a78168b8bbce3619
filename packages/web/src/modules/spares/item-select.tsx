import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import type { Page } from '../../app/api-types';
import { useDebounced } from '../../components/use-debounced';
import { SPARES_KEY, type SpareItem, type SpareWarehouse, useWarehouses } from './api';

/** Finds an active spare part by code, name or model. */
export function SpareItemSelect({
  value,
  onChange,
  known,
  id,
}: {
  value?: number;
  onChange?: (id: number | undefined, item?: SpareItem) => void;
  known?: SpareItem | null;
  id?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: [...SPARES_KEY, 'items', 'pick', q],
    queryFn: ({ signal }) => api<Page<SpareItem>>('/api/spares/items', { query: { q, pageSize: 20 }, signal }),
    select: (data) => data.items,
  });
  const options = [...(known && !found.data?.some((i) => i.id === known.id) ? [known] : []), ...(found.data ?? [])];
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) =>
        onChange?.(
          v,
          options.find((i) => i.id === v),
        )
      }
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('spares.searchPlaceholder')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('common.empty')}
      options={options.map((i) => ({ value: i.id, label: `${i.code} ${i.name}${i.model ? `（${i.model}）` : ''}` }))}
      style={{ width: '100%' }}
      data-testid="spare-item-select"
    />
  );
}

/** Picks an active warehouse; with an item, each option shows how much of it is there. */
export function WarehouseSelect({
  value,
  onChange,
  item,
  id,
  testId,
}: {
  value?: number;
  onChange?: (id: number) => void;
  item?: SpareItem | null;
  id?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const quantity = (w: SpareWarehouse) => item?.stock.find((s) => s.warehouse.id === w.id)?.quantity ?? 0;
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={warehouses.isPending}
      options={(warehouses.data ?? [])
        .filter((w) => w.active)
        .map((w) => ({
          value: w.id,
          label: item ? `${w.name} · ${t('spares.available', { count: quantity(w), unit: item.unit })}` : w.name,
        }))}
      style={{ width: '100%' }}
      data-testid={testId ?? 'spare-warehouse-select'}
    />
  );
}
