/**
 * Spoken dates to the values AMAZON.DATE sends: an ISO day ("2026-11-28"), a month
 * ("2026-11"), an ISO week ("2026-W48") or a weekend ("2026-W48-WE"). English and
 * Spanish: today/hoy, yesterday/ayer, weekday names, "last week"/"la semana pasada",
 * "June 3rd"/"el 3 de junio", a month ("October"/"octubre de 2025"), and ISO dates typed
 * as such.
 *
 * Everything is relative to `today` (an ISO day the caller computes in the customer's
 * time zone) and resolved into the past: the simulator answers questions about
 * spending, and the core moves a date in the coming week back a week anyway, as
 * Alexa resolves "Friday" to the next one (src/core/date-range.ts).
 */
import { addDays, isIsoDate } from '../dates';
import type { NumberLanguage } from './numbers';

const WEEKDAYS: Readonly<Record<NumberLanguage, readonly string[]>> = {
  // Index = JavaScript getUTCDay(): Sunday first.
  en: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
  es: ['domingo', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado'],
};

const MONTHS: Readonly<Record<NumberLanguage, ReadonlyMap<string, number>>> = {
  en: new Map(
    [
      ['january', 'jan'],
      ['february', 'feb'],
      ['march', 'mar'],
      ['april', 'apr'],
      ['may', 'may'],
      ['june', 'jun'],
      ['july', 'jul'],
      ['august', 'aug'],
      ['september', 'sep'],
      ['october', 'oct'],
      ['november', 'nov'],
      ['december', 'dec'],
    ].flatMap(([full, short], i) => [
      [full as string, i + 1],
      [short as string, i + 1],
    ]),
  ),
  es: new Map([
    ['enero', 1],
    ['febrero', 2],
    ['marzo', 3],
    ['abril', 4],
    ['mayo', 5],
    ['junio', 6],
    ['julio', 7],
    ['agosto', 8],
    ['septiembre', 9],
    ['setiembre', 9],
    ['octubre', 10],
    ['noviembre', 11],
    ['diciembre', 12],
  ]),
};

const ORDINALS = new Map<string, number>(
  [
    'first',
    'second',
    'third',
    'fourth',
    'fifth',
    'sixth',
    'seventh',
    'eighth',
    'ninth',
    'tenth',
    'eleventh',
    'twelfth',
    'thirteenth',
    'fourteenth',
    'fifteenth',
    'sixteenth',
    'seventeenth',
    'eighteenth',
    'nineteenth',
    'twentieth',
  ].map((word, i) => [word, i + 1]),
);
ORDINALS.set('thirtieth', 30);
ORDINALS.set('primero', 1);

/** Words in front of a date that say nothing about it. */
const LEADING: Readonly<Record<NumberLanguage, ReadonlySet<string>>> = {
  en: new Set(['on', 'in', 'the', 'of', 'for', 'from', 'since']),
  es: new Set(['el', 'en', 'del', 'la', 'de', 'desde']),
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function weekdayOf(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** The most recent `weekday` on or before today, or strictly before when `strictlyPast`. */
function lastWeekday(today: string, weekday: number, strictlyPast: boolean): string {
  let back = (weekdayOf(today) - weekday + 7) % 7;
  if (back === 0 && strictlyPast) back = 7;
  return addDays(today, -back);
}

/** ISO 8601 week ("2026-W48") of a day. */
function isoWeekOf(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  const thursday = addDays(iso, 3 - ((date.getUTCDay() + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - jan1) / 86_400_000 / 7) + 1;
  return `${year}-W${pad(week)}`;
}

function previousMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
}

/** A day of the month: "3", "3rd", "third", "20 third" (twenty third), "30 first". */
function dayOf(words: readonly string[]): number | undefined {
  const [first, second] = words;
  if (first === undefined) return undefined;
  const digits = /^(\d{1,2})(st|nd|rd|th|o|a)?$/.exec(first);
  if (digits && words.length === 1) return Number(digits[1]);
  if (words.length === 1) return ORDINALS.get(first);
  if (words.length === 2 && (first === '20' || first === '30') && second !== undefined) {
    const unit = ORDINALS.get(second);
    return unit !== undefined && unit < 10 ? Number(first) + unit : undefined;
  }
  return undefined;
}

/** A calendar day without a year: the latest one not after today. */
function dayInPast(today: string, month: number, day: number, year?: number): string | undefined {
  const thisYear = year ?? Number(today.slice(0, 4));
  const candidate = `${thisYear}-${pad(month)}-${pad(day)}`;
  if (!isIsoDate(candidate)) return year === undefined ? dayInPast(today, month, day, thisYear - 1) : undefined;
  if (year === undefined && candidate > today) return dayInPast(today, month, day, thisYear - 1);
  return candidate;
}

/** "june 3rd", "3 june", "3 of june", "3 de junio", "3 de junio de 2026". */
function monthDay(words: readonly string[], language: NumberLanguage, today: string): string | undefined {
  const months = MONTHS[language];
  const monthAt = words.findIndex((word) => months.has(word));
  if (monthAt < 0) return undefined;
  const month = months.get(words[monthAt] ?? '') ?? 0;
  let before = words.slice(0, monthAt);
  let after = words.slice(monthAt + 1);
  // A trailing year: "june 3rd 2026", "3 de junio de 2026".
  let year: number | undefined;
  const last = after[after.length - 1];
  if (last && /^\d{4}$/.test(last)) {
    year = Number(last);
    after = after.slice(0, -1);
    if (after[after.length - 1] === 'de' || after[after.length - 1] === 'of') after = after.slice(0, -1);
  }
  if (before[before.length - 1] === 'of' || before[before.length - 1] === 'de') before = before.slice(0, -1);
  const day = before.length > 0 && after.length === 0 ? dayOf(before) : before.length === 0 ? dayOf(after) : undefined;
  return day === undefined ? undefined : dayInPast(today, month, day, year);
}

/** A month on its own ("october", "octubre de 2025"): the latest one not after this month, or that year's. */
function bareMonth(words: readonly string[], language: NumberLanguage, today: string): string | undefined {
  const month = MONTHS[language].get(words[0] ?? '');
  if (month === undefined) return undefined;
  let rest = words.slice(1);
  if (rest[0] === 'of' || rest[0] === 'de' || rest[0] === 'del') rest = rest.slice(1);
  if (rest.length > 1 || (rest.length === 1 && !/^\d{4}$/.test(rest[0] ?? ''))) return undefined;
  const thisYear = Number(today.slice(0, 4));
  const year = rest.length === 1 ? Number(rest[0]) : month > Number(today.slice(5, 7)) ? thisYear - 1 : thisYear;
  return `${year}-${pad(month)}`;
}

function relative(phrase: string, language: NumberLanguage, today: string): string | undefined {
  const table: Readonly<Record<string, () => string>> =
    language === 'en'
      ? {
          today: () => today,
          yesterday: () => addDays(today, -1),
          'day before yesterday': () => addDays(today, -2),
          'this week': () => isoWeekOf(today),
          'last week': () => isoWeekOf(addDays(today, -7)),
          'past week': () => isoWeekOf(addDays(today, -7)),
          'this weekend': () => `${isoWeekOf(today)}-WE`,
          'last weekend': () => `${isoWeekOf(addDays(today, -7))}-WE`,
          'this month': () => today.slice(0, 7),
          'last month': () => previousMonth(today),
        }
      : {
          hoy: () => today,
          ayer: () => addDays(today, -1),
          anteayer: () => addDays(today, -2),
          antier: () => addDays(today, -2),
          'antes de ayer': () => addDays(today, -2),
          'esta semana': () => isoWeekOf(today),
          'semana pasada': () => isoWeekOf(addDays(today, -7)),
          'este fin de semana': () => `${isoWeekOf(today)}-WE`,
          'fin de semana pasado': () => `${isoWeekOf(addDays(today, -7))}-WE`,
          'este mes': () => today.slice(0, 7),
          'mes pasado': () => previousMonth(today),
        };
  return table[phrase]?.();
}

function weekday(words: readonly string[], language: NumberLanguage, today: string): string | undefined {
  const names = WEEKDAYS[language];
  let rest = [...words];
  let strictlyPast = false;
  const qualifiers = language === 'en' ? ['last', 'past', 'this'] : ['pasado', 'este', 'esta'];
  if (rest[0] !== undefined && qualifiers.includes(rest[0])) {
    strictlyPast = rest[0] === 'last' || rest[0] === 'past' || rest[0] === 'pasado';
    rest = rest.slice(1);
  }
  if (rest[1] === 'pasado') {
    strictlyPast = true;
    rest = rest.slice(0, 1);
  }
  if (rest.length !== 1) return undefined;
  const index = names.indexOf(rest[0] ?? '');
  return index < 0 ? undefined : lastWeekday(today, index, strictlyPast);
}

/**
 * The AMAZON.DATE value for normalised words (accents folded, numbers as digits), or
 * undefined when they are not a date this simulator understands.
 */
export function parseSpokenDate(words: readonly string[], language: NumberLanguage, today: string): string | undefined {
  const leading = LEADING[language];
  let start = 0;
  while (start < words.length - 1 && leading.has(words[start] ?? '')) start++;
  const rest = words.slice(start);
  const phrase = rest.join(' ');
  if (rest.length === 1 && (isIsoDate(phrase) || /^\d{4}-(0[1-9]|1[0-2])$/.test(phrase))) return phrase;
  return (
    relative(phrase, language, today) ??
    weekday(rest, language, today) ??
    bareMonth(rest, language, today) ??
    monthDay(rest, language, today)
  );
}
