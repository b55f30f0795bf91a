import http from 'node:http';
import * as smpp from 'smpp';

// A small SMSC for the browser tests: an SMPP server that accepts one transceiver bind, keeps every submit_sm it is
// given, and sends a customer's reply as deliver_sm when the test asks through a little HTTP API:
//   GET  /health                 {ok, bound}
//   GET  /messages?to=<phone>    the messages submitted (to that phone), newest first
//   POST /deliver {from, text}   a deliver_sm from that phone to the bound ESME (409 when none is bound)
// Run with `node --import tsx e2e/support/smsc.ts`; SMSC_PORT, SMSC_HTTP_PORT, SMSC_SYSTEM_ID, SMSC_PASSWORD.

const SMPP_PORT = Number(process.env.SMSC_PORT ?? 2775);
const HTTP_PORT = Number(process.env.SMSC_HTTP_PORT ?? 2776);
const SYSTEM_ID = process.env.SMSC_SYSTEM_ID ?? 'paidan';
const PASSWORD = process.env.SMSC_PASSWORD ?? 'secret';
const UCS2 = 0x08;
const ESME_RINVBNDSTS = 0x04;
const DELIVER_TIMEOUT_MS = 10_000;

export interface Submitted {
  id: string;
  to: string;
  from: string;
  text: string;
  dataCoding: number;
  at: string;
}

const messages: Submitted[] = [];
/** bound transceivers, oldest first; a reply goes to the newest */
const bound: smpp.Session[] = [];
let nextId = 1;
let nextDeliver = 1;
const STARTED = Date.now().toString(36);

/** The text of a submit_sm: message_payload when present, else short_message, decoded by data_coding. */
function textOf(pdu: smpp.PDU): string {
  const m = (pdu.message_payload ?? pdu.short_message) as { message?: string | Buffer } | string | Buffer | undefined;
  const raw = typeof m === 'object' && m !== null && !Buffer.isBuffer(m) ? m.message : m;
  if (typeof raw === 'string') return raw;
  if (!raw) return '';
  // the library decodes by data_coding; a bare buffer means it did not, so decode it here
  if ((Number(pdu.data_coding ?? 0) & 0x0f) === UCS2) return Buffer.from(raw).swap16().toString('utf16le');
  return raw.toString('latin1');
}

const server = smpp.createServer((session) => {
  let isBound = false;
  const unbound = () => {
    isBound = false;
    const i = bound.indexOf(session);
    if (i >= 0) bound.splice(i, 1);
  };
  session.on('bind_transceiver', (pdu: smpp.PDU) => {
    if (pdu.system_id !== SYSTEM_ID || pdu.password !== PASSWORD) {
      session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
      return;
    }
    isBound = true;
    bound.push(session);
    session.send(pdu.response({ system_id: 'smsc' }));
  });
  for (const cmd of ['bind_transmitter', 'bind_receiver'])
    session.on(cmd, (pdu: smpp.PDU) => session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL })));
  session.on('submit_sm', (pdu: smpp.PDU) => {
    if (!isBound) {
      session.send(pdu.response({ command_status: ESME_RINVBNDSTS }));
      return;
    }
    const id = `M${nextId++}`;
    messages.push({
      id,
      to: String(pdu.destination_addr ?? ''),
      from: String(pdu.source_addr ?? ''),
      text: textOf(pdu),
      dataCoding: Number(pdu.data_coding ?? 0),
      at: new Date().toISOString(),
    });
    session.send(pdu.response({ message_id: id }));
  });
  session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
  session.on('unbind', (pdu: smpp.PDU) => {
    unbound();
    session.send(pdu.response());
    session.close();
  });
  session.on('close', unbound);
  session.on('error', unbound);
});

/** Sends a reply to the newest bound ESME and resolves with the command_status of its deliver_sm_resp. */
function deliver(from: string, text: string): Promise<number> {
  const session = bound.at(-1)!;
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no deliver_sm_resp')), DELIVER_TIMEOUT_MS);
    const send = session['deliver_sm'] as (body: Record<string, unknown>, cb: (pdu: smpp.PDU) => void) => void;
    send.call(
      session,
      {
        source_addr: from,
        destination_addr: process.env.SMSC_SHORT_CODE ?? '10001',
        esm_class: 0,
        short_message: text,
        // the ESME handles one id once: unique across runs of this SMSC
        receipted_message_id: `R${STARTED}-${nextDeliver++}`,
      },
      (resp) => {
        clearTimeout(t);
        resolve(resp.command_status);
      },
    );
  });
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += String(chunk);
  const v: unknown = raw ? JSON.parse(raw) : {};
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

const control = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://smsc');
  void (async () => {
    if (req.method === 'GET' && url.pathname === '/health') return json(res, 200, { ok: true, bound: bound.length });
    if (req.method === 'GET' && url.pathname === '/messages') {
      const to = url.searchParams.get('to');
      return json(res, 200, messages.filter((m) => !to || m.to === to).reverse());
    }
    if (req.method === 'POST' && url.pathname === '/deliver') {
      const body = await readJson(req);
      if (typeof body.from !== 'string' || !body.from || typeof body.text !== 'string' || !body.text)
        return json(res, 400, { error: 'from and text are required' });
      if (!bound.length) return json(res, 409, { error: 'no ESME is bound' });
      const status = await deliver(body.from, body.text);
      return json(res, status === 0 ? 200 : 502, { status });
    }
    json(res, 404, { error: 'not found' });
  })().catch((e: unknown) => json(res, 500, { error: (e as Error).message }));
});

server.listen(SMPP_PORT, '127.0.0.1', () => {
  control.listen(HTTP_PORT, '127.0.0.1', () =>
    console.log(`SMSC: SMPP on 127.0.0.1:${SMPP_PORT}, control on http://127.0.0.1:${HTTP_PORT}`),
  );
});

for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    control.close();
    server.close();
    process.exit(0);
  });
