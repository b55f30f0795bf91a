import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OfferInput, OfferUpdate, Product, ProductInput, ProductLine, ProductUpdate } from '@paidan/shared';
import { api, type Page } from '../../api/client';

export const CATALOG_KEY = ['catalog'] as const;

export function useProductLines() {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'lines'],
    queryFn: () => api.get<ProductLine[]>('/catalog/lines'),
    staleTime: 60_000,
  });
}

export function useProducts(f: {
  lineId?: number;
  q?: string;
  status?: string;
  shop?: boolean;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'products', f],
    queryFn: ({ signal }) =>
      api.get<Page<Product>>(
        '/catalog/products',
        { ...f, shop: f.shop === undefined ? undefined : String(f.shop) },
        signal,
      ),
    placeholderData: (prev) => prev,
  });
}

export function useProduct(id: number | null) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'product', id],
    queryFn: ({ signal }) => api.get<Product>(`/catalog/products/${id}`, undefined, signal),
    enabled: !!id,
  });
}

function useSaved() {
  const qc = useQueryClient();
  return (p: Product) => {
    qc.setQueryData([...CATALOG_KEY, 'product', p.id], p);
    void qc.invalidateQueries({ queryKey: [...CATALOG_KEY, 'products'] });
    void qc.invalidateQueries({ queryKey: [...CATALOG_KEY, 'lines'] });
  };
}

/** Every caller of these tells a failure itself (a field error or one message), so the global toast stays out. */
const meta = { manualError: true };

export function useCatalogMutations() {
  const saved = useSaved();
  const qc = useQueryClient();
  return {
    createProduct: useMutation({
      mutationFn: (b: ProductInput) => api.post<Product>('/catalog/products', b),
      onSuccess: saved,
      meta,
    }),
    updateProduct: useMutation({
      mutationFn: ({ id, ...b }: ProductUpdate & { id: number }) => api.patch<Product>(`/catalog/products/${id}`, b),
      onSuccess: saved,
      meta,
    }),
    productLifecycle: useMutation({
      mutationFn: (b: { id: number; action: 'publish' | 'retire' }) =>
        api.post<Product>(`/catalog/products/${b.id}/lifecycle`, { action: b.action }),
      onSuccess: saved,
      meta,
    }),
    createOffer: useMutation({
      mutationFn: (b: OfferInput) => api.post<Product>('/catalog/offers', b),
      onSuccess: saved,
      meta,
    }),
    updateOffer: useMutation({
      mutationFn: ({ id, ...b }: OfferUpdate & { id: number }) => api.patch<Product>(`/catalog/offers/${id}`, b),
      onSuccess: saved,
      meta,
    }),
    offerLifecycle: useMutation({
      mutationFn: (b: { id: number; action: 'publish' | 'retire' }) =>
        api.post<Product>(`/catalog/offers/${b.id}/lifecycle`, { action: b.action }),
      onSuccess: saved,
      meta,
    }),
    deleteOffer: useMutation({
      mutationFn: (id: number) => api.del<{ ok: true }>(`/catalog/offers/${id}`),
      onSuccess: () => void qc.invalidateQueries({ queryKey: CATALOG_KEY }),
      meta,
    }),
  };
}
