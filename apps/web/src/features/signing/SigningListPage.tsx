import { useState } from 'react';
import { Button, Card, Empty, Form, Input, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  SIGNING_KIND_LABELS,
  SIGNING_KINDS,
  SIGNING_MODE_LABELS,
  SIGNING_MODES,
  SIGNING_STATUS_COLORS,
  SIGNING_STATUS_LABELS,
  SIGNING_STATUSES,
  type SigningSummary,
} from '@paidan/shared';
import { FilterForm } from '../../components/FilterForm';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { useListState } from '../../lib/use-list-state';
import { signingApi } from './signing.api';
import { NewSigningDrawer } from './NewSigningDrawer';

interface Filters {
  q?: string;
  status?: string;
  mode?: string;
  kind?: string;
}

/** Staff: every signing request in scope, with filters; a new one is sent from the drawer. */
export function SigningListPage() {
  const { t, l } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Filters>();
  const ls = useListState<Filters>({});
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['signing', 'list', ls.filters, ls.page, ls.pageSize, ls.nonce],
    queryFn: ({ signal }) => signingApi.list({ ...ls.filters, page: ls.page, pageSize: ls.pageSize }, signal),
    placeholderData: (p) => p,
  });
  const canSend = me.permissions.includes('signing.send');
  const columns: ColumnsType<SigningSummary> = [
    {
      title: t('sg.number'),
      dataIndex: 'number',
      width: 170,
      render: (v: string, r) => (
        <Link to={`/signing/${r.id}`} className="mono">
          {v}
        </Link>
      ),
    },
    { title: t('sg.title'), dataIndex: 'title', ellipsis: true },
    { title: t('sg.customer'), dataIndex: 'customerName', ellipsis: true },
    { title: t('sg.signer'), key: 'signer', width: 150, render: (_, r) => `${r.signerName} ${r.signerPhoneMasked}` },
    {
      title: t('sg.mode'),
      dataIndex: 'mode',
      width: 150,
      render: (m: SigningSummary['mode']) => l(SIGNING_MODE_LABELS[m]),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: SigningSummary['status']) => (
        <Tag color={SIGNING_STATUS_COLORS[s]}>{l(SIGNING_STATUS_LABELS[s])}</Tag>
      ),
    },
    { title: t('sg.sentAt'), dataIndex: 'sentAt', width: 140, render: (v: string) => fmtDateTime(v) },
    { title: t('sg.signedAt'), dataIndex: 'signedAt', width: 140, render: (v: string | null) => fmtDateTime(v) },
    { title: t('sg.expiresAt'), dataIndex: 'expiresAt', width: 140, render: (v: string) => fmtDateTime(v) },
  ];
  return (
    <PageContainer
      page="signing"
      extra={
        canSend ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="signing-new">
            {t('sg.new')}
          </Button>
        ) : null
      }
    >
      <FilterForm<Filters>
        form={form}
        onSearch={(v) => ls.search({ ...v, q: v.q?.trim() || undefined })}
        onReset={() => ls.search({})}
        fields={[
          <Form.Item key="q" name="q" label={t('common.keyword')}>
            <Input placeholder={t('sg.qPh')} allowClear />
          </Form.Item>,
          <Form.Item key="status" name="status" label={t('common.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={SIGNING_STATUSES.map((s) => ({ value: s, label: l(SIGNING_STATUS_LABELS[s]) }))}
            />
          </Form.Item>,
          <Form.Item key="mode" name="mode" label={t('sg.mode')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={SIGNING_MODES.map((s) => ({ value: s, label: l(SIGNING_MODE_LABELS[s]) }))}
            />
          </Form.Item>,
          <Form.Item key="kind" name="kind" label={t('sg.kind')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={SIGNING_KINDS.map((s) => ({ value: s, label: l(SIGNING_KIND_LABELS[s]) }))}
            />
          </Form.Item>,
        ]}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card className="table-card">
        <Table<SigningSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          scroll={{ x: 1200 }}
          locale={{ emptyText: <Empty description={t('sg.empty')} /> }}
          pagination={ls.pagination(list.data?.total)}
        />
      </Card>
      {creating ? <NewSigningDrawer onClose={() => setCreating(false)} /> : null}
    </PageContainer>
  );
}
