import { addDays, type DayKind } from './calendar.js';

/**
 * Mainland China's public holidays and make-up working days (调休), as published each year by the
 * General Office of the State Council (国务院办公厅关于…部分节假日安排的通知):
 * 2025 — 国办发明电〔2024〕12号; 2026 — 国办发明电〔2025〕7号.
 * Ranges are inclusive. Add a year here when its notice comes out; admins can also edit a year
 * through the API (PUT /api/sla/calendars/:id/days?year=…).
 */
export interface HolidayRule {
  from: string;
  to: string;
  kind: DayKind;
  name: string;
  nameEn: string;
}

export interface OfficialDay {
  day: string;
  kind: DayKind;
  name: string;
  nameEn: string;
}

const off = (from: string, to: string, name: string, nameEn: string): HolidayRule => ({ from, to, kind: 'holiday', name, nameEn });
const work = (day: string, name: string, nameEn: string): HolidayRule => ({
  from: day,
  to: day,
  kind: 'workday',
  name: `${name}调休上班`,
  nameEn: `${nameEn} make-up working day`,
});

export const CN_HOLIDAY_RULES: Readonly<Record<number, readonly HolidayRule[]>> = {
  2025: [
    off('2025-01-01', '2025-01-01', '元旦', "New Year's Day"),
    off('2025-01-28', '2025-02-04', '春节', 'Spring Festival'),
    work('2025-01-26', '春节', 'Spring Festival'),
    work('2025-02-08', '春节', 'Spring Festival'),
    off('2025-04-04', '2025-04-06', '清明节', 'Qingming Festival'),
    off('2025-05-01', '2025-05-05', '劳动节', 'Labour Day'),
    work('2025-04-27', '劳动节', 'Labour Day'),
    off('2025-05-31', '2025-06-02', '端午节', 'Dragon Boat Festival'),
    off('2025-10-01', '2025-10-08', '国庆节、中秋节', 'National Day and Mid-Autumn Festival'),
    work('2025-09-28', '国庆节', 'National Day'),
    work('2025-10-11', '国庆节', 'National Day'),
  ],
  2026: [
    off('2026-01-01', '2026-01-03', '元旦', "New Year's Day"),
    work('2026-01-04', '元旦', "New Year's Day"),
    off('2026-02-15', '2026-02-23', '春节', 'Spring Festival'),
    work('2026-02-14', '春节', 'Spring Festival'),
    work('2026-02-28', '春节', 'Spring Festival'),
    off('2026-04-04', '2026-04-06', '清明节', 'Qingming Festival'),
    off('2026-05-01', '2026-05-05', '劳动节', 'Labour Day'),
    work('2026-05-09', '劳动节', 'Labour Day'),
    off('2026-06-19', '2026-06-21', '端午节', 'Dragon Boat Festival'),
    off('2026-09-25', '2026-09-27', '中秋节', 'Mid-Autumn Festival'),
    off('2026-10-01', '2026-10-07', '国庆节', 'National Day'),
    work('2026-09-20', '国庆节', 'National Day'),
    work('2026-10-10', '国庆节', 'National Day'),
  ],
};

/** The years with an official schedule in this module. */
export const CN_HOLIDAY_YEARS = Object.keys(CN_HOLIDAY_RULES).map(Number);

/** One year's official days, one entry per date, in date order. */
export function officialDays(year: number): OfficialDay[] {
  const days: OfficialDay[] = [];
  for (const rule of CN_HOLIDAY_RULES[year] ?? []) {
    for (let day = rule.from; day <= rule.to; day = addDays(day, 1)) {
      days.push({ day, kind: rule.kind, name: rule.name, nameEn: rule.nameEn });
    }
  }
  return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
