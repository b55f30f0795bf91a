import { useState } from 'react';
import { Badge, Empty, Segmented } from 'antd';
import { Button, Card, List } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { toastSuccess } from '../api/feedback';
import { QueryError } from '../components/QueryError';
import { useI18n } from '../i18n/i18n';
import { fmtDateTime } from '../lib/format';
import { isInternalLink } from '../features/notifications/NotificationBell';
import {
  useMarkAllRead,
  useMarkRead,
  useNotificationList,
  useUnreadCount,
  type AppNotification,
} from '../features/notifications/notification.api';
import { FLAT_LIST } from './flat-list';

const STEP = 20;

export function MobileNotifications() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [pageSize, setPageSize] = useState(STEP);
  const list = useNotificationList({ page: 1, pageSize, unread: unreadOnly });
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = unread.data?.count ?? 0;
  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (isInternalLink(n.link)) void navigate(n.link);
  };
  return (
    <div className="m-page">
      <div className="m-toolbar">
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => {
            setUnreadOnly(v === 'unread');
            setPageSize(STEP);
          }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'unread', label: `${t('notif.unread')}${count ? ` (${count})` : ''}` },
          ]}
        />
        <Button
          size="small"
          disabled={!count}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onSuccess: () => toastSuccess(t('notif.allRead')) })}
        >
          {t('notif.markAllRead')}
        </Button>
      </div>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card className="m-card">
        {list.data?.items.length ? (
          <List style={FLAT_LIST}>
            {list.data.items.map((n) => (
              <List.Item
                key={n.id}
                onClick={() => open(n)}
                arrowIcon={isInternalLink(n.link) ? undefined : false}
                prefix={<Badge status={n.readAt ? 'default' : 'processing'} />}
                description={
                  <>
                    {n.body ? <div className="notif-body">{n.body}</div> : null}
                    <div className="m-time">{fmtDateTime(n.createdAt)}</div>
                  </>
                }
              >
                <span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span>
              </List.Item>
            ))}
          </List>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={list.isLoading ? t('common.loading') : unreadOnly ? t('notif.emptyUnread') : t('notif.empty')}
          />
        )}
      </Card>
      {list.data && list.data.total > pageSize ? (
        <Button block onClick={() => setPageSize((s) => s + STEP)}>
          {t('common.more')}
        </Button>
      ) : null}
    </div>
  );
}
