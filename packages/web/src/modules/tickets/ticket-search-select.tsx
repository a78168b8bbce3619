import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../components/use-debounced';
import { searchTickets, TICKETS_KEY } from './api';
import { statusName } from './ticket-format';

interface TicketSearchSelectProps {
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** Left out of the choices (the ticket itself). */
  excludeId: number;
  id?: string;
}

/** Finds another ticket by number or title, in the caller's scope. */
export function TicketSearchSelect({ value, onChange, excludeId, id }: TicketSearchSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: [...TICKETS_KEY, 'search', q],
    queryFn: ({ signal }) => searchTickets(q, signal),
    enabled: q.length > 0,
    select: (data) => data.items.filter((ticket) => ticket.id !== excludeId),
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={t('ticketsUi.modals.mergeSearch')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : q ? t('common.empty') : null}
      options={(found.data ?? []).map((ticket) => ({
        value: ticket.id,
        label: `${ticket.number} ${ticket.title}`,
        hint: statusName(t, ticket.status),
      }))}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{option.data.hint}</div>
        </div>
      )}
      style={{ width: '100%' }}
      data-testid="ticket-search"
    />
  );
}
