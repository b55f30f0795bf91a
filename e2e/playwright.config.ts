import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import {
  API_PORT,
  E2E_PORT as PORT,
  SMPP_API_PORT,
  SMPP_PORT,
  SMSC_HTTP_PORT,
  SMSC_PASSWORD,
  SMSC_PORT,
  SMSC_SYSTEM_ID,
  SMSC_URL,
  VIA_PREVIEW as viaPreview,
} from './support/ports';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const DATA_DIR = path.join(os.tmpdir(), `paidan-e2e-${PORT}`);
const WEB_COPY = path.join(DATA_DIR, 'web');
// The second instance (SMS through the test SMSC) keeps its own database and its own copy of the built app.
const SMPP_DATA_DIR = path.join(os.tmpdir(), `paidan-e2e-${PORT}-smpp`);
const SMPP_WEB_COPY = path.join(SMPP_DATA_DIR, 'web');

export default defineConfig({
  testDir: './tests',
  outputDir: path.join(here, 'test-results'),
  // Sized for a two-core CI machine that runs the server, two browsers and the runner at once: a page there can take
  // several seconds to parse its chunks. A timeout only bounds how long a failure takes; it never lets one pass.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 2,
  // A retry would hit the SMS code rate limit; failures should be looked at, not retried.
  retries: 0,
  reporter: process.env.CI
    ? [['list'], ['html', { open: 'never', outputFolder: path.join(here, 'playwright-report') }]]
    : 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // the app honours the setting: no animations to wait for or to paint
    reducedMotion: 'reduce',
    // DOM snapshots are enough to read a failure; a screencast of every test costs the machine a core
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
  webServer: [
    {
      // The real product on a fresh embedded database, with the demo data loaded on start. It serves a copy of the
      // built app, so a rebuild of apps/web/dist during the run does not pull the chunks from under the open pages.
      command: viaPreview
        ? `rm -rf '${DATA_DIR}' && node --import tsx apps/server/src/main.ts`
        : `rm -rf '${DATA_DIR}' && mkdir -p '${DATA_DIR}' && cp -r apps/web/dist '${WEB_COPY}' && node --import tsx apps/server/src/main.ts`,
      cwd: ROOT,
      url: `http://localhost:${API_PORT}/readyz`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(API_PORT),
        DATA_DIR,
        SEED_ON_START: '1',
        LOG_LEVEL: 'warn',
        // every test signs in; the per-IP sign-in limit is for the internet, not for this suite
        LOGIN_RATE_LIMIT_PER_MIN: '10000',
        WEB_DIST: viaPreview ? path.join(DATA_DIR, 'no-web') : WEB_COPY,
      },
    },
    ...(viaPreview
      ? [
          {
            command: `npx vite preview --port ${PORT} --strictPort`,
            cwd: path.join(ROOT, 'apps/web'),
            url: `http://localhost:${PORT}/login`,
            reuseExistingServer: false,
            timeout: 60_000,
            env: { PAIDAN_API: `http://localhost:${API_PORT}` },
          },
        ]
      : []),
    {
      // A test SMSC (e2e/support/smsc.ts) for the instance below: keeps what it is sent, sends replies on request.
      command: 'node --import tsx e2e/support/smsc.ts',
      cwd: ROOT,
      url: `${SMSC_URL}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        SMSC_PORT: String(SMSC_PORT),
        SMSC_HTTP_PORT: String(SMSC_HTTP_PORT),
        SMSC_SYSTEM_ID,
        SMSC_PASSWORD,
      },
    },
    {
      // A second instance of the product that sends and receives SMS over SMPP through that SMSC
      // (signing-smpp.spec.ts); otherwise set up as the first one, with the demo data.
      command: viaPreview
        ? `rm -rf '${SMPP_DATA_DIR}' && node --import tsx apps/server/src/main.ts`
        : `rm -rf '${SMPP_DATA_DIR}' && mkdir -p '${SMPP_DATA_DIR}' && cp -r apps/web/dist '${SMPP_WEB_COPY}' && node --import tsx apps/server/src/main.ts`,
      cwd: ROOT,
      url: `http://localhost:${SMPP_API_PORT}/readyz`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(SMPP_API_PORT),
        DATA_DIR: SMPP_DATA_DIR,
        SEED_ON_START: '1',
        LOG_LEVEL: 'warn',
        LOGIN_RATE_LIMIT_PER_MIN: '10000',
        WEB_DIST: viaPreview ? path.join(SMPP_DATA_DIR, 'no-web') : SMPP_WEB_COPY,
        SMS_ADAPTER: 'smpp',
        SMPP_HOST: '127.0.0.1',
        SMPP_PORT: String(SMSC_PORT),
        SMPP_SYSTEM_ID: SMSC_SYSTEM_ID,
        SMPP_PASSWORD: SMSC_PASSWORD,
        SMPP_SOURCE_ADDR: '10001',
      },
    },
    ...(viaPreview
      ? [
          {
            command: `npx vite preview --port ${SMPP_PORT} --strictPort`,
            cwd: path.join(ROOT, 'apps/web'),
            url: `http://localhost:${SMPP_PORT}/login`,
            reuseExistingServer: false,
            timeout: 60_000,
            env: { PAIDAN_API: `http://localhost:${SMPP_API_PORT}` },
          },
        ]
      : []),
  ],
});
