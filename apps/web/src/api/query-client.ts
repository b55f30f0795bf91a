import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';
import { toastError } from './feedback';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { /** the caller shows its own message for failures */ manualError?: boolean };
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => {
        if (err instanceof ApiError && err.status > 0 && err.status < 500) return false;
        return count < 2;
      },
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
  mutationCache: new MutationCache({
    onError: (err, _vars, _ctx, mutation) => {
      if (mutation.options.meta?.manualError) return;
      toastError(err);
    },
  }),
});
