import { sql } from 'kysely';
import { makeClient, type Client, type TestServer } from '../../../../test/harness';

// Helpers for onboarding and certification API tests: SMS read back from the outbox jobs, sign-up of new people.

export interface SmsJob {
  phone: string;
  template: string;
  params: Record<string, unknown>;
  body: string;
}

export async function smsTo(s: TestServer, phone: string): Promise<SmsJob[]> {
  const jobs = await s.ctx.db
    .selectFrom('jobs')
    .select('payload')
    .where('type', '=', 'sms.send')
    .orderBy('id')
    .execute();
  return jobs.map((j) => j.payload as unknown as SmsJob).filter((p) => p.phone === phone);
}

export async function lastSms(s: TestServer, phone: string, template: string): Promise<SmsJob> {
  const all = (await smsTo(s, phone)).filter((m) => m.template === template);
  const m = all[all.length - 1];
  if (!m) throw new Error(`no ${template} SMS to ${phone}`);
  return m;
}

let seq = 0;
/** A fresh mobile number nobody in the demo data has. */
export function newPhone(): string {
  seq += 1;
  return `1770${String(process.pid % 1000).padStart(3, '0')}${String(seq).padStart(4, '0')}`;
}

/** Signs a new person up through the API and returns their client. */
export async function signUp(s: TestServer, phone: string, name = '测试用户'): Promise<Client> {
  // Each sign-up comes from its own address so the per-IP code limit does not bite.
  const ip = `10.9.${seq % 250}.${(seq * 7) % 250}`;
  const req = await s.app.inject({
    method: 'POST',
    url: '/api/onboarding/sms-code',
    payload: { phone },
    remoteAddress: ip,
  });
  if (req.statusCode !== 200) throw new Error(`sms-code ${req.statusCode} ${req.body}`);
  const code = String((await lastSms(s, phone, 'signup_code')).params.code);
  const res = await s.app.inject({
    method: 'POST',
    url: '/api/onboarding/signup',
    payload: { phone, code, name },
    remoteAddress: ip,
  });
  if (res.statusCode !== 200) throw new Error(`signup ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie);
  return makeClient(s, raw.split(';')[0]!, res.json().csrfToken as string, `m${phone}`);
}

/** An enterprise staff imported that nobody has claimed: uncertified, no users. */
export async function unclaimedEnterprise(s: TestServer, skip = 0) {
  const r = await sql<{
    id: number;
    name: string;
    credit_code: string;
    org_path: string;
    account_manager_id: number | null;
  }>`
    select c.id, c.name, c.credit_code, c.org_path, c.account_manager_id from customers c
    where c.certification_status = 'none'
      and not exists (select 1 from users u where u.customer_id = c.id)
      and not exists (select 1 from enterprise_claims e where e.customer_id = c.id)
    order by c.id offset ${skip} limit 1`.execute(s.ctx.db);
  return r.rows[0]!;
}

export async function districtId(s: TestServer): Promise<number> {
  const d = await s.ctx.db.selectFrom('orgs').select('id').where('code', '=', 'SH-PD-ZJ').executeTakeFirstOrThrow();
  return d.id;
}
