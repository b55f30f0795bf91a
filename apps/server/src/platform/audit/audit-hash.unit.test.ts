import { describe, expect, it } from 'vitest';
import { sha256 } from '../util/crypto';
import { auditHash, auditHashPieces, canonicalJson, GENESIS_HASH, type AuditHashInput } from './audit-hash';
import { parseStoredInstant } from './audit-verify';

const event: AuditHashInput = {
  seq: 7,
  occurredAt: new Date('2026-11-22T06:05:00.123Z'),
  actorId: 3,
  actorName: '陈建华',
  action: 'customer.updated',
  entityType: 'customer',
  entityId: '42',
  ip: '127.0.0.1',
  userAgent: 'vitest',
  requestId: 'req-1',
  before: { name: '旧名称', contacts: [{ name: '张三', isPrimary: true }], version: 1 },
  after: { name: '新名称', contacts: [{ name: '张三', isPrimary: true }], version: 2 },
  prevHash: GENESIS_HASH,
};

// jsonb hands keys back sorted by length, then bytes: a different order from the one written.
function jsonbOrder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(jsonbOrder);
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(keys.map((k) => [k, jsonbOrder((v as Record<string, unknown>)[k])]));
  }
  return v;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops undefined members, writes null for a missing value and ISO text for dates', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.006Z') })).toBe('{"at":"2026-01-02T03:04:05.006Z"}');
  });

  it('is unchanged by a trip through JSON text in another key order', () => {
    const v = { 长: '中文', a: { y: [1, 'x', { q: true, p: 1.5 }], x: -0.25 }, bb: 'quote " and \\ slash' };
    const text = canonicalJson(v);
    expect(canonicalJson(JSON.parse(JSON.stringify(jsonbOrder(JSON.parse(text)))))).toBe(text);
  });
});

describe('auditHash', () => {
  // Computed independently: sha256 of the sorted-key JSON (Python json.dumps(sort_keys=True)).
  it('is a known value for a known event, so a change of the recipe cannot pass unnoticed', () => {
    expect(auditHash(event)).toBe('6c4ad29e917b639b90ef91ce201a47038df8c1e1e9a2edffe4adc9b7e88c27ef');
  });

  it('does not depend on key order inside before/after', () => {
    const reordered = { ...event, before: jsonbOrder(event.before), after: jsonbOrder(event.after) };
    expect(auditHash(reordered)).toBe(auditHash(event));
  });

  it('changes with every field, nested values and the timestamp to the millisecond', () => {
    const h = auditHash(event);
    const variants: Partial<AuditHashInput>[] = [
      { seq: 8 },
      { occurredAt: new Date('2026-11-22T06:05:00.124Z') },
      { actorId: 4 },
      { actorName: '陈建' },
      { action: 'customer.created' },
      { entityType: 'user' },
      { entityId: '43' },
      { ip: '127.0.0.2' },
      { userAgent: null },
      { requestId: 'req-2' },
      { before: null },
      { after: { ...(event.after as object), contacts: [{ name: '张三', isPrimary: false }] } },
      { prevHash: 'f'.repeat(64) },
    ];
    for (const v of variants) expect(auditHash({ ...event, ...v }), JSON.stringify(v)).not.toBe(h);
  });

  it('treats a missing before/after as null', () => {
    expect(auditHash({ ...event, before: undefined })).toBe(auditHash({ ...event, before: null }));
  });
});

describe('parseStoredInstant', () => {
  it('accepts the millisecond instants that are written and refuses extra precision', () => {
    expect(parseStoredInstant('2026-11-22T06:05:00.123000Z')?.toISOString()).toBe('2026-11-22T06:05:00.123Z');
    expect(parseStoredInstant('2026-11-22T06:05:00.123456Z')).toBeNull();
    expect(parseStoredInstant('garbage')).toBeNull();
  });
});

describe('auditHashPieces', () => {
  // what audit_append (migration 0052) does with them in the database
  const complete = (p: { pre: string; mid: string; post: string }, prevHash: string, seq: number) =>
    sha256(`${p.pre}${JSON.stringify(prevHash)}${p.mid}${seq}${p.post}`);

  it('leaves exactly the prevHash and the seq for the chain to fill in: the result is auditHash', () => {
    const { seq, prevHash, ...rest } = event;
    expect(complete(auditHashPieces(rest), prevHash, seq)).toBe(auditHash(event));
    const later = { ...event, seq: 123456789, prevHash: 'ab'.repeat(32) };
    expect(complete(auditHashPieces(rest), later.prevHash, later.seq)).toBe(auditHash(later));
  });

  it('is not fooled by data that looks like the chain fields', () => {
    const tricky = {
      ...event,
      entityId: '"seq":1,"prevHash":"x"',
      before: { prevHash: 'fake', seq: 99, nested: { seq: '"prevHash":' } },
      after: null,
      actorName: null,
    };
    const { seq, prevHash, ...rest } = tricky;
    expect(complete(auditHashPieces(rest), prevHash, seq)).toBe(auditHash(tricky));
  });
});
