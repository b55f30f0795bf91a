import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCode } from '../../../platform/ocr/ocr-test-images';
import { hmacSha256 } from '../../../platform/util/crypto';
import { startTestServer, type TestServer } from '../../../../test/harness';
import { districtId, newPhone, signUp } from '../../onboarding/__tests__/onboarding-test-kit';

// The HTTP e-licence adapter against a provider running on loopback, which checks the signature.
const SECRET = 'elicence-test-secret';
let s: TestServer;
let provider: http.Server;
const seen: { signatureOk: boolean; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  provider = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const signatureOk = req.headers['x-paidan-signature'] === `sha256=${hmacSha256(SECRET, raw)}`;
      seen.push({ signatureOk, body });
      const ok = signatureOk && body.authCode === 'GOOD-CODE';
      res.writeHead(ok ? 200 : 403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          ok
            ? { verified: true, companyName: body.companyName, creditCode: body.creditCode, legalRepName: '电子法人' }
            : { verified: false, reason: 'authorisation code not valid' },
        ),
      );
    });
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
  process.env.ELICENCE_ADAPTER = 'http';
  process.env.ELICENCE_HTTP_URL = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/verify`;
  process.env.ELICENCE_HTTP_SECRET = SECRET;
  s = await startTestServer();
});
afterAll(async () => {
  delete process.env.ELICENCE_ADAPTER;
  await s?.close();
  provider?.close();
});

describe('电子营业执照 through a configured provider', () => {
  it('a refused authorisation fails the attempt; a valid one certifies the enterprise', async () => {
    const c = await signUp(s, newPhone(), '电子执照申请人');
    const code = creditCode('91310115MA1EF4GH5');
    const name = '上海电子执照科技有限公司';
    const created = await c.post('/api/onboarding/enterprise', {
      name,
      creditCode: code,
      districtOrgId: await districtId(s),
      industry: '信息技术',
    });
    const customerId = created.json().enterprise.id;
    expect((await c.get('/api/certification/current')).json().eLicenceConfigured).toBe(true);
    const body = { companyName: name, creditCode: code, legalRepName: '电子法人', authCode: 'BAD-CODE' };
    const refused = await c.post('/api/certification/e-licence', body);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CERT_ELICENCE_FAILED');
    const ok = await c.post('/api/certification/e-licence', { ...body, authCode: 'GOOD-CODE' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    expect(seen.every((x) => x.signatureOk)).toBe(true);
    const cust = await s.ctx.db
      .selectFrom('customers')
      .select(['certification_status', 'certification_method'])
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(cust).toEqual({ certification_status: 'certified', certification_method: 'e_licence' });
    expect((await c.get('/api/me')).json().role).toBe('customer_admin');
  });
});
