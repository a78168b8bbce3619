import { PRIORITIES, TICKET_STATUSES } from '@shuyun/shared';
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserPicker } from '../../components/user-picker';
import { useTeams } from '../org/api';
import type { TicketFilters } from './api';
import { hasFilters, SLA_FILTERS, SORTS, type SortName } from './list-params';
import { priorityName, statusName } from './ticket-format';

interface TicketFilterBarProps {
  filters: TicketFilters;
  onChange: (changes: Partial<TicketFilters>) => void;
  onReset: () => void;
}

/** Search, status, priority, team, assignee, SLA, submitted range and sort for the ticket list. */
export function TicketFilterBar({ filters, onChange, onReset }: TicketFilterBarProps) {
  const { t } = useTranslation();
  const teams = useTeams();
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const sortName = (Object.keys(SORTS) as SortName[]).find((name) => SORTS[name] === filters.sort) ?? 'newest';

  return (
    <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="ticket-filters">
      <Input.Search
        allowClear
        placeholder={t('ticketsUi.list.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        style={{ width: 240 }}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('ticketsUi.list.status')}
        value={filters.status ?? []}
        onChange={(status) => onChange({ status })}
        options={TICKET_STATUSES.map((s) => ({ value: s, label: statusName(t, s) }))}
        style={{ width: 200 }}
        data-testid="filter-status"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('ticketsUi.list.priority')}
        value={filters.priority ?? []}
        onChange={(priority) => onChange({ priority })}
        options={PRIORITIES.map((p) => ({ value: p, label: priorityName(t, p) }))}
        style={{ width: 150 }}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('ticketsUi.list.team')}
        value={filters.teamId}
        onChange={(teamId) => onChange({ teamId: teamId ?? undefined })}
        options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        style={{ width: 150 }}
      />
      <UserPicker
        placeholder={t('ticketsUi.list.assignee')}
        value={filters.assigneeId ?? null}
        onChange={(assigneeId) => onChange({ assigneeId: assigneeId ?? undefined })}
        style={{ width: 150 }}
      />
      <Select
        allowClear
        placeholder={t('ticketsUi.list.sla')}
        value={filters.sla}
        onChange={(sla) => onChange({ sla: sla ?? undefined })}
        options={SLA_FILTERS.map((s) => ({ value: s, label: t(`tickets.sla.${s}`) }))}
        style={{ width: 120 }}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('ticketsUi.list.createdFrom'), t('ticketsUi.list.createdTo')]}
        value={[
          filters.createdFrom ? dayjs(filters.createdFrom) : null,
          filters.createdTo ? dayjs(filters.createdTo).subtract(1, 'day') : null,
        ]}
        onChange={(range) =>
          onChange({
            createdFrom: range?.[0] ? range[0].startOf('day').format() : undefined,
            // The API's upper bound is exclusive: the day after the last day picked.
            createdTo: range?.[1] ? range[1].startOf('day').add(1, 'day').format() : undefined,
          })
        }
        style={{ width: 250 }}
      />
      <Select
        value={sortName}
        onChange={(name: SortName) => onChange({ sort: SORTS[name] })}
        options={(Object.keys(SORTS) as SortName[]).map((name) => ({ value: name, label: t(`ticketsUi.list.sorts.${name}`) }))}
        style={{ width: 150 }}
        prefix={<span style={{ color: '#8c8c8c' }}>{t('ticketsUi.list.sort')}</span>}
      />
      {hasFilters(filters) && <Button onClick={onReset}>{t('common.reset')}</Button>}
    </Flex>
  );
}
