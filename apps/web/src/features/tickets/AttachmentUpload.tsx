import { useRef, useState } from 'react';
import { Button, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { TicketAttachment } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, uploadAttachment } from './ticket.api';

const ALLOWED = new Set(ATTACHMENT_ACCEPT.split(','));

/** Pictures and PDFs uploaded one by one with a progress bar; hands the finished ids to the form. */
export function AttachmentUpload({
  onChange,
  onBusyChange,
}: {
  onChange: (ids: number[]) => void;
  onBusyChange?: (busy: boolean) => void;
}) {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile<TicketAttachment>[]>([]);
  const aborts = useRef(new Map<string, () => void>());

  const update = (next: UploadFile<TicketAttachment>[]) => {
    setFiles(next);
    onChange(next.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id));
    onBusyChange?.(next.some((f) => f.status === 'uploading'));
  };

  return (
    <Upload<TicketAttachment>
      multiple
      accept={ATTACHMENT_ACCEPT}
      listType="picture"
      fileList={files}
      maxCount={20}
      beforeUpload={(file) => {
        // checked here for a clear message; the server checks the content again
        if (!ALLOWED.has(file.type)) {
          update([
            ...files,
            {
              uid: file.uid,
              name: file.name,
              status: 'error',
              response: undefined,
              error: new Error(t('tk.att.badType')),
            },
          ]);
          return Upload.LIST_IGNORE;
        }
        if (file.size > ATTACHMENT_MAX_BYTES) {
          update([
            ...files,
            {
              uid: file.uid,
              name: file.name,
              status: 'error',
              response: undefined,
              error: new Error(t('tk.att.tooBig')),
            },
          ]);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        const f = file as File & { uid: string };
        const { promise, abort } = uploadAttachment(f, (percent) => onProgress?.({ percent }));
        aborts.current.set(f.uid, abort);
        promise
          .then((att) => onSuccess?.(att))
          .catch((err: unknown) => {
            if (err instanceof DOMException && err.name === 'AbortError') return;
            onError?.(err instanceof ApiError ? new Error(err.message) : (err as Error));
          })
          .finally(() => aborts.current.delete(f.uid));
      }}
      onChange={({ fileList }) => update(fileList)}
      onRemove={(f) => {
        aborts.current.get(f.uid)?.();
        return true;
      }}
    >
      <Button icon={<PaperClipOutlined />} data-testid="attachment-upload">
        {t('tk.att.add')}
      </Button>
    </Upload>
  );
}
