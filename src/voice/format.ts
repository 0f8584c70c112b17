/** Money and dates as a speaker of the locale says and reads them. */
import { daysBetween } from '../dates';
import { currencyExponent, type Money, toDecimal } from '../money';
import type { Spoken } from './spoken';
import { plain } from './spoken';

const numberFormats = new Map<string, Intl.NumberFormat>();

function cachedFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) {
    format = make();
    numberFormats.set(key, format);
  }
  return format;
}

/** "$1,234.56", "2540,18 €": exact, from the decimal string, never through a float. */
export function moneyText(amount: Money, locale: string): string {
  const format = cachedFormat(
    `${locale}|${amount.currency}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency: amount.currency }),
  );
  // Intl formats decimal strings exactly (NumberFormat v3); the cast only bridges the TS lib types.
  return format.format(toDecimal(amount) as unknown as number);
}

export interface CurrencyWords {
  readonly one: string;
  readonly many: string;
  readonly minorOne: string;
  readonly minorMany: string;
  readonly minus: string;
}

/** Units and cents in words: "2540 euros con 18 céntimos". */
export function moneyInWords(amount: Money, locale: string, words: CurrencyWords, joiner: string): string {
  const exponent = currencyExponent(amount.currency);
  const scale = 10 ** exponent;
  const magnitude = Math.abs(amount.minor);
  const units = Math.trunc(magnitude / scale);
  const cents = magnitude % scale;
  const sign = amount.minor < 0 ? `${words.minus} ` : '';
  const unitFormat = cachedFormat(`${locale}|int`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }));
  const unitText = `${unitFormat.format(units)} ${units === 1 ? words.one : words.many}`;
  const centText = `${cents} ${cents === 1 ? words.minorOne : words.minorMany}`;
  if (cents === 0) return sign + unitText;
  if (units === 0) return sign + centText;
  return `${sign}${unitText} ${joiner} ${centText}`;
}

export interface DayWords {
  readonly today: string;
  readonly yesterday: string;
  readonly tomorrow: string;
  /** "on Tuesday" / "el martes". */
  readonly onWeekday: (weekday: string) => string;
  /** "on November 3" / "el 3 de noviembre". */
  readonly onDate: (date: string) => string;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cachedDateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  return format;
}

/** A calendar date relative to today: "today", "yesterday", "on Tuesday", "on November 3". */
export function relativeDay(isoDate: string, today: string, locale: string, words: DayWords): Spoken {
  const offset = daysBetween(today, isoDate);
  if (offset === 0) return plain(words.today);
  if (offset === -1) return plain(words.yesterday);
  if (offset === 1) return plain(words.tomorrow);
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Math.abs(offset) < 7) {
    return plain(words.onWeekday(cachedDateFormat(locale, { weekday: 'long' }).format(date)));
  }
  const sameYear = isoDate.slice(0, 4) === today.slice(0, 4);
  const options: Intl.DateTimeFormatOptions = sameYear
    ? { month: 'long', day: 'numeric' }
    : { month: 'long', day: 'numeric', year: 'numeric' };
  return plain(words.onDate(cachedDateFormat(locale, options).format(date)));
}

export interface PeriodWords {
  /** "in November", "en noviembre de 2025". */
  readonly inMonth: (month: string) => string;
  readonly inYear: (year: string) => string;
  /** "between November 2 and November 8". */
  readonly between: (from: string, to: string) => string;
}

function isFirstOfMonth(isoDate: string): boolean {
  return isoDate.endsWith('-01');
}

function isLastOfMonth(isoDate: string): boolean {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).getUTCDate() === 1;
}

/**
 * A range of days as the question put it: one day relative to today, a whole month or
 * year by its name, anything else from its first to its last day. The year is said only
 * when it is not this one.
 */
export function relativePeriod(
  range: { readonly from: string; readonly to: string },
  today: string,
  locale: string,
  days: DayWords,
  words: PeriodWords,
): Spoken {
  const { from, to } = range;
  if (from === to) return relativeDay(from, today, locale, days);
  const thisYear = today.slice(0, 4);
  const withYear = (iso: string) => iso.slice(0, 4) !== thisYear || to.slice(0, 4) !== from.slice(0, 4);
  const date = (iso: string, options: Intl.DateTimeFormatOptions) =>
    cachedDateFormat(locale, withYear(iso) ? { ...options, year: 'numeric' } : options).format(
      new Date(`${iso}T00:00:00Z`),
    );
  if (from.slice(0, 7) === to.slice(0, 7) && isFirstOfMonth(from) && isLastOfMonth(to)) {
    return plain(words.inMonth(date(from, { month: 'long' })));
  }
  if (from.slice(0, 4) === to.slice(0, 4) && from.endsWith('-01-01') && to.endsWith('-12-31')) {
    return plain(words.inYear(from.slice(0, 4)));
  }
  const day: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric' };
  return plain(words.between(date(from, day), date(to, day)));
}
