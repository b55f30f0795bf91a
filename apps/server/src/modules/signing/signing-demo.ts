import zlib from 'node:zlib';
import { idCardCheckChar } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { buildAuthContext } from '../../platform/auth/scope';
import { withTx } from '../../platform/db/database';
import { signingService } from './signing.service';
import { signingRepo } from './signing.repo';
import { audit, finalizeSigning } from './signing-finalize';

/** A real PNG, drawn pixel by pixel (RGBA): demo signatures, and test images. */
export function makePng(w: number, h: number, px: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0;
    for (let x = 0; x < w; x++) raw.set(px(x, y), y * (w * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A pen stroke across a transparent pad, varied by seed. */
export function strokePng(seed = 1): Buffer {
  return makePng(300, 100, (x, y) =>
    Math.abs(y - (50 + (22 + seed * 3) * Math.sin(x / (14 + seed)))) < 2.5 ? [20, 20, 30, 255] : [0, 0, 0, 0],
  );
}

const DAY = 86400_000;

/**
 * Demo signing history: agreements (授权委托书, 业务用途说明) sent to demo enterprises over the last weeks, signed,
 * declined, expired, under review and still open, so the lists, detail pages and figures show something true.
 * Orders join once the ordering module is present.
 */
export async function seedSigningDemo(ctx: AppContext): Promise<void> {
  const admin = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'org_id', 'org_path', 'customer_id', 'lang'])
    .where('username', '=', 'agent01')
    .executeTakeFirst();
  if (!admin) return;
  const actor: Actor = {
    auth: buildAuthContext(
      {
        id: admin.id,
        username: admin.username,
        displayName: admin.display_name,
        role: admin.role as 'hotline_agent',
        orgId: admin.org_id,
        orgPath: admin.org_path,
        customerId: admin.customer_id,
        lang: admin.lang as 'zh',
      },
      null,
      null,
    ),
    ip: '10.8.1.20',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/128',
    requestId: null,
  };
  const customers = await ctx.db
    .selectFrom('customers as c')
    .innerJoin('customer_contacts as k', 'k.customer_id', 'c.id')
    .select(['c.id', 'c.name', 'k.name as contact', 'k.phone'])
    .where('k.is_primary', '=', true)
    .orderBy('c.id')
    .limit(12)
    .execute();
  const svc = signingService(ctx);
  const plan: {
    outcome: 'signed' | 'declined' | 'expired' | 'open' | 'opened' | 'review';
    days: number;
    minutes: number;
    code: string;
    mode?: 'online';
  }[] = [
    { outcome: 'signed', days: 18, minutes: 12, code: 'power_of_attorney' },
    { outcome: 'declined', days: 9, minutes: 30, code: 'usage_statement' },
    { outcome: 'signed', days: 7, minutes: 240, code: 'power_of_attorney', mode: 'online' },
    { outcome: 'expired', days: 6, minutes: 0, code: 'usage_statement' },
    { outcome: 'signed', days: 4, minutes: 18, code: 'usage_statement' },
    { outcome: 'review', days: 2, minutes: 40, code: 'power_of_attorney', mode: 'online' },
    { outcome: 'open', days: 0, minutes: 0, code: 'usage_statement' },
  ];
  const agents = ['周晓梅', '陈立军', '王芳', '刘洋', '赵敏', '孙浩', '钱丽', '吴刚', '郑爽', '冯涛'];
  for (const [i, p] of plan.entries()) {
    const c = customers[i % customers.length];
    if (!c) break;
    const first17 = `3101151990030${String(7200 + i).padStart(4, '0')}`;
    const params: Record<string, string> =
      p.code === 'power_of_attorney'
        ? { agentName: agents[i]!, agentIdNumber: first17 + idCardCheckChar(first17) }
        : {};
    let detail;
    try {
      detail = await svc.create(actor, {
        kind: 'agreement',
        ref: p.code,
        customerId: c.id,
        signerName: c.contact,
        signerPhone: c.phone,
        expiresInHours: 72,
        params,
        ...(p.mode ? { mode: p.mode } : {}),
      });
    } catch {
      continue;
    }
    const sentAt = new Date(Date.now() - p.days * DAY - 3 * 3600_000);
    const signedAt = new Date(sentAt.getTime() + p.minutes * 60_000);
    await withTx(ctx.db, async (tx) => {
      await signingRepo.update(tx, detail.id, {
        sent_at: sentAt,
        created_at: sentAt,
        expires_at: new Date(sentAt.getTime() + 3 * DAY),
        opened_at: p.outcome === 'open' ? null : new Date(sentAt.getTime() + Math.min(p.minutes, 5) * 60_000),
        code_verified_at: p.outcome === 'open' ? null : new Date(sentAt.getTime() + Math.min(p.minutes, 6) * 60_000),
        status: p.outcome === 'open' ? 'sent' : 'opened',
      });
      const row = (await signingRepo.lock(tx, detail.id))!;
      const signer: Actor = {
        auth: null,
        ip: `117.136.${i}.${20 + i}`,
        userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5) Mobile/15E148',
        requestId: null,
      };
      if (p.outcome === 'signed' && !p.mode) {
        await finalizeSigning(ctx, tx, signer, row, {
          channel: 'web',
          ip: signer.ip,
          userAgent: signer.userAgent,
          signaturePng: strokePng(i),
          review: null,
        });
        await signingRepo.update(tx, row.id, { signed_at: signedAt, closed_at: signedAt });
      } else if (p.outcome === 'signed' || p.outcome === 'review') {
        // mode 3 without a liveness vendor: the signer's signature waits for staff review
        const ocr = {
          licence: { companyName: c.name, creditCode: '（演示）', legalRep: '—', confidence: 86 },
          idCard: { name: agents[i]!, idNumberMasked: '3101**********201X', confidence: 90 },
          mismatches: [],
          matchedAs: 'agent',
          liveness: { status: 'not_configured', provider: '未配置活体检测服务', detail: '需人工审核' },
        };
        await signingRepo.update(tx, row.id, {
          status: 'review',
          signed_at: signedAt,
          sign_ip: signer.ip,
          sign_user_agent: signer.userAgent,
          sign_channel: 'web',
          ocr: JSON.stringify(ocr),
        });
        await audit(tx, signer, 'signing.review_requested', row.id, { reasons: ['未配置活体检测服务'] });
        if (p.outcome === 'signed') {
          const again = (await signingRepo.lock(tx, row.id))!;
          again.signature_key = null;
          await finalizeSigning(ctx, tx, actor, again, {
            channel: 'web',
            ip: signer.ip,
            userAgent: signer.userAgent,
            signaturePng: strokePng(i),
            review: { by: '张江区局 主管', byId: admin.id, note: '已电话回访经办人，确认本人办理' },
          });
        }
      } else if (p.outcome === 'declined') {
        await signingRepo.update(tx, row.id, {
          status: 'declined',
          closed_at: signedAt,
          decline_reason: '用途说明需内部再确认',
        });
        await audit(tx, signer, 'signing.declined', row.id, { reason: '用途说明需内部再确认' });
      } else if (p.outcome === 'expired') {
        await signingRepo.update(tx, row.id, { status: 'expired', closed_at: new Date(sentAt.getTime() + 3 * DAY) });
        await audit(tx, { ...signer, ip: null, userAgent: 'system' }, 'signing.expired', row.id, {});
      }
    });
  }
}
