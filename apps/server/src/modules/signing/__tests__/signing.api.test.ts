import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { linkSecret, mintToken } from '../signing-keys';
import { expireDue } from '../signing-reply';
import {
  blankSignature,
  drawnSignature,
  lastSms,
  multipart,
  pdfsig,
  pdfText,
  useTestOrderLookup,
  tokenOf,
  type TestOrder,
} from './signing-fixtures';

const PHONE = '13916000101';
const OTHER_PHONE = '13916000102';
let s: TestServer;
let agent: Client;
let admin: Client;
let customerId: number;
let customerName: string;

const item = (code: string, name: string, oneTime: number, monthly: number) => ({
  productCode: code,
  productName: name,
  offerName: `${name}标准资费`,
  specs: '带宽 300M',
  quantity: 1,
  oneTimeFen: oneTime,
  monthlyFen: monthly,
});

let restoreOrderLookup = () => {};

beforeAll(async () => {
  s = await startTestServer();
  const c = await s.ctx.db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('name', '=', '上海浦江智造科技有限公司')
    .executeTakeFirstOrThrow();
  customerId = c.id;
  customerName = c.name;
  const orders: TestOrder[] = [
    {
      id: 1,
      number: 'DD-CHG-0',
      customerId,
      orderType: 'change',
      items: [item('FLOW_PACK', '流量叠加包', 0, 0)],
      contactName: '王经办',
      contactPhone: PHONE,
    },
    {
      id: 2,
      number: 'DD-NEW-CLOUD',
      customerId,
      orderType: 'new',
      items: [item('CLOUD_PC', '云电脑', 0, 9900)],
      contactName: '王经办',
      contactPhone: PHONE,
    },
    {
      id: 3,
      number: 'DD-NEW-BB',
      customerId,
      orderType: 'new',
      items: [item('BB_BIZ_300M', '商务宽带', 20000, 19900)],
      contactName: '王经办',
      contactPhone: PHONE,
    },
  ];
  restoreOrderLookup = useTestOrderLookup(orders);
  agent = await s.as('agent01');
  admin = await s.as('admin');
});
afterAll(async () => {
  restoreOrderLookup();
  await s?.close();
});

async function send(ref: string, extra: Record<string, unknown> = {}, phone = PHONE) {
  const res = await agent.post('/api/signing/requests', {
    kind: 'order',
    ref,
    signerName: '王经办',
    signerPhone: phone,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  const sms = await lastSms(s, phone, `signing_request_${res.json().mode}`);
  return { req: res.json(), token: tokenOf(sms!.body), sms: sms! };
}

/** Opens the link, gets a code from the SMS outbox and exchanges it for the access token. */
let ip = 0;
async function unlock(token: string, phone = PHONE) {
  // each unlock from its own client address, so the per-IP route limits do not add up across tests
  const remoteAddress = `10.2.0.${++ip}`;
  expect((await s.anon.inject({ method: 'GET', url: `/api/sign/link/${token}`, remoteAddress })).statusCode).toBe(200);
  // codes may be asked for once a minute and 5 times an hour: age the earlier ones
  await s.ctx.db
    .updateTable('signing_codes')
    .set({ created_at: new Date(Date.now() - 7_200_000) })
    .execute();
  const c = await s.anon.inject({ method: 'POST', url: `/api/sign/link/${token}/code`, remoteAddress });
  expect(c.statusCode, c.body).toBe(200);
  const sms = await lastSms(s, phone, 'signing_code');
  const code = (sms!.params as { code: string }).code;
  const v = await s.anon.inject({
    method: 'POST',
    url: `/api/sign/link/${token}/verify`,
    payload: { code },
    remoteAddress,
  });
  expect(v.statusCode, v.body).toBe(200);
  return v.json().accessToken as string;
}
const signer = (access: string) => ({ 'x-sign-access': access });

describe('mode rules (seed 000 table 1)', () => {
  it('chooses SMS reply for a 0-yuan change, e-signature for a paid new order, online signing for new broadband', async () => {
    const q = (ref: string) => agent.get(`/api/signing/preview?kind=order&ref=${ref}`);
    expect((await q('DD-CHG-0')).json().mode).toBe('sms_reply');
    expect((await q('DD-NEW-CLOUD')).json().mode).toBe('e_sign');
    const bb = (await q('DD-NEW-BB')).json();
    expect(bb.mode).toBe('online');
    expect(bb.ruleName).toContain('宽带');
    expect(bb.suggestedSignerPhone).toBe(PHONE);
  });

  it('lets staff raise the mode but never lower it', async () => {
    const low = await agent.post('/api/signing/requests', {
      kind: 'order',
      ref: 'DD-NEW-CLOUD',
      signerName: '王经办',
      signerPhone: PHONE,
      mode: 'sms_reply',
    });
    expect(low.statusCode).toBe(400);
    expect(low.json().code).toBe('SIGNING_MODE_LOWER');
  });

  it('refuses an order that does not exist', async () => {
    const res = await agent.post('/api/signing/requests', {
      kind: 'order',
      ref: 'NOPE',
      signerName: '王',
      signerPhone: PHONE,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('SIGNING_SUBJECT_NOT_FOUND');
  });

  it('lets an admin edit the rule table with optimistic concurrency, and nobody else', async () => {
    const cur = (await admin.get('/api/signing/rules')).json();
    expect(cur.rules.length).toBeGreaterThanOrEqual(5);
    expect((await agent.put('/api/signing/rules', cur)).statusCode).toBe(403);
    const bad = await admin.put('/api/signing/rules', {
      version: cur.version,
      rules: [{ ...cur.rules[0], id: undefined, minAmountFen: 500, maxAmountFen: 100 }],
    });
    expect(bad.json().code).toBe('SIGNING_RULES_INVALID');
    const ok = await admin.put('/api/signing/rules', {
      version: cur.version,
      rules: cur.rules.map(({ id: _i, ...r }: { id: number }) => r),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await admin.put('/api/signing/rules', { version: cur.version, rules: [] });
    expect(stale.statusCode).toBe(409);
  });
});

describe('mode 2: e-signature through the link', () => {
  let token: string;
  let id: number;
  let access: string;
  let signedPdf: Buffer;

  it('fixes the document and its SHA-256 before anyone signs, and sends the link by SMS', async () => {
    const { req, token: t, sms } = await send('DD-NEW-CLOUD');
    token = t;
    id = req.id;
    expect(req.status).toBe('sent');
    expect(req.mode).toBe('e_sign');
    expect(req.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sms.body).toContain('/s/');
    expect(sms.body).not.toContain(PHONE);
    const doc = await agent.inject({ method: 'GET', url: `/api/signing/requests/${id}/document.pdf` });
    expect(doc.statusCode).toBe(200);
    const text = pdfText(doc.rawPayload);
    expect(text).toContain(customerName);
    expect(text).toContain('云电脑');
    expect(text).toContain('业务订购确认书');
  });

  it('refuses a forged, truncated or expired link', async () => {
    const parts = token.split('~');
    const forgedId = `${Number(parts[0]) + 1}~${parts.slice(1).join('~')}`;
    expect((await s.anon.get(`/api/sign/link/${forgedId}`)).json().code).toBe('SIGNING_LINK_INVALID');
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await s.anon.get(`/api/sign/link/${flipped}`)).json().code).toBe('SIGNING_LINK_INVALID');
    expect((await s.anon.get(`/api/sign/link/${token.slice(0, 20)}`)).statusCode).toBe(404);
    const expired = mintToken(await linkSecret(s.ctx), 'link', id, parts[1]!, new Date(Date.now() - 1000));
    const res = await s.anon.get(`/api/sign/link/${expired}`);
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('SIGNING_LINK_EXPIRED');
    // an access token is not a link, and a link is not an access token
    const asAccess = mintToken(await linkSecret(s.ctx), 'access', id, parts[1]!, new Date(Date.now() + 60_000));
    expect((await s.anon.get(`/api/sign/link/${asAccess}`)).json().code).toBe('SIGNING_LINK_INVALID');
    expect((await s.anon.inject({ method: 'GET', url: '/api/sign/session', headers: signer(token) })).statusCode).toBe(
      401,
    );
  });

  it('opens the link (masked signer) but shows nothing without the one-time code', async () => {
    const open = await s.anon.get(`/api/sign/link/${token}`);
    expect(open.statusCode).toBe(200);
    expect(open.json().phoneMasked).toBe('139****0101');
    expect(open.json().signerNameMasked).toBe('王*办');
    expect(open.json()).not.toHaveProperty('lines');
    expect((await s.anon.get('/api/sign/session')).json().code).toBe('SIGNING_ACCESS_INVALID');
  });

  it('locks the code after 5 wrong tries, and rate-limits new codes', async () => {
    expect((await s.anon.post(`/api/sign/link/${token}/code`)).statusCode).toBe(200);
    const again = await s.anon.post(`/api/sign/link/${token}/code`);
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('SIGNING_CODE_TOO_FREQUENT');
    const real = ((await lastSms(s, PHONE, 'signing_code'))!.params as { code: string }).code;
    const wrong = real === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const r = await s.anon.post(`/api/sign/link/${token}/verify`, { code: wrong });
      expect(r.json().code).toBe('SIGNING_CODE_INVALID');
      expect(r.json().details.attemptsLeft).toBe(5 - i);
    }
    expect((await s.anon.post(`/api/sign/link/${token}/verify`, { code: wrong })).json().code).toBe(
      'SIGNING_CODE_LOCKED',
    );
    // even the right code no longer opens it
    const late = await s.anon.post(`/api/sign/link/${token}/verify`, { code: real });
    expect(late.statusCode).toBe(423);
    const events = (await agent.get(`/api/signing/requests/${id}`))
      .json()
      .timeline.map((e: { action: string }) => e.action);
    expect(events).toContain('signing.code_failed');
    expect(events).toContain('signing.code_locked');
  });

  it('does not accept a code sent for another request', async () => {
    const other = await send('DD-NEW-CLOUD', {}, OTHER_PHONE);
    await s.ctx.db
      .updateTable('signing_codes')
      .set({ created_at: new Date(Date.now() - 7_200_000) })
      .execute();
    expect((await s.anon.post(`/api/sign/link/${other.token}/code`)).statusCode).toBe(200);
    const otherCode = ((await lastSms(s, OTHER_PHONE, 'signing_code'))!.params as { code: string }).code;
    expect((await s.anon.post(`/api/sign/link/${token}/code`)).statusCode).toBe(200);
    const r = await s.anon.post(`/api/sign/link/${token}/verify`, { code: otherCode });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('SIGNING_CODE_INVALID');
  });

  it('refuses an empty or invalid signature', async () => {
    access = await unlock(token);
    const view = await s.anon.inject({ method: 'GET', url: '/api/sign/session', headers: signer(access) });
    expect(view.statusCode).toBe(200);
    expect(view.json().lines.some((l: { value: string }) => l.value === 'DD-NEW-CLOUD')).toBe(true);
    const empty = await s.anon.inject({
      method: 'POST',
      url: '/api/sign/session/sign',
      headers: signer(access),
      payload: { signaturePng: blankSignature() },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('SIGNING_SIGNATURE_EMPTY');
    const junk = await s.anon.inject({
      method: 'POST',
      url: '/api/sign/session/sign',
      headers: signer(access),
      payload: { signaturePng: 'data:image/png;base64,AAAA' },
    });
    expect(junk.json().code).toBe('SIGNING_SIGNATURE_INVALID');
  });

  it('signs: a sealed PDF with the signature, Chinese text and an evidence page', async () => {
    const res = await s.anon.inject({
      method: 'POST',
      url: '/api/sign/session/sign',
      headers: { ...signer(access), 'user-agent': 'Mozilla/5.0 (iPhone) 测试' },
      payload: { signaturePng: drawnSignature() },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('signed');
    const d = (await agent.get(`/api/signing/requests/${id}`)).json();
    expect(d.status).toBe('signed');
    expect(d.signedSha256).toMatch(/^[0-9a-f]{64}$/);
    const actions = d.timeline.map((e: { action: string }) => e.action);
    for (const a of [
      'signing.sent',
      'signing.opened',
      'signing.code_requested',
      'signing.code_validated',
      'signing.signed',
    ])
      expect(actions).toContain(a);
    const pdf = await agent.inject({ method: 'GET', url: `/api/signing/requests/${id}/signed.pdf` });
    signedPdf = pdf.rawPayload;
    const text = pdfText(signedPdf);
    expect(text).toContain('签约证据页');
    expect(text).toContain(customerName);
    expect(text).toContain(d.documentSha256);
    expect(text).toContain('139****0101');
    expect(text).toContain('模式2 电子签名签约');
    expect(text).not.toContain(PHONE);
    const sig = pdfsig(signedPdf);
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');
    // the signature image is embedded
    expect(signedPdf.toString('latin1')).toContain('/Subtype /Image');
    // done SMS
    expect((await lastSms(s, PHONE, 'signing_done'))?.body).toContain(d.number);
  });

  it('verifies the sealed PDF and detects a modified copy', async () => {
    const ok = await s.anon.inject({
      method: 'POST',
      url: '/api/verify',
      ...multipart('file', 'a.pdf', signedPdf, 'application/pdf'),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ verdict: 'valid', sealedByUs: true, unchanged: true, signer: '王经办' });
    // change one byte inside the signed content
    const edited = Buffer.from(signedPdf);
    const at = edited.indexOf(Buffer.from('/Producer'));
    edited[at + 1] = 'Q'.charCodeAt(0);
    const bad = await s.anon.inject({
      method: 'POST',
      url: '/api/verify',
      ...multipart('file', 'b.pdf', edited, 'application/pdf'),
    });
    expect(bad.json()).toMatchObject({ verdict: 'modified', sealedByUs: true, unchanged: false });
    // an incremental update appended after sealing
    const appended = Buffer.concat([signedPdf, Buffer.from('\n1 0 obj\n<< /Title (x) >>\nendobj\n%%EOF\n')]);
    expect(
      (
        await s.anon.inject({
          method: 'POST',
          url: '/api/verify',
          ...multipart('file', 'c.pdf', appended, 'application/pdf'),
        })
      ).json().verdict,
    ).toBe('modified');
    // the unsigned document is not sealed
    const doc = await agent.inject({ method: 'GET', url: `/api/signing/requests/${id}/document.pdf` });
    expect(
      (
        await s.anon.inject({
          method: 'POST',
          url: '/api/verify',
          ...multipart('file', 'd.pdf', doc.rawPayload, 'application/pdf'),
        })
      ).json().verdict,
    ).toBe('not_sealed');
    const notPdf = await s.anon.inject({
      method: 'POST',
      url: '/api/verify',
      ...multipart('file', 'e.pdf', Buffer.from('hello'), 'application/pdf'),
    });
    expect(notPdf.json().code).toBe('SIGNING_VERIFY_NOT_PDF');
  });

  it('a replayed link never signs twice, but after a new code shows the signed document', async () => {
    const again = await s.anon.inject({
      method: 'POST',
      url: '/api/sign/session/sign',
      headers: signer(access),
      payload: { signaturePng: drawnSignature() },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SIGNING_CLOSED');
    const fresh = await unlock(token);
    const view = (await s.anon.inject({ method: 'GET', url: '/api/sign/session', headers: signer(fresh) })).json();
    expect(view.status).toBe('signed');
    const dl = await s.anon.inject({ method: 'GET', url: '/api/sign/session/document.pdf', headers: signer(fresh) });
    expect(dl.rawPayload.equals(signedPdf)).toBe(true);
    const signedEvents = (await agent.get(`/api/signing/requests/${id}`))
      .json()
      .timeline.filter((e: { action: string }) => e.action === 'signing.signed');
    expect(signedEvents).toHaveLength(1);
  });
});

describe('mode 1: SMS reply KT', () => {
  it('signs when the contact phone replies KT (outbox simulated reply), and explains late or unmatched replies', async () => {
    const { req } = await send('DD-CHG-0');
    expect(req.mode).toBe('sms_reply');
    const out = await lastSms(s, PHONE, 'signing_request_sms_reply');
    expect(out!.body).toContain('回复 KT');
    // the link cannot be used to sign a mode-1 request
    const { token } = { token: tokenOf(out!.body) };
    const access = await unlock(token);
    const viaWeb = await s.anon.inject({
      method: 'POST',
      url: '/api/sign/session/sign',
      headers: signer(access),
      payload: { signaturePng: drawnSignature() },
    });
    expect(viaWeb.json().code).toBe('SIGNING_MODE_MISMATCH');
    // an unknown word gets an explanation and signs nothing
    const odd = await admin.post(`/api/sms-outbox/${out!.id}/simulate-reply`, { text: '好的' });
    expect(odd.statusCode, odd.body).toBe(200);
    expect((await lastSms(s, PHONE, 'signing_reply_unknown'))?.body).toContain('KT');
    expect((await agent.get(`/api/signing/requests/${req.id}`)).json().status).toBe('opened');
    const kt = await admin.post(`/api/sms-outbox/${out!.id}/simulate-reply`, { text: ' kt ' });
    expect(kt.json().handled).toBe(true);
    const d = (await agent.get(`/api/signing/requests/${req.id}`)).json();
    expect(d.status).toBe('signed');
    const pdf = await agent.inject({ method: 'GET', url: `/api/signing/requests/${req.id}/signed.pdf` });
    expect(pdfText(pdf.rawPayload)).toContain('短信回复“KT”确认');
    // a second KT is late: nothing open any more
    await admin.post(`/api/sms-outbox/${out!.id}/simulate-reply`, { text: 'KT' });
    expect((await lastSms(s, PHONE, 'signing_reply_late'))?.body).toContain('已签约');
    // a phone with no request gets told so
    const stranger = await s.ctx.db
      .insertInto('sms_messages')
      .values({
        message_key: 'test-out-stranger',
        direction: 'out',
        phone: '13700000000',
        template: 'login_code',
        params: '{}',
        body: 'x',
        adapter: 'outbox',
        status: 'stored',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await admin.post(`/api/sms-outbox/${stranger.id}/simulate-reply`, { text: 'KT' });
    expect((await lastSms(s, '13700000000', 'signing_reply_unmatched'))?.body).toContain('未找到');
    // only outgoing messages can be replied to; only admins may simulate
    const inbound = await s.ctx.db
      .selectFrom('sms_messages')
      .select('id')
      .where('direction', '=', 'in')
      .executeTakeFirstOrThrow();
    expect((await admin.post(`/api/sms-outbox/${inbound.id}/simulate-reply`, { text: 'KT' })).json().code).toBe(
      'SMS_REPLY_NOT_OUTGOING',
    );
    expect((await agent.post(`/api/sms-outbox/${out!.id}/simulate-reply`, { text: 'KT' })).statusCode).toBe(403);
  });

  it('a KT to a request that needs a signature points to the link instead of signing', async () => {
    const { req } = await send('DD-NEW-CLOUD');
    const out = await lastSms(s, PHONE, 'signing_request_e_sign');
    await admin.post(`/api/sms-outbox/${out!.id}/simulate-reply`, { text: 'KT' });
    expect((await lastSms(s, PHONE, 'signing_reply_needs_link'))?.body).toContain('手写签名');
    expect((await agent.get(`/api/signing/requests/${req.id}`)).json().status).toBe('sent');
    await agent.post(`/api/signing/requests/${req.id}/actions`, {
      action: 'cancel',
      version: (await agent.get(`/api/signing/requests/${req.id}`)).json().version,
    });
  });
});

describe('staff follow-up', () => {
  it('reminds (not too often), re-sends a new link that replaces the old one, cancels', async () => {
    const { req, token } = await send('DD-NEW-CLOUD');
    const act = async (action: string) => {
      const v = (await agent.get(`/api/signing/requests/${req.id}`)).json().version;
      return agent.post(`/api/signing/requests/${req.id}/actions`, { action, version: v });
    };
    expect((await act('remind')).json().code).toBe('SIGNING_REMIND_TOO_SOON');
    await s.ctx.db
      .updateTable('signing_requests')
      .set({ sent_at: new Date(Date.now() - 3600_000) })
      .where('id', '=', req.id)
      .execute();
    const r = await act('remind');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().reminders).toBe(1);
    const resend = await act('resend');
    expect(resend.statusCode).toBe(200);
    const newToken = tokenOf((await lastSms(s, PHONE, 'signing_request_e_sign'))!.body);
    expect(newToken).not.toBe(token);
    expect((await s.anon.get(`/api/sign/link/${token}`)).json().code).toBe('SIGNING_LINK_REPLACED');
    expect((await s.anon.get(`/api/sign/link/${newToken}`)).statusCode).toBe(200);
    const stale = await agent.post(`/api/signing/requests/${req.id}/actions`, { action: 'cancel', version: 1 });
    expect(stale.statusCode).toBe(409);
    const cancel = await act('cancel');
    expect(cancel.json().status).toBe('cancelled');
    expect(cancel.json().actions).toEqual([]);
    const access = await unlock(newToken).catch(() => null);
    expect(access).toBeNull();
  });

  it('expires requests past their time; an expired request cannot be signed', async () => {
    const { req, token } = await send('DD-NEW-CLOUD', { expiresInHours: 1 });
    const access = await unlock(token);
    await s.ctx.db
      .updateTable('signing_requests')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', req.id)
      .execute();
    const n = await expireDue(s.ctx, s.ctx.db);
    expect(n).toBeGreaterThanOrEqual(1);
    expect((await agent.get(`/api/signing/requests/${req.id}`)).json().status).toBe('expired');
    const sign = await s.anon.inject({
      method: 'POST',
      url: '/api/sign/session/sign',
      headers: signer(access),
      payload: { signaturePng: drawnSignature() },
    });
    expect(sign.statusCode).toBe(410);
    expect(sign.json().code).toBe('SIGNING_EXPIRED');
    await s.ctx.db
      .updateTable('signing_codes')
      .set({ created_at: new Date(Date.now() - 7_200_000) })
      .execute();
    expect((await s.anon.post(`/api/sign/link/${token}/code`)).json().code).toBe('SIGNING_EXPIRED');
  });

  it('keeps requests inside the data scope', async () => {
    const list = (await agent.get('/api/signing/requests?pageSize=100')).json();
    expect(list.total).toBeGreaterThan(0);
    const id = list.items[0].id;
    const other = await s.ctx.db
      .selectFrom('users')
      .select('username')
      .where('role', '=', 'account_manager')
      .where('username', '!=', 'am_pd01')
      .executeTakeFirstOrThrow();
    const am = await s.as(other.username);
    expect((await am.get(`/api/signing/requests/${id}`)).statusCode).toBe(404);
    expect((await am.get('/api/signing/requests')).json().total).toBe(0);
    const own = await s.as('am_pd01');
    expect((await own.get(`/api/signing/requests/${id}`)).statusCode).toBe(200);
    for (const u of ['tech_pd01', 'cust_user', 'partner01'])
      expect((await (await s.as(u)).get('/api/signing/requests')).statusCode).toBe(403);
    // the district supervisor of another district sees none of them
    const xh = await s.ctx.db
      .selectFrom('users')
      .select('username')
      .where('role', '=', 'supervisor')
      .where('org_path', 'not like', '%/')
      .where('username', '!=', 'sup_pd')
      .executeTakeFirst();
    void xh;
  });

  it('filters by subject: the requests of exactly one order', async () => {
    type Row = { subjectRef: string };
    const all = (await agent.get('/api/signing/requests?pageSize=200')).json();
    expect(new Set(all.items.map((r: Row) => r.subjectRef)).size).toBeGreaterThan(1);
    const one = (await agent.get('/api/signing/requests?kind=order&subjectRef=DD-NEW-CLOUD&pageSize=200')).json();
    expect(one.total).toBeGreaterThan(0);
    expect(one.total).toBe(all.items.filter((r: Row) => r.subjectRef === 'DD-NEW-CLOUD').length);
    expect(one.items.every((r: Row) => r.subjectRef === 'DD-NEW-CLOUD')).toBe(true);
    // the whole reference, not a part of it
    expect((await agent.get('/api/signing/requests?subjectRef=DD-NEW')).json().total).toBe(0);
  });

  it('reports figures by mode', async () => {
    const st = (await (await s.as('sup_sh')).get('/api/signing/stats?days=30')).json();
    expect(st.signed).toBeGreaterThanOrEqual(2);
    const m1 = st.byMode.find((m: { mode: string }) => m.mode === 'sms_reply');
    const m2 = st.byMode.find((m: { mode: string }) => m.mode === 'e_sign');
    expect(m1.signed, JSON.stringify(st)).toBe(1);
    expect(m2.signed).toBe(1);
    expect(m2.expired).toBe(1);
    expect(m2.successRate).toBe(50);
    expect(st.medianMinutesToSign).not.toBeNull();
  });
});
