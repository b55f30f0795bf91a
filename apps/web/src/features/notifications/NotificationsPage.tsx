import { useState } from 'react';
import { Badge, Button, Card, Empty, List, Segmented, Space, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { toastSuccess } from '../../api/feedback';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { useShell } from '../../layout/shell-context';
import { MobileNotifications } from '../../mobile/lazy';
import { isInternalLink } from './NotificationBell';
import {
  useMarkAllRead,
  useMarkRead,
  useNotificationList,
  useUnreadCount,
  type AppNotification,
} from './notification.api';

export function NotificationsPage() {
  return useShell() === 'mobile' ? <MobileNotifications /> : <DesktopNotifications />;
}

function DesktopNotifications() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useNotificationList({ page, pageSize, unread: unreadOnly });
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = unread.data?.count ?? 0;

  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (isInternalLink(n.link)) void navigate(n.link);
  };
  const readAll = () => markAll.mutate(undefined, { onSuccess: () => toastSuccess(t('notif.allRead')) });
  const filter = (
    <Segmented
      value={unreadOnly ? 'unread' : 'all'}
      onChange={(v) => {
        setUnreadOnly(v === 'unread');
        setPage(1);
      }}
      options={[
        { value: 'all', label: t('common.all') },
        { value: 'unread', label: `${t('notif.unread')}${count ? ` (${count})` : ''}` },
      ]}
    />
  );
  const emptyText = unreadOnly ? t('notif.emptyUnread') : t('notif.empty');

  return (
    <PageContainer
      page="notifications"
      extra={
        <Button type="primary" icon={<CheckOutlined />} disabled={!count} loading={markAll.isPending} onClick={readAll}>
          {t('notif.markAllRead')}
        </Button>
      }
    >
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card title={filter}>
        <List
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={emptyText} /> }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
            hideOnSinglePage: false,
          }}
          renderItem={(n) => (
            <List.Item
              className={n.readAt ? 'notif-row' : 'notif-row notif-unread'}
              actions={[
                isInternalLink(n.link) ? (
                  <Button key="open" type="link" size="small" onClick={() => open(n)}>
                    {t('notif.open')}
                  </Button>
                ) : null,
                n.readAt ? (
                  <Typography.Text key="read" type="secondary">
                    {t('notif.read')}
                  </Typography.Text>
                ) : (
                  <Button key="mark" type="link" size="small" onClick={() => markRead.mutate(n.id)}>
                    {t('notif.markRead')}
                  </Button>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space size={6}>
                    {n.readAt ? null : <Badge status="processing" />}
                    {n.title}
                  </Space>
                }
                description={
                  <>
                    {n.body ? <div className="notif-body">{n.body}</div> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </PageContainer>
  );
}
