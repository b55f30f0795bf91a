export type { AuditEvent, AuditVerifyResult } from '@paidan/shared';

export interface AuditFilters {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: number;
  from?: string;
  to?: string;
}

export interface DiffRow {
  field: string;
  before: string | undefined;
  after: string | undefined;
  change: 'added' | 'removed' | 'changed' | 'same';
}

const show = (v: unknown): string | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v, null, 1);

function asRecord(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  return { value: v };
}

/** Field-by-field comparison of an event's before and after snapshots. */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const b = asRecord(before) ?? {};
  const a = asRecord(after) ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((field) => {
    const bv = show(b[field]);
    const av = show(a[field]);
    const change: DiffRow['change'] = !(field in b)
      ? 'added'
      : !(field in a)
        ? 'removed'
        : bv === av
          ? 'same'
          : 'changed';
    return { field, before: bv, after: av, change };
  });
}
