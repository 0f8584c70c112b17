/**
 * What the developer typed, as words the matcher compares: lower case, accents folded,
 * punctuation dropped, spoken numbers turned into digits. Each word also keeps how it
 * was written (lower case, accents kept), because that is what a platform puts in a
 * slot's value and what the console shows.
 */
import { convertNumberWords, type NumberLanguage } from './numbers';

export interface Word {
  /** For matching: folded, no accents, numbers as digits. */
  readonly norm: string;
  /** For slot values and display: lower case, accents kept, numbers as digits. */
  readonly text: string;
}

/** Folds accents so "cuánto" and "cuanto" match (speech recognisers are not consistent about them). */
function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

const THOUSANDS = /(\d)[.,](\d{3})(?!\d)/g;

/**
 * Splits into words. Apostrophes join ("what's" → "whats", so it matches whether or not
 * it is typed); "$", "€", "£" and punctuation become spaces; a "." or "," between digits
 * stays, as a decimal ("45.20") or is dropped as a thousands separator ("1,250").
 * Hyphens between digits stay for ISO dates ("2026-11-27").
 */
export function splitWords(utterance: string): string[] {
  let text = utterance.toLowerCase().replace(/['’`´]/g, '');
  // Repeated, for "1,250,000".
  let previous: string;
  do {
    previous = text;
    text = text.replace(THOUSANDS, '$1$2');
  } while (text !== previous);
  // Separators between digits survive as placeholders while the rest of the punctuation goes.
  /* eslint-disable no-control-regex -- the placeholders are control characters no utterance contains */
  text = text
    .replace(/(\d)\.(?=\d)/g, '$1\u0001')
    .replace(/(\d),(?=\d)/g, '$1\u0002')
    .replace(/(\d)-(?=\d)/g, '$1\u0003')
    .replace(/[^\p{L}\p{N}\u0001-\u0003]+/gu, ' ')
    .replace(/\u0001/g, '.')
    .replace(/\u0002/g, ',')
    .replace(/\u0003/g, '-');
  /* eslint-enable no-control-regex */
  return text.split(/\s+/).filter(Boolean);
}

/** The words of an utterance (or of a sample's literal part), numbers converted. */
export function toWords(utterance: string, language: NumberLanguage): Word[] {
  const raw = splitWords(utterance);
  const folded = raw.map(fold);
  return convertNumberWords(folded, language).map((converted) => ({
    norm: converted.word,
    text: converted.converted ? converted.word : raw.slice(converted.start, converted.end).join(' '),
  }));
}

/** One comparable string for a phrase (type values, synonyms, invocation names). */
export function normalisePhrase(phrase: string, language: NumberLanguage): string {
  return toWords(phrase, language)
    .map((word) => word.norm)
    .join(' ');
}
