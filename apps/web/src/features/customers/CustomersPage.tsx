import { useMemo, useState } from 'react';
import { Button, Card, Drawer, Empty, Form, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { CUSTOMER_LEVEL_LABELS, CUSTOMER_LEVELS, INDUSTRIES, type Customer } from '@paidan/shared';
import { useCan } from '../../auth/session';
import { FilterForm } from '../../components/FilterForm';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useListState } from '../../lib/use-list-state';
import { fmtDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/use-media';
import { orgTreeSelectData, useOrgs } from '../orgs/org.api';
import { useCustomer, useCustomerList, type CustomerFilters } from './customer.api';
import { CustomerDescriptions, LEVEL_COLORS } from './CustomerDescriptions';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { useAccountManagerOptions } from './use-account-managers';

export function CustomersPage() {
  const { t, l } = useI18n();
  const can = useCan();
  const isPhone = useIsPhone();
  const writable = can('customer.write');
  const listState = useListState<CustomerFilters>({});
  const [form] = Form.useForm<CustomerFilters>();
  const [editing, setEditing] = useState<Customer | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [detailId, setDetailId] = useState<number | null>(null);
  const list = useCustomerList(
    { ...listState.filters, page: listState.page, pageSize: listState.pageSize },
    listState.nonce,
  );
  const detail = useCustomer(detailId);
  const orgs = useOrgs();
  const managers = useAccountManagerOptions();
  const districtTree = useMemo(() => orgTreeSelectData(orgs.data ?? [], (o) => o.type === 'district'), [orgs.data]);

  const openEdit = (c: Customer | null) => {
    setEditing(c);
    setFormOpen(true);
  };

  const columns: ColumnsType<Customer> = [
    {
      title: t('cust.name'),
      dataIndex: 'name',
      fixed: isPhone ? undefined : 'left',
      render: (v: string, c) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setDetailId(c.id)}>{v}</Typography.Link>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {c.creditCode}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('cust.level'),
      dataIndex: 'level',
      render: (v: Customer['level']) => <Tag color={LEVEL_COLORS[v]}>{l(CUSTOMER_LEVEL_LABELS[v])}</Tag>,
    },
    { title: t('cust.industry'), dataIndex: 'industry' },
    { title: t('cust.district'), dataIndex: 'districtName', render: (v: string | null) => v ?? '—' },
    { title: t('cust.accountManager'), dataIndex: 'accountManagerName', render: (v: string | null) => v ?? '—' },
    {
      title: t('cust.primary'),
      key: 'contact',
      render: (_: unknown, c) => {
        const p = c.contacts.find((x) => x.isPrimary) ?? c.contacts[0];
        return p ? (
          <span>
            {p.name} <span className="mono">{p.phoneMasked}</span>
          </span>
        ) : (
          '—'
        );
      },
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      render: (_: unknown, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetailId(c.id)}>
            {t('common.detail')}
          </Button>
          {writable ? (
            <Button type="link" size="small" onClick={() => openEdit(c)}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      page="customers"
      extra={
        writable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openEdit(null)} data-testid="customer-create">
            {t('cust.create')}
          </Button>
        ) : null
      }
    >
      <FilterForm<CustomerFilters>
        form={form}
        onSearch={(v) => listState.search({ ...v, q: v.q?.trim() || undefined })}
        onReset={() => listState.search({})}
        fields={[
          <Form.Item key="q" name="q" label={t('common.keyword')}>
            <Input placeholder={t('cust.qPh')} allowClear />
          </Form.Item>,
          <Form.Item key="level" name="level" label={t('cust.level')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={CUSTOMER_LEVELS.map((v) => ({ value: v, label: l(CUSTOMER_LEVEL_LABELS[v]) }))}
            />
          </Form.Item>,
          <Form.Item key="industry" name="industry" label={t('cust.industry')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={INDUSTRIES.map((v) => ({ value: v, label: v }))}
            />
          </Form.Item>,
          <Form.Item key="district" name="districtOrgId" label={t('cust.district')}>
            <TreeSelect
              allowClear
              placeholder={t('common.all')}
              treeData={districtTree}
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: 'title' }}
            />
          </Form.Item>,
          ...(managers.options.length
            ? [
                <Form.Item key="am" name="accountManagerId" label={t('cust.accountManager')}>
                  <Select
                    allowClear
                    placeholder={t('common.all')}
                    options={managers.options}
                    loading={managers.loading}
                    showSearch={{ optionFilterProp: 'label' }}
                  />
                </Form.Item>,
              ]
            : []),
        ]}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card className="table-card">
        <Table<Customer>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={writable ? t('cust.empty') : t('cust.emptyReadOnly')} /> }}
          pagination={listState.pagination(list.data?.total)}
        />
      </Card>

      <Drawer
        open={detailId !== null}
        onClose={() => setDetailId(null)}
        title={detail.data?.name ?? t('cust.detail')}
        size={isPhone ? '100%' : 720}
        extra={
          writable && detail.data ? (
            <Button icon={<EditOutlined />} onClick={() => openEdit(detail.data)}>
              {t('common.edit')}
            </Button>
          ) : null
        }
      >
        {detail.isError ? <QueryError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
        {detail.data ? <CustomerDescriptions customer={detail.data} columns={isPhone ? 1 : 2} /> : null}
      </Drawer>
      <CustomerFormDrawer open={formOpen} customer={editing} onClose={() => setFormOpen(false)} onReload={setEditing} />
    </PageContainer>
  );
}
