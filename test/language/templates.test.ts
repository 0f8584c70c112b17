/** Sample templates: what one line stands for, and what the generator refuses. */
import { MODEL_LIMITS, parseModel } from '../../src/language/model';
import { expandTemplate, expandTemplates, MAX_EXPANSIONS_PER_TEMPLATE } from '../../src/language/templates';
import { models } from './helpers';

describe('a sample template', () => {
  it('multiplies out alternatives and optional parts, fuller phrasings first, spaces tidied', () => {
    expect(expandTemplate("(what's|what is) [the] balance (in|on) my {accountType}")).toEqual([
      "what's the balance in my {accountType}",
      "what's the balance on my {accountType}",
      "what's balance in my {accountType}",
      "what's balance on my {accountType}",
      'what is the balance in my {accountType}',
      'what is the balance on my {accountType}',
      'what is balance in my {accountType}',
      'what is balance on my {accountType}',
    ]);
  });

  it('nests choices and uses shared phrases, which may use others', () => {
    expect(
      expandTemplate('<pay> {amount} <money>', {
        pay: '(pay|send [over])',
        money: '(dollars|<slang>)',
        slang: 'bucks',
      }),
    ).toEqual([
      'pay {amount} dollars',
      'pay {amount} bucks',
      'send over {amount} dollars',
      'send over {amount} bucks',
      'send {amount} dollars',
      'send {amount} bucks',
    ]);
  });

  it('drops duplicates across templates', () => {
    expect(expandTemplates(['pay [the] bill', 'pay (the|a) bill'])).toEqual(['pay the bill', 'pay bill', 'pay a bill']);
  });

  it.each([
    ['pay (the|a bill', /missing \)/],
    ['pay the] bill', /unexpected \]/],
    ['pay <nothing>', /no shared phrase <nothing>/],
    ['<loop>', /refers to itself/],
  ])('refuses "%s"', (template, message) => {
    expect(() => expandTemplate(template, { loop: '<loop> again' })).toThrow(message);
  });

  it(`refuses a template that stands for more than ${MAX_EXPANSIONS_PER_TEMPLATE} phrasings`, () => {
    const ten = '(a|b|c|d|e|f|g|h|i|j)';
    expect(() => expandTemplate(`${ten} ${ten} ${ten} ${ten}`)).toThrow(/more than/);
  });
});

describe('the generator', () => {
  const withSamples = (intent: string, samples: string[]): unknown => {
    const model = structuredClone(models[0]) as unknown as { intents: Record<string, { samples: string[] }> };
    model.intents[intent]!.samples = samples;
    return model;
  };

  it('refuses a phrase that would train two intents', () => {
    expect(() => parseModel(withSamples('Help', ['help', 'what can I say', 'stop']), 'collision')).toThrow(
      /"stop" trains both/,
    );
  });

  it(`refuses an intent over ${MODEL_LIMITS.samplesPerIntent} samples rather than cutting it`, () => {
    const many = ['(a|b|c|d|e|f|g|h|i|j) (a|b|c|d|e|f|g|h|i|j) (a|b|c|d|e|f|g|h|i|j) help'];
    expect(() => parseModel(withSamples('Help', many), 'too many')).toThrow(/Help: 1000 samples, more than/);
  });
});
