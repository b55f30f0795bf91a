import { useState } from 'react';
import { Alert, App, Modal, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ImportResult } from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import { importOpportunities } from './opportunity.api';

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
      <Upload.Dragger
        accept=".csv,.xlsx"
        showUploadList={false}
        disabled={busy}
        customRequest={async ({ file }) => {
          setBusy(true);
          try {
            const r = await importOpportunities(file as File);
            setResult(r);
            onDone();
          } catch (e) {
            void message.error(e instanceof Error ? e.message : String(e));
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
                { title: t('opp.reason'), dataIndex: 'field', width: 140 },
                { title: '', dataIndex: 'message' },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
