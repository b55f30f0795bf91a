// CPU time used by processes, read from /proc (Linux): every thread's time on a CPU, in ms. The benchmark reads it
// around a rush to tell how much of the machine the instances, PostgreSQL and the load generator took.
import fs from 'node:fs';

function threadsNs(pid) {
  let ns = 0;
  let tasks = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  for (const t of tasks) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      /* the thread ended */
    }
  }
  return ns;
}

function allPids() {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
}

function statOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const comm = s.slice(s.indexOf('(') + 1, close);
    const f = s.slice(close + 2).split(' ');
    return { comm, pgrp: Number(f[2]) };
  } catch {
    return null;
  }
}

export const cpuAvailable = () => fs.existsSync('/proc/self/task');

/**
 * A reading of CPU ms per group: `groups` maps a name to a test on a process ({pid, comm, pgrp}).
 * Processes that start or end between two readings count only for the part seen.
 */
function readCpu(groups) {
  const out = Object.fromEntries(Object.keys(groups).map((k) => [k, 0]));
  if (!cpuAvailable()) return out;
  for (const pid of allPids()) {
    const st = statOf(pid);
    if (!st) continue;
    const p = { pid: Number(pid), ...st };
    for (const [name, test] of Object.entries(groups))
      if (test(p)) {
        out[name] += threadsNs(pid) / 1e6;
        break;
      }
  }
  return out;
}

/** Runs `work` and answers its result with the CPU ms each group used meanwhile. */
export async function withCpu(groups, work) {
  const before = readCpu(groups);
  const result = await work();
  const after = readCpu(groups);
  return { result, cpuMs: Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]])) };
}
