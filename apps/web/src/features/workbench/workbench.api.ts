import { useQuery } from '@tanstack/react-query';
import type { Org } from '@paidan/shared';
import { api, type Page } from '../../api/client';
import { useCan } from '../../auth/session';

/** Real totals from the list endpoints, only for what the role may read. */
export function useWorkbenchFigures() {
  const can = useCan();
  const users = useQuery({
    queryKey: ['users', 'total'],
    queryFn: () => api.get<Page<unknown>>('/users', { page: 1, pageSize: 1 }),
    enabled: can('user.read'),
  });
  const customers = useQuery({
    queryKey: ['customers', 'total'],
    queryFn: () => api.get<Page<unknown>>('/customers', { page: 1, pageSize: 1 }),
    enabled: can('customer.read'),
  });
  const orgs = useQuery({ queryKey: ['orgs'], queryFn: () => api.get<Org[]>('/orgs'), enabled: can('org.read') });
  return { users, customers, orgs };
}

export function greetingKey(d = new Date()) {
  const h = d.getHours();
  if (h < 11) return 'wb.morning' as const;
  if (h < 13) return 'wb.noon' as const;
  if (h < 18) return 'wb.afternoon' as const;
  return 'wb.evening' as const;
}
