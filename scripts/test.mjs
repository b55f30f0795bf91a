#!/usr/bin/env node
// `npm test`: lint, typecheck, unit tests, API tests on PGlite and PostgreSQL, browser tests.
// On a laptop without PostgreSQL or Chromium those parts are skipped with a notice; under CI=true they are required.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paidan-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const steps = [];
const notices = [];

/** Notes a finished step for the summary; returns whether it passed. */
function finished(name, started, code) {
  const ok = code === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

function run(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return finished(name, started, r.status);
}

/** A step whose output is kept until it ends (it runs beside others), then printed whole, so the log stays readable. */
function runBuffered({ name, cmd, args, env = {} }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { env: { ...process.env, FORCE_COLOR: '1', ...env } });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
      process.stdout.write(Buffer.concat(out));
      resolve(finished(name, started, code));
    });
  });
}

/**
 * Lanes side by side, the steps of a lane one after the other. Most steps are single-threaded, so side by side they
 * keep the machine's cores busy; a step still runs when an earlier one of its lane failed, so one run reports all.
 */
async function runLanes(lanes) {
  const results = await Promise.all(
    lanes.map(async (lane) => {
      let ok = true;
      for (const step of lane) ok = (await runBuffered(step)) && ok;
      return ok;
    }),
  );
  return results.every(Boolean);
}

function addVitest(file) {
  if (!fs.existsSync(file)) return;
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  totals.passed += j.numPassedTests ?? 0;
  totals.failed += j.numFailedTests ?? 0;
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  totals.skipped += skipped;
  return skipped;
}

function addPlaywright(file) {
  if (!fs.existsSync(file)) return;
  const s = JSON.parse(fs.readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}

const vitestArgs = (project, json) => [
  'vitest',
  'run',
  '--project',
  project,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${json}`,
];
const vitest = (name, project, env, json) => run(name, 'npx', vitestArgs(project, json), env);

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const haveChromium = fs.existsSync(chromium);
const unitJson = path.join(outDir, 'unit.json');
const pgliteJson = path.join(outDir, 'api-pglite.json');
// lint and typecheck are one process each; the API tests on PGlite start when the unit tests are done
let ok = await runLanes([
  [
    { name: 'lint', cmd: 'npm', args: ['run', '-s', 'lint'] },
    ...(haveChromium ? [{ name: 'build web', cmd: 'npm', args: ['run', '-s', 'build:web'] }] : []),
  ],
  [{ name: 'typecheck', cmd: 'npm', args: ['run', '-s', 'typecheck'] }],
  [
    { name: 'unit tests', cmd: 'npx', args: vitestArgs('unit', unitJson) },
    { name: 'API tests on PGlite', cmd: 'npx', args: vitestArgs('api', pgliteJson), env: { TEST_DATABASE_URL: '' } },
  ],
]);
addVitest(unitJson);
const pgOnly = addVitest(pgliteJson);
if (pgOnly > 0)
  notices.push(
    `${pgOnly} tests need a PostgreSQL server (several server instances, crash recovery) and were skipped on PGlite` +
      (process.env.TEST_DATABASE_URL ? '; they ran in the PostgreSQL step' : ''),
  );

if (process.env.TEST_DATABASE_URL) {
  const pgJson = path.join(outDir, 'api-postgres.json');
  ok = vitest('API tests on PostgreSQL', 'api', {}, pgJson) && ok;
  addVitest(pgJson);
} else if (ci) {
  console.error('✗ CI needs TEST_DATABASE_URL for the API tests on PostgreSQL');
  steps.push({ name: 'API tests on PostgreSQL', ok: false, seconds: 0 });
  ok = false;
} else {
  notices.push('API tests on PostgreSQL were SKIPPED: set TEST_DATABASE_URL=postgres://… to run them');
}

if (haveChromium) {
  const pwJson = path.join(outDir, 'e2e.json');
  ok =
    run('browser tests', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
    }) && ok;
  addPlaywright(pwJson);
} else if (ci) {
  console.error(`✗ CI needs Chromium at ${chromium} for the browser tests`);
  steps.push({ name: 'browser tests', ok: false, seconds: 0 });
  ok = false;
} else {
  notices.push(`Browser tests were SKIPPED: no Chromium at ${chromium} (apt-get install chromium)`);
}

console.log('\n──────── summary ────────');
for (const s of steps) console.log(`${s.ok ? '✓' : '✗'} ${s.name} (${s.seconds}s)`);
for (const n of notices) console.log(`! ${n}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok ? 0 : 1);
