import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { orderLookup, registerOrderLookup, type OrderLookup, type OrderSummary } from '../../../contracts/orders';
import { runDueJobs } from '../../../platform/jobs/job-runner';
import type { TestServer } from '../../../../test/harness';
import { makePng } from '../signing-demo';

/** A hand-drawn-looking stroke (a sine wave) on a transparent pad, as the signature pad exports it. */
export const drawnSignature = () =>
  `data:image/png;base64,${makePng(300, 100, (x, y) =>
    Math.abs(y - (50 + 30 * Math.sin(x / 20))) < 3 ? [20, 20, 20, 255] : [0, 0, 0, 0],
  ).toString('base64')}`;
export const blankSignature = () => `data:image/png;base64,${makePng(300, 100, () => [0, 0, 0, 0]).toString('base64')}`;
/** A distinct "photo" per seed: the test OCR engine recognises it by its bytes. */
export const photo = (seed: number) =>
  makePng(40, 30, (x, y) => [(x * seed) % 256, (y * 7 + seed) % 256, seed % 256, 255]);

export interface TestOrder {
  id: number;
  number: string;
  customerId: number;
  orderType: OrderSummary['orderType'];
  items: OrderSummary['items'];
  contactName: string;
  contactPhone: string;
}

/**
 * Puts an in-test order lookup in place of the ordering module's; the returned function puts the previous one back
 * (test files share a worker's modules, so the next file must find the real one again).
 */
export function useTestOrderLookup(orders: TestOrder[]): () => void {
  const previous = orderLookup();
  registerOrderLookup(testOrderLookup(orders));
  return () => {
    if (previous) registerOrderLookup(previous);
  };
}

/** An in-test OrderLookup over orders the test defines: the interface is the contract the ordering module fulfils. */
export function testOrderLookup(orders: TestOrder[]): OrderLookup {
  const ref = (o: TestOrder) => ({
    id: o.id,
    number: o.number,
    customerId: o.customerId,
    state: 'acknowledged' as const,
    stage: 'accepted' as const,
    preAcceptanceNo: null,
    totalOneTimeFen: o.items.reduce((a, i) => a + i.oneTimeFen * i.quantity, 0),
    totalMonthlyFen: o.items.reduce((a, i) => a + i.monthlyFen * i.quantity, 0),
  });
  return {
    async byNumber(_ex, number) {
      const o = orders.find((x) => x.number === number);
      return o ? ref(o) : null;
    },
    async byId(_ex, id) {
      const o = orders.find((x) => x.id === id);
      return o ? ref(o) : null;
    },
    async summary(ex, id) {
      const o = orders.find((x) => x.id === id);
      if (!o) return null;
      // the caller's executor: inside its transaction
      const c = await ex
        .selectFrom('customers')
        .select(['name', 'credit_code', 'address'])
        .where('id', '=', o.customerId)
        .executeTakeFirstOrThrow();
      return {
        order: ref(o),
        orderType: o.orderType,
        customerName: c.name,
        customerCreditCode: c.credit_code,
        contactName: o.contactName,
        contactPhone: o.contactPhone,
        installAddress: c.address,
        items: o.items,
        createdAt: new Date(),
      };
    },
  };
}

/** Delivers queued SMS to the outbox, then returns the newest message of a template to a phone. */
export async function lastSms(s: TestServer, phone: string, template: string) {
  await runDueJobs(s.ctx, { types: ['sms.send'] });
  return s.ctx.db
    .selectFrom('sms_messages')
    .select(['id', 'body', 'params', 'template'])
    .where('phone', '=', phone)
    .where('template', '=', template)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export const tokenOf = (body: string) => /\/s\/([\w~.-]+)/.exec(body)?.[1] ?? '';

export function pdfText(pdf: Buffer): string {
  const f = path.join(os.tmpdir(), `signing-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(f, pdf);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(f, { force: true });
  }
}

export function pdfsig(pdf: Buffer): string {
  const f = path.join(os.tmpdir(), `signing-sig-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(f, pdf);
  try {
    return execFileSync('pdfsig', [f], { encoding: 'utf8' });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  } finally {
    fs.rmSync(f, { force: true });
  }
}

export function multipart(field: string, filename: string, data: Buffer, mime: string) {
  const boundary = `----paidan${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
