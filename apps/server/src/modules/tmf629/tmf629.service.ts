import { CreateCustomerSchema, CUSTOMER_LEVELS, isValidCreditCode, UpdateCustomerSchema } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { customerService } from '../customers/customer.service';
import { tmfBadRequest, TmfError, tmfNotFound, zodMessage } from '../tmf621/tmf621.errors';
import { tmf629Repo, type Tmf629Filter } from './tmf629.repo';
import { selectCustomerFields, toTmfCustomer, type TmfCustomer } from './tmf629-mapping';
import type { TmfCustomerCreate } from './tmf629.schemas';

const charValue = (chars: { name: string; value: unknown }[] | undefined, ...names: string[]) => {
  const c = chars?.find((x) => names.includes(x.name));
  return typeof c?.value === 'string' ? c.value.trim() : undefined;
};

export function tmf629Service(ctx: AppContext) {
  const { db } = ctx;
  const customers = customerService(ctx);

  async function one(actor: Actor, id: number, base: string): Promise<TmfCustomer> {
    const r = await tmf629Repo.byId(db, actor.auth!.scope, id);
    if (!r) throw tmfNotFound('Customer', String(id));
    return toTmfCustomer(r, base);
  }

  return {
    async list(actor: Actor, f: Tmf629Filter, fields: string[] | null, base: string) {
      const { rows, total } = await tmf629Repo.list(db, actor.auth!.scope, f);
      return { items: rows.map((r) => selectCustomerFields(toTmfCustomer(r, base), fields)), total };
    },

    get: one,

    /** A new enterprise customer; an Organization already on file (same credit code) is never created twice. */
    async create(actor: Actor, body: TmfCustomerCreate, base: string): Promise<TmfCustomer> {
      const code = (charValue(body.characteristic, 'unifiedSocialCreditCode', 'creditCode') ?? body.engagedParty.id)
        .trim()
        .toUpperCase();
      if (!isValidCreditCode(code))
        throw tmfBadRequest(
          'engagedParty.id must be the Organization’s 18-character unified social credit code (GB 32100, with a valid check character)',
          'INVALID_CREDIT_CODE',
        );
      const existing = await db.selectFrom('customers').select('id').where('credit_code', '=', code).executeTakeFirst();
      if (existing)
        throw new TmfError(
          409,
          'CUSTOMER_EXISTS',
          'Customer already exists',
          `The Organization ${code} is already customer ${existing.id} (${base}/${existing.id})`,
        );
      const districtCode = charValue(body.characteristic, 'districtCode');
      let districtId: number | undefined;
      if (districtCode) {
        const d = await db
          .selectFrom('orgs')
          .select(['id', 'type'])
          .where('code', '=', districtCode)
          .executeTakeFirst();
        if (!d || d.type !== 'district') throw tmfBadRequest(`districtCode ${districtCode} is not a district unit`);
        districtId = d.id;
      } else {
        // An API client's default customer gives its district; otherwise the caller must say.
        const defaultCustomer = (actor.auth as { client?: { defaultCustomerId: number | null } }).client
          ?.defaultCustomerId;
        const d = defaultCustomer
          ? await db
              .selectFrom('customers')
              .select('district_org_id')
              .where('id', '=', defaultCustomer)
              .executeTakeFirst()
          : undefined;
        if (!d) throw tmfBadRequest('characteristic districtCode (the district unit, e.g. SH-PD-ZJ) is required');
        districtId = d.district_org_id;
      }
      const level = charValue(body.characteristic, 'level');
      const parsed = CreateCustomerSchema.safeParse({
        name: body.name,
        creditCode: code,
        level: level && (CUSTOMER_LEVELS as readonly string[]).includes(level) ? level : 'local_c',
        industry: charValue(body.characteristic, 'industry') ?? '未分类',
        districtOrgId: districtId,
        address: charValue(body.characteristic, 'address') ?? null,
      });
      if (!parsed.success) throw tmfBadRequest(zodMessage(parsed.error));
      const c = await customers.create(actor, parsed.data);
      return one(actor, c.id, base);
    },

    async patch(
      actor: Actor,
      id: number,
      body: { name?: string; characteristic?: { name: string; value: unknown }[] },
      base: string,
    ) {
      const cur = await tmf629Repo.byId(db, actor.auth!.scope, id);
      if (!cur) throw tmfNotFound('Customer', String(id));
      const unknown = (body.characteristic ?? []).filter((c) => !['industry', 'level'].includes(c.name));
      if (unknown.length)
        throw tmfBadRequest(
          `Only the characteristics industry and level can be patched, not ${unknown.map((c) => c.name).join(', ')}`,
          'NON_PATCHABLE',
        );
      const parsed = UpdateCustomerSchema.safeParse({
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(charValue(body.characteristic, 'industry') ? { industry: charValue(body.characteristic, 'industry') } : {}),
        ...(charValue(body.characteristic, 'level') ? { level: charValue(body.characteristic, 'level') } : {}),
        version: cur.version,
      });
      if (!parsed.success) throw tmfBadRequest(zodMessage(parsed.error));
      await customers.update(actor, id, parsed.data);
      return one(actor, id, base);
    },
  };
}
