import path from 'node:path';
import type { AppContext } from '../../platform/app-context';
import type { AuthContext } from '../../platform/auth/context';
import type { Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { localStorage, sniffMime } from '../../platform/storage/storage';

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
const ALLOWED = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

export function attachmentService(ctx: AppContext) {
  const storage = localStorage(path.join(ctx.config.dataDir, 'files'));
  return {
    /** Stores an upload after checking its content; it belongs to nobody until a ticket claims it. */
    async upload(auth: AuthContext, fileName: string, data: Buffer) {
      if (data.length > ATTACHMENT_MAX_BYTES)
        throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: ATTACHMENT_MAX_BYTES });
      const mime = sniffMime(data);
      if (!mime || !ALLOWED.has(mime)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
          reason: '只接受 PNG、JPEG、GIF、WebP 图片或 PDF 文件（按文件内容判断）',
        });
      }
      const { key, sha256 } = await storage.put(data);
      const row = await ctx.db
        .insertInto('ticket_attachments')
        .values({
          uploaded_by: auth.user.id,
          customer_id: auth.user.customerId,
          file_name: fileName.slice(0, 200),
          mime_type: mime,
          size_bytes: data.length,
          sha256,
          storage_key: key,
        })
        .returning(['id', 'file_name', 'mime_type', 'size_bytes', 'created_at'])
        .executeTakeFirstOrThrow();
      return {
        id: row.id,
        fileName: row.file_name,
        mimeType: row.mime_type,
        sizeBytes: row.size_bytes,
        createdAt: row.created_at.toISOString(),
      };
    },

    /** Links the uploader's own, still unattached files to a ticket. */
    async attach(ex: Executor, auth: AuthContext, ticketId: number, customerId: number, ids: number[]) {
      const r = await ex
        .updateTable('ticket_attachments')
        .set({ ticket_id: ticketId, customer_id: customerId })
        .where('id', 'in', ids)
        .where('uploaded_by', '=', auth.user.id)
        .where('ticket_id', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== ids.length) {
        throw new AppError('VALIDATION_FAILED', [{ field: 'body.attachmentIds', message: '附件不存在或已被使用' }]);
      }
    },

    async read(ex: Executor, ticketId: number, attachmentId: number) {
      const a = await ex
        .selectFrom('ticket_attachments')
        .selectAll()
        .where('id', '=', attachmentId)
        .where('ticket_id', '=', ticketId)
        .executeTakeFirst();
      if (!a) throw new AppError('NOT_FOUND');
      return { meta: a, data: await storage.get(a.storage_key) };
    },
  };
}
