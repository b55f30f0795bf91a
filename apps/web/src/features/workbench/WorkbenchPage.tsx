import { Avatar, Card, Col, Empty, List, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { isCustomerRole, ROLE_LABELS } from '@paidan/shared';
import { PAGES } from '../../app/pages';
import { useCan, useMe } from '../../auth/session';
import { PageContainer } from '../../components/PageContainer';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { useShell } from '../../layout/shell-context';
import { isInternalLink } from '../notifications/NotificationBell';
import { useMarkRead, useNotificationList } from '../notifications/notification.api';
import { EnterpriseSummary } from './EnterpriseSummary';
import { TicketWorkbenchCard } from '../tickets/TicketWorkbenchCard';
import { SigningFiguresCard } from '../signing/SigningFiguresCard';
import { greetingKey, useWorkbenchFigures } from './workbench.api';
import { MobileWorkbench } from '../../mobile/lazy';

export function WorkbenchPage() {
  return useShell() === 'mobile' ? <MobileWorkbench /> : <DesktopWorkbench />;
}

function Figure({ title, q, pick }: { title: string; q: UseQueryResult<unknown>; pick: (d: unknown) => number }) {
  return (
    <Card size="small" className="figure-card">
      <Statistic title={title} value={q.data !== undefined ? pick(q.data) : '—'} loading={q.isLoading} />
    </Card>
  );
}

function DesktopWorkbench() {
  const me = useMe();
  const can = useCan();
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const figures = useWorkbenchFigures();
  const unread = useNotificationList({ page: 1, pageSize: 5, unread: true }, can('notification.read'));
  const markRead = useMarkRead();
  const shortcuts = PAGES.filter((p) => p.key !== 'home' && p.descKey && p.allowed(me));
  const place = isCustomerRole(me.role) ? me.customerName : me.orgName;

  const figureCards = [
    can('user.read') && (
      <Figure key="u" title={t('wb.figureUsers')} q={figures.users} pick={(d) => (d as { total: number }).total} />
    ),
    can('customer.read') && !isCustomerRole(me.role) && (
      <Figure
        key="c"
        title={t('wb.figureCustomers')}
        q={figures.customers}
        pick={(d) => (d as { total: number }).total}
      />
    ),
    can('org.read') && (
      <Figure key="o" title={t('wb.figureOrgs')} q={figures.orgs} pick={(d) => (d as unknown[]).length} />
    ),
  ].filter(Boolean);

  return (
    <PageContainer page="home">
      <Card className="greeting-card">
        <div className="greeting">
          <Avatar size={56} style={{ background: '#1677ff', fontSize: 24, flex: 'none' }}>
            {me.displayName.slice(0, 1)}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="greeting">
              {t('wb.greeting', { hello: t(greetingKey()), name: me.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">
              {place ? t('wb.roleAt', { role: l(ROLE_LABELS[me.role]), place }) : l(ROLE_LABELS[me.role])}
            </Typography.Text>
          </div>
          <Typography.Text type="secondary" className="greeting-date">
            {dayjs().format('YYYY-MM-DD dddd')}
          </Typography.Text>
        </div>
      </Card>

      {isCustomerRole(me.role) && me.customerId ? <EnterpriseSummary customerId={me.customerId} /> : null}

      <TicketWorkbenchCard />

      {me.role === 'supervisor' || me.role === 'admin' ? (
        <div style={{ marginTop: 16 }}>
          <SigningFiguresCard />
        </div>
      ) : null}

      {figureCards.length ? (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {figureCards.map((c, i) => (
            <Col key={i} xs={12} md={6}>
              {c}
            </Col>
          ))}
        </Row>
      ) : null}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card title={t('wb.shortcuts')}>
            {shortcuts.length ? (
              <Row gutter={[12, 12]}>
                {shortcuts.map((p) => (
                  <Col key={p.key} xs={24} sm={12}>
                    <Link to={p.path} className="shortcut" data-testid={`shortcut-${p.key}`}>
                      <span className="shortcut-icon">{p.icon}</span>
                      <span className="shortcut-text">
                        <span className="shortcut-title">{t(p.titleKey)}</span>
                        <span className="shortcut-desc">{p.descKey ? t(p.descKey) : null}</span>
                      </span>
                    </Link>
                  </Col>
                ))}
              </Row>
            ) : (
              <Empty description={t('wb.noShortcuts')} />
            )}
          </Card>
          <Card size="small" style={{ marginTop: 16 }} className="coming-card">
            <Typography.Text strong>{t('wb.comingTitle')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t(
                isCustomerRole(me.role)
                  ? 'wb.comingBodyCustomer'
                  : me.role === 'technician'
                    ? 'wb.comingBodyTech'
                    : 'wb.comingBody',
              )}
            </Typography.Paragraph>
          </Card>
        </Col>
        {can('notification.read') ? (
          <Col xs={24} lg={10}>
            <Card
              title={t('wb.unread')}
              extra={<Link to="/notifications">{t('common.viewAll')}</Link>}
              data-testid="workbench-unread"
            >
              {unread.isLoading ? (
                <Skeleton active paragraph={{ rows: 3 }} />
              ) : unread.isError ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notif.unavailable')} />
              ) : (
                <List
                  dataSource={unread.data?.items ?? []}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wb.noUnread')} /> }}
                  renderItem={(n) => (
                    <List.Item
                      className="notif-item"
                      onClick={() => {
                        markRead.mutate(n.id);
                        if (isInternalLink(n.link)) void navigate(n.link);
                      }}
                    >
                      <List.Item.Meta
                        title={n.title}
                        description={
                          <>
                            {n.body ? (
                              <Typography.Paragraph ellipsis={{ rows: 2 }} type="secondary" style={{ marginBottom: 2 }}>
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
            </Card>
          </Col>
        ) : null}
      </Row>
    </PageContainer>
  );
}
