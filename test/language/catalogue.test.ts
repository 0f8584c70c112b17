/** The language models and the core's intent catalogue agree, and the Alexa adapter knows every generated intent. */
import type { RequestEnvelope } from 'ask-sdk-model';
import { intentOf } from '../../src/platforms/alexa/turn';
import { LOCALES } from '../../src/language/model';
import { alexaModels, modelOf, SPOKEN_CORE_INTENTS } from './helpers';

function intentRequest(name: string, locale: string): RequestEnvelope {
  const envelope = {
    version: '1.0',
    request: {
      type: 'IntentRequest',
      requestId: 'req-language',
      timestamp: '2026-01-01T00:00:00Z',
      locale,
      intent: { name, confirmationStatus: 'NONE' },
    },
  };
  return envelope as unknown as RequestEnvelope;
}

describe.each(LOCALES)('%s intent catalogue', (locale) => {
  const model = modelOf(locale);

  it('has exactly the core intents a user can speak', () => {
    expect(Object.keys(model.intents).sort()).toEqual([...SPOKEN_CORE_INTENTS].sort());
  });

  it("maps each intent's Alexa names to that core intent in the Alexa adapter", () => {
    const mismatches = Object.entries(model.intents).flatMap(([core, intent]) =>
      intent.alexa
        .map((name) => ({ name, core, adapter: intentOf(intentRequest(name, locale)) }))
        .filter((row) => row.adapter !== row.core),
    );
    expect(mismatches).toEqual([]);
  });

  it('generates only Alexa intents the adapter knows', () => {
    const names = alexaModels.get(locale)?.interactionModel.languageModel.intents.map((intent) => intent.name) ?? [];
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => intentOf(intentRequest(name, locale)) === 'Unknown')).toEqual([]);
  });
});
