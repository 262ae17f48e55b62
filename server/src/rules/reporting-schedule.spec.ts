import { addDays, addMonths, planReportingPeriods, targetProgress } from './reporting-schedule';

describe('reporting schedule', () => {
  it('adds months with the day clamped to the month’s end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('tiles the grant with consecutive periods, the last one cut at the end date', () => {
    const periods = planReportingPeriods('2026-04-01', '2027-05-15', 'semiannual');
    expect(periods).toEqual([
      { label: 'Period 1', startDate: '2026-04-01', endDate: '2026-09-30', dueDate: '2026-10-30' },
      { label: 'Period 2', startDate: '2026-10-01', endDate: '2027-03-31', dueDate: '2027-04-30' },
      { label: 'Period 3', startDate: '2027-04-01', endDate: '2027-05-15', dueDate: '2027-06-14' },
    ]);
    for (let i = 1; i < periods.length; i++) {
      expect(addDays(periods[i - 1].endDate, 1)).toBe(periods[i].startDate);
    }
  });

  it('names calendar quarters and years, and makes one period for a one-day grant', () => {
    expect(planReportingPeriods('2026-01-01', '2027-12-31', 'annual').map((p) => p.label)).toEqual(['2026', '2027']);
    expect(planReportingPeriods('2026-07-01', '2026-09-30', 'quarterly').map((p) => p.label)).toEqual(['2026 Q3']);
    expect(planReportingPeriods('2026-05-05', '2026-05-05', 'quarterly')).toEqual([
      { label: 'Period 1', startDate: '2026-05-05', endDate: '2026-05-05', dueDate: '2026-06-04' },
    ]);
  });

  it('measures progress from baseline to target in the desired direction', () => {
    expect(targetProgress('increase', 0.2, 0.6, null)).toBeNull();
    expect(targetProgress('increase', 0.2, 0.6, 0.5)).toBeCloseTo(0.75, 12);
    expect(targetProgress('increase', null, 200, 250)).toBeCloseTo(1.25, 12);
    expect(targetProgress('increase', 0.3, 0.6, 0.2)).toBeCloseTo(-1 / 3, 12);
    expect(targetProgress('decrease', 40, 20, 30)).toBeCloseTo(0.5, 12);
    expect(targetProgress('decrease', null, 20, 15)).toBe(1);
    expect(targetProgress('decrease', null, 20, 40)).toBeCloseTo(0.5, 12);
    expect(targetProgress('increase', 5, 5, 5)).toBe(1);
    expect(targetProgress('decrease', 5, 5, 6)).toBe(0);
  });
});
