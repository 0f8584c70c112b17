/** How console lines become platform requests: launch phrases, one-shots, commands. */
import { loadModel } from '../../src/language/model';
import { createMatcher } from '../../src/simulator/nlu';
import { route } from '../../src/simulator/session';
import { ssmlToText } from '../../src/voice/ssml-text';

const en = createMatcher(loadModel('en-US'), { today: () => '2026-11-29' });
const es = createMatcher(loadModel('es-ES'), { today: () => '2026-11-29' });

describe('route', () => {
  it.each([
    'open saldo banking',
    'Alexa, open Saldo Banking',
    'launch saldo banking',
    'talk to saldo banking',
    'saldo banking',
    '/launch',
  ])('%s opens the skill', (line) => {
    expect(route(line, en)).toEqual({ kind: 'launch' });
  });

  it.each(['abre banco saldo', 'Alexa, abre Banco Saldo', 'habla con banco saldo', 'banco saldo'])(
    '%s abre la skill',
    (line) => {
      expect(route(line, es)).toEqual({ kind: 'launch' });
    },
  );

  it('turns "ask <invocation> …" into a one-shot request', () => {
    expect(route("Alexa, ask saldo banking what's my checking balance", en)).toEqual({
      kind: 'intent',
      utterance: 'whats my checking balance',
      oneShot: true,
    });
    expect(route('ask saldo banking to pay city power', en)).toEqual({
      kind: 'intent',
      utterance: 'pay city power',
      oneShot: true,
    });
    expect(route('pregunta a banco saldo cuál es mi saldo', es)).toEqual({
      kind: 'intent',
      utterance: 'cuál es mi saldo',
      oneShot: true,
    });
    expect(route('ask saldo banking', en)).toEqual({ kind: 'launch' });
  });

  it('leaves everything else to the NLU, and knows /end', () => {
    expect(route('open a new account', en)).toEqual({
      kind: 'intent',
      utterance: 'open a new account',
      oneShot: false,
    });
    expect(route('/end', en)).toEqual({ kind: 'end' });
    expect(route("Alexa, what's my balance", en)).toEqual({
      kind: 'intent',
      utterance: 'whats my balance',
      oneShot: false,
    });
  });
});

describe('ssmlToText', () => {
  it('drops tags and decodes entities', () => {
    expect(
      ssmlToText(
        '<speak>You&apos;re paying $45.20 from your checking ending in <say-as interpret-as="digits">4217</say-as>.</speak>',
      ),
    ).toBe("You're paying $45.20 from your checking ending in 4217.");
  });
});
