// A browser's live stream (GET /api/events) on a connection of its own, as a page that has the pool open holds it.
// The answer is chunked (no length is known in advance); each event is handed to `onEvent(name, data)`.
import net from 'node:net';

export function openEventStream(base, path, cookie, onEvent) {
  const u = new URL(base);
  const sock = net.connect(Number(u.port), u.hostname);
  sock.setNoDelay(true);
  let ready;
  const opened = new Promise((resolve, reject) => (ready = { resolve, reject }));
  let head = true;
  let raw = Buffer.alloc(0); // bytes not yet de-chunked
  let text = ''; // de-chunked text not yet split into events
  sock.on('connect', () =>
    sock.write(`GET ${path} HTTP/1.1\r\nhost: ${u.host}\r\ncookie: ${cookie}\r\naccept: text/event-stream\r\n\r\n`),
  );
  sock.on('error', (e) => ready.reject(e));
  sock.on('data', (d) => {
    raw = raw.length ? Buffer.concat([raw, d]) : d;
    if (head) {
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = Number(raw.subarray(9, 12).toString('latin1'));
      if (status !== 200) {
        ready.reject(new Error(`${path} answered ${status}`));
        sock.destroy();
        return;
      }
      head = false;
      raw = raw.subarray(end + 4);
      ready.resolve();
    }
    // chunks: "<size in hex>\r\n<size bytes>\r\n"
    for (;;) {
      const eol = raw.indexOf('\r\n');
      if (eol < 0) break;
      const size = parseInt(raw.subarray(0, eol).toString('latin1'), 16);
      if (raw.length < eol + 2 + size + 2) break;
      text += raw.subarray(eol + 2, eol + 2 + size).toString('utf8');
      raw = raw.subarray(eol + 2 + size + 2);
    }
    let sep;
    while ((sep = text.indexOf('\n\n')) >= 0) {
      const frame = text.slice(0, sep);
      text = text.slice(sep + 2);
      let name = 'message';
      let data = null;
      for (const line of frame.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data = JSON.parse(line.slice(6));
      }
      if (data !== null) onEvent(name, data);
    }
  });
  return {
    opened,
    close: () => sock.destroy(),
  };
}
