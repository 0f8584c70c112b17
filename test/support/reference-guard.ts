/**
 * The identifier scan as it was first written (a projection of the text searched with
 * indexOf): the oracle the compiled scanner in src/voice/guard.ts is checked against.
 * Only the search is the oracle's own; the ranges found are applied as the guard does.
 */
import { applyRedactions } from '../../src/voice/guard';

const SHORT_IDENTIFIER_LENGTH = 8;

interface Projection {
  readonly chars: string;
  /** For each char of `chars`, its index in the original text. */
  readonly positions: number[];
}

/**
 * The text's letters and digits only, outside SSML tags and XML entities (of at most 12
 * characters), upper-cased, with the position each came from.
 */
function project(text: string, markup: boolean): Projection {
  let chars = '';
  const positions: number[] = [];
  const pieces = markup ? /<[^>]*>?|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);|[\s\S]/g : /[\s\S]/g;
  for (const piece of text.matchAll(pieces)) {
    const [token] = piece;
    if (token.startsWith('<') && token.length > 1) continue;
    if (token.startsWith('&') && token.length > 1 && token.length <= 12) continue;
    [...token].forEach((char, offset) => {
      if (/[0-9A-Za-z]/.test(char)) {
        chars += char.toUpperCase();
        positions.push(piece.index + offset);
      }
    });
  }
  return { chars, positions };
}

/**
 * Where a short number (a PIN) is said as a number of its own: its digits alone or
 * spaced or dashed ("2468", "2 4 6 8"), never as part of "$24.68" or "12,468".
 */
function wholeNumberRanges(text: string, identifier: string, markup: boolean): Array<[number, number]> {
  const outsideTags = !markup
    ? text
    : text.replace(/<[^>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);/g, (tag) => ' '.repeat(tag.length));
  const ranges: Array<[number, number]> = [];
  for (const match of outsideTags.matchAll(/(?<![\d.,])\d(?:[ -]?\d)*(?![\d]|[.,]\d)/g)) {
    if (match[0].replace(/[ -]/g, '') === identifier) ranges.push([match.index, match.index + match[0].length - 1]);
  }
  return ranges;
}

export function referenceRedact(
  text: string,
  identifiers: readonly string[],
  markup = true,
): { text: string; redacted: string[] } {
  if (identifiers.length === 0 || text.length === 0) return { text, redacted: [] };
  const { chars, positions } = project(text, markup);
  const ranges: Array<[number, number]> = [];
  const redacted: string[] = [];
  for (const identifier of identifiers) {
    if (identifier.length < SHORT_IDENTIFIER_LENGTH && /^\d+$/.test(identifier)) {
      for (const range of wholeNumberRanges(text, identifier, markup)) {
        ranges.push(range);
        redacted.push(identifier);
      }
      continue;
    }
    let from = chars.indexOf(identifier);
    while (from !== -1) {
      const end = from + identifier.length;
      ranges.push([positions[from] as number, positions[end - 1] as number]);
      redacted.push(identifier);
      from = chars.indexOf(identifier, from + 1);
    }
  }
  return { text: applyRedactions(text, ranges, markup), redacted };
}
