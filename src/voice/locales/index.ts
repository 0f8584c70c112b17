import type { Catalogue } from './catalogue';
import { enGB } from './en-GB';
import { enUS } from './en-US';
import { esES } from './es-ES';
import { esUS } from './es-US';

export type { Catalogue } from './catalogue';

const catalogues: Readonly<Record<string, Catalogue>> = { 'en-US': enUS, 'en-GB': enGB, 'es-ES': esES, 'es-US': esUS };

/**
 * Where a locale Saldo has no catalogue of its own is answered, chosen deliberately (the
 * README's table): Canadian English as American; the Commonwealth's English as British;
 * all of Latin America's Spanish (Google's es-419 included) as US Spanish, never Spain's.
 * Money is always said in the account's own currency, whatever the wording.
 */
const NEAREST_LOCALE: Readonly<Record<string, string>> = {
  'en-CA': 'en-US',
  'en-AU': 'en-GB',
  'en-IN': 'en-GB',
  'en-NZ': 'en-GB',
  'en-IE': 'en-GB',
  'en-ZA': 'en-GB',
  'en-SG': 'en-GB',
  'es-419': 'es-US',
  'es-MX': 'es-US',
  'es-AR': 'es-US',
  'es-CO': 'es-US',
  'es-CL': 'es-US',
  'es-PE': 'es-US',
  'es-VE': 'es-US',
  'es-EC': 'es-US',
  'es-GT': 'es-US',
  'es-CU': 'es-US',
  'es-BO': 'es-US',
  'es-DO': 'es-US',
  'es-HN': 'es-US',
  'es-PY': 'es-US',
  'es-SV': 'es-US',
  'es-NI': 'es-US',
  'es-CR': 'es-US',
  'es-PR': 'es-US',
  'es-PA': 'es-US',
  'es-UY': 'es-US',
};

/** A language alone, or a region of it not named above: English as American, Spanish as Spain's. */
const BY_LANGUAGE: Readonly<Record<string, string>> = { en: 'en-US', es: 'es-ES' };
/** Languages Saldo does not speak are answered in US English. */
const FALLBACK = 'en-US';

export const SUPPORTED_LOCALES = Object.keys(catalogues);

/** "ES-mx" → "es-MX", "es-419" → "es-419": language lower-case, region upper-case. */
function canonical(locale: string): string {
  const [language = '', region] = locale.split(/[-_]/);
  return region ? `${language.toLowerCase()}-${region.toUpperCase()}` : language.toLowerCase();
}

/** A table's own entry only: a locale is the sender's text, and "constructor" must not find Object's. */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The supported locale a request's locale is answered in. */
function nearestLocale(locale: string | undefined): string {
  if (!locale) return FALLBACK;
  const tag = canonical(locale);
  if (own(catalogues, tag)) return tag;
  return own(NEAREST_LOCALE, tag) ?? own(BY_LANGUAGE, tag.slice(0, 2)) ?? FALLBACK;
}

/** The catalogue a request's locale is answered with (see NEAREST_LOCALE). */
export function catalogueFor(locale: string | undefined): Catalogue {
  return own(catalogues, nearestLocale(locale)) ?? enUS;
}
