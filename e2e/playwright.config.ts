import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

import {
  API_PORT,
  E2E_PORT as PORT,
  LAUNCH_PORT,
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
// The second instance (SMS through the test SMSC) keeps its own database and its own copy of the built app.
const SMPP_DATA_DIR = path.join(os.tmpdir(), `paidan-e2e-${PORT}-smpp`);

/** A server the tests need, started by e2e/support/launch.ts. */
interface Server {
  name: string;
  command: string;
  cwd: string;
  url: string;
  env: Record<string, string>;
}

/**
 * The real product on a fresh embedded database, with the demo data loaded on start. It serves a copy of the built
 * app, so a rebuild of apps/web/dist during the run does not pull the chunks from under the open pages; in preview
 * mode `vite preview` serves the app in front of it.
 */
function product(
  name: string,
  webPort: number,
  apiPort: number,
  dataDir: string,
  env: Record<string, string> = {},
): Server[] {
  const webCopy = path.join(dataDir, 'web');
  return [
    {
      name,
      command: viaPreview
        ? `rm -rf '${dataDir}' && exec node --import tsx apps/server/src/main.ts`
        : `rm -rf '${dataDir}' && mkdir -p '${dataDir}' && cp -r apps/web/dist '${webCopy}' && exec node --import tsx apps/server/src/main.ts`,
      cwd: ROOT,
      url: `http://localhost:${apiPort}/readyz`,
      env: {
        PORT: String(apiPort),
        DATA_DIR: dataDir,
        // the database in memory: a fresh one every run, and no file system under every query
        DATABASE_URL: 'memory://',
        SEED_ON_START: '1',
        LOG_LEVEL: 'warn',
        // every test signs in; the per-IP sign-in limit is for the internet, not for this suite
        LOGIN_RATE_LIMIT_PER_MIN: '10000',
        WEB_DIST: viaPreview ? path.join(dataDir, 'no-web') : webCopy,
        ...env,
      },
    },
    ...(viaPreview
      ? [
          {
            name: `${name} (vite preview)`,
            command: `exec npx vite preview --port ${webPort} --strictPort`,
            cwd: path.join(ROOT, 'apps/web'),
            url: `http://localhost:${webPort}/login`,
            env: { PAIDAN_API: `http://localhost:${apiPort}` },
          },
        ]
      : []),
  ];
}

const SERVERS: Server[] = [
  ...product('product', PORT, API_PORT, DATA_DIR),
  {
    // A test SMSC (e2e/support/smsc.ts) for the instance below: keeps what it is sent, sends replies on request.
    name: 'smsc',
    command: 'exec node --import tsx e2e/support/smsc.ts',
    cwd: ROOT,
    url: `${SMSC_URL}/health`,
    env: {
      SMSC_PORT: String(SMSC_PORT),
      SMSC_HTTP_PORT: String(SMSC_HTTP_PORT),
      SMSC_SYSTEM_ID,
      SMSC_PASSWORD,
    },
  },
  // A second instance that sends and receives SMS over SMPP through that SMSC (signing-smpp.spec.ts).
  ...product('product (SMPP)', SMPP_PORT, SMPP_API_PORT, SMPP_DATA_DIR, {
    SMS_ADAPTER: 'smpp',
    SMPP_HOST: '127.0.0.1',
    SMPP_PORT: String(SMSC_PORT),
    SMPP_SYSTEM_ID: SMSC_SYSTEM_ID,
    SMPP_PASSWORD: SMSC_PASSWORD,
    SMPP_SOURCE_ADDR: '10001',
  }),
];

/**
 * Chromium keeps only the last --disable-features it is given, so this list repeats the features Playwright turns off
 * for automation and adds ours: without PreloadTopChromeWebUI every new context no longer starts a hidden renderer for
 * browser UI (the address bar's popups) that a headless test never shows: a tenth of the browser's CPU in this suite.
 */
const DISABLED_FEATURES = [
  // Playwright's own list (playwright-core chromiumSwitches)
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // ours
  'PreloadTopChromeWebUI',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
];

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
    // a failure keeps its trace (actions, console, network) and a screenshot; recording DOM snapshots or a
    // screencast for every test, to throw away when it passes, cost a tenth of the run's CPU and more
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: false, sources: true },
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
        `--disable-features=${DISABLED_FEATURES.join(',')}`,
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
  webServer: {
    // all of them at once (Playwright would start its webServer entries one after the other)
    command: 'node --import tsx e2e/support/launch.ts',
    cwd: ROOT,
    url: `http://127.0.0.1:${LAUNCH_PORT}/`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { E2E_LAUNCH: JSON.stringify(SERVERS), E2E_LAUNCH_PORT: String(LAUNCH_PORT) },
  },
});
