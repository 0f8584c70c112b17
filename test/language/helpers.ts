/** Shared fixtures for the language-model tests: the source models and what the generator makes of them. */
import { parse } from 'yaml';
import { alexaModel, type AlexaInteractionModel } from '../../src/language/alexa';
import { generatedFiles, readSkillManifest } from '../../src/language/generate';
import { googleProject } from '../../src/language/google';
import { LOCALES, loadModels, type LanguageModel, type Locale } from '../../src/language/model';
import { INTENT_NAMES } from '../../src/core/turn';

export const models: readonly LanguageModel[] = loadModels();

export function modelOf(locale: Locale): LanguageModel {
  const model = models.find((candidate) => candidate.locale === locale);
  if (!model) throw new Error(`no model for ${locale}`);
  return model;
}

export const alexaModels: ReadonlyMap<Locale, AlexaInteractionModel> = new Map(
  LOCALES.map((locale) => [locale, alexaModel(modelOf(locale))]),
);

export const googleFiles = googleProject(models);

export const allGeneratedFiles = generatedFiles(models, readSkillManifest());

/** Launch and SessionEnded are request types, not things a user says. */
export const SPOKEN_CORE_INTENTS: readonly string[] = INTENT_NAMES.filter(
  (name) => name !== 'Launch' && name !== 'SessionEnded',
);

export function yamlOf(file: string): unknown {
  const content = googleFiles.get(file);
  if (content === undefined) throw new Error(`no generated ${file}`);
  return parse(content, { version: '1.1' }) as unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
