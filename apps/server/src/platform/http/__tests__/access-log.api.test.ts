import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';

// One access line per answered request, with what operators need and nothing a reader of the logs must not see.
const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
let s: TestServer;
let agent: Client;

beforeAll(async () => {
  s = await startTestServer({ logLevel: 'info' }, sink);
  agent = await s.as('agent01');
});
afterAll(async () => {
  await s?.close();
});

interface LogLine {
  msg: string;
  level: number;
  reqId?: string;
  req?: { method: string; url: string; ip: string };
  res?: { statusCode: number };
  responseTime?: number;
}
const logged = () => lines.map((l) => JSON.parse(l) as LogLine);

describe('access log', () => {
  it('writes one line per request, when it is answered: method, masked URL, status and time', async () => {
    lines.length = 0;
    const r = await agent.get('/api/opportunities?view=pool&q=13912345678');
    expect(r.statusCode).toBe(200);
    const mine = logged().filter((e) => e.reqId === r.headers['x-request-id']);
    expect(mine.map((e) => e.msg)).toEqual(['request completed']);
    const [e] = mine;
    expect(e!.req).toEqual({ method: 'GET', url: '/api/opportunities?view=pool&q=139****5678', ip: '127.0.0.1' });
    expect(e!.res).toEqual({ statusCode: 200 });
    expect(typeof e!.responseTime).toBe('number');
    expect(e!.level).toBe(30);
  });

  it('logs refusals too, and never a password, cookie, CSRF token or authorization value', async () => {
    lines.length = 0;
    const fresh = await s.as('sup_pd');
    const r = await fresh.post('/api/opportunities/999999999/claim', {});
    expect(r.statusCode).toBe(403);
    const bearer = await s.anon.inject({
      method: 'GET',
      url: '/tmf-api/sales/v4/salesLead',
      headers: { authorization: 'Bearer secret-key-value' },
    });
    expect(bearer.statusCode).toBe(401);
    // every answer, a refusal too, names its request, as the log does
    for (const answer of [r, bearer]) {
      const id = answer.headers['x-request-id'];
      expect(id).toMatch(/^[\w-]{6,64}$/);
      expect(logged().some((e) => e.reqId === id)).toBe(true);
    }
    const all = lines.join('\n');
    const sid = fresh.cookie!.split('=')[1]!;
    expect(sid.length).toBeGreaterThan(10);
    expect(all).not.toContain(sid);
    expect(all).not.toContain(fresh.csrf!);
    expect(all).not.toContain('secret-key-value');
    expect(all).not.toContain('Paidan@2026');
    const statuses = logged()
      .filter((e) => e.msg === 'request completed')
      .map((e) => e.res?.statusCode);
    expect(statuses).toEqual([200, 403, 401]);
  });
});
