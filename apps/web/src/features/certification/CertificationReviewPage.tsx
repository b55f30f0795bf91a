import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Form,
  Image,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useSearchParams } from 'react-router';
import {
  CERT_ATTEMPT_STATUS_LABELS,
  CERT_METHOD_LABELS,
  CERT_METHODS,
  type CertMethod,
  type Certification,
} from '@paidan/shared';
import { toastSuccess } from '../../api/feedback';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { useCertificationById, useCertificationQueue, useReviewAction } from './certification.api';
import '../onboarding/onboarding.css';

const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  awaiting_deposit: 'orange',
  awaiting_amount: 'processing',
  awaiting_code: 'processing',
  submitted: 'gold',
  approved: 'success',
  rejected: 'error',
  failed: 'error',
  cancelled: 'default',
};

/** Staff: what waits for review (licence photos) or for finance (deposits), and the history. */
export function CertificationReviewPage() {
  const { t, l } = useI18n();
  const [params, setParams] = useSearchParams();
  const [awaitingStaff, setAwaitingStaff] = useState(true);
  const [method, setMethod] = useState<CertMethod | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useCertificationQueue({ awaitingStaff, method, q: q || undefined, page, pageSize });
  const openId = Number(params.get('id')) || null;
  const one = useCertificationById(openId);
  const open = openId ? (one.data ?? null) : null;

  return (
    <PageContainer page="cert-review">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={awaitingStaff ? 'awaiting' : 'all'}
          onChange={(v) => (setAwaitingStaff(v === 'awaiting'), setPage(1))}
          options={[
            { value: 'awaiting', label: t('rv.awaiting') },
            { value: 'all', label: t('rv.all') },
          ]}
          data-testid="rv-awaiting"
        />
        <Select
          allowClear
          placeholder={t('rv.method')}
          style={{ width: 160 }}
          value={method}
          onChange={(v) => (setMethod(v), setPage(1))}
          options={CERT_METHODS.map((m) => ({ value: m, label: l(CERT_METHOD_LABELS[m]) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('rv.searchPh')}
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
          style={{ width: 260 }}
        />
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<Certification>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('rv.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (p, s) => (setPage(s !== pageSize ? 1 : p), setPageSize(s)),
        }}
        columns={[
          {
            title: t('rv.enterprise'),
            dataIndex: 'companyName',
            render: (_, r) => (
              <div>
                <div>{r.companyName}</div>
                <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                  {r.creditCode}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: t('rv.method'),
            dataIndex: 'method',
            width: 120,
            render: (m: CertMethod) => l(CERT_METHOD_LABELS[m]),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: Certification['status']) => (
              <Tag color={STATUS_COLOR[s]}>{l(CERT_ATTEMPT_STATUS_LABELS[s])}</Tag>
            ),
          },
          { title: t('rv.applicant'), dataIndex: 'applicantName', width: 110 },
          { title: t('rv.submittedAt'), dataIndex: 'updatedAt', width: 160, render: (v: string) => fmtDateTime(v) },
          {
            title: t('common.actions'),
            width: 90,
            fixed: 'right',
            render: (_, r) => (
              <Button type="link" onClick={() => setParams({ id: String(r.id) })} data-testid={`rv-open-${r.id}`}>
                {t('rv.detail')}
              </Button>
            ),
          },
        ]}
      />
      <ReviewDrawer a={open} onClose={() => setParams({})} />
    </PageContainer>
  );
}

function ReviewDrawer({ a, onClose }: { a: Certification | null; onClose: () => void }) {
  const { t, l } = useI18n();
  const act = useReviewAction();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => act.reset(), [a?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!a) return null;
  const done = (msg: string) => () => {
    toastSuccess(msg);
    setRejecting(false);
  };
  const ocr = a.ocr;
  const rows = [
    { key: 'name', label: t('ob.entName'), entered: a.companyName, read: ocr?.companyName ?? null },
    { key: 'code', label: t('ob.creditCode'), entered: a.creditCode, read: ocr?.creditCode ?? null },
    { key: 'rep', label: t('cert.legalRep'), entered: a.legalRepName, read: ocr?.legalRep ?? null },
    { key: 'addr', label: t('ob.address'), entered: a.address, read: ocr?.address ?? null },
  ];
  return (
    <Drawer
      open
      size={Math.min(720, window.innerWidth)}
      title={`${a.companyName} · ${l(CERT_METHOD_LABELS[a.method])}`}
      onClose={onClose}
      data-testid="rv-drawer"
      extra={
        <Space>
          {a.status === 'submitted' ? (
            <>
              <Button danger onClick={() => setRejecting(true)} data-testid="rv-reject">
                {t('rv.reject')}
              </Button>
              <Popconfirm
                placement="bottomRight"
                title={t('rv.approveConfirm', { name: a.companyName })}
                onConfirm={() =>
                  act.mutate(
                    { id: a.id, action: 'approve', version: a.version },
                    { onSuccess: done(t('common.saved')) },
                  )
                }
              >
                <Button type="primary" loading={act.isPending} data-testid="rv-approve">
                  {t('rv.approve')}
                </Button>
              </Popconfirm>
            </>
          ) : null}
          {a.status === 'awaiting_deposit' ? (
            <Popconfirm
              placement="bottomRight"
              title={t('rv.depositConfirm', { amount: a.depositAmount ?? '', ref: a.depositReference ?? '' })}
              onConfirm={() =>
                act.mutate(
                  { id: a.id, action: 'deposit-sent', version: a.version },
                  { onSuccess: done(t('common.saved')) },
                )
              }
            >
              <Button type="primary" loading={act.isPending} data-testid="rv-deposit">
                {t('rv.depositSent')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      }
    >
      {act.error ? <Alert type="error" showIcon title={act.error.message} style={{ marginBottom: 12 }} /> : null}
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('common.status')}>
          <Tag color={STATUS_COLOR[a.status]}>{l(CERT_ATTEMPT_STATUS_LABELS[a.status])}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('rv.enterprise')}>{a.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label={t('rv.applicant')}>{a.applicantName}</Descriptions.Item>
        <Descriptions.Item label={t('rv.submittedAt')}>{fmtDateTime(a.updatedAt)}</Descriptions.Item>
        {a.method === 'bank_transfer' ? (
          <>
            <Descriptions.Item label={t('cert.bankName')}>{a.bankName}</Descriptions.Item>
            <Descriptions.Item label={t('cert.bankAccount')}>{a.bankAccountMasked}</Descriptions.Item>
            <Descriptions.Item label={t('rv.depositAmount')}>
              <b data-testid="rv-amount">{a.depositAmount}</b>
            </Descriptions.Item>
            <Descriptions.Item label={t('cert.reference')}>{a.depositReference}</Descriptions.Item>
          </>
        ) : null}
        {a.method === 'legal_rep_sms' ? (
          <Descriptions.Item label={t('cert.legalRepPhone')}>{a.legalRepPhoneMasked}</Descriptions.Item>
        ) : null}
        {a.reviewerName ? (
          <Descriptions.Item label={t('rv.reviewer')}>
            {a.reviewerName} · {a.reviewedAt ? fmtDateTime(a.reviewedAt) : ''}
          </Descriptions.Item>
        ) : null}
        {a.rejectReason ? <Descriptions.Item label={t('rv.rejectReason')}>{a.rejectReason}</Descriptions.Item> : null}
      </Descriptions>
      {a.method === 'licence_photo' ? (
        <>
          {a.hasLicence ? (
            <Image className="rv-photo" src={`/api/certifications/${a.id}/licence-image`} alt={t('cert.photo')} />
          ) : (
            <Typography.Text type="secondary">{t('rv.noPhoto')}</Typography.Text>
          )}
          <Table
            className="rv-compare"
            style={{ marginTop: 16 }}
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            columns={[
              { title: t('rv.field'), dataIndex: 'label', width: 130 },
              { title: t('rv.entered'), dataIndex: 'entered', render: (v: string | null) => v ?? '—' },
              {
                title: t('rv.ocr'),
                dataIndex: 'read',
                render: (v: string | null, r) => (
                  <Space>
                    {v ?? '—'}
                    {v && r.entered && v !== r.entered ? <Tag color="red">{t('rv.mismatch')}</Tag> : null}
                  </Space>
                ),
              },
            ]}
          />
          {ocr ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('rv.rawText')}（{ocr.confidence}%）
              </Typography.Title>
              <div className="rv-raw">{ocr.rawText}</div>
            </>
          ) : null}
        </>
      ) : null}
      <Modal
        open={rejecting}
        title={t('rv.reject')}
        onCancel={() => setRejecting(false)}
        onOk={() => form.submit()}
        okButtonProps={{ danger: true, 'data-testid': 'rv-reject-ok' }}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            act.mutate(
              { id: a.id, action: 'reject', reason: v.reason, version: a.version },
              { onSuccess: done(t('common.saved')) },
            )
          }
        >
          <Form.Item
            name="reason"
            label={t('rv.rejectReason')}
            rules={[{ required: true, min: 2, message: t('rv.rejectReasonPh') }]}
          >
            <Input.TextArea rows={3} maxLength={500} placeholder={t('rv.rejectReasonPh')} data-testid="rv-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
