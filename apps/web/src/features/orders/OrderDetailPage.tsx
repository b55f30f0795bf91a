import { useParams } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { PageFallback } from '../../components/PageFallback';
import { useOrder, useOrdersLive } from './order.api';
import { OrderDetailView } from './OrderDetailView';
import { ScopedPage } from './OrderBits';

function OrderDetailRoute({ page, staff }: { page: string; staff: boolean }) {
  const { id } = useParams();
  const q = useOrder(Number(id));
  useOrdersLive(300);
  return (
    <ScopedPage page={page} title={q.data?.number}>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? <OrderDetailView order={q.data} staff={staff} /> : q.isLoading ? <PageFallback /> : null}
    </ScopedPage>
  );
}

export const MyOrderDetailRoute = () => <OrderDetailRoute page="my-orders" staff={false} />;
export const StaffOrderDetailRoute = () => <OrderDetailRoute page="orders" staff />;
