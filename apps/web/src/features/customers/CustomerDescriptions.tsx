import { Descriptions, Table, Tag } from 'antd';
import { CUSTOMER_LEVEL_LABELS, type Customer } from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';

export const LEVEL_COLORS: Record<Customer['level'], string> = {
  group: 'magenta',
  province: 'volcano',
  local_a: 'gold',
  local_b: 'blue',
  local_c: 'default',
};

export function CustomerDescriptions({ customer: c, columns = 2 }: { customer: Customer; columns?: number }) {
  const { t, l } = useI18n();
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={columns}
        items={[
          { key: 'name', label: t('cust.name'), children: c.name, span: columns },
          { key: 'cc', label: t('cust.creditCode'), children: <span className="mono">{c.creditCode}</span> },
          {
            key: 'level',
            label: t('cust.level'),
            children: <Tag color={LEVEL_COLORS[c.level]}>{l(CUSTOMER_LEVEL_LABELS[c.level])}</Tag>,
          },
          { key: 'ind', label: t('cust.industry'), children: c.industry },
          { key: 'dist', label: t('cust.district'), children: c.districtName ?? '—' },
          { key: 'am', label: t('cust.accountManager'), children: c.accountManagerName ?? '—' },
          { key: 'created', label: t('common.createdAt'), children: fmtDateTime(c.createdAt) },
          { key: 'addr', label: t('cust.address'), children: c.address || '—', span: columns },
        ]}
      />
      <Table
        style={{ marginTop: 16 }}
        size="small"
        rowKey={(r) => `${r.name}-${r.phoneMasked}`}
        pagination={false}
        dataSource={c.contacts}
        title={() => t('cust.contacts')}
        locale={{ emptyText: t('cust.noContacts') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('cust.contactName'), dataIndex: 'name' },
          { title: t('cust.contactPhone'), dataIndex: 'phoneMasked' },
          { title: t('cust.contactTitle'), dataIndex: 'title', render: (v: string | null) => v || '—' },
          {
            title: t('cust.primary'),
            dataIndex: 'isPrimary',
            render: (v: boolean) => (v ? <Tag color="blue">{t('cust.primary')}</Tag> : null),
          },
        ]}
      />
    </>
  );
}
