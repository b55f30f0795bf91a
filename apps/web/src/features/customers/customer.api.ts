import { useQuery } from '@tanstack/react-query';
import type { Customer, CustomerLevel } from '@paidan/shared';
import { api, type Page } from '../../api/client';

export interface CustomerFilters {
  q?: string;
  level?: CustomerLevel;
  industry?: string;
  districtOrgId?: number;
  accountManagerId?: number;
}

export const CUSTOMERS_KEY = ['customers'] as const;

export function useCustomerList(params: CustomerFilters & { page: number; pageSize: number }, nonce = 0) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'list', params, nonce],
    queryFn: ({ signal }) => api.get<Page<Customer>>('/customers', { ...params }, signal),
    placeholderData: (prev) => prev,
  });
}

export function useCustomer(id: number | null | undefined) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Customer>(`/customers/${id}`, undefined, signal),
    enabled: !!id,
  });
}
