// Many users at the same moment, each on its own kept-alive HTTP/1.1 connection, as browsers that already have the
// page open are. The requests are written back to back; each one's time runs from its own write to its answer.
import net from 'node:net';

/** One kept-alive connection that carries one request at a time (Content-Length answers only, as the API sends). */
export function openConnection(base) {
  const u = new URL(base);
  const host = u.host;
  const sock = net.connect(Number(u.port), u.hostname);
  sock.setNoDelay(true);
  let buf = Buffer.alloc(0);
  let waiting = null;
  let failed = null;
  const fail = (e) => {
    failed = e;
    const w = waiting;
    waiting = null;
    w?.reject(e);
  };
  sock.on('error', fail);
  sock.on('close', () => fail(new Error('connection closed')));
  sock.on('data', (d) => {
    buf = buf.length ? Buffer.concat([buf, d]) : d;
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      const m = /\r\ncontent-length: *(\d+)/i.exec(head);
      const len = m ? Number(m[1]) : 0;
      if (buf.length < end + 4 + len) return;
      const status = Number(head.slice(9, 12));
      const body = buf.subarray(end + 4, end + 4 + len).toString('utf8');
      buf = buf.subarray(end + 4 + len);
      const w = waiting;
      waiting = null;
      w?.resolve({ status, body, at: performance.now() });
    }
  });
  const ready = new Promise((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  return {
    ready,
    /** The raw request for this connection. */
    request(method, path, headers = {}, body) {
      const lines = [`${method} ${path} HTTP/1.1`, `host: ${host}`];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      if (body != null) lines.push('content-type: application/json', `content-length: ${Buffer.byteLength(body)}`);
      return `${lines.join('\r\n')}\r\n\r\n${body ?? ''}`;
    },
    /** Writes a prepared request; resolves with status, body and the moment the answer was complete. */
    send(raw) {
      if (failed) return Promise.reject(failed);
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        sock.write(raw);
      });
    },
    close() {
      sock.removeAllListeners('close');
      sock.destroy();
    },
  };
}

/** Writes every prepared request, one per connection, back to back; answers with each one's status, body and ms. */
export async function burst(conns, raws) {
  const started = [];
  const pending = conns.map((c, i) => {
    started[i] = performance.now();
    return c.send(raws[i]);
  });
  const answers = await Promise.all(pending);
  return answers.map((a, i) => ({ status: a.status, body: a.body, ms: a.at - started[i] }));
}
