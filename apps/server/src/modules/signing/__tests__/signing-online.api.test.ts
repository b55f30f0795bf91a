import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCardCheckChar } from '@paidan/shared';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import {
  notConfiguredLiveness,
  setLivenessProvider,
  setSigningOcrEngine,
  signingOcrEngine,
  type IdCardOcr,
  type LicenceOcr,
} from '../signing-ports';
import { drawnSignature, lastSms, multipart, pdfText, photo, useTestOrderLookup, tokenOf } from './signing-fixtures';

// Mode 3 (online signing): licence and ID card photos are read by the OCR port and matched to the order's
// enterprise and its legal representative or an agent named in a signed 委托书. The OCR engine here recognises the
// test's photos by their bytes: the port is the contract the platform OCR fulfils.
const PHONE = '13916000301';
let s: TestServer;
let agent: Client;
let sup: Client;
let customer: { id: number; name: string; credit_code: string };
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const idNo = (first17: string) => first17 + idCardCheckChar(first17);
const LEGAL_ID = idNo('31011519800101123');
const AGENT_ID = idNo('31010119900202456');

const photos = {
  licenceOk: photo(11),
  licenceOther: photo(12),
  idLegal: photo(13),
  idAgent: photo(14),
  back: photo(15),
};
const licences = new Map<string, LicenceOcr>();
const ids = new Map<string, IdCardOcr>();
let ip = 0;

let restoreOrderLookup = () => {};
let previousOcr: ReturnType<typeof signingOcrEngine> = null;

beforeAll(async () => {
  s = await startTestServer();
  customer = await s.ctx.db
    .selectFrom('customers')
    .select(['id', 'name', 'credit_code'])
    .where('name', '=', '上海浦江智造科技有限公司')
    .executeTakeFirstOrThrow();
  await s.ctx.db.updateTable('customers').set({ legal_rep_name: '李建国' }).where('id', '=', customer.id).execute();
  const other = await s.ctx.db
    .selectFrom('customers')
    .select(['name', 'credit_code'])
    .where('id', '!=', customer.id)
    .executeTakeFirstOrThrow();
  licences.set(sha(photos.licenceOk), {
    companyName: customer.name.replace('（', '('),
    creditCode: customer.credit_code,
    legalRep: '李建国',
    rawText: '营业执照',
    confidence: 88,
  });
  licences.set(sha(photos.licenceOther), {
    companyName: other.name,
    creditCode: other.credit_code,
    legalRep: '某某',
    rawText: '营业执照',
    confidence: 90,
  });
  ids.set(sha(photos.idLegal), { name: '李建国', idNumber: LEGAL_ID, rawText: '公民身份号码', confidence: 91 });
  ids.set(sha(photos.idAgent), { name: '周晓梅', idNumber: AGENT_ID, rawText: '公民身份号码', confidence: 91 });
  previousOcr = signingOcrEngine();
  setSigningOcrEngine({
    async ocrLicence(img) {
      return (
        licences.get(sha(img)) ?? { companyName: null, creditCode: null, legalRep: null, rawText: '', confidence: 10 }
      );
    },
    async ocrIdCard(img) {
      return ids.get(sha(img)) ?? { name: null, idNumber: null, rawText: '', confidence: 10 };
    },
  });
  const items = [
    {
      productCode: 'BB_BIZ_300M',
      productName: '商务宽带',
      offerName: '商务宽带 300M 包年',
      specs: '带宽 300M',
      quantity: 1,
      oneTimeFen: 20000,
      monthlyFen: 19900,
    },
  ];
  restoreOrderLookup = useTestOrderLookup([
    {
      id: 21,
      number: 'DD-BB-A',
      customerId: customer.id,
      orderType: 'new',
      items,
      contactName: '李建国',
      contactPhone: PHONE,
    },
    {
      id: 22,
      number: 'DD-BB-B',
      customerId: customer.id,
      orderType: 'new',
      items,
      contactName: '李建国',
      contactPhone: PHONE,
    },
    {
      id: 23,
      number: 'DD-BB-C',
      customerId: customer.id,
      orderType: 'new',
      items,
      contactName: '周晓梅',
      contactPhone: PHONE,
    },
  ]);
  agent = await s.as('agent01');
  sup = await s.as('sup_pd');
});
afterAll(async () => {
  restoreOrderLookup();
  setSigningOcrEngine(previousOcr);
  setLivenessProvider(notConfiguredLiveness);
  await s?.close();
});

async function start(ref: string, kind = 'order', extra: Record<string, unknown> = {}) {
  const res = await agent.post('/api/signing/requests', {
    kind,
    ref,
    signerName: '李建国',
    signerPhone: PHONE,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  const sms = await lastSms(s, PHONE, `signing_request_${res.json().mode}`);
  const token = tokenOf(sms!.body);
  // each signer on their own phone: a fresh client address, so the per-IP limits do not add up across tests
  const remoteAddress = `10.3.0.${++ip}`;
  await s.anon.inject({ method: 'GET', url: `/api/sign/link/${token}`, remoteAddress });
  await s.ctx.db
    .updateTable('signing_codes')
    .set({ created_at: new Date(Date.now() - 7_200_000) })
    .execute();
  expect((await s.anon.inject({ method: 'POST', url: `/api/sign/link/${token}/code`, remoteAddress })).statusCode).toBe(
    200,
  );
  const code = ((await lastSms(s, PHONE, 'signing_code'))!.params as { code: string }).code;
  const v = await s.anon.inject({
    method: 'POST',
    url: `/api/sign/link/${token}/verify`,
    payload: { code },
    remoteAddress,
  });
  const access = v.json().accessToken as string;
  return { req: res.json(), access };
}
const upload = (access: string, kind: string, img: Buffer, mime = 'image/png') => {
  const mp = multipart('file', `${kind}.png`, img, mime);
  return s.anon.inject({
    method: 'POST',
    url: `/api/sign/session/materials/${kind}`,
    headers: { 'x-sign-access': access, ...mp.headers },
    payload: mp.payload,
    remoteAddress: `10.4.0.${++ip}`,
  });
};
const sign = (access: string, requestReview = false) =>
  s.anon.inject({
    method: 'POST',
    url: '/api/sign/session/sign',
    headers: { 'x-sign-access': access },
    payload: { signaturePng: drawnSignature(), requestReview },
    remoteAddress: `10.5.0.${++ip}`,
  });
const act = async (c: Client, id: number, action: string, note?: string) => {
  const v = (await c.get(`/api/signing/requests/${id}`)).json().version;
  return c.post(`/api/signing/requests/${id}/actions`, { action, version: v, ...(note ? { note } : {}) });
};

describe('mode 3: online signing with licence and ID card', () => {
  it('needs all three photos, and only images', async () => {
    const { req, access } = await start('DD-BB-A');
    expect(req.mode).toBe('online');
    expect((await sign(access)).json().code).toBe('SIGNING_MATERIALS_MISSING');
    const junk = await upload(access, 'licence', Buffer.from('%PDF-1.4 not a photo'), 'image/png');
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe('SIGNING_FILE_INVALID');
    await act(agent, req.id, 'cancel');
  });

  it('refuses a licence of another company with an explanation; the signer may ask for staff review, staff may reject', async () => {
    const { req, access } = await start('DD-BB-A');
    await upload(access, 'licence', photos.licenceOther);
    await upload(access, 'id_front', photos.idLegal);
    const v = (await upload(access, 'id_back', photos.back)).json();
    expect(v.materials).toEqual({ licence: true, idFront: true, idBack: true });
    expect(v.ocr.mismatches.join()).toContain('不一致');
    const refused = await sign(access);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('SIGNING_MATERIALS_MISMATCH');
    expect(refused.json().details.reasons.join()).toContain('统一社会信用代码');
    const review = await sign(access, true);
    expect(review.json().status).toBe('review');
    const d = (await agent.get(`/api/signing/requests/${req.id}`)).json();
    expect(d.checks.find((c: { key: string }) => c.key === 'licence').state).toBe('failed');
    expect(d.actions).not.toContain('approve');
    expect((await act(agent, req.id, 'approve')).statusCode).toBe(403);
    expect((await act(sup, req.id, 'reject')).json().code).toBe('VALIDATION_FAILED');
    const rej = await act(sup, req.id, 'reject', '营业执照与订单企业不符');
    expect(rej.json().status).toBe('rejected');
    expect((await lastSms(s, PHONE, 'signing_rejected'))?.body).toContain('营业执照与订单企业不符');
  });

  it('matches the legal representative; with liveness not configured the request goes to staff review, then is sealed', async () => {
    const { req, access } = await start('DD-BB-B');
    await upload(access, 'licence', photos.licenceOk);
    await upload(access, 'id_front', photos.idLegal);
    const v = (await upload(access, 'id_back', photos.back)).json();
    expect(v.ocr.mismatches).toEqual([]);
    expect(v.ocr.matchedAs).toBe('legal_rep');
    expect(v.ocr.liveness.status).toBe('not_configured');
    const r = await sign(access);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('review');
    const d = (await sup.get(`/api/signing/requests/${req.id}`)).json();
    expect(d.checks.find((c: { key: string }) => c.key === 'liveness').state).toBe('not_configured');
    expect(d.checks.find((c: { key: string }) => c.key === 'id_name').state).toBe('passed');
    expect(d.actions).toContain('approve');
    const ok = await act(sup, req.id, 'approve', '已电话核实经办人身份');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('signed');
    const pdf = await sup.inject({ method: 'GET', url: `/api/signing/requests/${req.id}/signed.pdf` });
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('营业执照识别');
    expect(text).toContain('李建国');
    expect(text).toContain('人工审核');
    expect(text).toContain('未配置活体检测服务');
    expect(text).not.toContain(LEGAL_ID);
    expect(text).toContain('业务受理确认书');
  });

  it('accepts an agent named in a signed 委托书 (kind agreement), recording the template version', async () => {
    const tpl = (await s.anon.get('/api/sign/templates')).json();
    expect(tpl.map((t: { code: string }) => t.code).sort()).toEqual(['power_of_attorney', 'usage_statement']);
    const dl = await s.anon.inject({ method: 'GET', url: '/api/sign/templates/power_of_attorney.pdf' });
    expect(dl.statusCode).toBe(200);
    expect(pdfText(dl.rawPayload)).toContain('授权委托书');
    expect((await s.anon.get('/api/sign/templates/marketing.pdf')).json().code).toBe('SIGNING_TEMPLATE_NOT_FOUND');

    // before the 委托书 the agent is refused
    const first = await start('DD-BB-C');
    await upload(first.access, 'licence', photos.licenceOk);
    const before = (await upload(first.access, 'id_front', photos.idAgent)).json();
    expect(before.ocr.mismatches.join()).toContain('周晓梅');
    await act(agent, first.req.id, 'cancel');

    const bad = await agent.post('/api/signing/requests', {
      kind: 'agreement',
      ref: 'power_of_attorney',
      customerId: customer.id,
      signerName: '李建国',
      signerPhone: PHONE,
      params: { agentName: '周晓梅', agentIdNumber: '310101199002024560' },
    });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const missing = await agent.post('/api/signing/requests', {
      kind: 'agreement',
      ref: 'power_of_attorney',
      customerId: customer.id,
      signerName: '李建国',
      signerPhone: PHONE,
    });
    expect(missing.json().code).toBe('VALIDATION_FAILED');
    const poa = await start('power_of_attorney', 'agreement', {
      customerId: customer.id,
      params: { agentName: '周晓梅', agentIdNumber: AGENT_ID },
    });
    expect(poa.req.mode).toBe('e_sign');
    expect(poa.req.templateCode).toBe('power_of_attorney');
    expect(poa.req.templateVersion).toBe(1);
    expect(poa.req.templateId).toBeGreaterThan(0);
    expect((await sign(poa.access)).json().status).toBe('signed');
    const poaPdf = await agent.inject({ method: 'GET', url: `/api/signing/requests/${poa.req.id}/signed.pdf` });
    expect(pdfText(poaPdf.rawPayload)).toContain('兹委托 周晓梅');

    // now the agent matches, and a configured liveness vendor that passes lets it sign at once
    setLivenessProvider({
      name: 'test',
      check: async () => ({ status: 'passed', provider: '测试活体服务', detail: null }),
    });
    const second = await start('DD-BB-C');
    await upload(second.access, 'licence', photos.licenceOk);
    await upload(second.access, 'id_front', photos.idAgent);
    const v = (await upload(second.access, 'id_back', photos.back)).json();
    expect(v.ocr.matchedAs).toBe('agent');
    const done = await sign(second.access);
    expect(done.json().status).toBe('signed');
    setLivenessProvider(notConfiguredLiveness);
  });

  it('does not take photos for a request of another mode', async () => {
    const res = await agent.post('/api/signing/requests', {
      kind: 'agreement',
      ref: 'usage_statement',
      customerId: customer.id,
      signerName: '李建国',
      signerPhone: PHONE,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mode).toBe('e_sign');
  });
});
