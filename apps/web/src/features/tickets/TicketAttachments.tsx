import { Empty, Image, List, Typography } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { TicketDetail } from '@paidan/shared';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../lib/format';
import { attachmentUrl } from './ticket.api';
import { fmtBytes, isImage } from './ticket-format';

/** Pictures preview in place (with a gallery); PDFs open or download. */
export function TicketAttachments({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  if (!ticket.attachments.length) return <Empty description={t('tk.att.none')} />;
  const images = ticket.attachments.filter((a) => isImage(a.mimeType));
  const files = ticket.attachments.filter((a) => !isImage(a.mimeType));
  return (
    <div data-testid="ticket-attachments">
      {images.length ? (
        <Image.PreviewGroup>
          <div className="tk-thumbs">
            {images.map((a) => (
              <figure key={a.id} className="tk-thumb">
                <Image src={attachmentUrl(ticket.id, a.id)} alt={a.fileName} width={120} height={90} />
                <figcaption title={a.fileName}>{a.fileName}</figcaption>
              </figure>
            ))}
          </div>
        </Image.PreviewGroup>
      ) : null}
      {files.length ? (
        <List
          size="small"
          dataSource={files}
          renderItem={(a) => (
            <List.Item
              actions={[
                <a key="dl" href={attachmentUrl(ticket.id, a.id)} download={a.fileName}>
                  <DownloadOutlined /> {t('tk.att.download')}
                </a>,
              ]}
            >
              <List.Item.Meta
                avatar={<FilePdfOutlined className="tk-pdf-icon" />}
                title={
                  <a href={attachmentUrl(ticket.id, a.id)} target="_blank" rel="noreferrer">
                    {a.fileName}
                  </a>
                }
                description={
                  <Typography.Text type="secondary">
                    {fmtBytes(a.sizeBytes)} · {fmtDateTime(a.createdAt)}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}
