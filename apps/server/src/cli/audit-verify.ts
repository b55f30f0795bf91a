import { loadConfig } from '../platform/config';
import { openKeptDatabase } from './kept-database';
import { migrate } from '../platform/db/migrate';
import { verifyAuditChain } from '../platform/audit/audit-verify';
import { appendAuditCheckpoint } from '../platform/audit/audit-checkpoint';

// Re-hashes the whole audit trail. Exit code 0: intact; 1: edited, deleted or truncated events; 2: could not run.
// With the embedded database, stop the server first: a PGlite data folder belongs to one process at a time.
// From the repository root, options pass through two npm layers: npm run audit:verify -- -- --json
const USAGE = `usage: tsx src/cli/audit-verify.ts [--batch-size N] [--no-checkpoint] [--json]
       (from the repository root: npm run audit:verify -- -- [options])
  --batch-size N    events read per query (default 2000)
  --no-checkpoint   do not record the verified tail as a new checkpoint
  --json            print the result as JSON`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const bsAt = args.indexOf('--batch-size');
const batchSize = bsAt >= 0 ? Number(args[bsAt + 1]) : 2000;
if (!Number.isInteger(batchSize) || batchSize < 1) {
  console.error(USAGE);
  process.exit(2);
}
const asJson = args.includes('--json');
const checkpoint = !args.includes('--no-checkpoint');

const config = loadConfig();
const database = await openKeptDatabase(config, 'npm run audit:verify');
let code = 2;
try {
  await migrate(database);
  const tty = process.stderr.isTTY && !asJson;
  const result = await verifyAuditChain(database.db, {
    batchSize,
    onProgress: tty ? (n, seq) => process.stderr.write(`\r  checked ${n} events (seq ${seq})…`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  // Only an intact tail becomes a checkpoint: a damaged one must not be blessed.
  const cp =
    result.ok && checkpoint && result.lastSeq !== null
      ? await appendAuditCheckpoint(database.db, { seq: result.lastSeq, hash: result.lastHash! })
      : null;

  if (asJson) {
    console.log(JSON.stringify({ ...result, newCheckpoint: cp }, null, 2));
  } else {
    const where = database.kind === 'pglite' ? `embedded PGlite (${config.dataDir}/pglite)` : 'PostgreSQL';
    console.log(`Audit trail on ${where}`);
    console.log(
      `Checked ${result.checked} events` +
        (result.lastSeq !== null ? ` (seq 1–${result.lastSeq})` : '') +
        ` and ${result.checkpoints} checkpoint${result.checkpoints === 1 ? '' : 's'} in ${(result.durationMs / 1000).toFixed(1)} s.`,
    );
    if (result.ok) {
      console.log('OK: every event re-hashes to its stored hash and links to the one before it.');
      if (result.lastHash) console.log(`Tail: seq ${result.lastSeq}, hash ${result.lastHash}`);
      if (cp) console.log(`Checkpoint #${cp.id} recorded at seq ${cp.lastSeq}.`);
    } else {
      const total = result.problems.length + (result.problemsTruncated ? '+' : '');
      console.log(`NOT INTACT: ${total} problem(s).`);
      for (const p of result.problems)
        console.log(`  seq ${String(p.seq).padStart(8)}  ${p.kind.padEnd(19)} ${p.message}`);
      if (result.problemsTruncated) console.log('  … more problems not listed.');
    }
  }
  code = result.ok ? 0 : 1;
} catch (err) {
  console.error(`audit:verify could not run: ${err instanceof Error ? err.message : String(err)}`);
  code = 2;
} finally {
  await database.close().catch(() => undefined);
}
process.exit(code);
