import { describe, expect, it } from 'vitest';
import { everyDay } from '../opportunity-report.service';

const row = (date: string, created: number) => ({ date, created, claimed: 0, converted: 0 });
const dates = (rows: { date: string }[]) => rows.map((r) => r.date);

describe('everyDay (the daily trend of the opportunity report)', () => {
  it('puts a zero row on every day without opportunities, between the first and the last day with data', () => {
    const out = everyDay([row('2026-11-28', 2), row('2026-12-01', 1)], {}, '2026-12-03');
    expect(dates(out)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
    expect(out.map((r) => r.created)).toEqual([2, 0, 0, 1]);
  });

  it("spans the filter's days, but not past today", () => {
    const out = everyDay([row('2026-12-02', 3)], { from: '2026-11-30', to: '2027-01-31' }, '2026-12-03');
    expect(dates(out)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    expect(everyDay([], { from: '2026-12-01', to: '2026-12-02' }, '2026-12-03').map((r) => r.created)).toEqual([0, 0]);
    expect(everyDay([], { from: '2026-12-01' }, '2026-12-03')).toEqual([]);
  });

  it('crosses month and year ends, and starts at the data when the filter reaches back years', () => {
    expect(dates(everyDay([row('2026-12-31', 1), row('2027-01-01', 1)], {}, '2027-01-02'))).toEqual([
      '2026-12-31',
      '2027-01-01',
    ]);
    const long = everyDay([row('2026-06-01', 1), row('2026-06-03', 1)], { from: '2020-01-01' }, '2026-06-03');
    expect(dates(long)).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
    // data over more than 1,000 days: as it is, nothing lost
    const wide = [row('2022-01-01', 1), row('2026-06-03', 2)];
    expect(everyDay(wide, {}, '2026-06-03')).toEqual(wide);
  });
});
