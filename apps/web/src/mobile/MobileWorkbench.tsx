import { FLAT_LIST } from './flat-list';
import { Card, Grid, List, Skeleton } from 'antd-mobile';
import { Avatar, Empty, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { isCustomerRole, ROLE_LABELS } from '@paidan/shared';
import { PAGES } from '../app/pages';
import { useCan, useMe } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { fmtDateTime } from '../lib/format';
import { isInternalLink } from '../features/notifications/NotificationBell';
import { useMarkRead, useNotificationList } from '../features/notifications/notification.api';
import { greetingKey } from '../features/workbench/workbench.api';
import { MobileTicketSummary } from './tickets/MobileTicketSummary';

/** The phone workbench for customers and technicians. */
export function MobileWorkbench() {
  const me = useMe();
  const can = useCan();
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const unread = useNotificationList({ page: 1, pageSize: 5, unread: true }, can('notification.read'));
  const markRead = useMarkRead();
  const shortcuts = PAGES.filter((p) => p.key !== 'home' && p.descKey && p.allowed(me));
  const place = isCustomerRole(me.role) ? me.customerName : me.orgName;
  return (
    <div className="m-page">
      <Card className="m-card m-greeting">
        <div className="greeting">
          <Avatar size={48} style={{ background: '#1677ff', fontSize: 20, flex: 'none' }}>
            {me.displayName.slice(0, 1)}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="greeting">
              {t('wb.greeting', { hello: t(greetingKey()), name: me.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {l(ROLE_LABELS[me.role])}
            </Typography.Text>
            {place ? (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {place}
                </Typography.Text>
              </div>
            ) : null}
          </div>
        </div>
        {isCustomerRole(me.role) ? <p className="m-muted">{t('wb.customerIntro')}</p> : null}
      </Card>

      <MobileTicketSummary />

      <Card className="m-card" title={t('wb.shortcuts')}>
        <Grid columns={3} gap={8}>
          {shortcuts.map((p) => (
            <Grid.Item key={p.key} onClick={() => void navigate(p.path)}>
              <div className="m-shortcut" data-testid={`shortcut-${p.key}`}>
                <span className="m-shortcut-icon">{p.icon}</span>
                <span className="m-shortcut-title">{t(p.titleKey)}</span>
              </div>
            </Grid.Item>
          ))}
        </Grid>
      </Card>

      {can('notification.read') ? (
        <Card
          className="m-card"
          title={t('wb.unread')}
          extra={<a onClick={() => void navigate('/notifications')}>{t('common.viewAll')}</a>}
        >
          {unread.isLoading ? (
            <Skeleton.Paragraph animated lineCount={3} />
          ) : unread.isError || !unread.data?.items.length ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={unread.isError ? t('notif.unavailable') : t('wb.noUnread')}
            />
          ) : (
            <List style={FLAT_LIST}>
              {unread.data.items.map((n) => (
                <List.Item
                  key={n.id}
                  description={n.body ?? undefined}
                  extra={<span className="m-time">{fmtDateTime(n.createdAt).slice(5)}</span>}
                  onClick={() => {
                    markRead.mutate(n.id);
                    if (isInternalLink(n.link)) void navigate(n.link);
                  }}
                >
                  {n.title}
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      ) : null}
      <Card className="m-card">
        <div className="m-muted">{t(isCustomerRole(me.role) ? 'wb.comingBodyCustomer' : 'wb.comingBodyTech')}</div>
      </Card>
    </div>
  );
}
