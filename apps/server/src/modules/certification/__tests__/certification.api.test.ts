import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOcr } from '../../../platform/ocr/ocr';
import { creditCode, licenceImage } from '../../../platform/ocr/ocr-test-images';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import {
  districtId,
  lastSms,
  newPhone,
  signUp,
  unclaimedEnterprise,
} from '../../onboarding/__tests__/onboarding-test-kit';

let s: TestServer;
let admin: Client;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.as('admin');
});
afterAll(async () => {
  await closeOcr();
  await s?.close();
});

/** A new person who created a new enterprise and is about to certify it. */
async function applicant(first17: string, name: string) {
  const phone = newPhone();
  const c = await signUp(s, phone, '申请人');
  const code = creditCode(first17);
  const res = await c.post('/api/onboarding/enterprise', {
    name,
    creditCode: code,
    districtOrgId: await districtId(s),
    industry: '信息技术',
  });
  expect(res.statusCode).toBe(200);
  return { c, phone, code, customerId: res.json().enterprise.id as number, name };
}

const customer = (id: number) =>
  s.ctx.db
    .selectFrom('customers')
    .select(['name', 'certification_status', 'certification_method', 'certified_at', 'legal_rep_name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

function multipart(data: Buffer, filename: string, mime: string) {
  const boundary = '----pd' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('法人短信: a code to the legal representative’s phone', () => {
  it('certifies the enterprise and makes the applicant its customer_admin', async () => {
    const a = await applicant('91310115MA1N2P3Q4', '上海法人短信测试有限公司');
    const body = {
      companyName: a.name,
      creditCode: a.code,
      legalRepName: '刘法人',
      legalRepIdNumber: '11010519491231002X',
      legalRepPhone: '13800001111',
    };
    // bad input: a wrong ID check digit, another enterprise's credit code
    expect(
      (await a.c.post('/api/certification/legal-rep-sms', { ...body, legalRepIdNumber: '110105194912310021' }))
        .statusCode,
    ).toBe(400);
    const other = await a.c.post('/api/certification/legal-rep-sms', { ...body, creditCode: '91110000100005220B' });
    expect(other.json().code).toBe('CERT_CREDIT_CODE_MISMATCH');
    const started = await a.c.post('/api/certification/legal-rep-sms', body);
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'awaiting_code', legalRepPhoneMasked: '138****1111', triesLeft: 3 });
    expect((await customer(a.customerId)).certification_status).toBe('pending');
    const sms = await lastSms(s, '13800001111', 'cert_legal_rep_code');
    expect(sms.body).toContain('刘法人');
    const id = started.json().id;
    const wrong = await a.c.post(`/api/certification/attempts/${id}/code`, {
      code: '000000' === sms.params.code ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('CERT_CODE_WRONG');
    expect(wrong.json().details.triesLeft).toBe(2);
    const ok = await a.c.post(`/api/certification/attempts/${id}/code`, { code: String(sms.params.code) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    const cust = await customer(a.customerId);
    expect(cust).toMatchObject({
      certification_status: 'certified',
      certification_method: 'legal_rep_sms',
      legal_rep_name: '刘法人',
    });
    const me = (await a.c.get('/api/me')).json();
    expect(me).toMatchObject({ role: 'customer_admin', customerId: a.customerId });
    expect((await a.c.get('/api/enterprise/members')).json().total).toBe(1);
    expect((await lastSms(s, a.phone, 'cert_approved')).body).toContain(a.name);
    // once per enterprise
    const again = await a.c.post('/api/certification/legal-rep-sms', body);
    expect(again.json().code).toBe('CERT_ALREADY_CERTIFIED');
    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'customer')
      .where('entity_id', '=', String(a.customerId))
      .execute();
    expect(audit.map((x) => x.action)).toEqual(
      expect.arrayContaining(['customer.self_registered', 'customer.certified']),
    );
  });
});

describe('法人短信 sent to a mistyped phone', () => {
  it('is withdrawn by the applicant: its code no longer counts, and a new attempt starts', async () => {
    const a = await applicant('91310115MA1N2P3R4', '上海法人短信撤回测试有限公司');
    const body = {
      companyName: a.name,
      creditCode: a.code,
      legalRepName: '陈法人',
      legalRepIdNumber: '11010519491231002X',
      legalRepPhone: '13800002221',
    };
    // from an address of its own: sending these codes is limited per address, and the other tests send some too
    const start = (payload: typeof body) =>
      a.c.inject({ method: 'POST', url: '/api/certification/legal-rep-sms', payload, remoteAddress: '10.20.30.40' });
    const first = (await start(body)).json();
    expect(first.status).toBe('awaiting_code');
    const firstCode = String((await lastSms(s, '13800002221', 'cert_legal_rep_code')).params.code);
    const withdrawn = await a.c.post(`/api/certification/attempts/${first.id}/cancel`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().status).toBe('cancelled');
    expect((await customer(a.customerId)).certification_status).toBe('none');
    // the code that went to the wrong phone certifies nothing
    const late = await a.c.post(`/api/certification/attempts/${first.id}/code`, { code: firstCode });
    expect(late.json().code).toBe('CERT_WRONG_STATE');
    expect((await customer(a.customerId)).certification_status).toBe('none');

    const second = await start({ ...body, legalRepPhone: '13800002222' });
    expect(second.statusCode, second.body).toBe(200);
    const code = String((await lastSms(s, '13800002222', 'cert_legal_rep_code')).params.code);
    const ok = await a.c.post(`/api/certification/attempts/${second.json().id}/code`, { code });
    expect(ok.json().status).toBe('approved');
    expect((await customer(a.customerId)).certification_status).toBe('certified');
  });
});

describe('对公打款: a small deposit confirmed by the enterprise', () => {
  it('staff send the deposit by hand; three wrong amounts fail; the right one certifies', async () => {
    const a = await applicant('91310115MA1R5T6U7', '上海对公打款测试有限公司');
    const body = {
      companyName: a.name,
      creditCode: a.code,
      bankName: '中国工商银行上海张江支行',
      bankAccount: '1001 2345 6789 0123',
    };
    expect((await a.c.post('/api/certification/bank-transfer', { ...body, bankAccount: 'abc' })).statusCode).toBe(400);
    const started = await a.c.post('/api/certification/bank-transfer', body);
    expect(started.statusCode).toBe(200);
    const att = started.json();
    expect(att).toMatchObject({
      status: 'awaiting_deposit',
      bankAccountMasked: '************0123',
      depositAmount: null,
    });
    expect(att.depositReference).toMatch(/^PD\d{6}$/);
    // a second attempt while one is going on
    expect((await a.c.post('/api/certification/bank-transfer', body)).json().code).toBe('CERT_IN_PROGRESS');
    // the enterprise cannot confirm before the money is sent
    expect((await a.c.post(`/api/certification/attempts/${att.id}/amount`, { amount: '0.01' })).json().code).toBe(
      'CERT_WRONG_STATE',
    );
    // staff see it in their to-do queue, with the amount to send
    const queue = (await admin.get('/api/certifications?awaitingStaff=true&method=bank_transfer')).json();
    const row = queue.items.find((x: { id: number }) => x.id === att.id);
    expect(row.depositAmount).toMatch(/^0\.\d\d$/);
    const sent = await admin.post(`/api/certifications/${att.id}/deposit-sent`, { version: row.version });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().status).toBe('awaiting_amount');
    expect((await lastSms(s, a.phone, 'cert_deposit_sent')).body).toContain('0123');
    const cents = Math.round(Number(row.depositAmount) * 100);
    const wrongAmount = ((cents % 99) + 1) / 100;
    for (let i = 0; i < 2; i++) {
      const w = await a.c.post(`/api/certification/attempts/${att.id}/amount`, { amount: wrongAmount.toFixed(2) });
      expect(w.json().code).toBe('CERT_AMOUNT_WRONG');
    }
    const third = await a.c.post(`/api/certification/attempts/${att.id}/amount`, { amount: wrongAmount.toFixed(2) });
    expect(third.json().code).toBe('CERT_TOO_MANY_TRIES');
    expect((await customer(a.customerId)).certification_status).toBe('none');
    // start again; this time the right amount
    const second = (await a.c.post('/api/certification/bank-transfer', body)).json();
    const r2 = (await admin.get(`/api/certifications/${second.id}`)).json();
    await admin.post(`/api/certifications/${second.id}/deposit-sent`, { version: r2.version });
    const ok = await a.c.post(`/api/certification/attempts/${second.id}/amount`, { amount: r2.depositAmount });
    expect(ok.statusCode).toBe(200);
    expect((await customer(a.customerId)).certification_method).toBe('bank_transfer');
  });
});

describe('拍照上传: licence photo → OCR → staff review', () => {
  it('refuses a file that is not an image, and saves nothing', async () => {
    const a = await applicant('91310115MA1W8X9Y0', '上海非图片测试有限公司');
    const before = await s.ctx.db.selectFrom('certification_attempts').select('id').execute();
    const res = await a.c.inject({
      method: 'POST',
      url: '/api/certification/licence',
      ...multipart(Buffer.from('%PDF-1.4 this is a pdf, not a photo'), 'licence.jpg', 'image/jpeg'),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('CERT_NOT_IMAGE');
    const text = await a.c.inject({
      method: 'POST',
      url: '/api/certification/licence',
      ...multipart(Buffer.from('hello'), 'licence.png', 'image/png'),
    });
    expect(text.statusCode).toBe(415);
    expect((await s.ctx.db.selectFrom('certification_attempts').select('id').execute()).length).toBe(before.length);
  });

  it('pre-fills the fields from the photo; staff reject with a reason, then approve the corrected one', async () => {
    const ent = await unclaimedEnterprise(s);
    const phone = newPhone();
    const c = await signUp(s, phone, '申请人');
    await c.post('/api/onboarding/enterprise', {
      name: ent.name,
      creditCode: ent.credit_code,
      districtOrgId: await districtId(s),
      industry: '制造业',
    });
    const img = await licenceImage({
      companyName: ent.name,
      creditCode: ent.credit_code,
      legalRep: '黄建华',
      address: '上海市浦东新区科苑路88号',
    });
    const up = await c.inject({
      method: 'POST',
      url: '/api/certification/licence',
      ...multipart(img, 'yyzz.png', 'image/png'),
    });
    expect(up.statusCode).toBe(200);
    const draft = up.json();
    expect(draft.status).toBe('draft');
    expect(draft.ocr).toMatchObject({
      companyName: ent.name,
      creditCode: ent.credit_code,
      creditCodeChecked: true,
      legalRep: '黄建华',
    });
    expect(draft).toMatchObject({ companyName: ent.name, creditCode: ent.credit_code, legalRepName: '黄建华' });
    // submitting with a credit code whose check character is wrong is refused
    const badCode = ent.credit_code.slice(0, 17) + (ent.credit_code[17] === 'A' ? 'B' : 'A');
    const bad = await c.put(`/api/certification/attempts/${draft.id}/licence`, {
      companyName: ent.name,
      creditCode: badCode,
      legalRepName: '黄建华',
      version: draft.version,
    });
    expect(bad.statusCode).toBe(400);
    const sub = await c.put(`/api/certification/attempts/${draft.id}/licence`, {
      companyName: ent.name,
      creditCode: ent.credit_code,
      legalRepName: '黄建华',
      version: draft.version,
    });
    expect(sub.statusCode).toBe(200);
    expect(sub.json().status).toBe('submitted');
    expect((await customer(ent.id)).certification_status).toBe('pending');

    // staff: the queue, the photo, a reason is required to reject
    const q = (await admin.get('/api/certifications?awaitingStaff=true&method=licence_photo')).json();
    const row = q.items.find((x: { id: number }) => x.id === draft.id);
    expect(row.ocr.companyName).toBe(ent.name);
    const photo = await admin.get(`/api/certifications/${draft.id}/licence-image`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(
      (await admin.post(`/api/certifications/${draft.id}/reject`, { reason: '', version: row.version })).statusCode,
    ).toBe(400);
    const rej = await admin.post(`/api/certifications/${draft.id}/reject`, {
      reason: '照片不完整，请拍摄营业执照全貌',
      version: row.version,
    });
    expect(rej.statusCode).toBe(200);
    expect(rej.json()).toMatchObject({
      status: 'rejected',
      rejectReason: '照片不完整，请拍摄营业执照全貌',
      reviewerName: '系统管理员',
    });
    expect((await customer(ent.id)).certification_status).toBe('rejected');
    expect((await lastSms(s, phone, 'cert_rejected')).body).toContain('照片不完整');
    // approving a rejected one is not possible
    expect(
      (await admin.post(`/api/certifications/${draft.id}/approve`, { version: rej.json().version })).json().code,
    ).toBe('CERT_WRONG_STATE');

    const up2 = (
      await c.inject({ method: 'POST', url: '/api/certification/licence', ...multipart(img, 'yyzz.png', 'image/png') })
    ).json();
    const sub2 = (
      await c.put(`/api/certification/attempts/${up2.id}/licence`, {
        companyName: ent.name,
        creditCode: ent.credit_code,
        legalRepName: '黄建华',
        version: up2.version,
      })
    ).json();
    const ok = await admin.post(`/api/certifications/${up2.id}/approve`, { version: sub2.version });
    expect(ok.statusCode).toBe(200);
    expect(await customer(ent.id)).toMatchObject({
      certification_status: 'certified',
      certification_method: 'licence_photo',
      legal_rep_name: '黄建华',
    });
    expect((await c.get('/api/me')).json()).toMatchObject({ role: 'customer_admin', customerId: ent.id });
    // now a member, they see their enterprise
    expect((await c.get(`/api/customers/${ent.id}`)).statusCode).toBe(200);
  });
});

describe('电子营业执照 without a provider', () => {
  it('says clearly that the provider is not configured', async () => {
    const a = await applicant('91310115MA1AB2CD3', '上海电子执照测试有限公司');
    const cur = (await a.c.get('/api/certification/current')).json();
    expect(cur.eLicenceConfigured).toBe(false);
    const res = await a.c.post('/api/certification/e-licence', {
      companyName: a.name,
      creditCode: a.code,
      legalRepName: '某人',
      authCode: 'ABCD1234',
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('CERT_ELICENCE_NOT_CONFIGURED');
    expect(res.json().message).toContain('未配置');
  });
});

describe('review is limited to staff, and to their scope', () => {
  it('customers and staff without the permission are refused; an account manager sees only own customers', async () => {
    const cust = await s.as('cust_admin');
    expect((await cust.get('/api/certifications')).statusCode).toBe(403);
    const tech = await s.as('tech_pd01');
    expect((await tech.get('/api/certifications')).statusCode).toBe(403);
    const am = await s.as('am_pd01');
    const amId = (await am.get('/api/me')).json().id;
    const list = (await am.get('/api/certifications?pageSize=200')).json();
    const ids = list.items.map((x: { customerId: number }) => x.customerId);
    if (ids.length) {
      const rows = await s.ctx.db.selectFrom('customers').select('account_manager_id').where('id', 'in', ids).execute();
      expect(rows.every((r) => r.account_manager_id === amId)).toBe(true);
    }
    // an attempt of an enterprise without a manager is not visible to an account manager
    const all = (await admin.get('/api/certifications?pageSize=200')).json().items;
    const foreign = all.find((x: { customerId: number }) => !ids.includes(x.customerId));
    expect((await am.get(`/api/certifications/${foreign.id}`)).statusCode).toBe(404);
    // another applicant cannot act on someone else's attempt
    const intruder = await signUp(s, newPhone(), '闯入者');
    expect((await intruder.post(`/api/certification/attempts/${foreign.id}/cancel`)).statusCode).toBe(404);
    expect((await intruder.get(`/api/certification/attempts/${foreign.id}/licence-image`)).statusCode).toBe(404);
  });
});
