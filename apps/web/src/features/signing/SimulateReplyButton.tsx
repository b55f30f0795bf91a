import { useState } from 'react';
import { Button, Input, Modal, Typography } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { toastError, toastSuccess } from '../../api/feedback';
import { useI18n } from '../../i18n/i18n';

/** 短信发件箱 (outbox adapter): reply to an outgoing message as its recipient would, e.g. "KT" to sign. */
export function SimulateReplyButton({ id, phoneMasked }: { id: number; phoneMasked: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('KT');
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button
        size="small"
        icon={<MessageOutlined />}
        onClick={() => setOpen(true)}
        data-testid={`simulate-reply-${id}`}
      >
        {t('sms.simulateReply')}
      </Button>
      <Modal
        open={open}
        title={t('sms.simulateTitle')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: !text.trim(), 'data-testid': 'simulate-reply-ok' } as never}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          setBusy(true);
          try {
            await api.post(`/sms-outbox/${id}/simulate-reply`, { text: text.trim() });
            toastSuccess(t('sms.simulated'));
            setOpen(false);
            await qc.invalidateQueries({ queryKey: ['sms-outbox'] });
          } catch (e) {
            toastError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('sms.simulateHint')}</Typography.Paragraph>
        <Typography.Paragraph>
          <span className="mono">{phoneMasked}</span>
        </Typography.Paragraph>
        <Input
          value={text}
          maxLength={160}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('sms.simulateText')}
          data-testid="simulate-reply-text"
        />
      </Modal>
    </>
  );
}
