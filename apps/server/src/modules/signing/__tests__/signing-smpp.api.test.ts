import type { AddressInfo } from 'node:net';
import * as smpp from 'smpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { runDueJobs } from '../../../platform/jobs/job-runner';
import { useTestOrderLookup } from './signing-fixtures';

// Mode 1 end to end over SMPP: a local SMSC from the smpp package on loopback receives our submit_sm and sends the
// customer's "KT" back as deliver_sm.
const PHONE = '13916000201';
let smsc: smpp.Server;
let port = 0;
const submitted: { to: string; text: string; coding: number }[] = [];
let esme: smpp.Session | null = null;
let binds = 0;
let s: TestServer;
let agent: Client;

const textOf = (pdu: smpp.PDU) => {
  const m = (pdu.message_payload ?? pdu.short_message) as { message?: string } | undefined;
  return String(m?.message ?? '');
};

let restoreOrderLookup = () => {};

beforeAll(async () => {
  smsc = smpp.createServer((session) => {
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      if (pdu.system_id !== 'paidan' || pdu.password !== 'secret') {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        return;
      }
      binds++;
      esme = session;
      session.send(pdu.response());
    });
    session.on('submit_sm', (pdu: smpp.PDU) => {
      submitted.push({ to: String(pdu.destination_addr), text: textOf(pdu), coding: Number(pdu.data_coding) });
      session.send(pdu.response({ message_id: `M${submitted.length}` }));
    });
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('error', () => undefined);
  });
  await new Promise<void>((r) => smsc.listen(0, '127.0.0.1', () => r()));
  port = (smsc.address() as AddressInfo).port;
  s = await startTestServer({
    smsAdapter: 'smpp',
    smpp: { host: '127.0.0.1', port, systemId: 'paidan', password: 'secret', sourceAddr: '10001', systemType: '' },
  });
  const c = await s.ctx.db
    .selectFrom('customers')
    .select('id')
    .where('name', '=', '上海浦江智造科技有限公司')
    .executeTakeFirstOrThrow();
  restoreOrderLookup = useTestOrderLookup([
    {
      id: 11,
      number: 'DD-SMPP-1',
      customerId: c.id,
      orderType: 'change',
      items: [
        {
          productCode: 'FLOW_PACK',
          productName: '流量叠加包',
          offerName: '0元叠加包',
          specs: '10GB',
          quantity: 1,
          oneTimeFen: 0,
          monthlyFen: 0,
        },
      ],
      contactName: '赵经办',
      contactPhone: PHONE,
    },
  ]);
  agent = await s.as('agent01');
});
afterAll(async () => {
  restoreOrderLookup();
  await s?.close();
  await new Promise<void>((r) => smsc.close(() => r()));
});

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function deliver(from: string, text: string, esmClass = 0) {
  return new Promise<void>((resolve) => {
    const send = esme!['deliver_sm'] as (b: Record<string, unknown>, cb: () => void) => void;
    send.call(esme, { source_addr: from, destination_addr: '10001', esm_class: esmClass, short_message: text }, () =>
      resolve(),
    );
  });
}

describe('SMPP adapter', () => {
  it('binds as transceiver at start', async () => {
    await until(async () => binds > 0 && esme);
    expect(binds).toBe(1);
  });

  it('sends the signing SMS by submit_sm (UCS-2, long text in message_payload), once per key', async () => {
    const res = await agent.post('/api/signing/requests', {
      kind: 'order',
      ref: 'DD-SMPP-1',
      signerName: '赵经办',
      signerPhone: PHONE,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mode).toBe('sms_reply');
    await runDueJobs(s.ctx, { types: ['sms.send'] });
    const m = submitted.find((x) => x.to === PHONE && x.text.includes('回复 KT'));
    expect(m).toBeTruthy();
    expect(m!.coding).toBe(8);
    expect(m!.text).toContain('/s/');
    const row = await s.ctx.db
      .selectFrom('sms_messages')
      .selectAll()
      .where('phone', '=', PHONE)
      .where('direction', '=', 'out')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.adapter).toBe('smpp');
    expect(row.provider_id).toMatch(/^M\d+$/);
  });

  it('a KT reply arriving as deliver_sm signs the newest open request for that phone', async () => {
    const id = (await agent.get('/api/signing/requests?q=DD-SMPP-1')).json().items[0].id;
    // a delivery receipt is not a reply
    await deliver(PHONE, 'id:M1 stat:DELIVRD', 0x04);
    await deliver(PHONE, 'KT');
    const d = await until(async () => {
      const x = (await agent.get(`/api/signing/requests/${id}`)).json();
      return x.status === 'signed' ? x : null;
    });
    expect(
      d.timeline.some(
        (e: { action: string; detail: { matched?: boolean } }) => e.action === 'signing.sms_reply' && e.detail?.matched,
      ),
    ).toBe(true);
    const inbound = await s.ctx.db.selectFrom('sms_messages').selectAll().where('direction', '=', 'in').execute();
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ phone: PHONE, body: 'KT', adapter: 'smpp', status: 'received' });
    // the confirmation goes out over SMPP
    await runDueJobs(s.ctx, { types: ['sms.send'] });
    expect(submitted.some((x) => x.to === PHONE && x.text.includes('您已完成签约'))).toBe(true);
  });

  it('a late reply gets an explanatory SMS over SMPP', async () => {
    await deliver(`86${PHONE}`, 'KT');
    await until(
      async () =>
        (await s.ctx.db.selectFrom('sms_messages').select('id').where('direction', '=', 'in').execute()).length === 2,
    );
    await until(async () => {
      await runDueJobs(s.ctx, { types: ['sms.send'] });
      return submitted.some((x) => x.to === PHONE && x.text.includes('本次回复未生效'));
    });
  });
});
