/**
 * The spoken PIN: a wrong one says it did not match and how many tries are left (never
 * which digit); after the configured number of consecutive failures (3 by default, at
 * most 5) voice payments lock for that customer everywhere until reset, audited. A right
 * PIN resets the count. John's PIN is 2468.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { AlexaTest } from 'ask-sdk-test';
import { pinCredentials } from '../../src/store/pin-credentials';
import { FIXED_NOW, testSaldo } from '../support/app';
import { ANA, JOHN, asCustomer, cardContentOf, equalTo, settingsFor } from '../alexa/helpers';
import {
  JOHN_HEARS,
  PENDING_ID,
  auditEventsOf,
  auditOf,
  capturedSession,
  countPaymentsExecuted,
  expectNothingMoved,
  fromCustomer,
  invoke,
  moneyIn,
  paymentRequestsFor,
  pendingStatuses,
  ssmlOf,
  withReference,
} from './helpers';

const { CHECKING, ANYTHING_ELSE, PIN_PROMPT, NO_PENDING } = JOHN_HEARS;

const settings = settingsFor('en-US');
const r = paymentRequestsFor(settings);

const PIN_FORMAT = 'A voice PIN has four digits. What&apos;s your voice PIN?';
const JUST_LOCKED =
  'That PIN didn&apos;t match, so for your security I&apos;ve locked voice payments. To unlock them, reset your voice PIN in the Sandbox Bank app. I&apos;ve sent the steps to your Alexa app.';
const LOCKED =
  'Voice payments are locked for your security. To unlock them, reset your voice PIN in the Sandbox Bank app. I&apos;ve sent the steps to your Alexa app.';
const LOCKED_CARD =
  "Reset your voice PIN in the Sandbox Bank app or with your bank's support.\nSandbox developers: npm run pin -- reset cust-john";

const readBack = (amount: string, payee: string) =>
  `You&apos;re paying ${amount} to ${payee} from your ${CHECKING}. To approve, what&apos;s your four-digit voice PIN?`;
const paid = (amount: string, payee: string, available: string) =>
  withReference(
    `Done. I&apos;ve paid ${amount} to ${payee} from your ${CHECKING}. The reference ends in {ref}. Your available balance is now ${available}. ${ANYTHING_ELSE}`,
  );
const wrong = (triesLeft: number) =>
  `That PIN didn&apos;t match. You have ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left. ${PIN_PROMPT}`;

/** A wrong PIN's answer: how many tries are left, the payment still waiting, and no hint about digits. */
function wrongPinItem(pin: string, triesLeft: number) {
  return {
    request: r.pin(pin),
    says: wrong(triesLeft),
    reprompts: wrong(triesLeft),
    shouldEndSession: false,
    callback: (response: ResponseEnvelope) => expectNoDigitHint(response, pin),
  };
}

function expectNoDigitHint(response: ResponseEnvelope, spokenPin: string): void {
  const speech = ssmlOf(response);
  expect(speech).not.toMatch(/\b(first|second|third|fourth|last|1st|2nd|3rd|4th)\b/i);
  expect(speech).not.toContain(spokenPin);
  expect(speech).not.toContain('2468');
  expect(JSON.stringify(response)).not.toContain(spokenPin);
  expect(Object.keys(response.sessionAttributes ?? {})).toEqual(['payment']);
  expect(response.sessionAttributes?.payment).toMatch(PENDING_ID);
}

const lockedItem = (request: RequestEnvelope, speech = JUST_LOCKED) => ({
  request,
  says: speech,
  repromptsNothing: true,
  shouldEndSession: true,
  hasCardTitle: 'Voice payments locked',
  hasCardContent: LOCKED_CARD,
  hasAttributes: { payment: equalTo(undefined) },
  callback: (response: ResponseEnvelope) => expect(cardContentOf(response)).toContain('npm run pin -- reset cust-john'),
});

describe('voice PIN (en-US, John)', () => {
  describe('three wrong PINs in a row lock voice payments', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const olderReadBack = capturedSession();
    const es = paymentRequestsFor(settingsFor('es-ES'));
    const anaAlexa = new AlexaTest(saldo.handler, settingsFor('es-ES'));

    // Another device's read-back, made before the lockout.
    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'verizon', amount: '15' }),
          says: readBack('$15.00', 'Verizon'),
          shouldEndSession: false,
          callback: olderReadBack.capture,
        },
      ]),
      'a read-back on another device, still waiting for its PIN',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power', amount: '45', cents: '20' }),
          says: readBack('$45.20', 'City Power'),
          shouldEndSession: false,
        },
        wrongPinItem('1357', 2),
        wrongPinItem('8642', 1),
        lockedItem(r.pin('2469')),
      ]),
      '"2 tries left", "1 try left", then locked: the reply says how to reset, the card has the command',
    );

    alexa.test(
      asCustomer(JOHN, [lockedItem(r.payBill({ payee: 'city power', amount: '10' }), LOCKED)]),
      'a new session: a payment request is refused while locked',
    );

    alexa.test(
      asCustomer(JOHN, [lockedItem(r.transfer({ amount: '10', toAccount: 'savings' }), LOCKED)]),
      'a transfer is refused too',
    );

    alexa.test(
      asCustomer(JOHN, [{ ...lockedItem(r.pin('2468'), LOCKED), withSessionAttributes: olderReadBack.attributes }]),
      'the right PIN for the read-back made earlier on another device is refused while locked',
    );

    anaAlexa.test(
      asCustomer(ANA, [
        {
          request: es.payBill({ payee: 'la luz', amount: '10' }),
          saysLike: 'Vas a pagar 10 euros a Iberdrola',
          shouldEndSession: false,
        },
      ]),
      "the lock is John's only: Ana can still pay",
    );

    it('moved nothing and audited each failure, the lockout and the cancelled payments', async () => {
      await expectNothingMoved(saldo, 'cust-john');
      const audit = await auditOf(saldo, 'cust-john');
      expect(audit.map((a) => a.event)).toEqual([
        'payment.requested',
        'payment.requested',
        'pin.failed',
        'pin.failed',
        'pin.failed',
        'pin.locked',
        'payment.cancelled',
        'payment.cancelled',
      ]);
      expect(audit.filter((a) => a.event === 'pin.failed').map((a) => a.details.consecutiveFailures)).toEqual([
        1, 2, 3,
      ]);
      expect(audit.find((a) => a.event === 'pin.locked')?.details).toEqual({ consecutiveFailures: 3, maxAttempts: 3 });
      expect(
        audit.filter((a) => a.event === 'payment.cancelled').map((a) => [a.details.amountMinor, a.details.reason]),
      ).toEqual([
        [4520, 'voice_payments_locked'],
        [1500, 'voice_payments_locked'],
      ]);
      expect((await pendingStatuses(saldo, 'cust-john')).map((p) => p.status)).toEqual(['cancelled', 'cancelled']);
    });

    it('after a reset, John can pay again', async () => {
      const { db } = await saldo.application;
      expect(await pinCredentials(db).reset('sandbox', 'cust-john', FIXED_NOW.getTime())).toBe(true);
      const readBackResponse = await invoke(
        saldo.handler,
        fromCustomer(JOHN, r.payBill({ payee: 'city power', amount: '45', cents: '20' }), { isNew: true }),
      );
      expect(ssmlOf(readBackResponse)).toBe(readBack('$45.20', 'City Power'));
      const done = await invoke(
        saldo.handler,
        fromCustomer(JOHN, r.pin('2468'), { isNew: false, attributes: readBackResponse.sessionAttributes }),
      );
      expect(ssmlOf(done)).toMatch(paid('$45.20', 'City Power', '$1,189.36'));
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 118936, currentMinor: 125691 });
    });
  });

  describe('a right PIN resets the count', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power', amount: '10' }),
          says: readBack('$10.00', 'City Power'),
          shouldEndSession: false,
        },
        wrongPinItem('1111', 2),
        wrongPinItem('2222', 1),
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$10.00', 'City Power', '$1,224.56').test(speech),
          shouldEndSession: false,
        },
        {
          request: r.payBill({ payee: 'verizon', amount: '20' }),
          says: readBack('$20.00', 'Verizon'),
          shouldEndSession: false,
        },
        wrongPinItem('3333', 2),
        wrongPinItem('4444', 1),
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$20.00', 'Verizon', '$1,204.56').test(speech),
          shouldEndSession: false,
        },
      ]),
      '2 wrong, 1 right, then 2 wrong again does not lock',
    );

    it('both payments went through; nothing was locked', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 120456, currentMinor: 127211 });
      expect(await countPaymentsExecuted(saldo)).toBe(2);
      expect(await auditEventsOf(saldo, 'cust-john')).not.toContain('pin.locked');
    });
  });

  describe('failures are consecutive across payments and sessions', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power', amount: '10' }),
          says: readBack('$10.00', 'City Power'),
          shouldEndSession: false,
        },
        wrongPinItem('1111', 2),
        wrongPinItem('2222', 1),
        {
          request: r.cancel(),
          says: 'OK, I&apos;ve cancelled that payment. No money was moved.',
          shouldEndSession: true,
        },
      ]),
      'two wrong PINs, then cancel',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'verizon', amount: '20' }),
          says: readBack('$20.00', 'Verizon'),
          shouldEndSession: false,
        },
        lockedItem(r.pin('3333')),
      ]),
      'a new session and a new payment: the third wrong PIN locks',
    );

    it('moved nothing', () => expectNothingMoved(saldo, 'cust-john'));
  });

  describe('what does not count as a try', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [{ request: r.pin('1111'), says: NO_PENDING, shouldEndSession: true }]),
      'a PIN with no payment waiting is neither checked nor counted (one-shot)',
    );

    alexa.test(
      asCustomer(JOHN, [
        { request: r.help(), saysLike: 'What would you like to do?', shouldEndSession: false },
        { request: r.pin('1111'), says: `${NO_PENDING} ${ANYTHING_ELSE}`, shouldEndSession: false },
        { request: r.pin('2222'), says: `${NO_PENDING} ${ANYTHING_ELSE}`, shouldEndSession: false },
        { request: r.pin('3333'), says: `${NO_PENDING} ${ANYTHING_ELSE}`, shouldEndSession: false },
        {
          request: r.payBill({ payee: 'city power', amount: '10' }),
          says: readBack('$10.00', 'City Power'),
          shouldEndSession: false,
        },
        { request: r.pin('123'), says: PIN_FORMAT, shouldEndSession: false },
        { request: r.pin('12345'), says: PIN_FORMAT, shouldEndSession: false },
        { request: r.pin(), says: PIN_FORMAT, shouldEndSession: false },
        { request: r.pin('?'), says: PIN_FORMAT, shouldEndSession: false },
        wrongPinItem('4444', 2),
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$10.00', 'City Power', '$1,224.56').test(speech),
          shouldEndSession: false,
        },
      ]),
      'out-of-context PINs and PINs that are not four digits are asked again without counting',
    );

    it('audited one failed PIN only', async () => {
      expect((await auditEventsOf(saldo, 'cust-john')).filter((e) => e.startsWith('pin.'))).toEqual(['pin.failed']);
    });
  });

  describe('a PIN before the read-back (while the amount is still being asked for)', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power' }),
          says: 'How much would you like to pay City Power?',
          elicitsSlot: 'amount',
          shouldEndSession: false,
        },
        { request: r.pin('2468'), says: `${NO_PENDING} ${ANYTHING_ELSE}`, shouldEndSession: false },
      ]),
      'approves nothing',
    );

    it('moved nothing', () => expectNothingMoved(saldo, 'cust-john'));
  });

  describe('SALDO_PIN_MAX_ATTEMPTS=5', () => {
    const saldo = testSaldo({ SALDO_PIN_MAX_ATTEMPTS: '5' });
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power', amount: '10' }),
          says: readBack('$10.00', 'City Power'),
          shouldEndSession: false,
        },
        wrongPinItem('1111', 4),
        wrongPinItem('2222', 3),
        wrongPinItem('3333', 2),
        wrongPinItem('4444', 1),
        lockedItem(r.pin('5555')),
      ]),
      'five tries: 4, 3, 2, 1 left, then locked',
    );

    it('audited the lockout with maxAttempts 5', async () => {
      const audit = await auditOf(saldo, 'cust-john');
      expect(audit.filter((a) => a.event === 'pin.failed')).toHaveLength(5);
      expect(audit.find((a) => a.event === 'pin.locked')?.details).toEqual({ consecutiveFailures: 5, maxAttempts: 5 });
      await expectNothingMoved(saldo, 'cust-john');
    });
  });

  describe('SALDO_PIN_MAX_ATTEMPTS=1', () => {
    const saldo = testSaldo({ SALDO_PIN_MAX_ATTEMPTS: '1' });
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power', amount: '10' }),
          says: readBack('$10.00', 'City Power'),
          shouldEndSession: false,
        },
        lockedItem(r.pin('1111')),
      ]),
      'the first wrong PIN locks',
    );
  });

  describe('more than 5 attempts cannot be configured', () => {
    for (const value of ['6', '10', '0']) {
      it(`SALDO_PIN_MAX_ATTEMPTS=${value} is rejected at start`, async () => {
        await expect(testSaldo({ SALDO_PIN_MAX_ATTEMPTS: value }).application).rejects.toThrow(
          /SALDO_PIN_MAX_ATTEMPTS/,
        );
      });
    }
  });

  describe('concurrent wrong guesses cannot outrun the counter', () => {
    const saldo = testSaldo();

    it('five wrong PINs at once count three failures and lock once', async () => {
      const readBackResponse = await invoke(
        saldo.handler,
        fromCustomer(JOHN, r.payBill({ payee: 'city power', amount: '45' }), { isNew: true }),
      );
      const attributes = readBackResponse.sessionAttributes ?? {};
      const guesses = ['1111', '2222', '3333', '4444', '5555'];
      const replies = await Promise.all(
        guesses.map((pin) => invoke(saldo.handler, fromCustomer(JOHN, r.pin(pin), { isNew: false, attributes }))),
      );
      const speeches = replies.map(ssmlOf).sort();
      expect(speeches.filter((s) => s === wrong(2) || s === wrong(1))).toHaveLength(2);
      expect(speeches.filter((s) => s === JUST_LOCKED)).toHaveLength(1);
      expect(speeches.filter((s) => s === LOCKED)).toHaveLength(2);
      const audit = await auditEventsOf(saldo, 'cust-john');
      expect(audit.filter((e) => e === 'pin.failed')).toHaveLength(3);
      expect(audit.filter((e) => e === 'pin.locked')).toHaveLength(1);
      await expectNothingMoved(saldo, 'cust-john');
    });
  });
});
