import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_STATUSES,
  AGREEMENT_USAGE_LABELS,
  AGREEMENT_USAGES,
  agreementPlaceholders,
  CreateAgreementSchema,
  type AgreementStatus,
  type AgreementTemplate,
  type AgreementUsage,
} from '@paidan/shared';
import { api, ApiError, type Page } from '../../api/client';
import { applyFieldErrors, zodRule } from '../../api/form';
import { toastError, toastSuccess } from '../../api/feedback';
import { FilterForm } from '../../components/FilterForm';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/use-media';
import { useListState } from '../../lib/use-list-state';
import { AgreementText } from './AgreementText';

const KEY = ['agreements'];
interface Filters {
  code?: string;
  status?: AgreementStatus;
  usage?: AgreementUsage;
  q?: string;
}
interface Values {
  code?: string;
  title?: string;
  usage?: AgreementUsage;
  body?: string;
  note?: string;
}
const STATUS_COLOR: Record<AgreementStatus, string> = { draft: 'default', published: 'success', retired: 'warning' };
const S = CreateAgreementSchema.shape;

/** Editor state: a brand-new agreement, a new version based on one, a draft being edited, or a version being read. */
type Editing =
  | { mode: 'new' }
  | { mode: 'version'; from: AgreementTemplate }
  | { mode: 'edit'; draft: AgreementTemplate }
  | { mode: 'view'; item: AgreementTemplate };

export function AgreementTemplatesPage() {
  const { t, l } = useI18n();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Filters>();
  const listState = useListState<Filters>({});
  const { filters, page, pageSize, nonce } = listState;
  const [editing, setEditing] = useState<Editing | null>(null);

  const list = useQuery({
    queryKey: [...KEY, filters, page, pageSize, nonce],
    queryFn: ({ signal }) => api.get<Page<AgreementTemplate>>('/agreements', { ...filters, page, pageSize }, signal),
    placeholderData: (prev) => prev,
  });

  const act = useMutation({
    mutationFn: ({ item, op }: { item: AgreementTemplate; op: 'publish' | 'retire' | 'delete' }) =>
      op === 'delete' ? api.del(`/agreements/${item.id}`) : api.post(`/agreements/${item.id}/${op}`),
    onSuccess: (_r, { op }) => {
      toastSuccess(op === 'publish' ? t('ag.published') : op === 'retire' ? t('ag.retired') : t('common.deleted'));
      void qc.invalidateQueries({ queryKey: KEY });
    },
    meta: { manualError: true },
    onError: (e) => toastError(e),
  });
  const confirm = (item: AgreementTemplate, op: 'publish' | 'retire' | 'delete') =>
    modal.confirm({
      title: `${item.title} · v${item.version}`,
      content:
        op === 'publish'
          ? t('ag.publishConfirm', { version: item.version })
          : op === 'retire'
            ? t('ag.retireConfirm')
            : t('ag.deleteConfirm'),
      okText: op === 'publish' ? t('ag.publish') : op === 'retire' ? t('ag.retire') : t('common.delete'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: op !== 'publish' },
      onOk: () => act.mutateAsync({ item, op }).catch(() => undefined),
    });

  const columns: ColumnsType<AgreementTemplate> = [
    {
      title: t('ag.title'),
      dataIndex: 'title',
      render: (v: string, a) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setEditing({ mode: 'view', item: a })}>{v}</Typography.Link>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {a.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('ag.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    {
      title: t('ag.usage'),
      dataIndex: 'usage',
      width: 130,
      render: (u: AgreementUsage) => l(AGREEMENT_USAGE_LABELS[u]),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: AgreementStatus) => <Tag color={STATUS_COLOR[s]}>{l(AGREEMENT_STATUS_LABELS[s])}</Tag>,
    },
    { title: t('ag.publishedAt'), dataIndex: 'publishedAt', width: 150, render: (v: string | null) => fmtDateTime(v) },
    { title: t('ag.createdBy'), dataIndex: 'createdBy', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_v, a) => (
        <Space size={4} wrap>
          {a.status === 'draft' ? (
            <>
              <Button size="small" type="link" onClick={() => setEditing({ mode: 'edit', draft: a })}>
                {t('common.edit')}
              </Button>
              <Button size="small" type="link" onClick={() => confirm(a, 'publish')}>
                {t('ag.publish')}
              </Button>
              <Button size="small" type="link" danger onClick={() => confirm(a, 'delete')}>
                {t('common.delete')}
              </Button>
            </>
          ) : (
            <>
              <Button size="small" type="link" onClick={() => setEditing({ mode: 'version', from: a })}>
                {t('ag.newVersion')}
              </Button>
              {a.status === 'published' ? (
                <Button size="small" type="link" danger onClick={() => confirm(a, 'retire')}>
                  {t('ag.retire')}
                </Button>
              ) : null}
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      page="agreements"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ mode: 'new' })}
          data-testid="agreement-create"
        >
          {t('ag.new')}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t('ag.hint')} style={{ marginBottom: 16 }} />
      <FilterForm<Filters>
        form={form}
        onSearch={(v) => listState.search({ ...v, code: v.code?.trim() || undefined, q: v.q?.trim() || undefined })}
        onReset={() => listState.search({})}
        fields={[
          <Form.Item key="q" name="q" label={t('common.keyword')}>
            <Input placeholder={t('ag.qPh')} allowClear />
          </Form.Item>,
          <Form.Item key="code" name="code" label={t('ag.code')}>
            <Input placeholder={t('ag.codePh')} allowClear />
          </Form.Item>,
          <Form.Item key="usage" name="usage" label={t('ag.usage')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={AGREEMENT_USAGES.map((u) => ({ value: u, label: l(AGREEMENT_USAGE_LABELS[u]) }))}
            />
          </Form.Item>,
          <Form.Item key="status" name="status" label={t('common.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: l(AGREEMENT_STATUS_LABELS[s]) }))}
            />
          </Form.Item>,
        ]}
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card className="table-card">
        <Table<AgreementTemplate>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('ag.empty')} /> }}
          pagination={listState.pagination(list.data?.total)}
        />
      </Card>
      <AgreementDrawer editing={editing} onClose={() => setEditing(null)} onEdit={setEditing} />
    </PageContainer>
  );
}

function AgreementDrawer({
  editing,
  onClose,
  onEdit,
}: {
  editing: Editing | null;
  onClose: () => void;
  onEdit: (e: Editing) => void;
}) {
  const { t, l } = useI18n();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const { notification } = App.useApp();
  const [form] = Form.useForm<Values>();
  const body = Form.useWatch('body', form) ?? '';

  useEffect(() => {
    if (!editing || editing.mode === 'view') return;
    form.resetFields();
    const src = editing.mode === 'version' ? editing.from : editing.mode === 'edit' ? editing.draft : null;
    if (src) form.setFieldsValue({ code: src.code, title: src.title, usage: src.usage, body: src.body });
    else form.setFieldsValue({ usage: 'acceptance' });
  }, [editing, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      if (editing?.mode === 'edit') {
        return api.patch<AgreementTemplate>(`/agreements/${editing.draft.id}`, {
          lock: editing.draft.lock,
          title: v.title?.trim(),
          body: v.body,
          note: v.note?.trim() ? v.note.trim() : null,
        });
      }
      return api.post<AgreementTemplate>('/agreements', {
        code: v.code?.trim(),
        title: v.title?.trim(),
        usage: v.usage,
        body: v.body,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
    },
    meta: { manualError: true },
    onSuccess: (a) => {
      toastSuccess(editing?.mode === 'edit' ? t('common.saved') : t('common.created'));
      void qc.invalidateQueries({ queryKey: KEY });
      onEdit({ mode: 'view', item: a });
    },
    onError: async (err) => {
      if (editing?.mode === 'edit' && err instanceof ApiError && err.code === 'CONFLICT') {
        notification.warning({ title: err.message, description: t('ag.conflict') });
        void qc.invalidateQueries({ queryKey: KEY });
        try {
          onEdit({ mode: 'edit', draft: await api.get<AgreementTemplate>(`/agreements/${editing.draft.id}`) });
        } catch (e) {
          toastError(e);
        }
        return;
      }
      applyFieldErrors(form, err);
      toastError(err);
    },
  });

  const viewing = editing?.mode === 'view' ? editing.item : null;
  const title = !editing
    ? ''
    : editing.mode === 'view'
      ? t('ag.viewVersion', { code: editing.item.code, version: editing.item.version })
      : editing.mode === 'edit'
        ? t('ag.editDraft')
        : editing.mode === 'version'
          ? `${t('ag.newVersion')} · ${editing.from.code}`
          : t('ag.new');
  const placeholders = agreementPlaceholders(viewing ? viewing.body : body);

  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      title={title}
      size={isPhone ? '100%' : 1100}
      destroyOnHidden
      extra={
        viewing ? (
          viewing.status === 'draft' ? (
            <Button onClick={() => onEdit({ mode: 'edit', draft: viewing })}>{t('common.edit')}</Button>
          ) : (
            <Button onClick={() => onEdit({ mode: 'version', from: viewing })}>{t('ag.newVersion')}</Button>
          )
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="agreement-save">
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {viewing ? (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag color={STATUS_COLOR[viewing.status]}>{l(AGREEMENT_STATUS_LABELS[viewing.status])}</Tag>
            <Tag>{l(AGREEMENT_USAGE_LABELS[viewing.usage])}</Tag>
            <Typography.Text type="secondary">
              {t('ag.publishedAt')}: {fmtDateTime(viewing.publishedAt)}
            </Typography.Text>
          </Space>
          {placeholders.length ? (
            <div style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">{t('ag.placeholders')}: </Typography.Text>
              {placeholders.map((p) => (
                <Tag key={p} className="mono">{`{{${p}}}`}</Tag>
              ))}
            </div>
          ) : null}
          <Card size="small">
            <AgreementText body={viewing.body} />
          </Card>
        </>
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form<Values> form={form} name="agreement" layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="code" label={t('ag.code')} rules={[zodRule(S.code)]} required>
                    <Input placeholder={t('ag.codePh')} disabled={editing?.mode !== 'new'} className="mono" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="usage" label={t('ag.usage')} required>
                    <Select
                      disabled={editing?.mode !== 'new'}
                      options={AGREEMENT_USAGES.map((u) => ({ value: u, label: l(AGREEMENT_USAGE_LABELS[u]) }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="title" label={t('ag.title')} rules={[zodRule(S.title)]} required>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="body" label={t('ag.body')} rules={[zodRule(S.body)]} required extra={t('ag.bodyHelp')}>
                <Input.TextArea autoSize={{ minRows: 12, maxRows: 28 }} className="mono" />
              </Form.Item>
              <Form.Item name="note" label={t('ag.note')}>
                <Input maxLength={200} />
              </Form.Item>
            </Form>
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text type="secondary">{t('ag.preview')}</Typography.Text>
            <Card size="small" style={{ marginTop: 4 }}>
              {body.trim() ? <AgreementText body={body} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            </Card>
          </Col>
        </Row>
      )}
    </Drawer>
  );
}
