/** A locale's language model as an Alexa interaction model (the ASK CLI's JSON). */
import { isAlexaBuiltIn, isBuiltInSlotKind, type BuiltInSlotKind, type LanguageModel, type ModelSlot } from './model';

const ALEXA_SLOT_TYPES: Readonly<Record<BuiltInSlotKind, string>> = {
  number: 'AMAZON.NUMBER',
  fourDigitNumber: 'AMAZON.FOUR_DIGIT_NUMBER',
  date: 'AMAZON.DATE',
};

/** Alexa requires NavigateHome in every model although no core intent asks for it; the adapter answers it as a launch. */
const ALEXA_REQUIRED_INTENTS = ['AMAZON.NavigateHomeIntent'] as const;

interface AlexaSlot {
  name: string;
  type: string;
}

/** A language-model slot: its samples are what people say when the skill elicits it. */
interface AlexaIntentSlot extends AlexaSlot {
  samples?: string[];
}

interface AlexaIntent {
  name: string;
  slots?: AlexaIntentSlot[];
  samples: string[];
}

interface AlexaSlotTypeValue {
  id: string;
  name: { value: string; synonyms: string[] };
}

interface AlexaDialogSlot extends AlexaSlot {
  elicitationRequired: boolean;
  confirmationRequired: boolean;
  prompts: { elicitation?: string };
}

interface AlexaDialogIntent {
  name: string;
  delegationStrategy: 'SKILL_RESPONSE';
  confirmationRequired: boolean;
  prompts: Record<string, string>;
  slots: AlexaDialogSlot[];
}

interface AlexaPrompt {
  id: string;
  variations: Array<{ type: 'PlainText'; value: string }>;
}

export interface AlexaInteractionModel {
  interactionModel: {
    languageModel: {
      invocationName: string;
      intents: AlexaIntent[];
      types: Array<{ name: string; values: AlexaSlotTypeValue[] }>;
    };
    dialog: { delegationStrategy: 'SKILL_RESPONSE'; intents: AlexaDialogIntent[] };
    prompts: AlexaPrompt[];
  };
}

function alexaSlotType(slot: Pick<ModelSlot, 'type'>): string {
  return isBuiltInSlotKind(slot.type) ? ALEXA_SLOT_TYPES[slot.type] : slot.type;
}

function elicitationPromptId(alexaIntent: string, slot: string): string {
  return `Elicit.Slot.${alexaIntent}.${slot}`;
}

function intents(model: LanguageModel): AlexaIntent[] {
  const result: AlexaIntent[] = [];
  for (const intent of Object.values(model.intents)) {
    const slots = intent.slots.map((slot): AlexaIntentSlot => {
      const samples = intent.slotSamples?.[slot.name];
      return { name: slot.name, type: alexaSlotType(slot), ...(samples ? { samples: [...samples] } : {}) };
    });
    for (const name of intent.alexa) {
      result.push({
        name,
        ...(slots.length > 0 ? { slots } : {}),
        samples: isAlexaBuiltIn(intent) ? [] : [...intent.samples],
      });
    }
  }
  for (const name of ALEXA_REQUIRED_INTENTS) result.push({ name, samples: [] });
  return result;
}

function dialog(model: LanguageModel): { intents: AlexaDialogIntent[]; prompts: AlexaPrompt[] } {
  const dialogIntents: AlexaDialogIntent[] = [];
  const prompts: AlexaPrompt[] = [];
  for (const intent of Object.values(model.intents)) {
    const elicitation = intent.elicitation;
    const alexaName = intent.alexa[0];
    if (!elicitation || alexaName === undefined) continue;
    dialogIntents.push({
      name: alexaName,
      delegationStrategy: 'SKILL_RESPONSE',
      confirmationRequired: false,
      prompts: {},
      slots: intent.slots.map((slot) => {
        const variations = elicitation[slot.name];
        if (variations) {
          prompts.push({
            id: elicitationPromptId(alexaName, slot.name),
            variations: variations.map((value) => ({ type: 'PlainText', value })),
          });
        }
        return {
          name: slot.name,
          type: alexaSlotType(slot),
          // The skill decides what to ask for (SKILL_RESPONSE); Alexa must not elicit on its own.
          elicitationRequired: false,
          confirmationRequired: false,
          prompts: variations ? { elicitation: elicitationPromptId(alexaName, slot.name) } : {},
        };
      }),
    });
  }
  return { intents: dialogIntents, prompts };
}

export function alexaModel(model: LanguageModel): AlexaInteractionModel {
  const { intents: dialogIntents, prompts } = dialog(model);
  return {
    interactionModel: {
      languageModel: {
        invocationName: model.invocationName,
        intents: intents(model),
        types: Object.entries(model.types).map(([name, type]) => ({
          name,
          values: type.values.map((value) => ({
            id: value.id,
            name: { value: value.value, synonyms: [...value.synonyms] },
          })),
        })),
      },
      dialog: { delegationStrategy: 'SKILL_RESPONSE', intents: dialogIntents },
      prompts,
    },
  };
}
