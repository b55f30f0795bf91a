import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Result,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, ApiError, type Page } from '../../api/client';
import { FilterForm } from '../../components/FilterForm';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { useListState } from '../../lib/use-list-state';
import { fmtDateTime, fmtDateTimeSec } from '../../lib/format';
import { useIsPhone } from '../../lib/use-media';
import { diffSnapshots, type AuditEvent, type AuditFilters, type AuditVerifyResult, type DiffRow } from './audit.api';

interface FilterValues {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: number;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function AuditPage() {
  const { t } = useI18n();
  const isPhone = useIsPhone();
  const { modal } = App.useApp();
  const [form] = Form.useForm<FilterValues>();
  const listState = useListState<AuditFilters>({});
  const { filters, page, pageSize, nonce } = listState;
  const [open, setOpen] = useState<AuditEvent | null>(null);

  const list = useQuery({
    queryKey: ['audit', filters, page, pageSize, nonce],
    queryFn: ({ signal }) => api.get<Page<AuditEvent>>('/audit', { ...filters, page, pageSize }, signal),
    placeholderData: (prev) => prev,
  });

  const verify = useMutation({
    mutationFn: () => api.get<AuditVerifyResult>('/audit/verify'),
    meta: { manualError: true },
    onSuccess: (r) => {
      if (r.ok && !r.problems.length) {
        modal.success({
          title: t('audit.verifyTitle'),
          content: t('audit.verifyOk', { checked: r.checked }),
          okText: t('common.close'),
        });
        return;
      }
      modal.error({
        title: t('audit.verifyBad', {
          count: r.problemsTruncated ? `${r.problems.length}+` : r.problems.length,
          checked: r.checked,
        }),
        width: 720,
        okText: t('common.close'),
        content: (
          <Table
            size="small"
            rowKey={(p) => `${p.seq}-${p.kind}`}
            pagination={false}
            scroll={{ x: 'max-content', y: 360 }}
            dataSource={r.problems}
            columns={[
              { title: t('audit.seq'), dataIndex: 'seq' },
              { title: t('audit.kind'), dataIndex: 'kind', render: (v: string) => <Tag color="red">{v}</Tag> },
              { title: t('audit.message'), dataIndex: 'message' },
            ]}
          />
        ),
      });
    },
    onError: (err) => {
      modal.error({
        title: t('audit.verifyTitle'),
        content: err instanceof ApiError && err.isMissingRoute ? t('common.notAvailable') : (err as Error).message,
        okText: t('common.close'),
      });
    },
  });

  const columns: ColumnsType<AuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.time'), dataIndex: 'occurredAt', render: (v: string) => fmtDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (v: string | null, e) =>
        v ?? (e.actorId ? `#${e.actorId}` : <Typography.Text type="secondary">{t('audit.anonymous')}</Typography.Text>),
    },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Tag className="mono">{v}</Tag> },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_: unknown, e) => (
        <span className="mono">
          {e.entityType}
          {e.entityId !== null && e.entityId !== undefined ? `#${e.entityId}` : ''}
        </span>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, e) => (
        <Button type="link" size="small" onClick={() => setOpen(e)}>
          {t('common.detail')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      page="audit"
      extra={
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      }
    >
      <FilterForm<FilterValues>
        form={form}
        onSearch={(v) => {
          const [from, to] = v.range ?? [];
          listState.search({
            action: v.action?.trim() || undefined,
            entityType: v.entityType?.trim() || undefined,
            entityId: v.entityId?.trim() || undefined,
            actorId: v.actorId ?? undefined,
            from: from ? from.startOf('minute').toISOString() : undefined,
            to: to ? to.endOf('minute').toISOString() : undefined,
          });
        }}
        onReset={() => {
          listState.search({});
        }}
        fields={[
          <Form.Item key="action" name="action" label={t('audit.action')}>
            <Input placeholder="customer.*" allowClear />
          </Form.Item>,
          <Form.Item key="entityType" name="entityType" label={t('audit.entityType')}>
            <Input placeholder="user" allowClear />
          </Form.Item>,
          <Form.Item key="range" name="range" label={t('audit.range')}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>,
          <Form.Item key="entityId" name="entityId" label={t('audit.entityId')}>
            <Input allowClear />
          </Form.Item>,
          <Form.Item key="actorId" name="actorId" label={t('audit.actorId')}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>,
        ]}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card className="table-card">
        <Table<AuditEvent>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          onRow={(e) => ({ onDoubleClick: () => setOpen(e) })}
          locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          pagination={listState.pagination(list.data?.total)}
        />
      </Card>
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        size={isPhone ? '100%' : 760}
        title={open ? `#${open.seq} · ${open.action}` : ''}
      >
        {open ? <AuditDetail e={open} /> : null}
      </Drawer>
    </PageContainer>
  );
}

function AuditDetail({ e }: { e: AuditEvent }) {
  const { t } = useI18n();
  const rows = diffSnapshots(e.before, e.after);
  const cell = (v: string | undefined, cls: string) =>
    v === undefined ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <pre className={`diff-val ${cls}`}>{v}</pre>
    );
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'time', label: t('audit.time'), children: fmtDateTimeSec(e.occurredAt) },
          {
            key: 'actor',
            label: t('audit.actor'),
            children: e.actorName ?? (e.actorId ? `#${e.actorId}` : t('audit.anonymous')),
          },
          { key: 'action', label: t('audit.action'), children: <span className="mono">{e.action}</span> },
          {
            key: 'entity',
            label: t('audit.entity'),
            children: <span className="mono">{`${e.entityType}${e.entityId !== null ? `#${e.entityId}` : ''}`}</span>,
          },
          { key: 'ip', label: t('audit.ip'), children: <span className="mono">{e.ip ?? '—'}</span> },
          { key: 'ua', label: t('audit.userAgent'), children: <span className="break">{e.userAgent ?? '—'}</span> },
          {
            key: 'rid',
            label: t('audit.requestId'),
            children: <span className="mono break">{e.requestId ?? '—'}</span>,
          },
          { key: 'hash', label: t('audit.hash'), children: <span className="mono break">{e.hash}</span> },
          {
            key: 'prev',
            label: t('audit.prevHash'),
            children: <span className="mono break">{e.prevHash ?? '—'}</span>,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('audit.diff')}
      </Typography.Title>
      {rows.length ? (
        <Table<DiffRow>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          rowClassName={(r) => `diff-row diff-${r.change}`}
          columns={[
            { title: t('audit.field'), dataIndex: 'field', render: (v: string) => <span className="mono">{v}</span> },
            {
              title: t('audit.before'),
              dataIndex: 'before',
              render: (v: string | undefined, r) => cell(v, r.change === 'same' ? '' : 'diff-old'),
            },
            {
              title: t('audit.after'),
              dataIndex: 'after',
              render: (v: string | undefined, r) => cell(v, r.change === 'same' ? '' : 'diff-new'),
            },
          ]}
        />
      ) : (
        <Result status="info" title={t('audit.noDiff')} style={{ padding: 16 }} />
      )}
    </>
  );
}
