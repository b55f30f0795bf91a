import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Customer } from '@paidan/shared';
import { api, type Page } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

/** Searchable enterprise picker over GET /api/customers?q=. */
export function CustomerSelect({
  value,
  onChange,
  initialLabel,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  initialLabel?: string | null;
}) {
  const { t } = useI18n();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(id);
  }, [input]);
  const list = useQuery({
    queryKey: ['customers', 'pick', q],
    queryFn: ({ signal }) => api.get<Page<Customer>>('/customers', { q, page: 1, pageSize: 20 }, signal),
    placeholderData: (prev) => prev,
  });
  const options = (list.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={list.isFetching}
      placeholder={t('user.customerPh')}
      allowClear
      showSearch={{ onSearch: setInput, filterOption: false }}
      notFoundContent={list.isFetching ? t('common.loading') : undefined}
    />
  );
}
