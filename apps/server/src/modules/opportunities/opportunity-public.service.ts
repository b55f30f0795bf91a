import { sql } from 'kysely';
import { productByCode, type IntakeOpportunity, type IntakeResult, type LeadSubmit } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { registerSmsTemplates } from '../../platform/sms/sms-templates';
import { randomDigits, safeEqual, sha256 } from '../../platform/util/crypto';
import { intakeService } from './opportunity-intake';

registerSmsTemplates({
  opportunity_lead_code: '【中国电信政企】您的验证码为 {code}，{minutes} 分钟内有效，仅用于提交业务咨询。',
  opportunity_lead_received: '【中国电信政企】已收到您的{product}咨询（{number}），我们将尽快与您联系。',
});

const PURPOSE = 'opportunity_lead';
const MIN_INTERVAL_S = 60;
const PER_PHONE_HOUR = 5;
const PER_IP_HOUR = 20;
const MAX_ATTEMPTS = 5;
const codeHash = (phone: string, code: string) => sha256(`${PURPOSE}:${phone}:${code}`);

/** A stable digest of a JSON body (keys sorted), to tell a replay from a different request under the same key. */
function bodyHash(v: unknown): string {
  const canon = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(canon)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x as object)
              .sort()
              .map((k) => [k, canon((x as Record<string, unknown>)[k])]),
          )
        : x;
  return sha256(JSON.stringify(canon(v)));
}

export function opportunityPublicService(ctx: AppContext) {
  const { db, config } = ctx;
  const intakes = intakeService(ctx);

  return {
    /** 留资: an SMS code to the phone that leaves its details; limited per phone and per address. */
    async requestLeadCode(phone: string, actor: Actor) {
      const now = Date.now();
      const count = async (field: 'phone' | 'ip', value: string, sinceMs: number) =>
        Number(
          (
            await db
              .selectFrom('sms_codes')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where(field, '=', value)
              .where('purpose', '=', PURPOSE)
              .where('created_at', '>', new Date(now - sinceMs))
              .executeTakeFirstOrThrow()
          ).n,
        );
      if (
        (await count('phone', phone, MIN_INTERVAL_S * 1000)) > 0 ||
        (await count('phone', phone, 3600_000)) >= PER_PHONE_HOUR ||
        (actor.ip && (await count('ip', actor.ip, 3600_000)) >= PER_IP_HOUR)
      )
        throw new AppError('SMS_CODE_TOO_FREQUENT', { retryAfterSeconds: MIN_INTERVAL_S });
      const code = randomDigits(6);
      await withTx(db, async (tx) => {
        const row = await tx
          .insertInto('sms_codes')
          .values({
            phone,
            purpose: PURPOSE,
            code_hash: codeHash(phone, code),
            ip: actor.ip,
            expires_at: new Date(now + config.smsCodeTtlSeconds * 1000),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await enqueueSms(tx, {
          phone,
          template: 'opportunity_lead_code',
          params: { code, minutes: Math.round(config.smsCodeTtlSeconds / 60) },
          key: `opportunity-lead-code:${row.id}`,
        });
      });
      return { ttlSeconds: config.smsCodeTtlSeconds, retryAfterSeconds: MIN_INTERVAL_S };
    },

    /** 留资 submitted with its code: an opportunity in the pool, the phone verified. */
    async submitLead(input: LeadSubmit, actor: Actor): Promise<IntakeResult> {
      const row = await db
        .selectFrom('sms_codes')
        .selectAll()
        .where('phone', '=', input.phone)
        .where('purpose', '=', PURPOSE)
        .where('consumed_at', 'is', null)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row || new Date(row.expires_at).getTime() <= Date.now() || row.attempts >= MAX_ATTEMPTS)
        throw new AppError('OPPORTUNITY_LEAD_CODE_INVALID');
      if (!safeEqual(row.code_hash, codeHash(input.phone, input.code))) {
        await db
          .updateTable('sms_codes')
          .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
          .where('id', '=', row.id)
          .execute();
        throw new AppError('OPPORTUNITY_LEAD_CODE_INVALID');
      }
      return withTx(db, async (tx) => {
        // A code is used once, even by two submissions racing.
        const used = await tx
          .updateTable('sms_codes')
          .set({ consumed_at: new Date() })
          .where('id', '=', row.id)
          .where('consumed_at', 'is', null)
          .executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) throw new AppError('OPPORTUNITY_LEAD_CODE_INVALID');
        const res = await intakes.intake(tx, actor, {
          source: 'lead_page',
          sourceChannel: '翼企购',
          customerName: input.customerName,
          contactName: input.contactName,
          contactPhone: input.phone,
          productCode: input.productCode,
          need: input.need,
          districtCode: input.districtCode ?? null,
        });
        await enqueueSms(tx, {
          phone: input.phone,
          template: 'opportunity_lead_received',
          params: { product: productByCode(input.productCode)?.name ?? input.productCode, number: res.number },
          key: `opportunity-lead-received:${res.id}:${row.id}`,
        });
        return res;
      });
    },

    /** 集团商机 through the API; the same Idempotency-Key with the same body answers the first result again. */
    async intakeFromApi(
      actor: Actor,
      clientId: number,
      idemKey: string,
      input: IntakeOpportunity,
    ): Promise<IntakeResult & { replayed: boolean }> {
      const hash = bodyHash(input);
      return withTx(db, async (tx) => {
        // Same client and key from two instances at once: the second waits here, then sees the first.
        await sql`select pg_advisory_xact_lock(hashtextextended(${`opp-intake:${clientId}:${idemKey}`}, 0))`.execute(
          tx,
        );
        const seen = await tx
          .selectFrom('opportunity_intake_keys as k')
          .innerJoin('opportunities as o', 'o.id', 'k.opportunity_id')
          .select(['k.request_hash', 'k.merged', 'o.id', 'o.number', 'o.status'])
          .where('k.api_client_id', '=', clientId)
          .where('k.idem_key', '=', idemKey)
          .executeTakeFirst();
        if (seen) {
          if (seen.request_hash !== hash) throw new AppError('OPPORTUNITY_IDEMPOTENCY_MISMATCH');
          return {
            id: seen.id,
            number: seen.number,
            status: seen.status as IntakeResult['status'],
            merged: seen.merged,
            replayed: true,
          };
        }
        // The same external id sent again under a new key is the same opportunity.
        const same = await tx
          .selectFrom('opportunities')
          .select(['id', 'number', 'status'])
          .where('api_client_id', '=', clientId)
          .where('external_id', '=', input.externalId)
          .executeTakeFirst();
        const res: IntakeResult = same
          ? { id: same.id, number: same.number, status: same.status as IntakeResult['status'], merged: true }
          : await intakes.intake(tx, actor, {
              source: 'group_oao',
              sourceChannel: input.sourceChannel ?? '集团OAO',
              externalId: input.externalId,
              apiClientId: clientId,
              customerName: input.customerName,
              creditCode: input.creditCode ?? null,
              contactName: input.contactName,
              contactPhone: input.contactPhone,
              productCode: input.productCode,
              need: input.need,
              expectedRevenue: input.expectedRevenue ?? null,
              deadline: input.deadline ?? null,
              districtCode: input.districtCode ?? null,
            });
        await tx
          .insertInto('opportunity_intake_keys')
          .values({
            api_client_id: clientId,
            idem_key: idemKey,
            request_hash: hash,
            opportunity_id: res.id,
            merged: res.merged,
          })
          .execute();
        return { ...res, replayed: false };
      });
    },
  };
}
