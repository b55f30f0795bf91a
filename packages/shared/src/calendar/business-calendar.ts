import { z } from 'zod';
import { CN_HOLIDAY_YEARS } from './china-holidays';

// All rules run on China time. China has had no DST since 1991, so a fixed +08:00 offset is exact
// and the host's TZ never matters.
export const CHINA_UTC_OFFSET_MINUTES = 480;
const OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// Bounds every day walk so a calendar without working time cannot loop forever.
const MAX_DAYS_SCANNED = 3_700;

const HHMM_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const WorkingPeriodSchema = z
  .strictObject({
    start: z.string().regex(HHMM_RE, '时间格式为 HH:MM / Use HH:MM'),
    end: z.string().regex(HHMM_RE, '时间格式为 HH:MM / Use HH:MM'),
  })
  .refine((p) => toMinutes(p.start) < toMinutes(p.end), { message: '结束时间须晚于开始时间 / End must follow start' });
export type WorkingPeriod = z.infer<typeof WorkingPeriodSchema>;

export const HolidayRangeSchema = z
  .strictObject({ name: z.string().trim().min(1).max(40), start: z.iso.date(), end: z.iso.date() })
  .refine((h) => h.start <= h.end, { message: '结束日期不能早于开始日期 / End date before start date' });
export type HolidayRange = z.infer<typeof HolidayRangeSchema>;

export const MakeupWorkdaySchema = z.strictObject({ date: z.iso.date(), name: z.string().trim().min(1).max(40) });
export type MakeupWorkday = z.infer<typeof MakeupWorkdaySchema>;

// One State Council notice: days off (放假调休) and weekend days worked instead (调休上班).
export const HolidayYearSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    source: z.string().trim().max(200),
    holidays: z.array(HolidayRangeSchema),
    makeupWorkdays: z.array(MakeupWorkdaySchema),
  })
  .refine(
    (y) => {
      const off = new Set(y.holidays.flatMap((h) => expandDates(h.start, h.end)));
      return y.makeupWorkdays.every((m) => !off.has(m.date));
    },
    { message: '调休上班日不能同时是假日 / A make-up workday cannot also be a holiday' },
  );
export type HolidayYear = z.infer<typeof HolidayYearSchema>;

export const BusinessCalendarSchema = z
  .strictObject({
    workingHours: z.array(WorkingPeriodSchema).min(1),
    // 0 = Sunday … 6 = Saturday, as Date#getUTCDay.
    weekendDays: z.array(z.number().int().min(0).max(6)).max(6),
    years: z.array(HolidayYearSchema),
  })
  .refine(
    (c) =>
      c.workingHours.every((p, i) => {
        const prev = c.workingHours[i - 1];
        return !prev || toMinutes(prev.end) <= toMinutes(p.start);
      }),
    { message: '工作时段须按时间先后排列且不重叠 / Working periods must be in order and not overlap' },
  );
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;

// Default office hours: 08:30–12:00 and 13:30–17:30 (7.5 h), the usual schedule with a lunch break at
// operator back offices; lunch does not count towards business-clock limits. Admins may change it.
export const DEFAULT_WORKING_HOURS: WorkingPeriod[] = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  workingHours: DEFAULT_WORKING_HOURS,
  weekendDays: [0, 6],
  years: [...CN_HOLIDAY_YEARS],
};

export type Instant = Date | number;

interface CompiledCalendar {
  periods: [number, number][]; // minutes after China midnight
  off: Map<string, string>; // date key → holiday name
  on: Set<string>;
  weekend: Set<number>;
  workMsPerDay: number;
}

function expandDates(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = dayNumberOfKey(start); d <= dayNumberOfKey(end); d++) out.push(keyOfDayNumber(d));
  return out;
}

// Compiled per call: calendars are small and admins may edit them, so no cache can go stale.
function compile(cal: BusinessCalendar): CompiledCalendar {
  const periods = cal.workingHours.map((p): [number, number] => [toMinutes(p.start), toMinutes(p.end)]);
  const off = new Map<string, string>();
  const on = new Set<string>();
  for (const y of cal.years) {
    for (const h of y.holidays) for (const k of expandDates(h.start, h.end)) off.set(k, h.name);
    for (const m of y.makeupWorkdays) on.add(m.date);
  }
  const workMsPerDay = periods.reduce((s, [a, b]) => s + (b - a) * MINUTE_MS, 0);
  return { periods, off, on, weekend: new Set(cal.weekendDays), workMsPerDay };
}

function toMs(d: Instant): number {
  const ms = typeof d === 'number' ? d : d.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid date');
  return ms;
}

const dayNumberOf = (ms: number): number => Math.floor((ms + OFFSET_MS) / DAY_MS);
const dayStartMs = (day: number): number => day * DAY_MS - OFFSET_MS;
const keyOfDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
function dayNumberOfKey(key: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`Invalid date key: ${key}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function workdayByNumber(day: number, c: CompiledCalendar): boolean {
  const key = keyOfDayNumber(day);
  if (c.on.has(key)) return true;
  if (c.off.has(key)) return false;
  return !c.weekend.has(new Date(day * DAY_MS).getUTCDay());
}

const dayOf = (date: Instant | string): number =>
  typeof date === 'string' ? dayNumberOfKey(date) : dayNumberOf(toMs(date));

/** The China calendar date of an instant, e.g. '2025-10-01'. */
export function chinaDateKey(at: Instant): string {
  return keyOfDayNumber(dayNumberOf(toMs(at)));
}

/** '2025-09-30 10:00' (China wall time) → the instant; seconds optional, 'T' also accepted. */
export function chinaTime(local: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local.trim());
  if (!m || !m[1]) throw new RangeError(`Invalid China local time: ${local}`);
  const [h, mi, s] = [m[2], m[3], m[4]].map((v) => Number(v ?? 0)) as [number, number, number];
  return new Date(dayStartMs(dayNumberOfKey(m[1])) + ((h * 60 + mi) * 60 + s) * 1000);
}

/** 2026-11-22 14:05 in China time, the format the UI shows. */
export function formatChinaTime(at: Instant): string {
  return new Date(toMs(at) + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** True on a working day: Mon–Fri unless a public holiday, plus make-up Saturdays/Sundays (调休). */
export function isWorkday(date: Instant | string, cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR): boolean {
  return workdayByNumber(dayOf(date), compile(cal));
}

/** Name of the public holiday on that date, or null. */
export function holidayName(date: Instant | string, cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR): string | null {
  return compile(cal).off.get(keyOfDayNumber(dayOf(date))) ?? null;
}

/** Whether the calendar holds the holiday notice for a year; without it only weekends are days off. */
export function calendarCoversYear(cal: BusinessCalendar, year: number): boolean {
  return cal.years.some((y) => y.year === year);
}

export function workingMinutesPerDay(cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR): number {
  return compile(cal).workMsPerDay / MINUTE_MS;
}

export function isWithinWorkingHours(at: Instant, cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR): boolean {
  const c = compile(cal);
  const ms = toMs(at);
  const day = dayNumberOf(ms);
  if (!workdayByNumber(day, c)) return false;
  const minute = (ms - dayStartMs(day)) / MINUTE_MS;
  return c.periods.some(([a, b]) => minute >= a && minute < b);
}

/** Moves forward by `ms` of working time; time outside working hours does not count. */
export function addWorkingMs(start: Instant, ms: number, cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR): Date {
  if (!(ms >= 0)) throw new RangeError('Working time to add must be ≥ 0');
  let cursor = toMs(start);
  if (ms === 0) return new Date(cursor);
  const c = compile(cal);
  if (c.workMsPerDay <= 0) throw new RangeError('The calendar has no working hours');
  let remaining = ms;
  let day = dayNumberOf(cursor);
  for (let i = 0; i < MAX_DAYS_SCANNED; i++, day++) {
    if (!workdayByNumber(day, c)) continue;
    const base = dayStartMs(day);
    for (const [a, b] of c.periods) {
      const periodEnd = base + b * MINUTE_MS;
      if (cursor >= periodEnd) continue;
      const from = Math.max(cursor, base + a * MINUTE_MS);
      // Landing exactly on a period end stays there (12:00, not 13:30).
      if (remaining <= periodEnd - from) return new Date(from + remaining);
      remaining -= periodEnd - from;
      cursor = periodEnd;
    }
  }
  throw new RangeError('No working time found within ten years; check the calendar');
}

export function addWorkingMinutes(
  start: Instant,
  minutes: number,
  cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): Date {
  return addWorkingMs(start, minutes * MINUTE_MS, cal);
}

/**
 * N working days = N full working days of working time. From inside working hours that is the same
 * clock time N working days later; from outside (night, weekend, holiday) it is the end of the Nth
 * working day, so "reply within 1 working day" on a Saturday means by Monday's close.
 */
export function addWorkingDays(start: Instant, days: number, cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR): Date {
  return addWorkingMs(start, days * compile(cal).workMsPerDay, cal);
}

/** Working time between two instants in ms; negative when `to` is before `from`. */
export function workingMsBetween(
  from: Instant,
  to: Instant,
  cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): number {
  const a = toMs(from);
  const b = toMs(to);
  if (b < a) return -workingMsBetween(b, a, cal);
  const c = compile(cal);
  let total = 0;
  for (let day = dayNumberOf(a); day <= dayNumberOf(b); day++) {
    if (!workdayByNumber(day, c)) continue;
    const base = dayStartMs(day);
    for (const [ps, pe] of c.periods) {
      const lo = Math.max(a, base + ps * MINUTE_MS);
      const hi = Math.min(b, base + pe * MINUTE_MS);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

export function workingMinutesBetween(
  from: Instant,
  to: Instant,
  cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): number {
  return workingMsBetween(from, to, cal) / MINUTE_MS;
}
