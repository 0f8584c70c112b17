import type { Catalogue } from './catalogue';
import { enGB } from './en-GB';
import { enUS } from './en-US';
import { esES } from './es-ES';
import { esUS } from './es-US';

export type { Catalogue } from './catalogue';

const catalogues: Readonly<Record<string, Catalogue>> = { 'en-US': enUS, 'en-GB': enGB, 'es-ES': esES, 'es-US': esUS };
/** Regional codes a platform may send for a supported locale: Google serves US Spanish as es-419. */
const aliases: Readonly<Record<string, Catalogue>> = { 'es-419': esUS };
const byLanguage: Readonly<Record<string, Catalogue>> = { en: enUS, es: esES };

export const SUPPORTED_LOCALES = Object.keys(catalogues);

/** The catalogue for a locale, else one of its language, else US English. */
export function catalogueFor(locale: string | undefined): Catalogue {
  if (!locale) return enUS;
  return catalogues[locale] ?? aliases[locale] ?? byLanguage[locale.slice(0, 2).toLowerCase()] ?? enUS;
}
