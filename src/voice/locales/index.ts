import type { Catalogue } from './catalogue';
import { enUS } from './en-US';
import { esES } from './es-ES';

export type { Catalogue } from './catalogue';

const catalogues: Readonly<Record<string, Catalogue>> = { 'en-US': enUS, 'es-ES': esES };
const byLanguage: Readonly<Record<string, Catalogue>> = { en: enUS, es: esES };

export const SUPPORTED_LOCALES = Object.keys(catalogues);

/** The catalogue for a locale, else one of its language, else US English. */
export function catalogueFor(locale: string | undefined): Catalogue {
  if (!locale) return enUS;
  return catalogues[locale] ?? byLanguage[locale.slice(0, 2).toLowerCase()] ?? enUS;
}
