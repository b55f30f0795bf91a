import { useEffect } from 'react';
import { useCoalesced } from '../../lib/use-coalesced';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  OrderAction,
  OrderDetail,
  OrderSettings,
  OrderStage,
  OrderState,
  OrderSummary,
  PlaceOrderInput,
  QuoteResult,
  Tower,
} from '@paidan/shared';
import { api, type Page } from '../../api/client';
import { useRequestKey } from '../../lib/request-key';

export const ORDERS_KEY = ['orders'] as const;
export const orderKey = (id: number) => [...ORDERS_KEY, 'detail', id] as const;

export interface OrderFilters {
  view?: 'all' | 'mine' | 'team' | 'created';
  state?: OrderState;
  stage?: OrderStage;
  open?: boolean;
  overdue?: boolean;
  districtId?: number;
  customerId?: number;
  preAcceptanceNo?: string;
  q?: string;
  sort?: '-created' | 'deadline';
}

export function useOrderList(f: OrderFilters & { page: number; pageSize: number }, nonce = 0) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'list', f, nonce],
    queryFn: ({ signal }) =>
      api.get<Page<OrderSummary>>(
        '/orders',
        {
          ...f,
          open: f.open === undefined ? undefined : String(f.open),
          overdue: f.overdue === undefined ? undefined : String(f.overdue),
        },
        signal,
      ),
    placeholderData: (prev) => prev,
  });
}

export function useOrder(id: number) {
  return useQuery({
    queryKey: orderKey(id),
    queryFn: ({ signal }) => api.get<OrderDetail>(`/orders/${id}`, undefined, signal),
    enabled: Number.isFinite(id) && id > 0,
  });
}

export function useOrderLookup(number: string | null) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'lookup', number],
    queryFn: ({ signal }) => api.get<OrderDetail>('/orders/lookup', { number: number! }, signal),
    enabled: !!number,
    retry: false,
  });
}

function useOrderSaved() {
  const qc = useQueryClient();
  return (d: OrderDetail) => {
    qc.setQueryData(orderKey(d.id), d);
    void qc.invalidateQueries({ queryKey: [...ORDERS_KEY, 'list'] });
  };
}

export function useOrderAction(id: number) {
  const saved = useOrderSaved();
  return useMutation({
    mutationFn: (b: { action: OrderAction; note?: string; version: number }) =>
      api.post<OrderDetail>(`/orders/${id}/actions`, b),
    onSuccess: saved,
  });
}

export function useWorkOrderAction() {
  const saved = useOrderSaved();
  return useMutation({
    mutationFn: (b: { id: number; action: 'start' | 'finish'; result?: string }) =>
      api.post<OrderDetail>(`/orders/work-orders/${b.id}`, { action: b.action, result: b.result ?? '' }),
    onSuccess: saved,
  });
}

export function useOrderChange(id: number) {
  const saved = useOrderSaved();
  return useMutation({
    mutationFn: (b: {
      contactName?: string;
      contactPhone?: string;
      installAddress?: string;
      note?: string;
      version: number;
    }) => api.patch<OrderDetail>(`/orders/${id}`, b),
    onSuccess: saved,
  });
}

export function usePlaceOrder() {
  const saved = useOrderSaved();
  const key = useRequestKey();
  return useMutation({
    mutationFn: (b: PlaceOrderInput) => api.post<OrderDetail>('/orders', b, key.headers(b)),
    onSuccess: (d) => {
      key.created();
      saved(d);
    },
  });
}

export const quote = (items: PlaceOrderInput['items'], customerId?: number) =>
  api.post<QuoteResult>('/orders/quote', { items, ...(customerId ? { customerId } : {}) });

export function useTower(f: { districtId?: number; stage?: string }) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'tower', f],
    queryFn: ({ signal }) => api.get<Tower>('/orders/tower', f, signal),
    refetchInterval: 60_000,
  });
}

export function useOrderSettings() {
  return useQuery({ queryKey: [...ORDERS_KEY, 'settings'], queryFn: () => api.get<OrderSettings>('/orders/settings') });
}
export function useSaveOrderSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: OrderSettings) => api.put<OrderSettings>('/orders/settings', b),
    onSuccess: (d) => qc.setQueryData([...ORDERS_KEY, 'settings'], d),
  });
}

export function usePromoLink(enabled: boolean) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'promo'],
    queryFn: () => api.get<{ ref: string; url: string; managerName: string }>('/orders/promo-link'),
    enabled,
    staleTime: Infinity,
  });
}

export function useRefCheck(ref: string | null) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'ref', ref],
    queryFn: () => api.get<{ valid: boolean; managerName: string | null }>('/orders/ref-check', { ref: ref! }),
    enabled: !!ref,
    staleTime: Infinity,
  });
}

// The event stream re-broadcasts `order.changed` on the window (use-notification-stream), like tickets.
export const ORDER_CHANGED_EVENT = 'paidan:order.changed';
export function emitOrderChanged(id: number | null): void {
  window.dispatchEvent(new CustomEvent<number | null>(ORDER_CHANGED_EVENT, { detail: id }));
}

/** Refreshes order queries when orders change elsewhere (bursts collapse into one refresh). */
export function useOrdersLive(debounceMs = 600): void {
  const qc = useQueryClient();
  const refresh = useCoalesced(() => qc.invalidateQueries({ queryKey: ORDERS_KEY }), debounceMs);
  useEffect(() => {
    window.addEventListener(ORDER_CHANGED_EVENT, refresh);
    return () => window.removeEventListener(ORDER_CHANGED_EVENT, refresh);
  }, [refresh]);
}
