/** The source models: slot types, sample counts and overlaps, and what every locale must share. */
import {
  isAlexaBuiltIn,
  isBuiltInSlotKind,
  LOCALES,
  MODEL_LIMITS,
  parseModel,
  slotReferences,
  typedSample,
} from '../../src/language/model';
import { modelOf, models } from './helpers';

const MIN_CUSTOM_SAMPLES = 15;
/** Google has no built-in yes/no/help…, so these phrases are all it learns them from. */
const MIN_GOOGLE_ONLY_PHRASES = 8;

const defaultModel = modelOf('en-US');

describe.each(LOCALES)('%s language model', (locale) => {
  const model = modelOf(locale);
  const intents = Object.entries(model.intents);

  it('gives every slot a type that exists', () => {
    const missing = intents.flatMap(([name, intent]) =>
      intent.slots
        .filter((slot) => !isBuiltInSlotKind(slot.type) && !(slot.type in model.types))
        .map((slot) => `${name}.${slot.name}: ${slot.type}`),
    );
    expect(missing).toEqual([]);
  });

  it('refers only to slots its intents declare', () => {
    const dangling = intents.flatMap(([name, intent]) =>
      intent.samples.flatMap((sample) =>
        slotReferences(sample)
          .filter((slot) => !intent.slots.some((s) => s.name === slot))
          .map((slot) => `${name}: ${sample} {${slot}}`),
      ),
    );
    expect(dangling).toEqual([]);
  });

  it(`has at least ${MIN_CUSTOM_SAMPLES} samples for every custom intent`, () => {
    const short = intents
      .filter(([, intent]) => !isAlexaBuiltIn(intent) && intent.samples.length < MIN_CUSTOM_SAMPLES)
      .map(([name, intent]) => `${name}: ${intent.samples.length}`);
    expect(short).toEqual([]);
  });

  it(`trains Google with at least ${MIN_GOOGLE_ONLY_PHRASES} phrases for every Alexa built-in`, () => {
    const short = intents
      .filter(([, intent]) => isAlexaBuiltIn(intent) && intent.samples.length < MIN_GOOGLE_ONLY_PHRASES)
      .map(([name, intent]) => `${name}: ${intent.samples.length}`);
    expect(short).toEqual([]);
  });

  it('never gives two intents (or one intent twice) the same sample, slots compared by type', () => {
    const owners = new Map<string, string[]>();
    for (const [name, intent] of intents) {
      for (const sample of intent.samples) {
        const key = typedSample(intent, sample);
        owners.set(key, [...(owners.get(key) ?? []), name]);
      }
    }
    const shared = [...owners]
      .filter(([, names]) => names.length > 1)
      .map(([sample, names]) => `${sample}: ${names.join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('declares the same slots (names and types) as the default locale, since Google declares parameters once', () => {
    const shape = (m: typeof model) =>
      Object.fromEntries(
        Object.entries(m.intents).map(([name, intent]) => [
          name,
          intent.slots.map((slot) => `${slot.name}:${slot.type}`),
        ]),
      );
    expect(shape(model)).toEqual(shape(defaultModel));
  });

  it('has the same slot types and value ids as the default locale', () => {
    const ids = (m: typeof model) =>
      Object.fromEntries(Object.entries(m.types).map(([name, type]) => [name, type.values.map((value) => value.id)]));
    expect(ids(model)).toEqual(ids(defaultModel));
  });

  it('resolves no word to two values of one type', () => {
    const clashes = Object.entries(model.types).flatMap(([typeName, type]) => {
      const seen = new Map<string, string>();
      return type.values.flatMap((value) =>
        [value.value, ...value.synonyms].flatMap((word) => {
          const key = word.toLowerCase();
          const other = seen.get(key);
          seen.set(key, value.id);
          return other !== undefined && other !== value.id
            ? [`${typeName}: "${word}" is ${other} and ${value.id}`]
            : [];
        }),
      );
    });
    expect(clashes).toEqual([]);
  });

  it('annotates Google phrases with examples that its own slot types recognise', () => {
    const unknown = intents.flatMap(([name, intent]) =>
      intent.slots.flatMap((slot) => {
        const type = model.types[slot.type];
        if (!type) return [];
        const words = new Set(
          type.values.flatMap((value) => [value.value, ...value.synonyms]).map((word) => word.toLowerCase()),
        );
        return slot.examples
          .filter((example) => !words.has(example.toLowerCase()))
          .map((example) => `${name}.${slot.name}: ${example}`);
      }),
    );
    expect(unknown).toEqual([]);
  });

  it('keeps the three account kinds, and only generic payee phrasings (customers bring their own)', () => {
    expect(model.types.ACCOUNT_TYPE?.values.map((value) => value.id)).toEqual(['checking', 'savings', 'credit_card']);
    expect(model.types.PAYEE?.values.every((value) => value.id.startsWith('generic-'))).toBe(true);
  });

  it(`stays within the numbers it holds to (${MODEL_LIMITS.samplesPerIntent} per intent, ${MODEL_LIMITS.samplesPerLocale} in all)`, () => {
    const counts = intents.map(([, intent]) => intent.samples.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(MODEL_LIMITS.samplesPerIntent);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MODEL_LIMITS.samplesPerLocale);
  });

  it('hears the PIN alone only as the answer to the PIN question (no bare {pin} sample)', () => {
    expect(model.intents.ProvidePin?.samples).not.toContain('{pin}');
    expect(model.intents.ProvidePin?.slotSamples?.pin).toContain('{pin}');
    expect(model.intents.ProvidePin?.elicitation?.pin).toBeDefined();
  });

  it('asks for the payment slots and the account of a balance or transactions question', () => {
    const elicited = (name: string) => Object.keys(model.intents[name]?.elicitation ?? {}).sort();
    expect(elicited('PayBill')).toEqual(['amount', 'fromAccount', 'payee']);
    expect(elicited('TransferMoney')).toEqual(['amount', 'fromAccount', 'toAccount']);
    expect(elicited('GetBalance')).toEqual(['accountType']);
    expect(elicited('GetTransactions')).toEqual(['accountType']);
  });
});

describe('language model sources', () => {
  it('speak each region: current account and pounds and pence in en-GB, cuenta de cheques and dólares in es-US', () => {
    const gb = modelOf('en-GB');
    const us = modelOf('es-US');
    expect(gb.types.ACCOUNT_TYPE?.values.find((value) => value.id === 'checking')?.value).toBe('current account');
    expect(gb.intents.PayBill?.samples).toContain('pay {amount} pounds and {cents} pence to {payee}');
    expect(us.types.ACCOUNT_TYPE?.values.find((value) => value.id === 'checking')?.synonyms).toContain(
      'cuenta de cheques',
    );
    expect(us.intents.PayBill?.samples).toContain('paga {amount} dólares con {cents} centavos a {payee}');
    expect(us.invocationName).toBe('banco saldo');
  });

  it('reject a sample that names a slot its intent does not have', () => {
    const broken = structuredClone(models[0]) as unknown as { intents: { GetBalance: { samples: string[] } } };
    broken.intents.GetBalance.samples.push('what is in my {wallet}');
    expect(() => parseModel(broken, 'broken')).toThrow(/no slot wallet/);
  });

  it('reject a slot whose type is not declared', () => {
    const broken = structuredClone(models[0]) as unknown as { types: Record<string, unknown> };
    delete broken.types.PAYEE;
    expect(() => parseModel(broken, 'broken')).toThrow(/no type PAYEE/);
  });
});
