import { useState } from 'react';
import { Alert, App, Modal, Spin, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ImportResult } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { useI18n, type MsgKey } from '../../i18n/i18n';
import { importOpportunities } from './opportunity.api';

/** The column a row error is about, as the user knows it. */
const FIELD_LABELS: Record<string, MsgKey> = {
  customerName: 'opp.f.customer',
  creditCode: 'opp.f.creditCode',
  contactName: 'opp.f.contact',
  contactPhone: 'opp.f.phone',
  product: 'opp.f.product',
  productCode: 'opp.f.product',
  need: 'opp.f.need',
  expectedRevenue: 'opp.f.revenue',
  deadline: 'opp.f.deadline',
  districtCode: 'opp.f.district',
  sourceChannel: 'opp.f.channel',
};

/** CSV / Excel import with the per-row error report. */
export function OpportunityImportModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      title={t('opp.import')}
      open={open}
      onCancel={() => {
        setResult(null);
        onClose();
      }}
      footer={null}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('opp.import.hint')}</Typography.Paragraph>
      <Spin spinning={busy}>
        <Upload.Dragger
          accept=".csv,.xlsx"
          showUploadList={false}
          disabled={busy}
          customRequest={async ({ file }) => {
            setBusy(true);
            // a later file's failure must not leave the earlier file's report looking like its own
            setResult(null);
            try {
              const r = await importOpportunities(file as File);
              setResult(r);
              onDone();
            } catch (e) {
              // a file that cannot be read at all says why (missing columns, too many rows), not only that it failed
              const why = e instanceof ApiError ? e.fieldErrors.map((f) => f.message).join('；') : '';
              void message.error(why || (e instanceof Error ? e.message : String(e)));
            } finally {
              setBusy(false);
            }
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('opp.import')}（.xlsx / .csv）</p>
        </Upload.Dragger>
      </Spin>
      {result ? (
        <>
          <Alert
            style={{ marginTop: 16 }}
            type={result.failed ? 'warning' : 'success'}
            title={t('opp.import.result', {
              total: result.total,
              created: result.created,
              merged: result.merged,
              failed: result.failed,
            })}
            showIcon
          />
          {result.errors.length ? (
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(r) => `${r.row}:${r.field}`}
              pagination={false}
              dataSource={result.errors}
              columns={[
                { title: '#', dataIndex: 'row', render: (v: number) => t('opp.import.row', { row: v }), width: 100 },
                {
                  title: t('opp.import.field'),
                  dataIndex: 'field',
                  width: 160,
                  render: (v: string) => (FIELD_LABELS[v] ? t(FIELD_LABELS[v]) : v || '—'),
                },
                { title: t('opp.import.problem'), dataIndex: 'message' },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
