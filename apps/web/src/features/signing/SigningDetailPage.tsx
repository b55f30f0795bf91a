import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Modal,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import {
  SIGNING_AUDIT_LABELS,
  SIGNING_KIND_LABELS,
  SIGNING_MODE_LABELS,
  SIGNING_STATUS_COLORS,
  SIGNING_STATUS_LABELS,
  type SigningCheck,
} from '@paidan/shared';
import { toastError, toastSuccess } from '../../api/feedback';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime, fmtDateTimeSec } from '../../lib/format';
import { signingApi } from './signing.api';

const CHECK_COLORS: Record<SigningCheck['state'], string> = {
  passed: 'success',
  failed: 'error',
  pending: 'processing',
  not_required: 'default',
  not_configured: 'warning',
  review: 'orange',
};

export function SigningDetailRoute() {
  const { id } = useParams();
  return <SigningDetailPage id={Number(id)} />;
}

/** One signing request: status, the actions allowed now, table-2 checks, the evidence timeline, both PDFs. */
export function SigningDetailPage({ id }: { id: number }) {
  const { t, l } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['signing', 'detail', id], queryFn: ({ signal }) => signingApi.detail(id, signal) });
  const [noteFor, setNoteFor] = useState<'approve' | 'reject' | null>(null);
  const [note, setNote] = useState('');
  const d = q.data;

  const act = async (action: string, n?: string) => {
    try {
      const next = await signingApi.act(id, { action, version: d!.version, ...(n ? { note: n } : {}) });
      qc.setQueryData(['signing', 'detail', id], next);
      await qc.invalidateQueries({ queryKey: ['signing', 'list'] });
      toastSuccess(t('sg.done'));
      return true;
    } catch (e) {
      toastError(e);
      void q.refetch();
      return false;
    }
  };

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!d) return <Card loading />;
  const buttons = d.actions.map((a) => {
    const label = t(`sg.actions.${a}` as 'sg.actions.remind');
    if (a === 'cancel')
      return (
        <Popconfirm key={a} title={t('sg.confirmCancel')} onConfirm={() => act(a)}>
          <Button danger>{label}</Button>
        </Popconfirm>
      );
    if (a === 'resend')
      return (
        <Popconfirm key={a} title={t('sg.confirmResend')} onConfirm={() => act(a)}>
          <Button>{label}</Button>
        </Popconfirm>
      );
    if (a === 'approve' || a === 'reject')
      return (
        <Button
          key={a}
          type={a === 'approve' ? 'primary' : 'default'}
          danger={a === 'reject'}
          onClick={() => setNoteFor(a)}
          data-testid={`signing-${a}`}
        >
          {label}
        </Button>
      );
    return (
      <Button key={a} onClick={() => void act(a)} data-testid={`signing-${a}`}>
        {label}
      </Button>
    );
  });

  return (
    <PageContainer
      page="signing-detail"
      title={
        <Space>
          <span className="mono">{d.number}</span>
          <Tag color={SIGNING_STATUS_COLORS[d.status]} data-testid="signing-status">
            {l(SIGNING_STATUS_LABELS[d.status])}
          </Tag>
        </Space>
      }
      subTitle={d.title}
      extra={<Space wrap>{buttons}</Space>}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={d.title}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('sg.kind')}>{l(SIGNING_KIND_LABELS[d.kind])}</Descriptions.Item>
              <Descriptions.Item label={t('sg.customer')}>{d.customerName}</Descriptions.Item>
              <Descriptions.Item label={t('sg.signer')}>
                {d.signerName} {d.signerPhoneMasked}
              </Descriptions.Item>
              <Descriptions.Item label={t('sg.mode')}>
                {l(SIGNING_MODE_LABELS[d.mode])}
                {d.ruleName ? <Typography.Text type="secondary"> · {d.ruleName}</Typography.Text> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('sg.sentAt')}>{fmtDateTime(d.sentAt)}</Descriptions.Item>
              <Descriptions.Item label={t('sg.openedAt')}>{fmtDateTime(d.openedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('sg.signedAt')}>{fmtDateTime(d.signedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('sg.expiresAt')}>{fmtDateTime(d.expiresAt)}</Descriptions.Item>
              <Descriptions.Item label={t('sg.reminders')}>{d.reminders}</Descriptions.Item>
              <Descriptions.Item label={t('sg.createdBy')}>{d.createdByName ?? '—'}</Descriptions.Item>
              {d.templateCode ? (
                <Descriptions.Item label={t('sg.template')}>
                  {d.templateCode} v{d.templateVersion} (#{d.templateId})
                </Descriptions.Item>
              ) : null}
              {d.declineReason ? (
                <Descriptions.Item label={t('sg.declineReason')}>{d.declineReason}</Descriptions.Item>
              ) : null}
              {d.reviewNote ? <Descriptions.Item label={t('sg.reviewNote')}>{d.reviewNote}</Descriptions.Item> : null}
              <Descriptions.Item label={t('sg.docHash')} span={2}>
                <span className="mono small">{d.documentSha256}</span>
              </Descriptions.Item>
              {d.signedSha256 ? (
                <Descriptions.Item label={t('sg.signedHash')} span={2}>
                  <span className="mono small">{d.signedSha256}</span>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Space wrap style={{ marginTop: 12 }}>
              <Button href={`/api/signing/requests/${d.id}/document.pdf`} target="_blank">
                {t('sg.document')}
              </Button>
              {d.signedSha256 ? (
                <Button
                  type="primary"
                  href={`/api/signing/requests/${d.id}/signed.pdf`}
                  target="_blank"
                  data-testid="signing-signed-pdf"
                >
                  {t('sg.signedDoc')}
                </Button>
              ) : null}
            </Space>
          </Card>
          <Card title={t('sg.checks')} style={{ marginTop: 16 }}>
            <Table<SigningCheck>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={d.checks}
              columns={[
                { title: t('sg.note'), dataIndex: 'label' },
                {
                  title: t('common.status'),
                  dataIndex: 'state',
                  width: 120,
                  render: (s: SigningCheck['state']) => (
                    <Tag color={CHECK_COLORS[s]}>{t(`sg.check.${s}` as 'sg.check.passed')}</Tag>
                  ),
                },
                { title: t('common.detail'), dataIndex: 'detail', render: (v: string | null) => v ?? '—' },
              ]}
            />
            {d.ocr?.mismatches.length ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 12 }}
                title={t('sg.ocr')}
                description={d.ocr.mismatches.join('；')}
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('sg.timeline')}>
            {d.timeline.length ? (
              <Timeline
                items={d.timeline.map((e) => ({
                  color:
                    e.action === 'signing.signed'
                      ? 'green'
                      : e.action.includes('fail') || e.action.includes('locked')
                        ? 'red'
                        : 'blue',
                  content: (
                    <div>
                      <div>
                        <strong>{l(SIGNING_AUDIT_LABELS[e.action])}</strong>
                        <Typography.Text type="secondary"> · {fmtDateTimeSec(e.at)}</Typography.Text>
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[e.actorName ?? d.signerName, e.ip].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={noteFor !== null}
        title={noteFor ? t(`sg.actions.${noteFor}` as 'sg.actions.approve') : ''}
        onCancel={() => setNoteFor(null)}
        okButtonProps={{ disabled: noteFor === 'reject' && !note.trim(), 'data-testid': 'signing-note-ok' } as never}
        onOk={async () => {
          if (await act(noteFor!, note.trim() || undefined)) {
            setNoteFor(null);
            setNote('');
          }
        }}
      >
        <Input.TextArea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={noteFor === 'reject' ? t('sg.rejectNote') : t('sg.approveNote')}
        />
      </Modal>
    </PageContainer>
  );
}
