/** The generated Alexa models and skill.json keep the rules the ASK CLI and certification enforce. */
import { LOCALES, type Locale } from '../../src/language/model';
import { SKILL_MANIFEST } from '../../src/language/generate';
import { allGeneratedFiles, alexaModels, isRecord, modelOf } from './helpers';

/** Launch phrases, connecting words, wake words and "skill"/"app" cannot be part of an invocation name. */
const FORBIDDEN_INVOCATION_WORDS = [
  'alexa',
  'amazon',
  'echo',
  'computer',
  'skill',
  'app',
  'launch',
  'ask',
  'tell',
  'open',
  'load',
  'begin',
  'enable',
  'start',
  'play',
  'use',
  'to',
  'from',
  'by',
  'if',
  'and',
  'whether',
  'abre',
  'abrir',
  'pregunta',
  'pide',
  'inicia',
  'empieza',
  'lanza',
  'juega',
];
const AMAZON_SLOT_TYPES = ['AMAZON.NUMBER', 'AMAZON.FOUR_DIGIT_NUMBER', 'AMAZON.DATE'];
const REQUIRED_BUILT_INS = [
  'AMAZON.CancelIntent',
  'AMAZON.HelpIntent',
  'AMAZON.StopIntent',
  'AMAZON.NavigateHomeIntent',
  'AMAZON.FallbackIntent',
];
const DIALOG_INTENTS = [
  'GetBalanceIntent',
  'GetTransactionsIntent',
  'GetSpendingIntent',
  'PayBillIntent',
  'TransferMoneyIntent',
  'ProvidePinIntent',
];
/** Words that may join the invocation name to the utterance in an example phrase ("ask saldo banking to pay …"). */
const CONNECTORS = ['to', 'for', 'about', 'que', 'por'];

/** Letters, spaces, apostrophes and an abbreviation's period ("st."); no digits, no other punctuation. */
function sampleProblem(sample: string): string | undefined {
  if (sample !== sample.trim() || /\s{2,}/.test(sample)) return 'stray whitespace';
  if (sample.length > 200) return 'longer than 200 characters';
  if (/[{}]/.test(sample.replace(/\{[A-Za-z]+\}/g, ''))) return 'malformed slot reference';
  const words = sample.replace(/\{[A-Za-z]+\}/g, 'slot');
  if (/\d/.test(words)) return 'digits';
  if (!/^[\p{L}\p{M}' .]+$/u.test(words)) return 'punctuation';
  if (/(^|[^\p{L}])\.|\.(?=\S)/u.test(words)) return 'a period outside an abbreviation';
  return undefined;
}

/** A sample as a pattern over a spoken phrase: each slot stands for any words. */
function sampleMatcher(sample: string): RegExp {
  const literals = sample
    .toLowerCase()
    .split(/\{[a-z]+\}/i)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literals.join('.+')}$`, 'u');
}

describe.each(LOCALES)('%s Alexa model', (locale: Locale) => {
  const generated = alexaModels.get(locale);
  if (!generated) throw new Error(`no Alexa model for ${locale}`);
  const { languageModel, dialog, prompts } = generated.interactionModel;
  const typeNames = new Set(languageModel.types.map((type) => type.name));

  it('has an invocation name the ASK CLI accepts', () => {
    const name = languageModel.invocationName;
    expect(name).toBe(name.toLowerCase());
    expect(name).toMatch(/^[\p{Ll}' .]+$/u);
    expect(name.split(' ').length).toBeGreaterThanOrEqual(2);
    expect(name.split(' ').filter((word) => FORBIDDEN_INVOCATION_WORDS.includes(word))).toEqual([]);
  });

  it('has samples without digits or punctuation other than apostrophes and abbreviation periods', () => {
    const problems = languageModel.intents.flatMap((intent) =>
      intent.samples.flatMap((sample) => {
        const problem = sampleProblem(sample);
        return problem ? [`${intent.name}: "${sample}" (${problem})`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('has slot samples without digits or punctuation, each naming its own slot', () => {
    const problems = languageModel.intents.flatMap((intent) =>
      (intent.slots ?? []).flatMap((slot) =>
        (slot.samples ?? []).flatMap((sample) => {
          const problem =
            sampleProblem(sample) ?? (sample.includes(`{${slot.name}}`) ? undefined : `no {${slot.name}}`);
          return problem ? [`${intent.name}.${slot.name}: "${sample}" (${problem})`] : [];
        }),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('refers in samples only to slots the intent has', () => {
    const dangling = languageModel.intents.flatMap((intent) => {
      const slots = new Set((intent.slots ?? []).map((slot) => slot.name));
      const slotSamples = (intent.slots ?? []).flatMap((slot) => slot.samples ?? []);
      return [...intent.samples, ...slotSamples].flatMap((sample) =>
        [...sample.matchAll(/\{([^{}]*)\}/g)]
          .map((match) => match[1] ?? '')
          .filter((slot) => !slots.has(slot))
          .map((slot) => `${intent.name}: ${slot}`),
      );
    });
    expect(dangling).toEqual([]);
  });

  it('gives every slot a type that exists', () => {
    const slots = [
      ...languageModel.intents.flatMap((intent) => intent.slots ?? []),
      ...dialog.intents.flatMap((intent) => intent.slots),
    ];
    expect(slots.filter((slot) => !typeNames.has(slot.type) && !AMAZON_SLOT_TYPES.includes(slot.type))).toEqual([]);
  });

  it('has unique intent names, unique samples and the built-ins Alexa requires', () => {
    const names = languageModel.intents.map((intent) => intent.name);
    expect(new Set(names).size).toBe(names.length);
    const samples = languageModel.intents.flatMap((intent) => intent.samples.map((sample) => sample.toLowerCase()));
    expect(new Set(samples).size).toBe(samples.length);
    expect(REQUIRED_BUILT_INS.filter((name) => !names.includes(name))).toEqual([]);
  });

  it('has slot types with unique, non-empty value ids', () => {
    for (const type of languageModel.types) {
      const ids = type.values.map((value) => value.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(type.values.every((value) => value.id.length > 0 && value.name.value.length > 0)).toBe(true);
    }
  });

  it('lets the skill elicit slots (SKILL_RESPONSE) for balance, transactions, bill payments, transfers and the PIN', () => {
    expect(dialog.delegationStrategy).toBe('SKILL_RESPONSE');
    expect(dialog.intents.map((intent) => intent.name).sort()).toEqual([...DIALOG_INTENTS].sort());
    for (const intent of dialog.intents) {
      expect(intent.delegationStrategy).toBe('SKILL_RESPONSE');
      const declared = languageModel.intents.find((candidate) => candidate.name === intent.name)?.slots ?? [];
      expect(intent.slots.map((slot) => [slot.name, slot.type])).toEqual(
        declared.map((slot) => [slot.name, slot.type]),
      );
    }
  });

  it('defines every prompt the dialog refers to, and only those, each with a spoken variation', () => {
    const referenced = dialog.intents.flatMap((intent) =>
      intent.slots.flatMap((slot) => (slot.prompts.elicitation ? [slot.prompts.elicitation] : [])),
    );
    expect(prompts.map((prompt) => prompt.id).sort()).toEqual([...referenced].sort());
    expect(
      prompts.every(
        (prompt) =>
          prompt.variations.length > 0 && prompt.variations.every((variation) => variation.value.trim().length > 0),
      ),
    ).toBe(true);
  });
});

describe('skill.json', () => {
  const manifest = JSON.parse(allGeneratedFiles.get(SKILL_MANIFEST) ?? '{}') as unknown;
  const root = isRecord(manifest) && isRecord(manifest.manifest) ? manifest.manifest : {};
  const publishing = isRecord(root.publishingInformation) ? root.publishingInformation : {};
  const privacy = isRecord(root.privacyAndCompliance) ? root.privacyAndCompliance : {};
  const listings = isRecord(publishing.locales) ? publishing.locales : {};

  it('publishes every locale in the US, Great Britain and Spain', () => {
    expect(Object.keys(listings).sort()).toEqual([...LOCALES].sort());
    expect(Object.keys(isRecord(privacy.locales) ? privacy.locales : {}).sort()).toEqual([...LOCALES].sort());
    expect(publishing.distributionCountries).toEqual(['US', 'GB', 'ES']);
  });

  it.each(LOCALES)('%s example phrases call the invocation name and say a sample', (locale) => {
    const model = modelOf(locale);
    const listing = listings[locale];
    const phrases =
      isRecord(listing) && Array.isArray(listing.examplePhrases) ? (listing.examplePhrases as string[]) : [];
    expect(phrases.length).toBeGreaterThan(0);
    const matchers = Object.values(model.intents).flatMap((intent) => intent.samples.map(sampleMatcher));
    for (const [index, phrase] of phrases.entries()) {
      expect(phrase.startsWith('Alexa, ')).toBe(true);
      const lower = phrase.toLowerCase();
      const at = lower.indexOf(model.invocationName);
      expect(at).toBeGreaterThan(0);
      // The first phrase only opens the skill; the others must be something the model understands.
      if (index === 0) continue;
      const words = lower
        .slice(at + model.invocationName.length)
        .trim()
        .split(' ');
      const utterances = [words.join(' '), CONNECTORS.includes(words[0] ?? '') ? words.slice(1).join(' ') : ''];
      expect(utterances.some((utterance) => utterance && matchers.some((matcher) => matcher.test(utterance)))).toBe(
        true,
      );
    }
  });
});
