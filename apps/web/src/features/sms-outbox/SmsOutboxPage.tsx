import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, type Page } from '../../api/client';
import { FilterForm } from '../../components/FilterForm';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useListState } from '../../lib/use-list-state';
import { SimulateReplyButton } from '../signing/SimulateReplyButton';
import { fmtDateTime } from '../../lib/format';
import {
  SMS_DIRECTION_LABELS,
  SMS_DIRECTIONS,
  SMS_STATUS_LABELS,
  SMS_STATUSES,
  type SmsDirection,
  type SmsOutboxItem,
  type SmsStatus,
} from '@paidan/shared';

interface Filters {
  phone?: string;
  status?: SmsStatus;
  direction?: SmsDirection;
  q?: string;
}

const STATUS_COLORS: Record<SmsStatus, string> = {
  queued: 'processing',
  stored: 'cyan',
  sent: 'success',
  failed: 'error',
  received: 'purple',
};

// One-time codes stand out, so a demo user finds theirs at a glance.
function highlightCodes(body: string) {
  return body.split(/(?<!\d)(\d{4,8})(?!\d)/).map((part, i) =>
    i % 2 ? (
      <strong key={i} className="sms-code">
        {part}
      </strong>
    ) : (
      part
    ),
  );
}

/** Everything the SMS port sent or received. With the outbox adapter this is where demo users read their codes. */
export function SmsOutboxPage() {
  const { t, l } = useI18n();
  const [form] = Form.useForm<Filters>();
  const listState = useListState<Filters>({});
  const { filters, page, pageSize, nonce } = listState;
  const [auto, setAuto] = useState(true);
  const list = useQuery({
    queryKey: ['sms-outbox', filters, page, pageSize, nonce],
    queryFn: ({ signal }) => api.get<Page<SmsOutboxItem>>('/sms-outbox', { ...filters, page, pageSize }, signal),
    placeholderData: (prev) => prev,
    refetchInterval: (q) =>
      auto && !(q.state.error instanceof ApiError && q.state.error.isMissingRoute) ? 5_000 : false,
  });
  // newest first, whatever order the page came in
  const items = [...(list.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);

  const columns: ColumnsType<SmsOutboxItem> = [
    { title: t('sms.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v), width: 150 },
    {
      title: t('sms.direction'),
      dataIndex: 'direction',
      width: 80,
      render: (d: SmsDirection) => <Tag color={d === 'in' ? 'purple' : 'blue'}>{l(SMS_DIRECTION_LABELS[d])}</Tag>,
    },
    {
      title: t('sms.phone'),
      dataIndex: 'phoneMasked',
      width: 130,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    {
      title: t('sms.body'),
      dataIndex: 'body',
      render: (v: string, m) => (
        <div className="sms-body">
          <Typography.Paragraph copyable={{ text: v }} style={{ margin: 0 }}>
            {highlightCodes(v)}
          </Typography.Paragraph>
          {m.template ? (
            <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
              {t('sms.template')}: {m.template}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('sms.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: SmsStatus, m) => (
        <Tooltip title={m.error ?? undefined}>
          <Tag color={STATUS_COLORS[s]}>{l(SMS_STATUS_LABELS[s])}</Tag>
        </Tooltip>
      ),
    },
    { title: t('sms.adapter'), dataIndex: 'adapter', width: 90, render: (v: string) => v || '—' },
    { title: t('sms.sentAt'), dataIndex: 'sentAt', width: 150, render: (v: string | null) => fmtDateTime(v) },
    {
      title: t('common.actions'),
      key: 'reply',
      width: 110,
      // replies can be simulated only on the outbox adapter (messages stored here, not sent)
      render: (_: unknown, m) =>
        m.direction === 'out' && m.adapter === 'outbox' ? (
          <SimulateReplyButton id={m.id} phoneMasked={m.phoneMasked} />
        ) : null,
    },
  ];

  return (
    <PageContainer
      page="sms-outbox"
      extra={
        <Space wrap>
          <Space size={6}>
            <Switch checked={auto} onChange={setAuto} size="small" />
            <Typography.Text>{t('sms.autoRefresh')}</Typography.Text>
          </Space>
          <Button
            type="primary"
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            loading={list.isFetching && !auto}
          >
            {t('common.refresh')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon title={t('sms.hint')} style={{ marginBottom: 16 }} />
      <FilterForm<Filters>
        form={form}
        onSearch={(v) => {
          listState.search({ ...v, phone: v.phone?.trim() || undefined, q: v.q?.trim() || undefined });
        }}
        onReset={() => {
          listState.search({});
        }}
        fields={[
          <Form.Item key="phone" name="phone" label={t('sms.phone')}>
            <Input placeholder={t('sms.phonePh')} inputMode="numeric" maxLength={11} allowClear />
          </Form.Item>,
          <Form.Item key="q" name="q" label={t('common.keyword')}>
            <Input placeholder={t('sms.qPh')} allowClear />
          </Form.Item>,
          <Form.Item key="direction" name="direction" label={t('sms.direction')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={SMS_DIRECTIONS.map((d) => ({ value: d, label: l(SMS_DIRECTION_LABELS[d]) }))}
            />
          </Form.Item>,
          <Form.Item key="status" name="status" label={t('sms.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={SMS_STATUSES.map((s) => ({ value: s, label: l(SMS_STATUS_LABELS[s]) }))}
            />
          </Form.Item>,
        ]}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card className="table-card">
        <Table<SmsOutboxItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isLoading}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('sms.empty')} /> }}
          pagination={listState.pagination(list.data?.total)}
        />
      </Card>
    </PageContainer>
  );
}
