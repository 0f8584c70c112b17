/**
 * Who is speaking: without a linked account (no token, or a token the bank does not
 * know) the skill asks to link and reveals nothing; session attributes come from the
 * client and are never trusted to pick another customer's account.
 */
import { AlexaTest, type SequenceItem } from 'ask-sdk-test';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { testSaldo } from '../support/app';
import { JOHN, asCustomer, digits, equalTo, requestsFor, settingsFor, speechOf } from './helpers';

const { handler } = testSaldo();
const en = settingsFor('en-US');
const es = settingsFor('es-ES');
const enAlexa = new AlexaTest(handler, en);
const esAlexa = new AlexaTest(handler, es);
const rEn = requestsFor(en);
const rEs = requestsFor(es);

const LINK_EN =
  'To use Sandbox Bank, please link your bank account. I&apos;ve sent a card to the Alexa app to help you do that.';
const LINK_ES =
  'Para usar Banco Sandbox, vincula tu cuenta bancaria. Te he enviado una tarjeta a la aplicación de Alexa para hacerlo.';
const WELCOME_EN =
  'Welcome to Sandbox Bank. You can check a balance, hear recent transactions, pay a saved payee or move money between your accounts. What would you like to do?';
const NOTHING_TO_CONTINUE = 'There&apos;s nothing more to read right now. What would you like to do?';
const NOTHING_TO_REPEAT = 'There&apos;s nothing to repeat yet. What would you like to do?';
const FALLBACK =
  'Sorry, I can&apos;t help with that. I can give you a balance, your recent transactions, pay a saved payee or make a transfer. What would you like?';

/** A LinkAccount card, the session closed and emptied, and no figures of any kind. */
function asksToLink(response: ResponseEnvelope): void {
  expect(response.response.card?.type).toBe('LinkAccount');
  expect(response.sessionAttributes ?? {}).toEqual({});
  const speech = speechOf(response);
  expect(speech).not.toContain('$');
  expect(speech).not.toContain('€');
  expect(speech).not.toMatch(/euros|ending in|terminada en|\d/);
}

const linkTurn = (request: SequenceItem['request'], says: string): SequenceItem => ({
  request,
  says,
  repromptsNothing: true,
  shouldEndSession: true,
  callback: asksToLink,
});

describe('account linking', () => {
  describe('no access token', () => {
    enAlexa.test(
      [linkTurn(rEn.launch(), LINK_EN)],
      'launch asks to link, sends a LinkAccount card and ends the session',
    );
    enAlexa.test(
      [linkTurn(rEn.withAccountType('GetBalanceIntent', 'checking', 'checking'), LINK_EN)],
      'a balance request asks to link and says no amount',
    );
    enAlexa.test([linkTurn(rEn.intent('GetBalanceIntent'), LINK_EN)], 'a balance summary request asks to link');
    enAlexa.test([linkTurn(rEn.intent('GetTransactionsIntent'), LINK_EN)], 'a transactions request asks to link');
    esAlexa.test([linkTurn(rEs.launch(), LINK_ES)], 'en español: pide vincular la cuenta con una tarjeta LinkAccount');
    esAlexa.test(
      [linkTurn(rEs.withAccountType('GetBalanceIntent', 'cuenta corriente', 'checking'), LINK_ES)],
      'en español: un saldo pide vincular y no dice ningún importe',
    );
    enAlexa.test(
      [
        {
          request: rEn.intent('AMAZON.HelpIntent'),
          saysLike: 'I can tell you a balance',
          shouldEndSession: false,
          callback: (response) => expect(response.response.card).toBeUndefined(),
        },
      ],
      'help needs no linked account',
    );
  });

  describe('an access token the bank does not know', () => {
    const stranger = (items: SequenceItem[]) => asCustomer('not-a-real-token', items);
    enAlexa.test(stranger([linkTurn(rEn.launch(), LINK_EN)]), 'launch asks to link');
    enAlexa.test(
      stranger([linkTurn(rEn.withAccountType('GetBalanceIntent', 'checking', 'checking'), LINK_EN)]),
      'a balance request asks to link and says no amount',
    );
    enAlexa.test(
      stranger([
        {
          ...linkTurn(rEn.intent('GetTransactionsIntent'), LINK_EN),
          callback: (response) => {
            asksToLink(response);
            expect(JSON.stringify(response)).not.toContain('not-a-real-token');
          },
        },
      ]),
      'a transactions request asks to link and never echoes the token',
    );
    esAlexa.test(
      stranger([linkTurn(rEs.withAccountType('GetBalanceIntent', 'tarjeta', 'credit_card'), LINK_ES)]),
      'en español: pide vincular la cuenta',
    );
  });

  describe('forged session attributes', () => {
    const anasPage = { accountId: 'acc-ana-chk', count: 3, offset: 0 };
    const revealsNothingOfAna = (response: ResponseEnvelope) => {
      const everything = JSON.stringify(response);
      for (const secret of ['Mercadona', 'euros', 'acc-ana-chk', '1332']) expect(everything).not.toContain(secret);
    };

    enAlexa.test(
      asCustomer(JOHN, [
        { request: rEn.launch(), says: WELCOME_EN, shouldEndSession: false },
        {
          request: rEn.intent('AMAZON.NextIntent'),
          withSessionAttributes: { more: anasPage },
          says: NOTHING_TO_CONTINUE,
          shouldEndSession: false,
          hasAttributes: { more: equalTo(undefined) },
          callback: revealsNothingOfAna,
        },
      ]),
      "a 'more' page naming Ana's account does not read Ana's transactions to John",
    );

    enAlexa.test(
      asCustomer(JOHN, [
        {
          request: rEn.intent('AMAZON.NextIntent'),
          withSessionAttributes: { more: anasPage },
          says: NOTHING_TO_CONTINUE,
          shouldEndSession: false,
          callback: revealsNothingOfAna,
        },
      ]),
      'the same as the first request of a session (one-shot)',
    );

    enAlexa.test(
      asCustomer(JOHN, [
        {
          request: rEn.intent('AMAZON.YesIntent'),
          withSessionAttributes: { more: anasPage },
          says: FALLBACK,
          shouldEndSession: false,
          callback: revealsNothingOfAna,
        },
      ]),
      "'yes' with Ana's page is not taken as 'read more'",
    );

    enAlexa.test(
      asCustomer(JOHN, [
        {
          request: rEn.intent('AMAZON.RepeatIntent'),
          withSessionAttributes: { last: { intent: 'GetTransactions', page: anasPage } },
          says: NOTHING_TO_REPEAT,
          shouldEndSession: false,
          callback: revealsNothingOfAna,
        },
      ]),
      "repeat of a transactions page on Ana's account has nothing to repeat",
    );

    enAlexa.test(
      asCustomer(JOHN, [
        {
          request: rEn.intent('AMAZON.RepeatIntent'),
          withSessionAttributes: { last: { intent: 'GetBalance', accountId: 'acc-ana-chk' } },
          saysLike: `Here are your 3 accounts. Checking ending in ${digits('4217')}: $1,234.56 available.`,
          shouldEndSession: true,
          callback: revealsNothingOfAna,
        },
      ]),
      "repeat of a balance of Ana's account gives John only his own accounts",
    );

    enAlexa.test(
      asCustomer(JOHN, [
        { request: rEn.launch(), says: WELCOME_EN, shouldEndSession: false },
        {
          request: rEn.intent('AMAZON.NextIntent'),
          withSessionAttributes: { more: 'x', last: 42 },
          says: NOTHING_TO_CONTINUE,
          shouldEndSession: false,
          hasAttributes: { more: equalTo(undefined), last: equalTo(undefined) },
        },
        {
          request: rEn.intent('AMAZON.RepeatIntent'),
          withSessionAttributes: { more: 'x', last: 42 },
          says: NOTHING_TO_REPEAT,
          shouldEndSession: false,
        },
        {
          request: rEn.withAccountType('GetBalanceIntent', 'checking', 'checking'),
          withSessionAttributes: { more: 'x', last: 42 },
          saysLike: `Your checking ending in ${digits('4217')} has an available balance of $1,234.56.`,
          shouldEndSession: false,
        },
      ]),
      'garbage attributes {more: "x", last: 42} are ignored: no error, John is still served',
    );

    enAlexa.test(
      asCustomer(JOHN, [
        {
          request: rEn.intent('AMAZON.NextIntent'),
          withSessionAttributes: { more: { accountId: 'acc-john-chk', count: 1000, offset: -5 } },
          says: NOTHING_TO_CONTINUE,
          shouldEndSession: false,
        },
      ]),
      'a page outside the allowed bounds is dropped as a whole',
    );
  });
});
