/**
 * A second, independent matcher for the language evaluation: Bespoken's virtual-alexa, the
 * test client developers use to drive a skill from its interaction model. It matches an
 * utterance against the generated Alexa model's samples (each slot a wildcard; a custom
 * slot only takes a value or synonym of its type) and builds the IntentRequest, which is
 * read back here as the core's intent and slots.
 *
 * What it needs that Alexa does itself: spoken numbers as digits (its AMAZON.NUMBER knows
 * digits and one to twenty), the built-in intents' phrasings (Alexa trains those; the model
 * gives them the phrases that also train Google), and the customer's dynamic entities merged
 * into the types, as Alexa merges them after Dialog.UpdateDynamicEntities.
 */
import { VirtualAlexa } from 'virtual-alexa';
import type { AlexaInteractionModel } from '../language/alexa';
import { isAlexaBuiltIn, type LanguageModel } from '../language/model';
import type { DynamicEntities } from '../shared/entities';
import type { SlotValue } from '../shared/slots';
import { parseSpokenDate } from './dates';
import type { Understand, Understanding } from './evaluation';
import { languageOf, spokenNumbersToDigits } from './numbers';
import { toWords } from './text';

interface RequestSlot {
  readonly value?: string;
  readonly resolutions?: {
    readonly resolutionsPerAuthority?: ReadonlyArray<{
      readonly status?: { readonly code?: string };
      readonly values?: ReadonlyArray<{ readonly value?: { readonly id?: string } }>;
    }>;
  };
}

interface CapturedRequest {
  readonly request?: { readonly intent?: { readonly name?: string; readonly slots?: Record<string, RequestSlot> } };
}

/** The Alexa model virtual-alexa is given: built-ins with their phrasings, dynamic entities merged in. */
function virtualAlexaModel(
  alexa: AlexaInteractionModel,
  model: LanguageModel,
  entities: DynamicEntities = [],
): AlexaInteractionModel {
  const builtInSamples = new Map(
    Object.values(model.intents)
      .filter(isAlexaBuiltIn)
      .flatMap((intent) => intent.alexa.map((name) => [name, intent.samples] as const)),
  );
  const languageModel = alexa.interactionModel.languageModel;
  return {
    interactionModel: {
      ...alexa.interactionModel,
      languageModel: {
        ...languageModel,
        intents: languageModel.intents.map((intent) => {
          const samples = builtInSamples.get(intent.name);
          return samples ? { ...intent, samples: [...samples] } : intent;
        }),
        types: languageModel.types.map((type) => ({
          ...type,
          values: [
            ...type.values,
            ...(entities.find((entity) => entity.name === type.name)?.values ?? []).map((value) => ({
              id: value.id,
              name: { value: value.value, synonyms: [...value.synonyms] },
            })),
          ],
        })),
      },
    },
  };
}

function resolvedId(slot: RequestSlot): string | undefined {
  const match = slot.resolutions?.resolutionsPerAuthority?.find((r) => r.status?.code === 'ER_SUCCESS_MATCH');
  return match?.values?.[0]?.value?.id;
}

export function virtualAlexaMatcher(
  alexa: AlexaInteractionModel,
  model: LanguageModel,
  today: string,
  entities: DynamicEntities = [],
): Understand {
  const language = languageOf(model.locale);
  const last: { request?: CapturedRequest } = {};
  const skill = VirtualAlexa.Builder()
    .interactionModel(virtualAlexaModel(alexa, model, entities))
    // A Lambda-style handler: it answers through the callback.
    .handler((event: CapturedRequest, _context: unknown, done: (error: null, result: unknown) => void) => {
      last.request = event;
      done(null, { version: '1.0', response: { shouldEndSession: true } });
    })
    .locale(model.locale)
    .create();
  const coreIntent = new Map(
    Object.entries(model.intents).flatMap(([core, intent]) => intent.alexa.map((name) => [name, core] as const)),
  );
  const slotTypes = new Map(
    Object.values(model.intents).flatMap((intent) => intent.slots.map((slot) => [slot.name, slot.type] as const)),
  );

  return async (utterance): Promise<Understanding> => {
    last.request = undefined;
    skill.dialogManager().reset();
    const spoken = spokenNumbersToDigits(utterance.toLowerCase().replace(/[¿?¡!.,]/g, ' '), language);
    try {
      await skill.utter(spoken);
    } catch {
      // virtual-alexa throws when no sample matches: Alexa would send the fallback intent.
      return { intent: 'Fallback', slots: {} };
    }
    const intent = (last.request as CapturedRequest | undefined)?.request?.intent;
    const slots: Record<string, SlotValue> = {};
    for (const [name, slot] of Object.entries(intent?.slots ?? {})) {
      const value = slot.value?.trim();
      if (!value) continue;
      if (slotTypes.get(name) === 'date') {
        const date = parseSpokenDate(
          toWords(value, language).map((word) => word.norm),
          language,
          today,
        );
        slots[name] = { spoken: date ?? value };
      } else {
        slots[name] = { spoken: value, resolvedId: resolvedId(slot) };
      }
    }
    return { intent: coreIntent.get(intent?.name ?? '') ?? 'Fallback', slots };
  };
}
