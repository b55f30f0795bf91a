import { useCallback } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Result,
  Space,
  Spin,
  Steps,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { CopyOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { OPPORTUNITY_STAGES, type OpportunityDetail, type OpportunityEvent } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n, type MsgKey } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/use-media';
import { useOpportunity } from './opportunity.api';
import { concerns, useOpportunityChanged } from './opportunity-live';
import { OpportunityActionBar } from './OpportunityActionModals';
import { fmtYuan, groupLabel, OppStatusTag, SourceTag, StageTag } from './OpportunityTags';
import './opportunities.css';

export function OpportunityDetailRoute() {
  const { id } = useParams();
  const n = Number(id);
  return Number.isInteger(n) && n > 0 ? <OpportunityDetailPage id={n} /> : <NotFound />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('opp.notFound')}
      subTitle={t('opp.notFoundSub')}
      extra={
        <Link to="/opportunities/pool">
          <Button type="primary">{t('menu.oppPool')}</Button>
        </Link>
      }
    />
  );
}

function eventText(e: OpportunityEvent, t: (k: MsgKey, v?: Record<string, string | number>) => string): string | null {
  const d = e.data as Record<string, unknown>;
  switch (e.action) {
    case 'called':
      return t(`opp.call.${String(d.result)}` as MsgKey);
    case 'marked_valid':
      return `${t('opp.f.preNo')} ${String(d.preAcceptanceNo)}`;
    case 'marked_invalid':
      return t(`opp.invalid.${String(d.reason)}` as MsgKey);
    case 'dispatched':
      return `→ ${String(d.accountManagerName ?? '')}`;
    case 'stage_advanced':
    case 'stage_rolled_back':
      return `${t(`opp.stage.${String(d.from)}` as MsgKey)} → ${t(`opp.stage.${String(d.to)}` as MsgKey)}`;
    case 'approval_approved':
    case 'approval_rejected':
      return t('opp.approvalLevel', { level: Number(d.level) });
    case 'merged':
      return `${t(`opp.source.${String(d.source)}` as MsgKey)} · ${String(d.contactName ?? '')} ${String(d.contactPhone ?? '')}`;
    case 'order_linked':
    case 'order_status':
    case 'feedback':
      return d.orderNumber ? `${t('opp.f.order')} ${String(d.orderNumber)}` : null;
    case 'reassigned':
      return `${String(d.from ?? '—')} → ${String(d.to ?? '')}`;
    default:
      return null;
  }
}

const EVENT_COLORS: Record<string, string> = {
  claimed: 'blue',
  marked_valid: 'green',
  marked_invalid: 'gray',
  order_linked: 'green',
  order_status: 'green',
  terminated: 'red',
  claim_expired: 'orange',
  approval_rejected: 'red',
};

function OpportunityTimeline({ events }: { events: OpportunityEvent[] }) {
  const { t } = useI18n();
  const isPhone = useIsPhone();
  if (!events.length) return <Empty />;
  return (
    <Timeline
      titleSpan={isPhone ? '92px' : '150px'}
      data-testid="opp-timeline"
      items={[...events].reverse().map((e) => ({
        key: e.id,
        color: EVENT_COLORS[e.action] ?? 'blue',
        title: <span className="opp-small">{fmtDateTime(e.at)}</span>,
        content: (
          <div data-testid={`opp-ev-${e.action}`}>
            <Typography.Text strong>{t(`opp.ev.${e.action}` as MsgKey)}</Typography.Text>
            <Typography.Text type="secondary"> · {e.actorName}</Typography.Text>
            {eventText(e, t) ? <div>{eventText(e, t)}</div> : null}
            {e.note ? <div className="opp-small">{e.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

function PreAcceptance({ o }: { o: OpportunityDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  if (!o.preAcceptanceNo) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(o.preAcceptanceNo!);
      void message.success(t('opp.a.copied'));
    } catch {
      void message.info(o.preAcceptanceNo!);
    }
  };
  return (
    <Alert
      type={o.orderNumber ? 'success' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <span>{t('opp.f.preNo')}</span>
          <Typography.Text className="opp-preno" copyable={false} data-testid="opp-preno">
            {o.preAcceptanceNo}
          </Typography.Text>
          <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>
            {t('opp.a.copy')}
          </Button>
          {o.orderUrl ? (
            <a href={o.orderUrl} data-testid="opp-order-link">
              <Button size="small" type="primary" icon={<ShoppingCartOutlined />}>
                {t('opp.a.order')}
              </Button>
            </a>
          ) : null}
          {o.orderNumber ? (
            <Tag color="green" data-testid="opp-order">
              {t('opp.f.order')} {o.orderNumber}
              {o.orderStage ? ` · ${o.orderStage}` : ''}
            </Tag>
          ) : null}
        </Space>
      }
      description={o.orderNumber ? undefined : t('opp.preNoHint')}
    />
  );
}

export function OpportunityDetailPage({ id }: { id: number }) {
  const { t } = useI18n();
  const isPhone = useIsPhone();
  const q = useOpportunity(id);
  const { refetch } = q;
  useOpportunityChanged(
    useCallback(
      (c) => {
        if (concerns(c, id)) void refetch();
      },
      [id, refetch],
    ),
  );
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (q.error instanceof ApiError && q.error.status === 404) return <NotFound />;
  if (q.isError || !q.data) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const o = q.data;
  const stageIdx = o.stage ? OPPORTUNITY_STAGES.indexOf(o.stage) : -1;

  return (
    <PageContainer
      page="opp-detail"
      title={
        <Space wrap>
          <span className="mono" data-testid="opp-number">
            {o.number}
          </span>
          <OppStatusTag status={o.status} />
          <StageTag stage={o.stage} />
        </Space>
      }
      subTitle={o.customerName}
    >
      {o.actions.length ? (
        <Card style={{ marginBottom: 16 }}>
          <OpportunityActionBar o={o} />
        </Card>
      ) : null}
      <PreAcceptance o={o} />
      {o.stage ? (
        <Card style={{ marginBottom: 16 }}>
          <Steps
            className="opp-stage-steps"
            size="small"
            orientation={isPhone ? 'vertical' : 'horizontal'}
            current={stageIdx}
            status={o.status === 'terminated' ? 'error' : o.status === 'converted' ? 'finish' : 'process'}
            items={OPPORTUNITY_STAGES.map((s) => ({ title: t(`opp.stage.${s}` as MsgKey) }))}
            data-testid="opp-stages"
          />
          {o.approvalLevels > 0 ? (
            <Space>
              <Tag color={o.approvalStatus === 'approved' ? 'green' : o.approvalStatus === 'rejected' ? 'red' : 'gold'}>
                {t(`opp.approval.${o.approvalStatus}` as MsgKey)}
              </Tag>
              <Typography.Text type="secondary">
                {t('opp.levelsNeeded', { n: o.approvalLevels })}
                {o.approvalStatus === 'pending' ? ` · ${t('opp.approvalLevel', { level: o.approvalLevel + 1 })}` : ''}
              </Typography.Text>
            </Space>
          ) : null}
        </Card>
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={isPhone ? 1 : 3} size="small">
          <Descriptions.Item label={t('opp.f.customer')}>{o.customerName}</Descriptions.Item>
          {o.creditCode ? (
            <Descriptions.Item label={t('opp.f.creditCode')}>
              <span className="mono">{o.creditCode}</span>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('opp.f.contact')}>
            {o.contactName}{' '}
            <Typography.Text
              copyable={o.contactPhone.includes('*') ? false : { text: o.contactPhone }}
              data-testid="opp-phone"
            >
              {o.contactPhone}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('opp.f.product')}>
            {o.productName} <Tag>{groupLabel(t, o.productGroup)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('opp.f.source')}>
            <SourceTag source={o.source} /> {o.sourceChannel}
          </Descriptions.Item>
          <Descriptions.Item label={t('opp.f.district')}>{o.districtName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('opp.f.revenue')}>{fmtYuan(o.expectedRevenue)}</Descriptions.Item>
          <Descriptions.Item label={t('opp.f.deadline')}>{o.deadline ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('opp.f.claimedBy')}>
            {o.claimedByName ?? '—'}
            {o.claimExpiresAt ? (
              <Typography.Text type="warning" style={{ marginInlineStart: 8 }}>
                · {t('opp.f.claimExpires')} {fmtDateTime(o.claimExpiresAt)}
              </Typography.Text>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('opp.f.am')}>{o.accountManagerName ?? '—'}</Descriptions.Item>
          {o.externalId ? <Descriptions.Item label={t('opp.f.externalId')}>{o.externalId}</Descriptions.Item> : null}
          {o.mergedCount ? <Descriptions.Item label={t('opp.f.merged')}>{o.mergedCount}</Descriptions.Item> : null}
          {o.invalidReason ? (
            <Descriptions.Item label={t('opp.f.invalidReason')}>
              {t(`opp.invalid.${o.invalidReason}` as MsgKey)}
            </Descriptions.Item>
          ) : null}
          {o.terminatedReason ? (
            <Descriptions.Item label={t('opp.f.terminatedReason')}>{o.terminatedReason}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('opp.f.need')} span={isPhone ? 1 : 3}>
            {o.need || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'timeline', label: t('opp.timeline'), children: <OpportunityTimeline events={o.events} /> },
            {
              key: 'calls',
              label: `${t('opp.calls')} (${o.calls.length})`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={o.calls}
                  locale={{ emptyText: <Empty description={t('opp.noCalls')} /> }}
                  columns={[
                    { title: t('common.createdAt'), dataIndex: 'calledAt', render: (v: string) => fmtDateTime(v) },
                    {
                      title: t('opp.callResult'),
                      dataIndex: 'result',
                      render: (v: string) => t(`opp.call.${v}` as MsgKey),
                    },
                    { title: t('opp.note'), dataIndex: 'note' },
                    { title: t('opp.userId'), dataIndex: 'userName' },
                  ]}
                />
              ),
            },
            ...(o.approvalLevels > 0
              ? [
                  {
                    key: 'approvals',
                    label: t('opp.approvals'),
                    children: (
                      <Table
                        rowKey="level"
                        size="small"
                        pagination={false}
                        dataSource={o.approvals}
                        columns={[
                          {
                            title: '#',
                            dataIndex: 'level',
                            render: (v: number) => t('opp.approvalLevel', { level: v }),
                          },
                          {
                            title: t('common.status'),
                            dataIndex: 'decision',
                            render: (v: string) => t(`opp.approval.${v}` as MsgKey),
                          },
                          { title: t('opp.comment'), dataIndex: 'comment' },
                          { title: '', dataIndex: 'deciderName' },
                          { title: '', dataIndex: 'at', render: (v: string) => fmtDateTime(v) },
                        ]}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </PageContainer>
  );
}
