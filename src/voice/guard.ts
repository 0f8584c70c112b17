/**
 * The last line of defence: every outgoing text is scanned for the customer's known
 * identifiers (account and card numbers, IBANs, tokens, a PIN just spoken), ignoring
 * spaces, dashes and SSML tags between their characters. Any hit is redacted and
 * reported as a security event.
 *
 * The identifiers are compiled once per customer into one automaton (Aho–Corasick over
 * letters and digits) that reads each text once, skipping what is not text as it goes:
 * no projection of the text is built, and nothing is allocated unless something is found.
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
/** Letters and digits: the automaton's alphabet. */
const SYMBOLS = 36;

function normalise(identifier: string): string {
  return identifier.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

/** 0–9 for digits, 10–35 for letters of either case, -1 for anything else. */
function symbolOf(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  if (code >= 97 && code <= 122) return code - 87;
  return -1;
}

function isShortNumber(identifier: string): boolean {
  return identifier.length < SHORT_IDENTIFIER_LENGTH && /^\d+$/.test(identifier);
}

/** The identifiers a reply must never carry, compiled for scanning (see prepareIdentifiers). */
export interface KnownIdentifiers {
  /** Normalised, longest first. */
  readonly list: readonly string[];
  /** The short numbers among them (a PIN), matched as whole numbers only. */
  readonly shortNumbers: readonly string[];
  /** Matches all the others. */
  readonly automaton?: Automaton;
}

interface Automaton {
  /** Transition table: state × symbol → state (failure links already followed). */
  readonly next: Int32Array;
  /** Per state, the identifiers that end there. */
  readonly ends: ReadonlyArray<readonly string[] | undefined>;
  /** Ring of the text positions of the last `window` letters and digits read. */
  readonly positions: Int32Array;
}

function compile(identifiers: readonly string[]): Automaton | undefined {
  if (identifiers.length === 0) return undefined;
  const children: number[][] = [[]];
  const ends: Array<string[] | undefined> = [undefined];
  for (const identifier of identifiers) {
    let state = 0;
    for (let i = 0; i < identifier.length; i++) {
      const symbol = symbolOf(identifier.charCodeAt(i));
      let child = (children[state] as number[])[symbol];
      if (child === undefined) {
        child = children.length;
        children.push([]);
        ends.push(undefined);
        (children[state] as number[])[symbol] = child;
      }
      state = child;
    }
    ends[state] = [...(ends[state] ?? []), identifier];
  }
  const next = new Int32Array(children.length * SYMBOLS);
  const fail = new Int32Array(children.length);
  const queue: number[] = [];
  for (let symbol = 0; symbol < SYMBOLS; symbol++) {
    const child = (children[0] as number[])[symbol];
    if (child !== undefined) {
      next[symbol] = child;
      queue.push(child);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    const failed = ends[fail[state] as number];
    if (failed) ends[state] = [...(ends[state] ?? []), ...failed];
    for (let symbol = 0; symbol < SYMBOLS; symbol++) {
      const child = (children[state] as number[])[symbol];
      const fallback = next[(fail[state] as number) * SYMBOLS + symbol] as number;
      if (child === undefined) {
        next[state * SYMBOLS + symbol] = fallback;
      } else {
        next[state * SYMBOLS + symbol] = child;
        fail[child] = fallback;
        queue.push(child);
      }
    }
  }
  const window = Math.max(...identifiers.map((identifier) => identifier.length));
  return { next, ends, positions: new Int32Array(window) };
}

function prepared(list: readonly string[]): KnownIdentifiers {
  return {
    list,
    shortNumbers: list.filter(isShortNumber),
    automaton: compile(list.filter((identifier) => !isShortNumber(identifier))),
  };
}

/** Identifiers worth scanning for, normalised, longest first, compiled once. */
export function prepareIdentifiers(identifiers: Iterable<string>): KnownIdentifiers {
  const unique = new Set<string>();
  for (const identifier of identifiers) {
    const normal = normalise(identifier);
    if (normal.length >= MIN_IDENTIFIER_LENGTH) unique.add(normal);
  }
  return prepared([...unique].sort((a, b) => b.length - a.length));
}

/**
 * The known identifiers plus one more (a PIN just spoken). A short number needs no new
 * automaton: it is matched as a whole number, so the customer's compiled one is reused.
 */
export function withIdentifier(known: KnownIdentifiers, identifier: string): KnownIdentifiers {
  const normal = normalise(identifier);
  if (normal.length < MIN_IDENTIFIER_LENGTH || known.list.includes(normal)) return known;
  if (!isShortNumber(normal)) return prepareIdentifiers([...known.list, normal]);
  return {
    list: [...known.list, normal].sort((a, b) => b.length - a.length),
    shortNumbers: [...known.shortNumbers, normal],
    automaton: known.automaton,
  };
}

/** An XML entity ("&apos;", "&#39;") of at most 12 characters starting at `i`: its length, else 0. */
const ENTITY = /&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);/y;
function entityLength(text: string, i: number): number {
  ENTITY.lastIndex = i;
  const match = ENTITY.exec(text);
  return match && match[0].length <= 12 ? match[0].length : 0;
}

/** A found identifier and the text range it covers (inclusive). */
type Hit = [identifier: string, start: number, end: number];

/**
 * Every occurrence of the automaton's identifiers among the text's letters and digits,
 * outside SSML tags and XML entities (when `markup`), case-insensitively. An entity stands
 * for one character that is neither (Saldo escapes only & < > " '), so a redaction can
 * never start or end inside one and break the markup.
 */
function automatonHits(text: string, automaton: Automaton, markup: boolean): Hit[] {
  const { next, ends, positions } = automaton;
  const window = positions.length;
  let hits: Hit[] | undefined;
  let state = 0;
  let read = 0;
  let inTag = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (markup && code === 60 /* < */) inTag = true;
    else if (markup && code === 62 /* > */) inTag = false;
    else if (markup && !inTag && code === 38 /* & */) i += Math.max(entityLength(text, i) - 1, 0);
    else if (!inTag) {
      const symbol = symbolOf(code);
      if (symbol < 0) continue;
      positions[read % window] = i;
      state = next[state * SYMBOLS + symbol] as number;
      const found = ends[state];
      if (found) {
        for (const identifier of found)
          (hits ??= []).push([identifier, positions[(read - identifier.length + 1) % window] as number, i]);
      }
      read++;
    }
  }
  return hits ?? [];
}

/**
 * Where a short number (a PIN) is said as a number of its own: its digits alone or
 * spaced or dashed ("2468", "2 4 6 8"), never as part of "$24.68" or "12,468".
 */
function wholeNumberHits(text: string, known: KnownIdentifiers, markup: boolean): Hit[] {
  const outsideTags = !markup
    ? text
    : text.replace(/<[^>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);/g, (tag) => ' '.repeat(tag.length));
  const hits: Hit[] = [];
  for (const match of outsideTags.matchAll(/(?<![\d.,])\d(?:[ -]?\d)*(?![\d]|[.,]\d)/g)) {
    const digits = match[0].replace(/[ -]/g, '');
    for (const identifier of known.shortNumbers)
      if (digits === identifier) hits.push([identifier, match.index, match.index + match[0].length - 1]);
  }
  return hits;
}

function hintFor(identifier: string): string {
  return `…${identifier.slice(-2)} (${identifier.length} chars)`;
}

export interface ScanResult {
  readonly text: string;
  readonly redacted: readonly string[];
}

const NOTHING_FOUND: readonly string[] = Object.freeze([]);

/**
 * Redacts every occurrence of the identifiers from the text. In markup (SSML) tags and
 * entities are not text; in plain text (cards, display text) every character is.
 */
export function redactIdentifiers(text: string, known: KnownIdentifiers, markup = true): ScanResult {
  if (known.list.length === 0 || text.length === 0) return { text, redacted: NOTHING_FOUND };
  const fromAutomaton = known.automaton ? automatonHits(text, known.automaton, markup) : [];
  const hits =
    known.shortNumbers.length > 0 ? [...fromAutomaton, ...wholeNumberHits(text, known, markup)] : fromAutomaton;
  if (hits.length === 0) return { text, redacted: NOTHING_FOUND };
  // Reported longest identifier first, each in the order it appears.
  const rank = (identifier: string) => known.list.indexOf(identifier);
  hits.sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]);
  const redacted = hits.map(([identifier]) => identifier);
  return {
    text: applyRedactions(
      text,
      hits.map(([, start, end]) => [start, end] as const),
      markup,
    ),
    redacted,
  };
}

/**
 * Replaces each range (inclusive, in the order found) with "[redacted]"; of two that
 * overlap, the later-starting one wins.
 */
export function applyRedactions(
  text: string,
  found: ReadonlyArray<readonly [number, number]>,
  markup: boolean,
): string {
  const ranges = [...found].sort((a, b) => b[0] - a[0]);
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
  return out;
}

/** Scans named fields (those named in `markup` as SSML); reports each hit without revealing it. */
export function guardFields<T extends Record<string, string | undefined>>(
  fields: T,
  known: KnownIdentifiers,
  report: SecurityEventSink,
  markup: ReadonlySet<string> = NO_MARKUP,
): T {
  let result: Record<string, string | undefined> | undefined;
  for (const field in fields) {
    const value = fields[field];
    if (value === undefined) continue;
    const scan = redactIdentifiers(value, known, markup.has(field));
    if (scan.redacted.length === 0) continue;
    for (const identifier of scan.redacted)
      report({ kind: 'identifier-redacted', field, identifierHint: hintFor(identifier) });
    result ??= { ...fields };
    result[field] = scan.text;
  }
  return (result as T | undefined) ?? fields;
}

const NO_MARKUP: ReadonlySet<string> = new Set();
