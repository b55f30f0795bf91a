import type { AgreementListQuery, AgreementTemplate, CreateAgreement, UpdateAgreement } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { recordAudit } from '../../platform/audit/audit.service';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { agreementsRepo, type AgreementRow } from './agreement.repo';

export const toAgreement = (r: AgreementRow): AgreementTemplate => ({
  id: r.id,
  code: r.code,
  version: r.version,
  title: r.title,
  body: r.body,
  usage: r.usage,
  status: r.status,
  note: r.note,
  createdBy: r.created_by_name,
  createdAt: r.created_at.toISOString(),
  publishedAt: r.published_at ? r.published_at.toISOString() : null,
  retiredAt: r.retired_at ? r.retired_at.toISOString() : null,
  lock: r.version_lock,
});

async function load(ex: Executor, id: number): Promise<AgreementRow> {
  const row = await agreementsRepo.byId(ex, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export function agreementService(ctx: AppContext) {
  const { db } = ctx;
  return {
    async list(q: AgreementListQuery) {
      const { items, total } = await agreementsRepo.list(db, q);
      return { items: items.map(toAgreement), total, page: q.page, pageSize: q.pageSize };
    },

    /** A published or retired version anyone signed in may read (an order records which one it accepted). */
    async get(actor: Actor, id: number): Promise<AgreementTemplate> {
      const row = await load(db, id);
      if (row.status === 'draft' && !actor.auth?.permissions.has('agreement.manage')) throw new AppError('NOT_FOUND');
      return toAgreement(row);
    },

    async current(codes: readonly string[]): Promise<AgreementTemplate[]> {
      const rows = await agreementsRepo.currentMany(db, codes);
      const missing = codes.filter((c) => !rows.some((r) => r.code === c));
      if (missing.length > 0) throw new AppError('AGREEMENT_NONE_PUBLISHED', { codes: missing });
      return codes.map((c) => toAgreement(rows.find((r) => r.code === c)!));
    },

    async create(actor: Actor, input: CreateAgreement): Promise<AgreementTemplate> {
      return withTx(db, async (tx) => {
        // One writer per code at a time, so two drafts never get the same version number.
        await tx.selectFrom('agreement_templates').select('id').where('code', '=', input.code).forUpdate().execute();
        const next = await agreementsRepo.nextVersion(tx, input.code);
        if (next.usage && next.usage !== input.usage) throw new AppError('AGREEMENT_USAGE_FIXED');
        const { id } = await tx
          .insertInto('agreement_templates')
          .values({
            code: input.code,
            version: next.version,
            title: input.title,
            body: input.body,
            usage: input.usage,
            note: input.note ?? null,
            created_by: actor.auth?.user.id ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const created = toAgreement(await load(tx, id));
        await recordAudit(tx, actor, {
          action: 'agreement.created',
          entityType: 'agreement_template',
          entityId: id,
          after: { code: created.code, version: created.version, title: created.title },
        });
        return created;
      });
    },

    async update(actor: Actor, id: number, input: UpdateAgreement): Promise<AgreementTemplate> {
      return withTx(db, async (tx) => {
        const row = await load(tx, id);
        if (row.status !== 'draft') throw new AppError('AGREEMENT_NOT_DRAFT');
        const res = await tx
          .updateTable('agreement_templates')
          .set({
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.body !== undefined ? { body: input.body } : {}),
            ...(input.note !== undefined ? { note: input.note } : {}),
            version_lock: row.version_lock + 1,
          })
          .where('id', '=', id)
          .where('version_lock', '=', input.lock)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw new AppError('CONFLICT');
        const after = toAgreement(await load(tx, id));
        await recordAudit(tx, actor, {
          action: 'agreement.updated',
          entityType: 'agreement_template',
          entityId: id,
          before: { title: row.title, bodyLength: row.body.length },
          after: { title: after.title, bodyLength: after.body.length },
        });
        return after;
      });
    },

    /** Publishing a draft retires the version published before it: one current version per code. */
    async publish(actor: Actor, id: number): Promise<AgreementTemplate> {
      return withTx(db, async (tx) => {
        const row = await load(tx, id);
        if (row.status !== 'draft') throw new AppError('AGREEMENT_NOT_DRAFT');
        const previous = await agreementsRepo.current(tx, row.code);
        if (previous) {
          await tx
            .updateTable('agreement_templates')
            .set({ status: 'retired', retired_at: new Date(), version_lock: previous.version_lock + 1 })
            .where('id', '=', previous.id)
            .execute();
        }
        await tx
          .updateTable('agreement_templates')
          .set({ status: 'published', published_at: new Date(), version_lock: row.version_lock + 1 })
          .where('id', '=', id)
          .execute();
        await recordAudit(tx, actor, {
          action: 'agreement.published',
          entityType: 'agreement_template',
          entityId: id,
          before: previous ? { publishedVersion: previous.version } : null,
          after: { code: row.code, publishedVersion: row.version },
        });
        return toAgreement(await load(tx, id));
      });
    },

    /** Withdraws the published version without a successor: ordering and signing then refuse until one is published. */
    async retire(actor: Actor, id: number): Promise<AgreementTemplate> {
      return withTx(db, async (tx) => {
        const row = await load(tx, id);
        if (row.status !== 'published') throw new AppError('AGREEMENT_NOT_PUBLISHED');
        await tx
          .updateTable('agreement_templates')
          .set({ status: 'retired', retired_at: new Date(), version_lock: row.version_lock + 1 })
          .where('id', '=', id)
          .execute();
        await recordAudit(tx, actor, {
          action: 'agreement.retired',
          entityType: 'agreement_template',
          entityId: id,
          after: { code: row.code, version: row.version },
        });
        return toAgreement(await load(tx, id));
      });
    },

    async remove(actor: Actor, id: number): Promise<void> {
      await withTx(db, async (tx) => {
        const row = await load(tx, id);
        if (row.status !== 'draft') throw new AppError('AGREEMENT_NOT_DRAFT');
        await tx.deleteFrom('agreement_templates').where('id', '=', id).execute();
        await recordAudit(tx, actor, {
          action: 'agreement.deleted',
          entityType: 'agreement_template',
          entityId: id,
          before: { code: row.code, version: row.version, title: row.title },
        });
      });
    },
  };
}
