import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client';
import type { Items, UserOption } from '../app/api-types';
import { queryKeys } from '../app/query-keys';
import { useDebounced } from './use-debounced';

export interface KnownUser {
  id: number;
  displayName: string;
}

interface BaseProps {
  /** Users already chosen, so their names show before any search. */
  known?: (KnownUser | null | undefined)[];
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
}

interface SingleProps extends BaseProps {
  multiple?: false;
  value?: number | null;
  onChange?: (value: number | null) => void;
}

interface MultipleProps extends BaseProps {
  multiple: true;
  value?: number[];
  onChange?: (value: number[]) => void;
}

/** Finds a person by name, username or department (at most 20 matches from the server). */
export function UserPicker(props: SingleProps | MultipleProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(search.trim());
  const options = useQuery({
    queryKey: [...queryKeys.userOptions, q],
    queryFn: ({ signal }) => api<Items<UserOption>>('/api/users/options', { query: { q }, signal }),
    select: (data) => data.items,
    enabled: open,
    staleTime: 60_000,
  });

  const selectOptions = useMemo(() => {
    const seen = new Set<number>();
    const list: { value: number; label: string; hint: string }[] = [];
    for (const user of options.data ?? []) {
      seen.add(user.id);
      list.push({
        value: user.id,
        label: user.displayName,
        hint: [user.username, user.departmentName].filter(Boolean).join(' · '),
      });
    }
    for (const user of props.known ?? []) {
      if (user && !seen.has(user.id)) {
        seen.add(user.id);
        list.push({ value: user.id, label: user.displayName, hint: '' });
      }
    }
    return list;
  }, [options.data, props.known]);

  return (
    <Select<number | number[]>
      id={props.id}
      mode={props.multiple ? 'multiple' : undefined}
      value={props.value ?? (props.multiple ? [] : undefined)}
      onChange={(value) => {
        if (props.multiple) props.onChange?.((value as number[] | undefined) ?? []);
        else props.onChange?.((value as number | undefined) ?? null);
      }}
      onOpenChange={setOpen}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={props.allowClear ?? true}
      disabled={props.disabled}
      placeholder={props.placeholder ?? t('shell.searchPerson')}
      style={props.style ?? { width: '100%' }}
      notFoundContent={options.isFetching ? <Spin size="small" /> : t('common.empty')}
      options={selectOptions}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          {option.data.hint && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{option.data.hint}</div>}
        </div>
      )}
      maxTagCount="responsive"
    />
  );
}
