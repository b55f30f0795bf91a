import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/harness';

// The built web app: hashed assets are kept by the browser for good, the page itself is always revalidated, and an
// unknown API path stays a JSON 404 rather than the page.
let s: TestServer;
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'paidan-web-'));
beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>政企派单</title>');
  fs.writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log(1);');
  fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  s = await startTestServer({ webDist: dist });
});
afterAll(async () => {
  await s.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

it('serves hashed assets as immutable and everything else for revalidation', async () => {
  const asset = await s.app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
  expect(asset.statusCode).toBe(200);
  expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

  const icon = await s.app.inject({ method: 'GET', url: '/favicon.svg' });
  expect(icon.statusCode).toBe(200);
  expect(icon.headers['cache-control']).not.toContain('immutable');

  const page = await s.app.inject({ method: 'GET', url: '/tickets/12' });
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.headers['cache-control']).toBe('no-cache');
  // a HEAD (link checkers, uptime monitors) gets the page's headers, not a 404
  const head = await s.app.inject({ method: 'HEAD', url: '/tickets/12' });
  expect(head.statusCode).toBe(200);
  expect(head.headers['content-type']).toContain('text/html');
  expect(head.body).toBe('');

  const api = await s.app.inject({ method: 'GET', url: '/api/no-such-thing' });
  expect(api.statusCode).toBe(404);
  expect(api.json().code).toBe('ROUTE_NOT_FOUND');
});
