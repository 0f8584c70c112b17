/**
 * The last line of defence: every outgoing text is scanned for the customer's known
 * identifiers (account and card numbers, IBANs, tokens, a PIN just spoken), ignoring
 * spaces, dashes and SSML tags between their characters. Any hit is redacted and
 * reported as a security event.
 */
export interface SecurityEvent {
  readonly kind: 'identifier-redacted';
  readonly field: string;
  /** Masked: never the identifier itself. */
  readonly identifierHint: string;
}

export type SecurityEventSink = (event: SecurityEvent) => void;

const MIN_IDENTIFIER_LENGTH = 4;
/** Shorter all-digit identifiers (a PIN) only count as numbers of their own, not inside "$24.68". */
const SHORT_IDENTIFIER_LENGTH = 8;

function normalise(identifier: string): string {
  return identifier.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

/** Identifiers worth scanning for, normalised, longest first. */
export function prepareIdentifiers(identifiers: Iterable<string>): string[] {
  const unique = new Set<string>();
  for (const identifier of identifiers) {
    const normal = normalise(identifier);
    if (normal.length >= MIN_IDENTIFIER_LENGTH) unique.add(normal);
  }
  return [...unique].sort((a, b) => b.length - a.length);
}

interface Projection {
  readonly chars: string;
  /** For each char of `chars`, its index in the original text. */
  readonly positions: number[];
}

/** An XML entity ("&apos;", "&#39;") starting at `i`: its length, else 0. */
function entityLength(text: string, i: number): number {
  const match = /^&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);/.exec(text.slice(i, i + 12));
  return match ? match[0].length : 0;
}

/**
 * The text's letters and digits only, outside SSML tags and XML entities, upper-cased.
 * An entity stands for one character that is neither (Saldo escapes only & < > " '), so
 * a redaction can never start or end inside one and break the markup.
 */
function project(text: string, markup: boolean): Projection {
  let chars = '';
  const positions: number[] = [];
  let inTag = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (markup && code === 60 /* < */) inTag = true;
    else if (markup && code === 62 /* > */) inTag = false;
    else if (markup && !inTag && code === 38 /* & */) i += Math.max(entityLength(text, i) - 1, 0);
    else if (!inTag) {
      if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90)) {
        chars += text[i];
        positions.push(i);
      } else if (code >= 97 && code <= 122) {
        chars += String.fromCharCode(code - 32);
        positions.push(i);
      }
    }
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

function hintFor(identifier: string): string {
  return `…${identifier.slice(-2)} (${identifier.length} chars)`;
}

export interface ScanResult {
  readonly text: string;
  readonly redacted: string[];
}

/**
 * Redacts every occurrence of the identifiers from the text. In markup (SSML) tags and
 * entities are not text; in plain text (cards, display text) every character is.
 */
export function redactIdentifiers(text: string, identifiers: readonly string[], markup = true): ScanResult {
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
  if (ranges.length === 0) return { text, redacted };
  ranges.sort((a, b) => b[0] - a[0]);
  let out = text;
  let lastStart = Number.POSITIVE_INFINITY;
  for (const [start, end] of ranges) {
    if (end >= lastStart) continue;
    // Keep SSML tags that sat between the identifier's characters so the markup stays valid.
    const tags = !markup
      ? ''
      : (out
          .slice(start, end + 1)
          .match(/<[^>]*>/g)
          ?.join('') ?? '');
    out = `${out.slice(0, start)}[redacted]${tags}${out.slice(end + 1)}`;
    lastStart = start;
  }
  return { text: out, redacted };
}

/** Scans named fields (those named in `markup` as SSML); reports each hit without revealing it. */
export function guardFields<T extends Record<string, string | undefined>>(
  fields: T,
  identifiers: readonly string[],
  report: SecurityEventSink,
  markup: ReadonlySet<string> = new Set(),
): T {
  const result: Record<string, string | undefined> = { ...fields };
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const scan = redactIdentifiers(value, identifiers, markup.has(field));
    for (const identifier of scan.redacted)
      report({ kind: 'identifier-redacted', field, identifierHint: hintFor(identifier) });
    result[field] = scan.text;
  }
  return result as T;
}
