import { sql } from 'kysely';
import type { Executor } from '../platform/db/database';

// Demo data of onboarding and certification: people who signed up on the portal and are certifying their
// enterprises (a deposit for finance to send, one to confirm), an enterprise certified by its legal representative
// with its own administrator and colleague, and an invitation waiting at the demo enterprise.

const day = 86_400_000;

export async function seedOnboardingDemo(tx: Executor): Promise<void> {
  const zj = await tx
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('code', '=', 'SH-PD-ZJ')
    .executeTakeFirstOrThrow();
  const demo = await tx
    .selectFrom('customers')
    .select('id')
    .where('name', '=', '上海浦江智造科技有限公司')
    .executeTakeFirstOrThrow();
  const custAdmin = await tx
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'cust_admin')
    .executeTakeFirstOrThrow();
  const now = Date.now();

  const portalUser = async (phone: string, name: string, customerId: number | null, role = 'customer_user') =>
    (
      await tx
        .insertInto('users')
        .values({
          username: `m${phone}`,
          display_name: name,
          role,
          customer_id: customerId,
          phone,
          password_hash: null,
          created_at: new Date(now - 3 * day),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const newEnterprise = async (name: string, creditCode: string, industry: string, address: string) =>
    (
      await tx
        .insertInto('customers')
        .values({
          name,
          credit_code: creditCode,
          level: 'local_c',
          industry,
          district_org_id: zj.id,
          org_path: zj.path,
          address,
          account_manager_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  // 1. Self-registered, waiting for finance to send the deposit.
  const yunfan = await newEnterprise(
    '上海云帆数据科技有限公司',
    '91310115MA1H7GXX3K',
    '信息技术',
    '上海市浦东新区张江路88号',
  );
  const lin = await portalUser('18801860001', '林晓燕', null);
  await tx
    .insertInto('enterprise_claims')
    .values({ customer_id: yunfan, user_id: lin, created_enterprise: true })
    .execute();
  await tx
    .insertInto('certification_attempts')
    .values({
      customer_id: yunfan,
      applicant_id: lin,
      org_path: zj.path,
      method: 'bank_transfer',
      status: 'awaiting_deposit',
      company_name: '上海云帆数据科技有限公司',
      credit_code: '91310115MA1H7GXX3K',
      bank_name: '招商银行上海张江支行',
      bank_account: '121908765410901',
      deposit_cents: 37,
      deposit_reference: 'PD260318',
      created_at: new Date(now - 2 * 3600_000),
      updated_at: new Date(now - 2 * 3600_000),
    })
    .execute();
  await tx.updateTable('customers').set({ certification_status: 'pending' }).where('id', '=', yunfan).execute();

  // 2. A staff-imported enterprise matched by its credit code; the deposit was sent, the amount is awaited.
  const imported = await sql<{ id: number; name: string; credit_code: string; org_path: string }>`
    select c.id, c.name, c.credit_code, c.org_path from customers c
    where c.certification_status = 'none' and c.id <> ${demo.id}
      and not exists (select 1 from users u where u.customer_id = c.id)
      and not exists (select 1 from enterprise_claims e where e.customer_id = c.id)
    order by c.id desc limit 1`.execute(tx);
  const m = imported.rows[0];
  if (m) {
    const zhang = await portalUser('18801860002', '张伟', null);
    await tx.insertInto('enterprise_claims').values({ customer_id: m.id, user_id: zhang }).execute();
    await tx
      .insertInto('certification_attempts')
      .values({
        customer_id: m.id,
        applicant_id: zhang,
        org_path: m.org_path,
        method: 'bank_transfer',
        status: 'awaiting_amount',
        company_name: m.name,
        credit_code: m.credit_code,
        bank_name: '中国工商银行上海分行营业部',
        bank_account: '1001244309006602217',
        deposit_cents: 58,
        deposit_reference: 'PD260319',
        deposit_sent_at: new Date(now - day),
        tries: 1,
        created_at: new Date(now - 2 * day),
        updated_at: new Date(now - day),
      })
      .execute();
    await tx.updateTable('customers').set({ certification_status: 'pending' }).where('id', '=', m.id).execute();
  }

  // 3. Certified by the legal representative's SMS: its own administrator, a colleague, an earlier failed deposit.
  const qingpu = await newEnterprise(
    '上海青浦迅达物流有限公司',
    '91310118MA1JL0AB1X',
    '交通物流',
    '上海市青浦区华新镇华腾路1288号',
  );
  const zhao = await portalUser('18801860003', '赵磊', qingpu, 'customer_admin');
  await portalUser('18801860004', '孙婷', qingpu, 'customer_user');
  await tx
    .insertInto('enterprise_claims')
    .values({
      customer_id: qingpu,
      user_id: zhao,
      created_enterprise: true,
      status: 'won',
      closed_at: new Date(now - 5 * day),
    })
    .execute();
  await tx
    .insertInto('certification_attempts')
    .values([
      {
        customer_id: qingpu,
        applicant_id: zhao,
        org_path: zj.path,
        method: 'bank_transfer',
        status: 'failed',
        company_name: '上海青浦迅达物流有限公司',
        credit_code: '91310118MA1JL0AB1X',
        bank_name: '上海农商银行青浦支行',
        bank_account: '50131000412345678',
        deposit_cents: 12,
        deposit_reference: 'PD260301',
        deposit_sent_at: new Date(now - 7 * day),
        tries: 3,
        created_at: new Date(now - 8 * day),
        updated_at: new Date(now - 6 * day),
      },
      {
        customer_id: qingpu,
        applicant_id: zhao,
        org_path: zj.path,
        method: 'legal_rep_sms',
        status: 'approved',
        company_name: '上海青浦迅达物流有限公司',
        credit_code: '91310118MA1JL0AB1X',
        legal_rep_name: '赵建华',
        legal_rep_phone: '13901880123',
        legal_rep_id_number: '310229197805120017',
        reviewed_at: new Date(now - 5 * day),
        created_at: new Date(now - 5 * day),
        updated_at: new Date(now - 5 * day),
      },
    ])
    .execute();
  await tx
    .updateTable('customers')
    .set({
      certification_status: 'certified',
      certification_method: 'legal_rep_sms',
      certified_at: new Date(now - 5 * day),
      legal_rep_name: '赵建华',
    })
    .where('id', '=', qingpu)
    .execute();

  // 4. The demo enterprise's admin invited a colleague who has not signed up yet.
  await tx
    .insertInto('enterprise_invitations')
    .values({
      customer_id: demo.id,
      phone: '13916000009',
      name: '陈静',
      role: 'customer_user',
      invited_by: custAdmin.id,
      expires_at: new Date(now + 6 * day),
      created_at: new Date(now - day),
    })
    .execute();
}
