/**
 * Spoken text kept in two forms at once: SSML for speech and plain text for cards and
 * displays. Plain strings become Spoken only through `say`, which XML-escapes them, so
 * nothing unescaped ever reaches SSML.
 */
export interface Spoken {
  readonly ssml: string;
  readonly text: string;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

export type SpokenPart = Spoken | string | number;

function isSpoken(part: SpokenPart): part is Spoken {
  return typeof part === 'object';
}

/** One part as Spoken: a string or number is plain text (escaped for SSML). */
export function plain(part: SpokenPart): Spoken {
  if (isSpoken(part)) return part;
  const text = String(part);
  return { ssml: escapeXml(text), text };
}

/** Tagged template: literal text and interpolated strings are escaped; Spoken parts pass through. */
export function say(strings: TemplateStringsArray, ...parts: SpokenPart[]): Spoken {
  let ssml = '';
  let text = '';
  strings.forEach((literal, i) => {
    const escaped = plain(literal);
    ssml += escaped.ssml;
    text += escaped.text;
    const part = parts[i];
    if (part !== undefined) {
      const spoken = plain(part);
      ssml += spoken.ssml;
      text += spoken.text;
    }
  });
  return { ssml, text };
}

/** Digits read one by one ("4217" → "four two one seven"). */
export function digits(value: string): Spoken {
  const clean = value.replace(/[^0-9A-Za-z]/g, '');
  return { ssml: `<say-as interpret-as="digits">${escapeXml(clean)}</say-as>`, text: clean };
}

/** Letters and digits spelled out one by one (a payment reference "7F3A"). */
export function characters(value: string): Spoken {
  const clean = value.replace(/[^0-9A-Za-z]/g, '');
  return { ssml: `<say-as interpret-as="characters">${escapeXml(clean)}</say-as>`, text: clean };
}

export function join(parts: readonly SpokenPart[], separator: SpokenPart = ' '): Spoken {
  const spokenSeparator = plain(separator);
  const spoken = parts.map(plain);
  return {
    ssml: spoken.map((p) => p.ssml).join(spokenSeparator.ssml),
    text: spoken.map((p) => p.text).join(spokenSeparator.text),
  };
}

const CONJUNCTIONS = { and: { en: ' and ', es: ' y ' }, or: { en: ' or ', es: ' o ' } } as const;

/** "a, b and c" (or, for a choice, "a, b or c") in the locale's language. */
export function list(parts: readonly Spoken[], locale: string, kind: 'and' | 'or' = 'and'): Spoken {
  if (parts.length <= 1) return join(parts);
  const conjunction = CONJUNCTIONS[kind][locale.startsWith('es') ? 'es' : 'en'];
  return join([join(parts.slice(0, -1), ', '), parts[parts.length - 1] as Spoken], conjunction);
}
