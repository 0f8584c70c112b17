/**
 * Spoken numbers to digits, in English and Spanish, the way a speech recogniser hands
 * them to Alexa's NUMBER and FOUR_DIGIT_NUMBER slots: "forty five" → 45,
 * "mil doscientos" → 1200, and a run of single digits ("two four six eight") → the
 * digit string "2468", leading zeros kept, because that is how PINs and codes are said.
 *
 * Works on words already normalised by ./text (lower case, accents folded), so the
 * tables below are written without accents. The same conversion runs over the model's
 * samples and over what the developer types, so a sample such as "one more time" still
 * matches: both sides become "1 more time".
 */

export type NumberLanguage = 'en' | 'es';

export function languageOf(locale: string): NumberLanguage {
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/**
 * How a word takes part in a cardinal number:
 * - digit 0–9, teen 10–19 (and Spanish 21–29, which are single words), tens 20…90;
 * - hundred: the English multiplier; hundreds: a Spanish word worth n×100 on its own;
 * - scale: thousand / million (multiplies everything so far in this group).
 */
type Kind = 'digit' | 'teen' | 'tens' | 'hundred' | 'hundreds' | 'scale';

interface NumberWord {
  readonly kind: Kind;
  readonly value: number;
}

const w = (kind: Kind, value: number): NumberWord => ({ kind, value });

const ENGLISH: ReadonlyMap<string, NumberWord> = new Map([
  ['zero', w('digit', 0)],
  ['one', w('digit', 1)],
  ['two', w('digit', 2)],
  ['three', w('digit', 3)],
  ['four', w('digit', 4)],
  ['five', w('digit', 5)],
  ['six', w('digit', 6)],
  ['seven', w('digit', 7)],
  ['eight', w('digit', 8)],
  ['nine', w('digit', 9)],
  ['ten', w('teen', 10)],
  ['eleven', w('teen', 11)],
  ['twelve', w('teen', 12)],
  ['thirteen', w('teen', 13)],
  ['fourteen', w('teen', 14)],
  ['fifteen', w('teen', 15)],
  ['sixteen', w('teen', 16)],
  ['seventeen', w('teen', 17)],
  ['eighteen', w('teen', 18)],
  ['nineteen', w('teen', 19)],
  ['twenty', w('tens', 20)],
  ['thirty', w('tens', 30)],
  ['forty', w('tens', 40)],
  ['fifty', w('tens', 50)],
  ['sixty', w('tens', 60)],
  ['seventy', w('tens', 70)],
  ['eighty', w('tens', 80)],
  ['ninety', w('tens', 90)],
  ['hundred', w('hundred', 100)],
  ['thousand', w('scale', 1000)],
  ['million', w('scale', 1_000_000)],
]);

const SPANISH: ReadonlyMap<string, NumberWord> = new Map([
  ['cero', w('digit', 0)],
  ['uno', w('digit', 1)],
  // "un" and "una" are articles ("haz un pago"): only numbers before mil/millón (see below).
  ['dos', w('digit', 2)],
  ['tres', w('digit', 3)],
  ['cuatro', w('digit', 4)],
  ['cinco', w('digit', 5)],
  ['seis', w('digit', 6)],
  ['siete', w('digit', 7)],
  ['ocho', w('digit', 8)],
  ['nueve', w('digit', 9)],
  ['diez', w('teen', 10)],
  ['once', w('teen', 11)],
  ['doce', w('teen', 12)],
  ['trece', w('teen', 13)],
  ['catorce', w('teen', 14)],
  ['quince', w('teen', 15)],
  ['dieciseis', w('teen', 16)],
  ['diecisiete', w('teen', 17)],
  ['dieciocho', w('teen', 18)],
  ['diecinueve', w('teen', 19)],
  ['veinte', w('tens', 20)],
  ['veintiuno', w('teen', 21)],
  ['veintiun', w('teen', 21)],
  ['veintiuna', w('teen', 21)],
  ['veintidos', w('teen', 22)],
  ['veintitres', w('teen', 23)],
  ['veinticuatro', w('teen', 24)],
  ['veinticinco', w('teen', 25)],
  ['veintiseis', w('teen', 26)],
  ['veintisiete', w('teen', 27)],
  ['veintiocho', w('teen', 28)],
  ['veintinueve', w('teen', 29)],
  ['treinta', w('tens', 30)],
  ['cuarenta', w('tens', 40)],
  ['cincuenta', w('tens', 50)],
  ['sesenta', w('tens', 60)],
  ['setenta', w('tens', 70)],
  ['ochenta', w('tens', 80)],
  ['noventa', w('tens', 90)],
  ['cien', w('hundreds', 100)],
  ['ciento', w('hundreds', 100)],
  ['doscientos', w('hundreds', 200)],
  ['doscientas', w('hundreds', 200)],
  ['trescientos', w('hundreds', 300)],
  ['trescientas', w('hundreds', 300)],
  ['cuatrocientos', w('hundreds', 400)],
  ['cuatrocientas', w('hundreds', 400)],
  ['quinientos', w('hundreds', 500)],
  ['quinientas', w('hundreds', 500)],
  ['seiscientos', w('hundreds', 600)],
  ['seiscientas', w('hundreds', 600)],
  ['setecientos', w('hundreds', 700)],
  ['setecientas', w('hundreds', 700)],
  ['ochocientos', w('hundreds', 800)],
  ['ochocientas', w('hundreds', 800)],
  ['novecientos', w('hundreds', 900)],
  ['novecientas', w('hundreds', 900)],
  ['mil', w('scale', 1000)],
  ['millon', w('scale', 1_000_000)],
  ['millones', w('scale', 1_000_000)],
]);

const TABLES: Readonly<Record<NumberLanguage, ReadonlyMap<string, NumberWord>>> = { en: ENGLISH, es: SPANISH };
/** The word that joins parts of one number: "two hundred and fifty", "cuarenta y cinco". */
const JOINER: Readonly<Record<NumberLanguage, string>> = { en: 'and', es: 'y' };
/** Articles that mean 1 only in front of a multiplier: "a hundred", "un millón". */
const ONE_BEFORE_MULTIPLIER: Readonly<Record<NumberLanguage, ReadonlySet<string>>> = {
  en: new Set(['a', 'one']),
  es: new Set(['un']),
};

/** One output word and the input words it came from (end exclusive). */
export interface ConvertedWord {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** True when number words were turned into digits here. */
  readonly converted: boolean;
}

interface Cardinal {
  readonly value: number;
  /** Input words consumed. */
  readonly length: number;
}

/** Looks a word up, accepting "a"/"un" as 1 only when a multiplier follows. */
function numberWordAt(words: readonly string[], i: number, language: NumberLanguage): NumberWord | undefined {
  const word = words[i] ?? '';
  const found = TABLES[language].get(word);
  if (found) return found;
  if (ONE_BEFORE_MULTIPLIER[language].has(word)) {
    const next = TABLES[language].get(words[i + 1] ?? '');
    if (next && (next.kind === 'hundred' || next.kind === 'scale')) return w('digit', 1);
  }
  return undefined;
}

/**
 * The longest well-formed cardinal starting at `start`, or undefined. Grammar, per
 * group below a scale word: [digit hundred | hundreds] [and] [teen | tens [y] [digit] | digit],
 * then optionally a larger scale word and another group. A word that cannot continue
 * the number ends it, so "five six" is two numbers (handled as a digit run by the caller).
 */
function readCardinal(words: readonly string[], start: number, language: NumberLanguage): Cardinal | undefined {
  let total = 0;
  let group = 0;
  /** The last piece read, to know what may follow. */
  let last: Kind | 'start' | 'zero' = 'start';
  let smallestScale = Infinity;
  let consumed = 0;
  let i = start;
  while (i < words.length) {
    let word = numberWordAt(words, i, language);
    let step = 1;
    // A joiner counts only between parts of one number.
    if (!word && words[i] === JOINER[language] && last !== 'start') {
      const next = numberWordAt(words, i + 1, language);
      const joinable =
        language === 'en'
          ? (last === 'hundred' || last === 'scale') &&
            next !== undefined &&
            ['digit', 'teen', 'tens'].includes(next.kind)
          : last === 'tens' && next?.kind === 'digit' && next.value > 0;
      if (!joinable || !next) break;
      word = next;
      step = 2;
    }
    if (!word || last === 'zero') break;
    const { kind, value } = word;
    const belowHundred = group % 100;
    let accepted = false;
    switch (kind) {
      case 'digit':
        if (value === 0) {
          // "zero" is a number on its own, never part of a larger one.
          accepted = last === 'start';
          if (accepted) last = 'zero';
          break;
        }
        accepted =
          last === 'start' ||
          last === 'hundred' ||
          last === 'hundreds' ||
          last === 'scale' ||
          (last === 'tens' && belowHundred % 10 === 0);
        break;
      case 'teen':
      case 'tens':
        accepted =
          (last === 'start' || last === 'hundred' || last === 'hundreds' || last === 'scale') && belowHundred === 0;
        break;
      case 'hundred':
        accepted = last === 'digit' && group > 0 && group < 10;
        if (accepted) group *= 100;
        break;
      case 'hundreds':
        accepted = last === 'start' || last === 'scale';
        break;
      case 'scale':
        // "mil" alone is 1000 in Spanish; English says "a/one thousand". Scales only grow smaller.
        accepted = (last !== 'start' || language === 'es') && value < smallestScale;
        if (accepted) {
          total += (group === 0 ? 1 : group) * value;
          group = 0;
          smallestScale = value;
        }
        break;
    }
    if (!accepted) break;
    if (kind === 'digit' || kind === 'teen' || kind === 'tens' || kind === 'hundreds') group += value;
    if (last !== 'zero') last = kind;
    i += step;
    consumed = i - start;
  }
  return consumed > 0 ? { value: total + group, length: consumed } : undefined;
}

/** Single digit words from `start` on, as digits ("zero four two seven" → "0427"). */
function readDigitRun(words: readonly string[], start: number, language: NumberLanguage): string {
  let digits = '';
  for (let i = start; i < words.length; i++) {
    // "nine nine oh one": inside a run of digits, an English "oh" is a zero.
    if (language === 'en' && i > start && words[i] === 'oh') {
      digits += '0';
      continue;
    }
    const word = TABLES[language].get(words[i] ?? '');
    if (word?.kind !== 'digit') break;
    digits += String(word.value);
  }
  return digits;
}

/**
 * Replaces number words with digits. Two or more single digits in a row are a digit
 * string (PINs, codes); anything else is read as a cardinal. Words that are not
 * numbers pass through, and so do digits already typed ("45.20").
 */
export function convertNumberWords(words: readonly string[], language: NumberLanguage): ConvertedWord[] {
  const out: ConvertedWord[] = [];
  let i = 0;
  while (i < words.length) {
    const run = readDigitRun(words, i, language);
    if (run.length >= 2) {
      out.push({ word: run, start: i, end: i + run.length, converted: true });
      i += run.length;
      continue;
    }
    const cardinal = readCardinal(words, i, language);
    if (cardinal) {
      out.push({ word: String(cardinal.value), start: i, end: i + cardinal.length, converted: true });
      i += cardinal.length;
      continue;
    }
    out.push({ word: words[i] ?? '', start: i, end: i + 1, converted: false });
    i += 1;
  }
  return out;
}

/** Convenience for a whole phrase of normalised words: "forty five dollars" → "45 dollars". */
export function spokenNumbersToDigits(phrase: string, language: NumberLanguage): string {
  const words = phrase.split(/\s+/).filter(Boolean);
  return convertNumberWords(words, language)
    .map((converted) => converted.word)
    .join(' ');
}
