/**
 * The language evaluation (`npm run eval:language`) held to its targets in the simulator:
 * ≥ 95 % intents and ≥ 90 % exact slots in every locale, on phrasings written apart from the
 * model. virtual-alexa's figures are reported by the command and in the README, not asserted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGE_DIR, LOCALES } from '../../src/language/model';
import { evaluate, evaluationCustomer, loadEvaluation } from '../../src/simulator/evaluation';
import { simulatorUnderstanding } from '../../src/simulator/evaluation-matchers';
import { TARGETS } from '../../src/simulator/evaluate';
import { modelOf } from './helpers';

/** Case and punctuation aside; template syntax kept, so "what can you do [for me]" is a template, not a phrase. */
const tidy = (text: string) =>
  text
    .toLowerCase()
    .replace(/[,.?¿!¡]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
/** Two words or fewer ("no gracias", "yes please") are what everybody says: a model must have them. */
const isStockAnswer = (phrase: string) => phrase.trim().split(/\s+/).length <= 2;

describe.each(LOCALES)('%s language evaluation', (locale) => {
  const evaluation = loadEvaluation(locale);

  it('has at least 80 phrasings, covering every intent a user can speak', () => {
    expect(evaluation.phrases.length).toBeGreaterThanOrEqual(80);
    const intents = new Set(evaluation.phrases.map((phrase) => phrase.intent));
    expect([...intents].sort()).toEqual(Object.keys(modelOf(locale).intents).sort());
  });

  it('is not written into the model: no template is an evaluation phrase verbatim', () => {
    const source = JSON.parse(readFileSync(path.join(LANGUAGE_DIR, `${locale}.json`), 'utf8')) as {
      intents: Record<string, { samples: string[]; slotSamples?: Record<string, string[]> }>;
    };
    const templates = new Set(
      Object.values(source.intents)
        .flatMap((intent) => [...intent.samples, ...Object.values(intent.slotSamples ?? {}).flat()])
        .map(tidy),
    );
    const verbatim = evaluation.phrases
      .map((phrase) => phrase.say)
      .filter((say) => !isStockAnswer(say) && templates.has(tidy(say)));
    expect(verbatim).toEqual([]);
  });

  it(`meets the targets in the simulator (intent ≥ ${TARGETS.intent * 100} %, exact slots ≥ ${TARGETS.slots * 100} %)`, async () => {
    const customer = evaluationCustomer(evaluation.customer);
    const report = await evaluate(
      evaluation,
      customer,
      'simulator',
      simulatorUnderstanding(modelOf(locale), customer, evaluation.today),
    );
    const misses = report.results.filter((result) => !result.slotsExact).map((result) => result.phrase.say);
    expect({
      intent: report.intentAccuracy >= TARGETS.intent,
      slots: report.slotAccuracy >= TARGETS.slots,
      misses,
    }).toEqual({ intent: true, slots: true, misses: expect.any(Array) });
  });
});
