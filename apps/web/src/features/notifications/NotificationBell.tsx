import { useState } from 'react';
import { Badge, Button, Empty, List, Popover, Space, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { toastSuccess } from '../../api/feedback';
import { ApiError } from '../../api/client';
import { useIsPhone } from '../../lib/use-media';
import {
  useMarkAllRead,
  useMarkRead,
  useNotificationList,
  useUnreadCount,
  type AppNotification,
} from './notification.api';

export function isInternalLink(link: string | null): link is string {
  return !!link && link.startsWith('/') && !link.startsWith('//');
}

export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const list = useNotificationList({ page: 1, pageSize: 6 }, open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = unread.data?.count ?? 0;
  const isPhone = useIsPhone();

  const openItem = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (isInternalLink(n.link)) {
      setOpen(false);
      void navigate(n.link);
    }
  };

  const missing = list.error instanceof ApiError && list.error.isMissingRoute;
  const content = (
    <div className="notif-pop">
      {list.isLoading ? (
        <div style={{ padding: 24, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : list.isError ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={missing ? t('notif.unavailable') : (list.error as Error).message}
        />
      ) : (
        <List
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notif.empty')} /> }}
          renderItem={(n) => (
            <List.Item
              className={n.readAt ? 'notif-item' : 'notif-item notif-unread'}
              onClick={() => openItem(n)}
              actions={
                n.readAt
                  ? undefined
                  : [
                      <Button
                        key="read"
                        type="link"
                        size="small"
                        onClick={(e) => {
                          e.stopPropagation();
                          markRead.mutate(n.id);
                        }}
                      >
                        {t('notif.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space size={6}>
                    {n.readAt ? null : <Badge status="processing" />}
                    <span>{n.title}</span>
                  </Space>
                }
                description={
                  <>
                    {n.body ? (
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 2 }} type="secondary">
                        {n.body}
                      </Typography.Paragraph>
                    ) : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <div className="notif-pop-footer">
        <Button
          type="link"
          size="small"
          disabled={count === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onSuccess: () => toastSuccess(t('notif.allRead')) })}
        >
          {t('notif.markAllRead')}
        </Button>
        <Button
          type="link"
          size="small"
          onClick={() => {
            setOpen(false);
            void navigate('/notifications');
          }}
        >
          {t('common.viewAll')}
        </Button>
      </div>
    </div>
  );

  const button = (
    <Button
      type="text"
      aria-label={t('header.notifications')}
      data-testid="notification-bell"
      onClick={isPhone ? () => void navigate('/notifications') : undefined}
      icon={
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
  // a phone has no room for a dropdown: the bell opens the list page
  if (isPhone) return button;

  return (
    <Popover
      content={content}
      title={t('notif.title')}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      arrow={false}
    >
      {button}
    </Popover>
  );
}
