import dayjs from 'dayjs';

/** 2026-11-22 14:05 */
export function fmtDateTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = dayjs(v);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : '—';
}

export function fmtDateTimeSec(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = dayjs(v);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : '—';
}
