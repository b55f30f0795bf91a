import { describe, it, expect } from 'vitest';
import {
  BusinessCalendarSchema,
  DEFAULT_BUSINESS_CALENDAR,
  addWorkingDays,
  addWorkingMinutes,
  calendarCoversYear,
  chinaDateKey,
  chinaTime,
  formatChinaTime,
  holidayName,
  isWithinWorkingHours,
  isWorkday,
  workingMinutesBetween,
  workingMinutesPerDay,
  type BusinessCalendar,
} from './business-calendar';

describe('China time helpers', () => {
  it('uses a fixed +08:00 offset whatever the host timezone', () => {
    expect(chinaTime('2025-10-01 00:30').toISOString()).toBe('2025-09-30T16:30:00.000Z');
    expect(chinaDateKey(new Date('2025-09-30T16:30:00Z'))).toBe('2025-10-01');
    expect(chinaDateKey(new Date('2025-09-30T15:59:59Z'))).toBe('2025-09-30');
    expect(formatChinaTime(new Date('2026-11-22T06:05:00Z'))).toBe('2026-11-22 14:05');
    expect(() => chinaTime('2025/10/01')).toThrow(RangeError);
  });
});

describe('isWorkday', () => {
  it('knows the 2025 National Day holiday and its make-up days', () => {
    expect(isWorkday('2025-09-26')).toBe(true); // Friday
    expect(isWorkday('2025-09-27')).toBe(false); // Saturday
    expect(isWorkday('2025-09-28')).toBe(true); // make-up Sunday
    for (const d of ['2025-10-01', '2025-10-03', '2025-10-06', '2025-10-08']) expect(isWorkday(d)).toBe(false);
    expect(isWorkday('2025-10-09')).toBe(true);
    expect(isWorkday('2025-10-11')).toBe(true); // make-up Saturday
    expect(isWorkday('2025-10-12')).toBe(false);
    expect(holidayName('2025-10-06')).toBe('国庆节、中秋节');
    expect(holidayName('2025-10-09')).toBeNull();
  });

  it('knows the 2026 arrangements', () => {
    expect(isWorkday('2026-01-02')).toBe(false);
    expect(isWorkday('2026-01-04')).toBe(true); // Sunday worked
    expect(isWorkday('2026-02-14')).toBe(true);
    expect(isWorkday('2026-02-23')).toBe(false); // Monday off
    expect(isWorkday('2026-05-09')).toBe(true);
    expect(isWorkday('2026-09-20')).toBe(true);
    expect(isWorkday('2026-09-25')).toBe(false); // Mid-Autumn
    expect(isWorkday('2026-10-07')).toBe(false);
    expect(isWorkday('2026-10-08')).toBe(true);
    expect(isWorkday('2026-10-10')).toBe(true);
  });

  it('judges an instant by its China date, not the UTC date', () => {
    // 2025-09-30 23:30 UTC is already 1 October in China.
    expect(isWorkday(new Date('2025-09-30T23:30:00Z'))).toBe(false);
    expect(isWorkday(new Date('2025-09-30T15:30:00Z'))).toBe(true);
  });

  it('falls back to Monday–Friday for a year without a holiday notice', () => {
    expect(calendarCoversYear(DEFAULT_BUSINESS_CALENDAR, 2026)).toBe(true);
    expect(calendarCoversYear(DEFAULT_BUSINESS_CALENDAR, 2027)).toBe(false);
    expect(isWorkday('2027-01-01')).toBe(true); // a Friday, no data
    expect(isWorkday('2027-01-02')).toBe(false);
  });
});

describe('working hours', () => {
  it('defaults to 08:30–12:00 and 13:30–17:30', () => {
    expect(workingMinutesPerDay()).toBe(450);
    expect(isWithinWorkingHours(chinaTime('2025-11-17 08:30'))).toBe(true);
    expect(isWithinWorkingHours(chinaTime('2025-11-17 12:30'))).toBe(false);
    expect(isWithinWorkingHours(chinaTime('2025-11-17 17:30'))).toBe(false);
    expect(isWithinWorkingHours(chinaTime('2025-11-15 10:00'))).toBe(false); // Saturday
  });
});

describe('addWorkingMinutes', () => {
  it('skips the lunch break', () => {
    expect(formatChinaTime(addWorkingMinutes(chinaTime('2025-11-17 11:00'), 120))).toBe('2025-11-17 14:30');
  });

  it('stops at the end of a period rather than jumping past lunch', () => {
    expect(formatChinaTime(addWorkingMinutes(chinaTime('2025-11-17 11:00'), 60))).toBe('2025-11-17 12:00');
  });

  it('spills over the evening and the weekend', () => {
    expect(formatChinaTime(addWorkingMinutes(chinaTime('2025-11-17 17:00'), 60))).toBe('2025-11-18 09:00');
    expect(formatChinaTime(addWorkingMinutes(chinaTime('2025-11-14 17:00'), 60))).toBe('2025-11-17 09:00');
  });

  it('starts counting at the next opening when started outside hours', () => {
    expect(formatChinaTime(addWorkingMinutes(chinaTime('2025-11-15 10:00'), 30))).toBe('2025-11-17 09:00');
    expect(formatChinaTime(addWorkingMinutes(chinaTime('2025-11-17 12:15'), 30))).toBe('2025-11-17 14:00');
  });

  it('spills over the National Day holiday', () => {
    expect(formatChinaTime(addWorkingMinutes(chinaTime('2025-09-30 17:00'), 60))).toBe('2025-10-09 09:00');
  });

  it('refuses negative amounts', () => {
    expect(() => addWorkingMinutes(chinaTime('2025-11-17 09:00'), -1)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('crosses 国庆 2025 and counts the make-up Saturday', () => {
    const start = chinaTime('2025-09-30 10:00');
    expect(formatChinaTime(addWorkingDays(start, 1))).toBe('2025-10-09 10:00');
    expect(formatChinaTime(addWorkingDays(start, 3))).toBe('2025-10-11 10:00');
    expect(formatChinaTime(addWorkingDays(start, 4))).toBe('2025-10-13 10:00');
  });

  it('counts the make-up Sunday before 国庆 2025', () => {
    expect(formatChinaTime(addWorkingDays(chinaTime('2025-09-26 10:00'), 1))).toBe('2025-09-28 10:00');
  });

  it('crosses 中秋 and 国庆 2026', () => {
    expect(formatChinaTime(addWorkingDays(chinaTime('2026-09-30 10:00'), 3))).toBe('2026-10-10 10:00');
    expect(formatChinaTime(addWorkingDays(chinaTime('2026-09-24 15:00'), 2))).toBe('2026-09-29 15:00');
  });

  it('ends at the close of the Nth working day when started outside hours', () => {
    expect(formatChinaTime(addWorkingDays(chinaTime('2025-11-15 10:00'), 1))).toBe('2025-11-17 17:30');
    expect(formatChinaTime(addWorkingDays(chinaTime('2025-11-17 20:00'), 1))).toBe('2025-11-18 17:30');
  });
});

describe('workingMinutesBetween', () => {
  it('counts only working time', () => {
    expect(workingMinutesBetween(chinaTime('2025-11-14 16:00'), chinaTime('2025-11-17 10:00'))).toBe(180);
    expect(workingMinutesBetween(chinaTime('2025-09-30 17:00'), chinaTime('2025-10-09 09:00'))).toBe(60);
    expect(workingMinutesBetween(chinaTime('2025-11-17 10:00'), chinaTime('2025-11-14 16:00'))).toBe(-180);
  });

  it('is the inverse of addWorkingMinutes', () => {
    const start = chinaTime('2025-09-26 16:45');
    const end = addWorkingMinutes(start, 1000);
    expect(workingMinutesBetween(start, end)).toBe(1000);
  });
});

describe('calendar data', () => {
  it('is plain JSON that validates and works after a round trip', () => {
    const copy = JSON.parse(JSON.stringify(DEFAULT_BUSINESS_CALENDAR)) as BusinessCalendar;
    expect(BusinessCalendarSchema.parse(copy)).toEqual(DEFAULT_BUSINESS_CALENDAR);
    expect(isWorkday('2025-10-11', copy)).toBe(true);
  });

  it('supports other office hours', () => {
    const cal: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, workingHours: [{ start: '09:00', end: '17:30' }] };
    expect(workingMinutesPerDay(cal)).toBe(510);
    expect(formatChinaTime(addWorkingMinutes(chinaTime('2025-11-17 11:00'), 120, cal))).toBe('2025-11-17 13:00');
  });

  it('rejects overlapping periods and a make-up day that is also a holiday', () => {
    const overlapping = {
      ...DEFAULT_BUSINESS_CALENDAR,
      workingHours: [
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '17:30' },
      ],
    };
    expect(BusinessCalendarSchema.safeParse(overlapping).success).toBe(false);
    const clash = {
      ...DEFAULT_BUSINESS_CALENDAR,
      years: [
        {
          year: 2025,
          source: 'test',
          holidays: [{ name: 'x', start: '2025-10-01', end: '2025-10-08' }],
          makeupWorkdays: [{ date: '2025-10-02', name: 'y' }],
        },
      ],
    };
    expect(BusinessCalendarSchema.safeParse(clash).success).toBe(false);
  });
});
