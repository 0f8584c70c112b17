/**
 * The language model source: one JSON file per locale under interaction-models/language/,
 * the only place where samples, slot types, prompts and store listings are written.
 * Everything under interaction-models/alexa, interaction-models/google and the locale
 * sections of skill.json is generated from it (`npm run models`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { expandTemplates, TemplateError } from './templates';

export const LOCALES = ['en-US', 'en-GB', 'es-ES', 'es-US'] as const;
export type Locale = (typeof LOCALES)[number];

/** Slot kinds both platforms have built in; every other slot type names one of the model's own types. */
const BUILT_IN_SLOT_KINDS = ['number', 'fourDigitNumber', 'date'] as const;
export type BuiltInSlotKind = (typeof BUILT_IN_SLOT_KINDS)[number];

export const LANGUAGE_DIR = path.resolve(__dirname, '../../interaction-models/language');

const text = z.string().trim().min(1);
const typeName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'type names are UPPER_SNAKE_CASE');
const url = z.url({ protocol: /^https$/ });

const slotSchema = z.strictObject({
  name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'slot names are camelCase (Google forbids dashes)'),
  type: z.union([z.enum(BUILT_IN_SLOT_KINDS), typeName]),
  // Google's training phrases need an annotated example value per slot; they are rotated over the samples.
  // Google's phrase syntax quotes examples with apostrophes, so an example cannot contain one.
  examples: z.array(text.regex(/^[^']+$/, 'examples cannot contain an apostrophe')).min(1),
});

const intentSchema = z.strictObject({
  /** Alexa intent names this core intent answers to: one custom name, or one or more AMAZON built-ins. */
  alexa: z.array(z.string().regex(/^(AMAZON\.)?[A-Z][A-Za-z]*Intent$/)).min(1),
  slots: z.array(slotSchema).default([]),
  /**
   * Utterance templates with {slot} references, expanded by the generator (src/language/templates.ts).
   * For a custom intent they train both platforms; for an Alexa built-in they train Google only,
   * which has no built-ins, while Alexa keeps its own training.
   */
  samples: z.array(text).default([]),
  /**
   * Alexa elicitation prompts per slot. Present (even empty) means the intent takes part in the
   * Alexa dialog model, which Dialog.ElicitSlot needs.
   */
  elicitation: z.record(z.string(), z.array(text).min(1)).optional(),
  /**
   * What people answer when the skill asks for one slot (Alexa: Dialog.ElicitSlot), per slot:
   * "{payee}", "to {payee}", "{amount} dollars and {cents} cents". Each names its own slot and
   * may name other slots of the intent (an answer that says more than was asked). Alexa gets
   * them as slots[].samples; Google, which fills no slots outside a scene's slot filling, gets
   * only those that cannot mean another intent (see src/language/google.ts).
   */
  slotSamples: z.record(z.string(), z.array(text).min(1)).optional(),
});

const typeValueSchema = z.strictObject({
  id: text,
  value: text,
  synonyms: z.array(text).default([]),
});

const slotTypeSchema = z.strictObject({ values: z.array(typeValueSchema).min(1) });

const alexaListingSchema = z.strictObject({
  name: text,
  summary: text,
  description: text,
  examplePhrases: z.array(text).min(1).max(3),
  keywords: z.array(text).max(30),
  smallIconUri: url,
  largeIconUri: url,
  privacyPolicyUrl: url,
  termsOfUseUrl: url,
});

const googleListingSchema = z.strictObject({
  displayName: text,
  pronunciation: text,
  shortDescription: text.max(80),
  fullDescription: text.max(4000),
  sampleInvocations: z.array(text).min(1),
  privacyPolicyUrl: url,
  termsOfServiceUrl: url,
});

/**
 * The numbers the generator holds every locale to, well inside what Alexa and Actions
 * Builder accept (README: "The language model"). A model that needs more is refused, not cut.
 */
export const MODEL_LIMITS = {
  /** Samples of one intent, after expansion. */
  samplesPerIntent: 600,
  /** Samples of all intents of one locale. */
  samplesPerLocale: 3000,
  /** Answers to one elicited slot. */
  samplesPerSlot: 60,
  /** Characters in one sample (Alexa refuses longer ones). */
  sampleLength: 200,
} as const;

const languageModelSchema = z
  .strictObject({
    locale: z.enum(LOCALES),
    invocationName: text,
    /**
     * Shared pieces of templates, by name: `<please>` in a sample stands for every phrasing of
     * phrases.please (src/language/templates.ts).
     */
    phrases: z.record(z.string().regex(/^[a-z][A-Za-z]*$/), text).default({}),
    /** Keyed by the core's intent name (src/core/turn.ts), which is also the Google handler name. */
    intents: z.record(z.string().regex(/^[A-Z][A-Za-z]*$/), intentSchema),
    types: z.record(typeName, slotTypeSchema),
    alexaListing: alexaListingSchema,
    googleListing: googleListingSchema,
  })
  .superRefine((model, ctx) => {
    for (const [name, intent] of Object.entries(model.intents)) {
      const slots = new Set(intent.slots.map((slot) => slot.name));
      for (const slot of intent.slots) {
        if (!isBuiltInSlotKind(slot.type) && !(slot.type in model.types)) {
          ctx.addIssue({
            code: 'custom',
            path: ['intents', name, 'slots'],
            message: `${slot.name}: no type ${slot.type}`,
          });
        }
      }
      for (const sample of intent.samples) {
        for (const reference of slotReferences(sample)) {
          if (!slots.has(reference)) {
            ctx.addIssue({
              code: 'custom',
              path: ['intents', name, 'samples'],
              message: `"${sample}": no slot ${reference}`,
            });
          }
        }
      }
      for (const slot of Object.keys(intent.elicitation ?? {})) {
        if (!slots.has(slot)) {
          ctx.addIssue({ code: 'custom', path: ['intents', name, 'elicitation'], message: `no slot ${slot}` });
        }
      }
      for (const [slot, samples] of Object.entries(intent.slotSamples ?? {})) {
        const where = ['intents', name, 'slotSamples', slot];
        if (!slots.has(slot)) {
          ctx.addIssue({ code: 'custom', path: where, message: `no slot ${slot}` });
          continue;
        }
        // Alexa hears slot samples only while eliciting that slot; the skill asks only for slots with a prompt.
        if (!intent.elicitation?.[slot])
          ctx.addIssue({ code: 'custom', path: where, message: `${slot} is never elicited (no elicitation prompt)` });
        const seen = new Set<string>();
        for (const sample of samples) {
          const references = slotReferences(sample);
          for (const reference of references) {
            if (!slots.has(reference))
              ctx.addIssue({ code: 'custom', path: where, message: `"${sample}": no slot ${reference}` });
          }
          if (!references.includes(slot))
            ctx.addIssue({ code: 'custom', path: where, message: `"${sample}": does not name {${slot}}` });
          const key = sample.toLowerCase().replace(/\s+/g, ' ');
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: where, message: `"${sample}": given twice` });
          seen.add(key);
        }
      }
      if (!isAlexaBuiltIn(intent) && intent.alexa.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['intents', name, 'alexa'],
          message: 'a custom intent has exactly one Alexa name',
        });
      }
      if (isAlexaBuiltIn(intent) && intent.slots.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['intents', name, 'slots'],
          message: 'Alexa built-ins take no slots here',
        });
      }
    }
  });

export type LanguageModel = z.infer<typeof languageModelSchema>;
export type ModelIntent = LanguageModel['intents'][string];
export type ModelSlot = ModelIntent['slots'][number];

export function isBuiltInSlotKind(type: string): type is BuiltInSlotKind {
  return (BUILT_IN_SLOT_KINDS as readonly string[]).includes(type);
}

/** True for intents Alexa trains itself (AMAZON.*): their samples go to Google only. */
export function isAlexaBuiltIn(intent: Pick<ModelIntent, 'alexa'>): boolean {
  return intent.alexa.every((name) => name.startsWith('AMAZON.'));
}

/** The country a locale's skill is distributed in: en-GB → GB. */
export function countryOf(locale: Locale): string {
  return locale.slice(3);
}

/** The slot names a sample refers to, in order. */
export function slotReferences(sample: string): string[] {
  return [...sample.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? '');
}

/**
 * A sample as the recogniser sees it: lower case, each slot replaced by its type. Two samples
 * that agree here are the same phrase to the platform, whichever intent or slot they belong to.
 */
export function typedSample(intent: Pick<ModelIntent, 'slots'>, sample: string): string {
  return sample
    .toLowerCase()
    .replace(
      /\{([^{}]*)\}/g,
      (_whole, name: string) => `{${intent.slots.find((slot) => slot.name === name)?.type ?? name}}`,
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The model with every template expanded, checked against MODEL_LIMITS, its references and
 * collisions: no phrase may train two intents.
 */
function expandModel(model: LanguageModel): LanguageModel {
  const problems: string[] = [];
  const owners = new Map<string, string>();
  let total = 0;
  const intents = Object.fromEntries(
    Object.entries(model.intents).map(([name, intent]) => {
      const slots = new Set(intent.slots.map((slot) => slot.name));
      const expand = (templates: readonly string[]): string[] => {
        try {
          return expandTemplates(templates, model.phrases);
        } catch (error) {
          if (error instanceof TemplateError) {
            problems.push(`${name}: ${error.message}`);
            return [];
          }
          throw error;
        }
      };
      const samples = expand(intent.samples);
      const taken = new Set(samples.map((sample) => typedSample(intent, sample)));
      total += samples.length;
      if (samples.length > MODEL_LIMITS.samplesPerIntent)
        problems.push(`${name}: ${samples.length} samples, more than ${MODEL_LIMITS.samplesPerIntent}`);
      const slotSamples = intent.slotSamples
        ? Object.fromEntries(
            Object.entries(intent.slotSamples).map(([slot, templates]) => {
              // An answer that is already a sample of the intent is heard anyway: listed once.
              const answers = expand(templates).filter((answer) => !taken.has(typedSample(intent, answer)));
              if (answers.length > MODEL_LIMITS.samplesPerSlot)
                problems.push(
                  `${name}.${slot}: ${answers.length} slot samples, more than ${MODEL_LIMITS.samplesPerSlot}`,
                );
              return [slot, answers];
            }),
          )
        : undefined;
      for (const sample of [...samples, ...Object.values(slotSamples ?? {}).flat()]) {
        if (sample.length > MODEL_LIMITS.sampleLength) problems.push(`${name}: "${sample}" is too long`);
        for (const reference of slotReferences(sample))
          if (!slots.has(reference)) problems.push(`${name}: "${sample}" names no slot of the intent`);
      }
      for (const sample of samples) {
        const key = typedSample(intent, sample);
        const owner = owners.get(key);
        if (owner !== undefined && owner !== name) problems.push(`"${sample}" trains both ${owner} and ${name}`);
        owners.set(key, name);
      }
      return [name, { ...intent, samples, ...(slotSamples ? { slotSamples } : {}) }];
    }),
  );
  if (total > MODEL_LIMITS.samplesPerLocale)
    problems.push(`${total} samples in all, more than ${MODEL_LIMITS.samplesPerLocale}`);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return { ...model, intents };
}

export function parseModel(json: unknown, source: string): LanguageModel {
  const parsed = languageModelSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${source}: invalid language model\n${z.prettifyError(parsed.error)}`);
  try {
    return expandModel(parsed.data);
  } catch (error) {
    throw new Error(`${source}: invalid language model\n${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

export function loadModel(locale: Locale, dir: string = LANGUAGE_DIR): LanguageModel {
  const file = path.join(dir, `${locale}.json`);
  const model = parseModel(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
  if (model.locale !== locale) throw new Error(`${file}: says locale ${model.locale}`);
  return model;
}

/** Every locale's model, in LOCALES order (en-US first: it is the default for Google). */
export function loadModels(dir: string = LANGUAGE_DIR): LanguageModel[] {
  return LOCALES.map((locale) => loadModel(locale, dir));
}
