import { lazy, Suspense } from 'react';
import { Button, Card, Col, Result, Row, Skeleton, Space, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useParams } from 'react-router';
import { isCustomerRole, type TicketDetail } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { Guard } from '../../auth/RequireAuth';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useShell } from '../../layout/shell-context';
import { MobileTicketDetail } from '../../mobile/tickets/lazy';
import { useLiveTicket } from './use-live-ticket';
import { useBack } from './use-back';
import { TicketActionBar } from './TicketActionBar';
import { TicketAttachments } from './TicketAttachments';
import { TicketClocks } from './TicketClocks';
import { TicketDescriptions, TicketResult } from './TicketDescriptions';
import { PriorityTag, TicketStatusTag, TicketTypeTag } from './TicketTags';
import { StageCountdown } from './StageCountdown';
import { TicketProgress, TicketTimeline } from './TicketTimeline';
import { canRegrade, TicketRegrade } from './TicketRegrade';
import { CustomerPrompt, Notices } from './TicketNotices';
import './tickets.css';

// ECharts is large: it loads when the flow chart tab is first opened.
const TicketFlowChart = lazy(() => import('./TicketFlowChart').then((m) => ({ default: m.TicketFlowChart })));

const idParam = (v: string | undefined) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** `/tickets/:id`: staff see the work view; a customer following a notification lands on its own view. */
export function TicketDetailRoute() {
  const me = useMe();
  const { id } = useParams();
  if (isCustomerRole(me.role)) return <Navigate to={`/my/tickets/${id ?? ''}`} replace />;
  return (
    <Guard page="tickets">
      <StaffTicketDetail id={idParam(id)} />
    </Guard>
  );
}

/** `/my/tickets/:id` (SMS links point here). */
export function MyTicketDetailRoute() {
  const me = useMe();
  const { id } = useParams();
  if (!isCustomerRole(me.role)) return <Navigate to={`/tickets/${id ?? ''}`} replace />;
  return <CustomerTicketDetail id={idParam(id)} />;
}

function NotFound({ back }: { back: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('tk.notFound')}
      subTitle={t('tk.notFoundSub')}
      extra={
        <Button type="primary" onClick={() => void navigate(back)}>
          {t('common.back')}
        </Button>
      }
    />
  );
}

function Header({ ticket, staff = false }: { ticket: TicketDetail; staff?: boolean }) {
  return (
    <Space size={8} wrap className="tk-head">
      <span className="mono tk-number" data-testid="ticket-number">
        {ticket.number}
      </span>
      <TicketStatusTag status={ticket.status} />
      <TicketTypeTag type={ticket.type} />
      <PriorityTag priority={ticket.priority} />
      {staff ? <StageCountdown ticket={ticket} /> : null}
    </Space>
  );
}

function StaffTicketDetail({ id }: { id: number | null }) {
  const { t } = useI18n();
  const me = useMe();
  const shell = useShell();
  const back = useBack('/tickets');
  const q = useLiveTicket(id);
  const tk = q.data;
  if (shell === 'mobile') return <MobileTicketDetail id={id} audience="staff" />;
  if (!id || (q.error instanceof ApiError && q.error.status === 404)) {
    return (
      <PageContainer page="tickets">
        <NotFound back="/tickets" />
      </PageContainer>
    );
  }
  return (
    <PageContainer
      page="tickets"
      title={tk ? <Header ticket={tk} staff /> : t('common.loading')}
      subTitle={tk?.title}
      extra={
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            {t('common.back')}
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void q.refetch()}
            loading={q.isFetching}
            aria-label={t('common.refresh')}
          />
        </Space>
      }
    >
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!tk ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          {tk.allowedActions.length || canRegrade(tk, me) ? (
            <Card size="small" className="tk-actions-card" data-testid="ticket-actions">
              <Space wrap size={12} align="center">
                <Typography.Text type="secondary">{t('tk.actionsNow')}</Typography.Text>
                <TicketActionBar ticket={tk} />
                <TicketRegrade ticket={tk} />
              </Space>
            </Card>
          ) : null}
          <Notices ticket={tk} />
          <Card className="tk-card">
            <TicketDescriptions ticket={tk} audience="staff" />
            <TicketResult ticket={tk} />
          </Card>
          <Card className="tk-card">
            <Tabs
              items={[
                { key: 'timeline', label: t('tk.tab.timeline'), children: <TicketTimeline events={tk.events} /> },
                { key: 'clocks', label: t('tk.tab.clocks'), children: <TicketClocks ticket={tk} /> },
                {
                  key: 'attachments',
                  label: `${t('tk.tab.attachments')}${tk.attachments.length ? ` (${tk.attachments.length})` : ''}`,
                  children: <TicketAttachments ticket={tk} />,
                },
                {
                  key: 'flow',
                  label: t('tk.tab.flow'),
                  children: (
                    <Suspense fallback={<Skeleton active />}>
                      <TicketFlowChart status={tk.status} allowed={tk.allowedActions} />
                    </Suspense>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </PageContainer>
  );
}

function CustomerTicketDetail({ id }: { id: number | null }) {
  const { t } = useI18n();
  const shell = useShell();
  const back = useBack('/my/tickets');
  const q = useLiveTicket(id);
  const tk = q.data;
  if (shell === 'mobile') return <MobileTicketDetail id={id} audience="customer" />;
  if (!id || (q.error instanceof ApiError && q.error.status === 404)) {
    return (
      <PageContainer page="my-tickets">
        <NotFound back="/my/tickets" />
      </PageContainer>
    );
  }
  return (
    <PageContainer
      page="my-tickets"
      title={tk ? <Header ticket={tk} /> : t('common.loading')}
      subTitle={tk?.title}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {t('tk.my.backToList')}
        </Button>
      }
    >
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!tk ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Card className="tk-card">
            <TicketProgress ticket={tk} />
          </Card>
          <CustomerPrompt ticket={tk} />
          {tk.allowedActions.length ? (
            <Card size="small" className="tk-actions-card" data-testid="ticket-actions">
              <TicketActionBar ticket={tk} />
            </Card>
          ) : null}
          <Notices ticket={tk} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card title={t('tk.my.request')} className="tk-card-flat">
                <TicketDescriptions ticket={tk} audience="customer" />
                <TicketResult ticket={tk} />
              </Card>
              {tk.attachments.length ? (
                <Card title={t('tk.tab.attachments')} className="tk-card-flat" style={{ marginTop: 16 }}>
                  <TicketAttachments ticket={tk} />
                </Card>
              ) : null}
            </Col>
            <Col xs={24} xl={10}>
              <Card title={t('tk.tab.timeline')} className="tk-card-flat">
                <TicketTimeline events={tk.events} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </PageContainer>
  );
}
