import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/harness';
import { runDueJobs } from '../../../platform/jobs/job-runner';

// Every log line of a busy sign-in session, at the most verbose level, must be free of secrets.
let s: TestServer;
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, cb) {
    lines.push(String(chunk));
    cb();
  },
});

beforeAll(async () => {
  s = await startTestServer({ logLevel: 'trace' }, sink);
});
afterAll(async () => {
  await s?.close();
});

describe('logs', () => {
  it('never contain passwords, one-time codes, session tokens or whole phone numbers', async () => {
    const secret = 'Wr0ng-Secret-9917';
    await s.anon.post('/api/auth/login', { username: 'admin', password: secret });
    const ok = await s.anon.post('/api/auth/login', { username: 'admin', password: 'Paidan@2026' });
    const token = String(ok.headers['set-cookie']).split(';')[0]!.split('=')[1]!;
    await s.anon.post('/api/auth/sms-code', { phone: '13916000002' });
    const job = await s.ctx.db
      .selectFrom('jobs')
      .select('payload')
      .where('type', '=', 'sms.send')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const code = (job.payload as { params: { code: string } }).params.code;
    await runDueJobs(s.ctx, { limit: 50 });
    await s.anon.post('/api/auth/sms-login', { phone: '13916000002', code });
    await s.anon.get('/api/customers?q=13916000002');
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(all).not.toContain(secret);
    expect(all).not.toContain('Paidan@2026');
    expect(all).not.toContain(token);
    expect(all).not.toMatch(new RegExp(`\\b${code}\\b`));
    expect(all).not.toContain('13916000002');
  });
});
