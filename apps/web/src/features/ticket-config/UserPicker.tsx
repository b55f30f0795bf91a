import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { isCustomerRole, ROLE_LABELS, type User } from '@paidan/shared';
import { api, type Page } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

/** Searchable picker of active staff over GET /api/users?q=. */
export function UserPicker({ value, onChange }: { value?: number | null; onChange?: (v: number | null) => void }) {
  const { t, l } = useI18n();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(id);
  }, [input]);
  const list = useQuery({
    queryKey: ['users', 'pick-staff', q],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { q, status: 'active', page: 1, pageSize: 20 }, signal),
    placeholderData: (prev) => prev,
  });
  const current = useQuery({
    queryKey: ['users', 'one', value],
    queryFn: ({ signal }) => api.get<User>(`/users/${value}`, undefined, signal),
    enabled: !!value,
    staleTime: 5 * 60_000,
  });
  const label = (u: User) => `${u.displayName} · ${l(ROLE_LABELS[u.role])}${u.orgName ? ` · ${u.orgName}` : ''}`;
  const options = (list.data?.items ?? [])
    .filter((u) => !isCustomerRole(u.role))
    .map((u) => ({ value: u.id, label: label(u) }));
  if (value && current.data && !options.some((o) => o.value === value))
    options.unshift({ value, label: label(current.data) });
  return (
    <Select
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={list.isFetching}
      placeholder={t('cfg.rule.userPh')}
      allowClear
      showSearch={{ onSearch: setInput, filterOption: false }}
    />
  );
}
