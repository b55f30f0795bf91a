import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  SIGNING_MODE_LABELS,
  SIGNING_STATUS_COLORS,
  SIGNING_STATUS_LABELS,
  type OrderDetail,
  type SigningSummary,
} from '@paidan/shared';
import { useCan } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { NewSigningDrawer } from '../signing/NewSigningDrawer';
import { signingApi } from '../signing/signing.api';

/** Closed orders that were never provided are not signed for. */
const UNSIGNABLE: OrderDetail['state'][] = ['cancelled', 'failed'];

/** The order's signed state: 已签约 · time · 签约单号 (a link to the request for staff who may see it). */
export function OrderSignedLine({ signing, link }: { signing: NonNullable<OrderDetail['signing']>; link: boolean }) {
  const { t } = useI18n();
  return (
    <Space wrap size={[8, 4]} data-testid="order-signed">
      <Tag color="success">{t('od.sign.signed')}</Tag>
      <span>{fmtDateTime(signing.signedAt)}</span>
      <span>
        {t('od.sign.number')}{' '}
        {link ? (
          <Link to={`/signing/${signing.requestId}`} className="mono">
            {signing.number}
          </Link>
        ) : (
          <span className="mono">{signing.number}</span>
        )}
      </span>
      <Typography.Text type="secondary">{t('od.sign.signer', { name: signing.signerName })}</Typography.Text>
    </Space>
  );
}

/**
 * 签约 on the order's page: whether the customer has signed, the signing requests sent for this order, and for staff
 * who send signings a button that opens the drawer with this order filled in. Customers see the signed state only.
 */
export function OrderSigningCard({ order, staff }: { order: OrderDetail; staff: boolean }) {
  const { t, l } = useI18n();
  const can = useCan();
  const [sending, setSending] = useState(false);
  const canRead = staff && can('signing.read');
  const canSend = staff && can('signing.send') && !UNSIGNABLE.includes(order.state);
  const filter = { kind: 'order', subjectRef: order.number, pageSize: 50 };
  // the order's version moves when a signature is recorded: the list follows
  const list = useQuery({
    queryKey: ['signing', 'list', filter, order.version],
    queryFn: ({ signal }) => signingApi.list(filter, signal),
    enabled: canRead,
    placeholderData: (p) => p,
  });
  if (!order.signing && !canRead && !canSend) return null;
  const items = list.data?.items ?? [];

  return (
    <Card
      title={t('od.sign.title')}
      className="od-card"
      data-testid="order-signing"
      extra={
        canSend ? (
          <Button type="primary" onClick={() => setSending(true)} data-testid="order-sign-new">
            {t('od.sign.new')}
          </Button>
        ) : null
      }
    >
      {order.signing ? (
        <OrderSignedLine signing={order.signing} link={canRead} />
      ) : (
        <Typography.Text type="secondary" data-testid="order-unsigned">
          {t('od.sign.notSigned')}
        </Typography.Text>
      )}
      {canRead ? (
        <Table<SigningSummary>
          size="small"
          rowKey="id"
          pagination={false}
          loading={list.isLoading}
          dataSource={items}
          scroll={{ x: 'max-content' }}
          style={{ marginTop: 12 }}
          locale={{ emptyText: t(canSend ? 'od.sign.empty' : 'od.sign.emptyRead') }}
          columns={[
            {
              title: t('sg.number'),
              dataIndex: 'number',
              render: (v: string, r) => (
                <Link to={`/signing/${r.id}`} className="mono">
                  {v}
                </Link>
              ),
            },
            {
              title: t('sg.mode'),
              dataIndex: 'mode',
              render: (m: SigningSummary['mode']) => l(SIGNING_MODE_LABELS[m]),
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (s: SigningSummary['status']) => (
                <Tag color={SIGNING_STATUS_COLORS[s]} data-testid="order-signing-status">
                  {l(SIGNING_STATUS_LABELS[s])}
                </Tag>
              ),
            },
            { title: t('sg.signer'), render: (_, r) => `${r.signerName} ${r.signerPhoneMasked}` },
            { title: t('sg.sentAt'), dataIndex: 'sentAt', render: (v: string) => fmtDateTime(v) },
            { title: t('sg.signedAt'), dataIndex: 'signedAt', render: (v: string | null) => fmtDateTime(v) },
          ]}
        />
      ) : null}
      {sending ? (
        <NewSigningDrawer
          subject={{ kind: 'order', ref: order.number }}
          onClose={() => setSending(false)}
          onSent={() => setSending(false)}
        />
      ) : null}
    </Card>
  );
}
