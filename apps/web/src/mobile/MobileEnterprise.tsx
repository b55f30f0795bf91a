import { Skeleton } from 'antd';
import { Card, List, Tag } from 'antd-mobile';
import { CUSTOMER_LEVEL_LABELS } from '@paidan/shared';
import { useMe } from '../auth/session';
import { QueryError } from '../components/QueryError';
import { useI18n } from '../i18n/i18n';
import { useCustomer } from '../features/customers/customer.api';
import { FLAT_LIST } from './flat-list';

export function MobileEnterprise() {
  const me = useMe();
  const { t, l } = useI18n();
  const q = useCustomer(me.customerId);
  const c = q.data;
  return (
    <div className="m-page">
      {q.isLoading ? (
        <Card className="m-card">
          <Skeleton active />
        </Card>
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : c ? (
        <>
          <Card className="m-card" title={c.name}>
            <List style={FLAT_LIST}>
              <List.Item extra={<span className="mono m-wrap">{c.creditCode}</span>}>{t('cust.creditCode')}</List.Item>
              <List.Item extra={<Tag color="primary">{l(CUSTOMER_LEVEL_LABELS[c.level])}</Tag>}>
                {t('cust.level')}
              </List.Item>
              <List.Item extra={c.industry}>{t('cust.industry')}</List.Item>
              <List.Item extra={c.districtName ?? '—'}>{t('cust.district')}</List.Item>
              <List.Item extra={c.accountManagerName ?? '—'}>{t('cust.accountManager')}</List.Item>
              <List.Item description={c.address || '—'}>{t('cust.address')}</List.Item>
            </List>
          </Card>
          <Card className="m-card" title={t('cust.contacts')}>
            {c.contacts.length ? (
              <List style={FLAT_LIST}>
                {c.contacts.map((p) => (
                  <List.Item
                    key={`${p.name}-${p.phoneMasked}`}
                    description={p.title ?? undefined}
                    extra={p.phoneMasked}
                  >
                    {p.name}{' '}
                    {p.isPrimary ? (
                      <Tag color="primary" fill="outline">
                        {t('cust.primary')}
                      </Tag>
                    ) : null}
                  </List.Item>
                ))}
              </List>
            ) : (
              <div className="m-muted">{t('cust.noContacts')}</div>
            )}
          </Card>
          <div className="m-muted" style={{ padding: '0 4px 16px' }}>
            {t('ent.contactAm')}
          </div>
        </>
      ) : (
        <div className="m-muted">{t('ent.none')}</div>
      )}
    </div>
  );
}
