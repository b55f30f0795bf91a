import type { HolidayYear } from './business-calendar';

// Official arrangements, copied as plain data so an admin can edit or add years later.
// 2025: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12).
export const CN_HOLIDAYS_2025: HolidayYear = {
  year: 2025,
  source: '国务院办公厅关于2025年部分节假日安排的通知(国办发明电〔2024〕12号,2024年11月12日)',
  holidays: [
    { name: '元旦', start: '2025-01-01', end: '2025-01-01' },
    { name: '春节', start: '2025-01-28', end: '2025-02-04' },
    { name: '清明节', start: '2025-04-04', end: '2025-04-06' },
    { name: '劳动节', start: '2025-05-01', end: '2025-05-05' },
    { name: '端午节', start: '2025-05-31', end: '2025-06-02' },
    { name: '国庆节、中秋节', start: '2025-10-01', end: '2025-10-08' },
  ],
  makeupWorkdays: [
    { date: '2025-01-26', name: '春节调休' },
    { date: '2025-02-08', name: '春节调休' },
    { date: '2025-04-27', name: '劳动节调休' },
    { date: '2025-09-28', name: '国庆节调休' },
    { date: '2025-10-11', name: '国庆节调休' },
  ],
};

// 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, published by Xinhua the same day).
export const CN_HOLIDAYS_2026: HolidayYear = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日)',
  holidays: [
    { name: '元旦', start: '2026-01-01', end: '2026-01-03' },
    { name: '春节', start: '2026-02-15', end: '2026-02-23' },
    { name: '清明节', start: '2026-04-04', end: '2026-04-06' },
    { name: '劳动节', start: '2026-05-01', end: '2026-05-05' },
    { name: '端午节', start: '2026-06-19', end: '2026-06-21' },
    { name: '中秋节', start: '2026-09-25', end: '2026-09-27' },
    { name: '国庆节', start: '2026-10-01', end: '2026-10-07' },
  ],
  makeupWorkdays: [
    { date: '2026-01-04', name: '元旦调休' },
    { date: '2026-02-14', name: '春节调休' },
    { date: '2026-02-28', name: '春节调休' },
    { date: '2026-05-09', name: '劳动节调休' },
    { date: '2026-09-20', name: '国庆节调休' },
    { date: '2026-10-10', name: '国庆节调休' },
  ],
};

export const CN_HOLIDAY_YEARS: readonly HolidayYear[] = [CN_HOLIDAYS_2025, CN_HOLIDAYS_2026];
