/**
 * A date slot (AMAZON.DATE / Google date) as a range of calendar days in the past. The
 * customer asks about what happened, but Alexa resolves "Monday", "December" or "this
 * winter" to the coming one: a period that has not begun yet moves back to the matching
 * past one (a week for a day or weekend, a year for a date, month or season); a period
 * with no past match ("next week", "2030") is 'future', for "I can only look back".
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

function monthRange(year: number, month: number): DayRange {
  return { from: `${year}-${String(month).padStart(2, '0')}-01`, to: lastDayOfMonth(year, month) };
}

/** The same period a year earlier (29 February becomes the 28th). */
function yearEarlier(range: DayRange): DayRange {
  const back = (iso: string) => {
    const candidate = `${Number(iso.slice(0, 4)) - 1}${iso.slice(4)}`;
    return isIsoDate(candidate) ? candidate : `${Number(iso.slice(0, 4)) - 1}-02-28`;
  };
  return { from: back(range.from), to: back(range.to) };
}

/** Alexa's seasons: spring March–May, summer June–August, fall September–November, winter December–February. */
const SEASONS: Readonly<Record<string, readonly [number, number]>> = {
  SP: [3, 5],
  SU: [6, 8],
  FA: [9, 11],
  WI: [12, 14],
};

function seasonRange(year: number, season: string): DayRange | undefined {
  const months = SEASONS[season];
  if (!months) return undefined;
  const [first, last] = months;
  const end = last > 12 ? lastDayOfMonth(year + 1, last - 12) : lastDayOfMonth(year, last);
  return { from: monthRange(year, first).from, to: end };
}

/** What was said, as a range of days, without looking at today. */
function rangeOf(value: string, today: string): DayRange | undefined {
  if (value === 'PRESENT_REF') return { from: today, to: today };
  if (isIsoDate(value)) return { from: value, to: value };
  const week = /^(\d{4})-W(\d{2})(-WE)?$/.exec(value);
  if (week) {
    const start = isoWeekStart(Number(week[1]), Number(week[2]));
    return week[3] ? { from: addDays(start, 5), to: addDays(start, 6) } : { from: start, to: addDays(start, 6) };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return monthRange(Number(month[1]), Number(month[2]));
  const season = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value);
  if (season) return seasonRange(Number(season[1]), season[2] as string);
  const year = /^(\d{4})$/.exec(value);
  if (year) return { from: `${year[1]}-01-01`, to: `${year[1]}-12-31` };
  const decade = /^(\d{3})X$/.exec(value);
  if (decade) return { from: `${decade[1]}0-01-01`, to: `${decade[1]}9-12-31` };
  return undefined;
}

/** What the customer meant, for a question about the past. Undefined: no usable date (read the latest). */
export function parseDateSlot(value: string | undefined, today: string): DayRange | 'future' | undefined {
  const said = value?.trim();
  if (!said) return undefined;
  const range = rangeOf(said, today);
  if (!range) return undefined;
  if (range.from <= today) return range;
  // A day or a weekend in the coming week: the last one ("Monday" said on a Sunday).
  const isDay = range.from === range.to;
  const isWeekend = /-WE$/.test(said);
  if ((isDay || isWeekend) && range.from <= addDays(today, 7)) {
    return { from: addDays(range.from, -7), to: addDays(range.to, -7) };
  }
  // A date, month or season still to come this year: the one before ("December" said in November).
  if (/^\d{4}-(\d{2}(-\d{2})?|SP|SU|FA|WI)$/.test(said)) {
    const earlier = yearEarlier(range);
    if (earlier.from <= today) return earlier;
  }
  return 'future';
}
