/**
 * Slot samples: what people answer when the skill asks for one slot ("Who would you like to pay?" →
 * "City Power", "to City Power"). Alexa hears them while Dialog.ElicitSlot is open; Google gets the
 * ones that cannot mean another intent as training phrases.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AlexaInteractionModel } from '../../src/language/alexa';
import { PROJECT_ROOT } from '../../src/language/generate';
import { GOOGLE_LOCALE_FOLDERS, googleSlotSamples, trainingPhrase } from '../../src/language/google';
import { LOCALES, parseModel, slotReferences, type LanguageModel, type Locale } from '../../src/language/model';
import { createMatcher } from '../../src/simulator/nlu';
import { isRecord, modelOf, models, yamlOf } from './helpers';

/** Every slot the skill elicits (src/core/handlers: pay.ts, balance.ts, transactions.ts, spending.ts), by intent. */
const ELICITED: Readonly<Record<string, readonly string[]>> = {
  PayBill: ['payee', 'amount', 'fromAccount'],
  TransferMoney: ['amount', 'fromAccount', 'toAccount'],
  GetBalance: ['accountType'],
  GetTransactions: ['accountType'],
  GetSpending: ['accountType'],
  // The skill asks for the voice PIN as ProvidePin's slot, whichever request read the payment back.
  ProvidePin: ['pin'],
};
const ALEXA_NAMES: Readonly<Record<string, string>> = {
  ProvidePin: 'ProvidePinIntent',
  PayBill: 'PayBillIntent',
  TransferMoney: 'TransferMoneyIntent',
  GetBalance: 'GetBalanceIntent',
  GetTransactions: 'GetTransactionsIntent',
  GetSpending: 'GetSpendingIntent',
};
const MIN_SLOT_SAMPLES = 6;

/** How each locale says an amount with its minor unit. */
const CURRENCY_WORDS: Readonly<Record<Locale, { major: string; minor: string }>> = {
  'en-US': { major: 'dollars', minor: 'cents' },
  'en-GB': { major: 'pounds', minor: 'pence' },
  'es-ES': { major: 'euros', minor: 'céntimos' },
  'es-US': { major: 'dólares', minor: 'centavos' },
};

/**
 * A sample as the recogniser sees it: lower case, each slot replaced by its type. Two samples
 * that agree here are the same phrase to the platform, whichever intent or slot they belong to.
 */
function typedSample(model: LanguageModel, intent: string, sample: string): string {
  const slots = model.intents[intent]?.slots ?? [];
  return sample
    .toLowerCase()
    .replace(/\{([^{}]*)\}/g, (_whole, name: string) => `{${slots.find((slot) => slot.name === name)?.type ?? name}}`)
    .replace(/\s+/g, ' ')
    .trim();
}

function slotSamplesOf(model: LanguageModel, intent: string, slot: string): readonly string[] {
  return model.intents[intent]?.slotSamples?.[slot] ?? [];
}

function committedAlexaModel(locale: Locale): AlexaInteractionModel {
  return JSON.parse(
    readFileSync(path.join(PROJECT_ROOT, `interaction-models/alexa/${locale}.json`), 'utf8'),
  ) as AlexaInteractionModel;
}

function trainingPhrases(file: string): string[] {
  const content = yamlOf(file);
  return isRecord(content) && Array.isArray(content.trainingPhrases) ? content.trainingPhrases.map(String) : [];
}

describe.each(LOCALES)('%s slot samples', (locale) => {
  const model = modelOf(locale);

  it.each(Object.entries(ELICITED))('cover every slot %s elicits, with the bare value among them', (intent, slots) => {
    expect(Object.keys(model.intents[intent]?.elicitation ?? {}).sort()).toEqual([...slots].sort());
    for (const slot of slots) {
      const samples = slotSamplesOf(model, intent, slot);
      expect({ slot, enough: samples.length >= MIN_SLOT_SAMPLES }).toEqual({ slot, enough: true });
      expect(samples).toContain(`{${slot}}`);
    }
  });

  it('give slot samples only to slots the skill elicits', () => {
    const stray = Object.entries(model.intents).flatMap(([intent, definition]) =>
      Object.keys(definition.slotSamples ?? {})
        .filter((slot) => !(ELICITED[intent] ?? []).includes(slot))
        .map((slot) => `${intent}.${slot}`),
    );
    expect(stray).toEqual([]);
  });

  it('name their own slot and only slots of their intent', () => {
    const problems = Object.entries(model.intents).flatMap(([intent, definition]) =>
      Object.entries(definition.slotSamples ?? {}).flatMap(([slot, samples]) =>
        samples.flatMap((sample) => {
          const references = slotReferences(sample);
          const unknown = references.filter(
            (reference) => !definition.slots.some((candidate) => candidate.name === reference),
          );
          return [
            ...(references.includes(slot) ? [] : [`${intent}.${slot}: "${sample}" lacks {${slot}}`]),
            ...unknown.map((reference) => `${intent}.${slot}: "${sample}" names {${reference}}`),
          ];
        }),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('say the amount with its minor unit in the local currency', () => {
    const { major, minor } = CURRENCY_WORDS[locale];
    for (const intent of ['PayBill', 'TransferMoney']) {
      const samples = slotSamplesOf(model, intent, 'amount');
      expect(samples).toContain(`{amount} ${major}`);
      expect(
        samples.filter((sample) => sample.includes(major) && sample.includes(minor) && sample.includes('{cents}')),
      ).not.toEqual([]);
    }
  });

  it('never duplicate an intent sample (slots compared by type), nor each other within a slot', () => {
    const intentSamples = new Map<string, string>();
    for (const [intent, definition] of Object.entries(model.intents)) {
      for (const sample of definition.samples)
        intentSamples.set(typedSample(model, intent, sample), `${intent}: "${sample}"`);
    }
    const problems: string[] = [];
    for (const [intent, definition] of Object.entries(model.intents)) {
      for (const [slot, samples] of Object.entries(definition.slotSamples ?? {})) {
        const seen = new Set<string>();
        for (const sample of samples) {
          const key = typedSample(model, intent, sample);
          const owner = intentSamples.get(key);
          if (owner) problems.push(`${intent}.${slot} "${sample}" is the intent sample ${owner}`);
          if (seen.has(key)) problems.push(`${intent}.${slot} "${sample}" twice`);
          seen.add(key);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('appear in the committed Alexa model as slots[].samples, on slots the dialog model elicits', () => {
    const generated = committedAlexaModel(locale).interactionModel;
    for (const [intent, slots] of Object.entries(ELICITED)) {
      const alexaIntent = generated.languageModel.intents.find((candidate) => candidate.name === ALEXA_NAMES[intent]);
      const dialogIntent = generated.dialog.intents.find((candidate) => candidate.name === ALEXA_NAMES[intent]);
      for (const slot of slots) {
        const alexaSlot = alexaIntent?.slots?.find((candidate) => candidate.name === slot);
        expect({ intent, slot, samples: alexaSlot?.samples }).toEqual({
          intent,
          slot,
          samples: [...slotSamplesOf(model, intent, slot)],
        });
        expect(dialogIntent?.slots.find((candidate) => candidate.name === slot)?.prompts.elicitation).toBeDefined();
      }
    }
    // Nothing else carries slot samples: a slot the skill never asks for needs none.
    const withSamples = generated.languageModel.intents.flatMap((intent) =>
      (intent.slots ?? []).filter((slot) => slot.samples).map((slot) => `${intent.name}.${slot.name}`),
    );
    const expected = Object.entries(ELICITED).flatMap(([intent, slots]) =>
      slots.map((slot) => `${ALEXA_NAMES[intent]}.${slot}`),
    );
    expect(withSamples.sort()).toEqual(expected.sort());
  });

  it('train Google with the payee and PIN answers only, which cannot mean another intent', () => {
    const folder = GOOGLE_LOCALE_FOLDERS[locale];
    const file = folder === '' ? 'custom/intents/PayBill.yaml' : `custom/intents/${folder}/PayBill.yaml`;
    const phrases = trainingPhrases(file);
    const payBill = model.intents.PayBill;
    if (!payBill) throw new Error('no PayBill');
    const extra = googleSlotSamples(model, 'PayBill');
    expect(extra).toContain('{payee}');
    expect(extra.every((sample) => slotReferences(sample).includes('payee'))).toBe(true);
    const offset = payBill.samples.length;
    expect(phrases.slice(offset)).toEqual(
      extra.map((sample, index) => trainingPhrase(sample, payBill.slots, offset + index)),
    );
    // A PIN alone is only ever an answer to the PIN question.
    expect(googleSlotSamples(model, 'ProvidePin')).toContain('{pin}');
    // Amounts could be a payment or a transfer, accounts a balance, transactions, payment or transfer.
    for (const intent of Object.keys(model.intents).filter((name) => name !== 'PayBill' && name !== 'ProvidePin'))
      expect({ intent, extra: googleSlotSamples(model, intent) }).toEqual({ intent, extra: [] });
  });

  it('are answers the console simulator fills the elicited slot from, with the example values', () => {
    const matcher = createMatcher(model, { today: () => '2026-01-10' });
    const problems: string[] = [];
    for (const [intent, slots] of Object.entries(ELICITED)) {
      const definition = model.intents[intent];
      for (const slot of slots) {
        const declared = definition?.slots.find((candidate) => candidate.name === slot);
        if (!declared) throw new Error(`no slot ${intent}.${slot}`);
        const examples = declared.examples;
        for (const [index, sample] of slotSamplesOf(model, intent, slot).entries()) {
          if (slotReferences(sample).some((reference) => reference !== slot)) continue;
          const example = examples[index % examples.length] ?? '';
          const said = sample.replace(`{${slot}}`, example);
          const filled = matcher.fillSlot(intent, slot, said, true);
          const expected =
            declared.type === 'number'
              ? example
              : model.types[declared.type]?.values.find((value) =>
                  [value.value, ...value.synonyms].some((word) => word.toLowerCase() === example.toLowerCase()),
                )?.id;
          const got = declared.type === 'number' ? filled?.value : filled?.resolvedId;
          if (got !== expected) problems.push(`${intent}.${slot} "${said}": ${String(got)}, not ${String(expected)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('slot samples in the source schema', () => {
  const withPayBill = (
    edit: (payBill: { slotSamples: Record<string, string[]>; elicitation: Record<string, string[]> }) => void,
  ): unknown => {
    const broken = structuredClone(models[0]) as unknown as {
      intents: { PayBill: { slotSamples: Record<string, string[]>; elicitation: Record<string, string[]> } };
    };
    edit(broken.intents.PayBill);
    return broken;
  };

  it('reject a sample that does not name its slot', () => {
    expect(() =>
      parseModel(
        withPayBill((payBill) => payBill.slotSamples.payee?.push('{amount} dollars')),
        'broken',
      ),
    ).toThrow(/does not name \{payee\}/);
  });

  it('reject a sample that names a slot its intent does not have', () => {
    expect(() =>
      parseModel(
        withPayBill((payBill) => payBill.slotSamples.payee?.push('{payee} from my {wallet}')),
        'broken',
      ),
    ).toThrow(/no slot wallet/);
  });

  it('reject samples for a slot the intent does not have, or never elicits', () => {
    expect(() =>
      parseModel(
        withPayBill((payBill) => (payBill.slotSamples.wallet = ['{wallet}'])),
        'broken',
      ),
    ).toThrow(/no slot wallet/);
    expect(() =>
      parseModel(
        withPayBill((payBill) => (payBill.slotSamples.cents = ['{cents} cents'])),
        'broken',
      ),
    ).toThrow(/cents is never elicited/);
  });

  it('reject a sample given twice for one slot', () => {
    expect(() =>
      parseModel(
        withPayBill((payBill) => payBill.slotSamples.payee?.push('To {payee}')),
        'broken',
      ),
    ).toThrow(/given twice/);
  });

  it('accept a model without any (the property is optional)', () => {
    const bare = structuredClone(models[0]) as unknown as { intents: Record<string, { slotSamples?: unknown }> };
    for (const intent of Object.values(bare.intents)) delete intent.slotSamples;
    expect(() => parseModel(bare, 'bare')).not.toThrow();
  });
});
