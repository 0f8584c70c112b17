/**
 * A date slot (AMAZON.DATE / Google date) as a range of calendar days in the past.
 * Alexa resolves "Monday" to the coming Monday; for questions about spending the
 * customer means the last one, so dates in the coming week move back a week.
 */
import { addDays, isIsoDate } from '../dates';

export interface DayRange {
  readonly from: string;
  readonly to: string;
}

function isoWeekStart(year: number, week: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7));
  return addDays(mondayOfWeek1, (week - 1) * 7);
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export function parseDateSlot(value: string | undefined, today: string): DayRange | undefined {
  if (!value) return undefined;
  const day = value.trim();
  if (isIsoDate(day)) {
    const past = day > today && day <= addDays(today, 7) ? addDays(day, -7) : day;
    return { from: past, to: past };
  }
  const week = /^(\d{4})-W(\d{2})(-WE)?$/.exec(day);
  if (week) {
    const start = isoWeekStart(Number(week[1]), Number(week[2]));
    return week[3] ? { from: addDays(start, 5), to: addDays(start, 6) } : { from: start, to: addDays(start, 6) };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(day);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    return { from: `${month[1]}-${month[2]}-01`, to: lastDayOfMonth(Number(month[1]), Number(month[2])) };
  }
  return undefined;
}
