import { Card, Descriptions, Skeleton, Tag } from 'antd';
import { Link } from 'react-router';
import { CUSTOMER_LEVEL_LABELS } from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import { LEVEL_COLORS } from '../customers/CustomerDescriptions';
import { useCustomer } from '../customers/customer.api';

/** The customer's enterprise at a glance, with the account manager to turn to. */
export function EnterpriseSummary({ customerId }: { customerId: number }) {
  const { t, l } = useI18n();
  const q = useCustomer(customerId);
  const c = q.data;
  if (q.isError) return null;
  return (
    <Card
      title={t('wb.enterpriseCard')}
      extra={<Link to="/enterprise">{t('wb.enterpriseMore')}</Link>}
      style={{ marginTop: 16 }}
    >
      {c ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'name', label: t('cust.name'), children: c.name },
            {
              key: 'level',
              label: t('cust.level'),
              children: <Tag color={LEVEL_COLORS[c.level]}>{l(CUSTOMER_LEVEL_LABELS[c.level])}</Tag>,
            },
            { key: 'district', label: t('cust.district'), children: c.districtName ?? '—' },
            { key: 'am', label: t('cust.accountManager'), children: c.accountManagerName ?? '—' },
          ]}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 1 }} />
      )}
    </Card>
  );
}
