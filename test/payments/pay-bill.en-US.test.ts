/**
 * Paying a saved payee by voice in US English, as John Carter (sandbox-token-john,
 * voice PIN 2468, checking acc-john-chk with $1,234.56 available) hears it: the payee,
 * the amount and the source account are gathered (asked for when missing), read back,
 * and approved with the PIN. Scenarios that move money or count anything get their
 * own Saldo (a fresh in-memory store).
 */
import type { ResponseEnvelope } from 'ask-sdk-model';
import { AlexaTest } from 'ask-sdk-test';
import { testSaldo } from '../support/app';
import {
  JOHN,
  asCustomer,
  cardContentOf,
  customerIn,
  digits,
  equalTo,
  repromptOf,
  saldoWithFixture,
  settingsFor,
} from '../alexa/helpers';
import {
  JOHN_HEARS,
  PENDING_ID,
  PENDING_LIFETIME_MS,
  SEEDED,
  adjustableClock,
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

const { CHECKING, SAVINGS, CARD, ANYTHING_ELSE, PIN_PROMPT, PIN_INSTEAD_OF_YES, NO_PENDING, CANCELLED } = JOHN_HEARS;

const settings = settingsFor('en-US');
const r = paymentRequestsFor(settings);

const EXPIRED = 'That payment wasn&apos;t approved within five minutes, so it expired. Nothing was sent.';
const PAYMENT_HELP =
  'A payment is waiting for you. To approve it, say your four-digit voice PIN. To drop it, say cancel. What&apos;s your voice PIN?';

const readBack = (amount: string, payee: string, account = CHECKING) =>
  `You&apos;re paying ${amount} to ${payee} from your ${account}. To approve, what&apos;s your four-digit voice PIN?`;

/** "Done. I've paid …", then the question that keeps a conversation going. */
const paid = (amount: string, payee: string, available: string, account = CHECKING) =>
  withReference(
    `Done. I&apos;ve paid ${amount} to ${payee} from your ${account}. The reference ends in {ref}. Your available balance is now ${available}. ${ANYTHING_ELSE}`,
  );

function expectPaymentId(response: ResponseEnvelope): string {
  expect(Object.keys(response.sessionAttributes ?? {})).toEqual(['payment']);
  const id = response.sessionAttributes?.payment as string;
  expect(id).toMatch(PENDING_ID);
  return id;
}

/** A read-back: the PIN is asked for, the pending id is the only session attribute. */
function readBackItem(request: ReturnType<typeof r.payBill>, speech: string, ids?: string[]) {
  return {
    request,
    says: speech,
    reprompts: PIN_PROMPT,
    shouldEndSession: false,
    callback: (response: ResponseEnvelope) => {
      const id = expectPaymentId(response);
      ids?.push(id);
      expect(response.response.card).toBeUndefined();
    },
  };
}

describe('PayBill (en-US, John)', () => {
  describe('pays $45.20 to City Power, named by its resolution id, with the right PIN', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(
          r.payBill({ payee: 'City Power', payeeId: 'payee-john-power', amount: '45', cents: '20' }),
          readBack('$45.20', 'City Power'),
        ),
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$45.20', 'City Power', '$1,189.36').test(speech),
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
          hasCardTitle: 'Payment',
          hasAttributes: { payment: equalTo(undefined) },
          callback: (response) => {
            expect(ssmlOf(response)).toMatch(paid('$45.20', 'City Power', '$1,189.36'));
            expect(cardContentOf(response)).toMatch(
              /^Done\. I've paid \$45\.20 to City Power from your checking ending in 4217\. The reference ends in [0-9A-Z]{4}\. Your available balance is now \$1,189\.36\.$/,
            );
          },
        },
        {
          request: r.balance('checking'),
          says: `Your ${CHECKING} has an available balance of $1,189.36. The current balance is $1,256.91. ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
      ]),
      'read-back (amount, payee, masked checking), PIN, done: the new available balance is $1,189.36',
    );

    it('moved $45.20 out of checking exactly once and touched no other account', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 118936, currentMinor: 125691 });
      expect(await moneyIn(saldo, JOHN, 'acc-john-sav')).toEqual(SEEDED['acc-john-sav']);
      expect(await moneyIn(saldo, JOHN, 'acc-john-cc')).toEqual(SEEDED['acc-john-cc']);
      expect(await countPaymentsExecuted(saldo)).toBe(1);
    });

    it('audited the request, the approval and the execution, with masked details', async () => {
      const audit = await auditOf(saldo, 'cust-john');
      expect(audit.map((a) => a.event)).toEqual(['payment.requested', 'payment.approved', 'payment.executed']);
      expect(audit.every((a) => a.channel === 'alexa')).toBe(true);
      expect(audit[0]?.details).toMatchObject({ kind: 'bill', amountMinor: 4520, currency: 'USD' });
      expect(String(audit[0]?.details.readBack)).toContain('to City Power from your checking ending in 4217');
      expect(audit[2]?.details).toMatchObject({
        kind: 'bill',
        amountMinor: 4520,
        currency: 'USD',
        reference: expect.stringMatching(/^[0-9A-Z]{4}$/),
      });
    });
  });

  describe('the payee from what was said, tolerant of recognition errors', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const cases: Array<[string, string]> = [
      ['city powers', 'City Power'],
      ['the power company', 'City Power'],
      ['electric company', 'City Power'],
      ['veri zon', 'Verizon'],
      ['verizon wireless', 'Verizon'],
      ['the phone bill', 'Verizon'],
      ['my mom', 'Mary Carter'],
      ['mary carter', 'Mary Carter'],
    ];
    for (const [spoken, payee] of cases) {
      alexa.test(
        asCustomer(JOHN, [readBackItem(r.payBill({ payee: spoken, amount: '20' }), readBack('$20.00', payee))]),
        `"${spoken}" is ${payee}`,
      );
    }

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(
          r.payBill({ payee: 'the phone company', payeeId: 'payee-john-phone', amount: '12', cents: '5' }),
          readBack('$12.05', 'Verizon'),
        ),
      ]),
      'the resolution id wins over the words; 5 cents is $0.05',
    );
  });

  describe('a payee John has not saved', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const UNKNOWN = (spoken: string) =>
      `I couldn&apos;t find a saved payee called ${spoken}. For your security, I can only pay payees you&apos;ve saved with your bank. Who would you like to pay?`;

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'Comcast', amount: '50' }),
          says: UNKNOWN('Comcast'),
          reprompts: UNKNOWN('Comcast'),
          elicitsSlot: 'payee',
          elicitsForIntent: 'PayBillIntent',
          shouldEndSession: false,
        },
        // Someone else's payee id from entity resolution is not John's: the words decide.
        {
          request: r.payBill({ payee: 'la luz', payeeId: 'payee-ana-luz', amount: '50' }),
          says: UNKNOWN('la luz'),
          elicitsSlot: 'payee',
          shouldEndSession: false,
        },
        {
          request: r.payBill({ payee: 'verizon', amount: '50' }),
          says: readBack('$50.00', 'Verizon'),
          shouldEndSession: false,
        },
      ]),
      'says so, asks again for a saved payee (eliciting payee), and takes a saved one next',
    );

    it('moved nothing and audited the unknown payee as refused', async () => {
      await expectNothingMoved(saldo, 'cust-john');
      const refusals = (await auditOf(saldo, 'cust-john')).filter((a) => a.event === 'payment.refused');
      expect(refusals.map((a) => a.details.reason)).toEqual(['unknown_payee', 'unknown_payee']);
    });
  });

  describe('"city" when John has saved City Power and City Water', () => {
    const saldo = saldoWithFixture((fixture) => {
      (customerIn(fixture, 'cust-john').payees as unknown[]).push({
        id: 'payee-john-water',
        name: 'City Water',
        aliases: ['water company', 'water bill'],
        kind: 'biller',
        accountNumber: '99004321',
      });
    });
    const alexa = new AlexaTest(saldo.handler, settings);
    // Both names, as a question (whether joined by "and" or "or").
    const which = (speech: string) => /^Did you mean City Power (and|or) City Water\?$/.test(speech);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city', amount: '30' }),
          says: which,
          reprompts: which,
          elicitsSlot: 'payee',
          elicitsForIntent: 'PayBillIntent',
          shouldEndSession: false,
          callback: (response) => expectPaymentId(response),
        },
        // Alexa's ElicitSlot sends the intent back with the slots it already had.
        readBackItem(r.payBill({ payee: 'city water', amount: '30' }), readBack('$30.00', 'City Water')),
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$30.00', 'City Water', '$1,204.56').test(speech),
          shouldEndSession: false,
        },
      ]),
      'asks which one, then pays the one named',
    );

    it('paid City Water $30.00', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 120456, currentMinor: 127211 });
    });
  });

  describe('asking for what is missing', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power' }),
          says: 'How much would you like to pay City Power?',
          reprompts: 'How much would you like to pay City Power?',
          elicitsSlot: 'amount',
          elicitsForIntent: 'PayBillIntent',
          shouldEndSession: false,
          callback: (response) => expectPaymentId(response),
        },
        // The payee is remembered server-side behind the opaque id.
        readBackItem(r.payBill({ amount: '45', cents: '20' }), readBack('$45.20', 'City Power')),
      ]),
      'no amount: "How much would you like to pay City Power?" (elicits amount)',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ amount: '45' }),
          says: 'You can pay any payee you&apos;ve saved with your bank. Who would you like to pay?',
          elicitsSlot: 'payee',
          elicitsForIntent: 'PayBillIntent',
          shouldEndSession: false,
          callback: (response) => expectPaymentId(response),
        },
        readBackItem(r.payBill({ payee: 'verizon', amount: '45' }), readBack('$45.00', 'Verizon')),
      ]),
      'no payee: "Who would you like to pay?" (elicits payee)',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power', amount: '0' }),
          says: 'How much would you like to pay City Power?',
          elicitsSlot: 'amount',
          shouldEndSession: false,
        },
        {
          request: r.payBill({ payee: 'city power', amount: '10', cents: '150' }),
          says: 'How much would you like to pay City Power?',
          elicitsSlot: 'amount',
          shouldEndSession: false,
        },
        readBackItem(r.payBill({ payee: 'city power', amount: '10', cents: '50' }), readBack('$10.50', 'City Power')),
      ]),
      'an amount of zero or 150 cents is asked for again',
    );

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(
          r.payBill({ payee: 'verizon', amount: '60', fromAccount: 'savings' }),
          readBack('$60.00', 'Verizon', SAVINGS),
        ),
      ]),
      'a named source account is used (savings)',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'verizon', amount: '60', fromAccount: 'credit card' }),
          says: `I can&apos;t send money from your ${CARD}. Which account should the money come from?`,
          elicitsSlot: 'fromAccount',
          elicitsForIntent: 'PayBillIntent',
          shouldEndSession: false,
        },
        readBackItem(
          r.payBill({ payee: 'verizon', amount: '60', fromAccount: 'checking' }),
          readBack('$60.00', 'Verizon'),
        ),
      ]),
      'a credit card is no source: asks which account (elicits fromAccount)',
    );

    it('moved nothing', () => expectNothingMoved(saldo, 'cust-john'));
  });

  describe('the source account when John has two checking accounts', () => {
    const saldo = saldoWithFixture((fixture) => {
      customerIn(fixture, 'cust-john').accounts.push({
        id: 'acc-john-joint',
        type: 'checking',
        nickname: 'Joint Checking',
        number: '000765431111',
        currency: 'USD',
        available: '310.25',
        current: '310.25',
      });
    });
    const alexa = new AlexaTest(saldo.handler, settings);
    const WHICH = `Which account should the money come from: ${CHECKING}, ${SAVINGS}, or checking ending in ${digits('1111')}?`;

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'verizon', amount: '30' }),
          says: WHICH,
          reprompts: WHICH,
          elicitsSlot: 'fromAccount',
          elicitsForIntent: 'PayBillIntent',
          shouldEndSession: false,
          callback: (response) => expectPaymentId(response),
        },
        readBackItem(
          r.payBill({ fromAccount: 'joint checking' }),
          readBack('$30.00', 'Verizon', `checking ending in ${digits('1111')}`),
        ),
        {
          request: r.pin('2468'),
          says: (speech: string) =>
            paid('$30.00', 'Verizon', '$280.25', `checking ending in ${digits('1111')}`).test(speech),
          shouldEndSession: false,
        },
      ]),
      'no single checking account to default to: asks which, then pays from the one named',
    );

    it('paid from the joint account only', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-joint')).toEqual({ availableMinor: 28025, currentMinor: 28025 });
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual(SEEDED['acc-john-chk']);
    });
  });

  describe('answers to the read-back other than the PIN', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const cancelled = capturedSession();

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(r.payBill({ payee: 'verizon', amount: '80' }), readBack('$80.00', 'Verizon')),
        {
          request: r.yes(),
          says: PIN_INSTEAD_OF_YES,
          reprompts: PIN_INSTEAD_OF_YES,
          shouldEndSession: false,
          callback: (response) => expectPaymentId(response),
        },
        { request: r.repeat(), says: readBack('$80.00', 'Verizon'), reprompts: PIN_PROMPT, shouldEndSession: false },
        {
          request: r.help(),
          says: PAYMENT_HELP,
          shouldEndSession: false,
          callback: (response) => expectPaymentId(response),
        },
        { request: r.pin(), says: 'A voice PIN has four digits. What&apos;s your voice PIN?', shouldEndSession: false },
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$80.00', 'Verizon', '$1,154.56').test(speech),
          shouldEndSession: false,
        },
      ]),
      '"yes" asks for the PIN instead; repeat reads it back again; help explains; an unrecognised PIN is asked again',
    );

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(r.payBill({ payee: 'city power', amount: '25' }), readBack('$25.00', 'City Power')),
        {
          request: r.no(),
          says: `${CANCELLED} ${ANYTHING_ELSE}`,
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
          hasAttributes: { payment: equalTo(undefined) },
        },
      ]),
      '"no" cancels: nothing moves, and the conversation goes on',
    );

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(r.payBill({ payee: 'city power', amount: '26' }), readBack('$26.00', 'City Power')),
        { request: r.cancel(), says: CANCELLED, shouldEndSession: true, callback: cancelled.capture },
      ]),
      'cancel drops the payment and ends the session',
    );

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(r.payBill({ payee: 'city power', amount: '27' }), readBack('$27.00', 'City Power')),
        { request: r.stop(), says: CANCELLED, shouldEndSession: true },
      ]),
      'stop drops it too',
    );

    it('moved only the $80.00 approved with the PIN; the others are cancelled and audited', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 115456, currentMinor: 122211 });
      expect(await countPaymentsExecuted(saldo)).toBe(1);
      const cancellations = (await auditOf(saldo, 'cust-john')).filter((a) => a.event === 'payment.cancelled');
      expect(cancellations.map((a) => [a.details.amountMinor, a.details.reason])).toEqual([
        [2500, 'customer'],
        [2600, 'customer'],
        [2700, 'customer'],
      ]);
      const statuses = await pendingStatuses(saldo, 'cust-john');
      expect(statuses.filter((p) => p.status === 'cancelled').map((p) => p.amount_minor)).toEqual([2500, 2600, 2700]);
    });
  });

  describe('a PIN for a cancelled payment', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const readBackSession = capturedSession();

    alexa.test(
      asCustomer(JOHN, [
        {
          ...readBackItem(r.payBill({ payee: 'city power', amount: '25' }), readBack('$25.00', 'City Power')),
          callback: readBackSession.capture,
        },
        { request: r.no(), says: `${CANCELLED} ${ANYTHING_ELSE}`, shouldEndSession: false },
        {
          request: r.pin('2468'),
          withSessionAttributes: readBackSession.attributes,
          says: `${NO_PENDING} ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
      ]),
      'approves nothing',
    );

    it('moved nothing', () => expectNothingMoved(saldo, 'cust-john'));
  });

  describe('the approval is bound to exactly the payment read back', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const ids: string[] = [];
    const first = capturedSession();
    const second = capturedSession();

    alexa.test(
      asCustomer(JOHN, [
        {
          ...readBackItem(
            r.payBill({ payee: 'city power', amount: '45', cents: '20' }),
            readBack('$45.20', 'City Power'),
            ids,
          ),
          callback: (response) => {
            ids.push(expectPaymentId(response));
            first.capture(response);
          },
        },
        // "Actually, make it 60 dollars."
        {
          ...readBackItem(r.payBill({ amount: '60' }), readBack('$60.00', 'City Power')),
          callback: (response) => {
            ids.push(expectPaymentId(response));
            expect(ids[1]).not.toEqual(ids[0]);
            second.capture(response);
          },
        },
        // The old read-back's id no longer approves anything, with the right PIN.
        {
          request: r.pin('2468'),
          withSessionAttributes: first.attributes,
          says: `${NO_PENDING} ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
        {
          request: r.pin('2468'),
          withSessionAttributes: second.attributes,
          says: (speech: string) => paid('$60.00', 'City Power', '$1,174.56').test(speech),
          shouldEndSession: false,
        },
      ]),
      'a new amount gets a new read-back and a new id; the PIN approves only the new one',
    );

    it('moved $60.00 (not $45.20, not both)', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 117456, currentMinor: 124211 });
      expect(await countPaymentsExecuted(saldo)).toBe(1);
      const statuses = await pendingStatuses(saldo, 'cust-john');
      expect(statuses.map((p) => [p.amount_minor, p.status])).toEqual([
        [4520, 'superseded'],
        [6000, 'executed'],
      ]);
    });
  });

  describe('a change of payee after the read-back is read back again too', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(r.payBill({ payee: 'city power', amount: '45' }), readBack('$45.00', 'City Power')),
        readBackItem(r.payBill({ payee: 'verizon' }), readBack('$45.00', 'Verizon')),
        readBackItem(r.payBill({ fromAccount: 'savings' }), readBack('$45.00', 'Verizon', SAVINGS)),
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$45.00', 'Verizon', '$7,975.00', SAVINGS).test(speech),
          shouldEndSession: false,
        },
      ]),
      'payee and source changes each get a new read-back; the PIN pays what was read last',
    );

    it('paid Verizon from savings only', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-sav')).toEqual({ availableMinor: 797500, currentMinor: 797500 });
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual(SEEDED['acc-john-chk']);
    });
  });

  describe('a pending payment expires after 5 minutes', () => {
    const clock = adjustableClock();
    const saldo = testSaldo({}, { now: clock.now });
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          ...readBackItem(
            r.payBill({ payee: 'city power', amount: '45', cents: '20' }),
            readBack('$45.20', 'City Power'),
          ),
          callback: () => clock.advance(PENDING_LIFETIME_MS + 1000),
        },
        {
          request: r.pin('2468'),
          says: `${EXPIRED} ${ANYTHING_ELSE}`,
          shouldEndSession: false,
          hasAttributes: { payment: equalTo(undefined) },
        },
      ]),
      '5 minutes and 1 second later the PIN gets "it expired. Nothing was sent."',
    );

    it('moved nothing and audited the expiry', async () => {
      await expectNothingMoved(saldo, 'cust-john');
      expect(await auditEventsOf(saldo, 'cust-john')).toEqual(['payment.requested', 'payment.expired']);
    });
  });

  describe('an expired payment cannot be revived by "yes"', () => {
    const clock = adjustableClock();
    const saldo = testSaldo({}, { now: clock.now });
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          ...readBackItem(r.payBill({ payee: 'verizon', amount: '10' }), readBack('$10.00', 'Verizon')),
          callback: () => clock.advance(PENDING_LIFETIME_MS),
        },
        { request: r.yes(), says: `${EXPIRED} ${ANYTHING_ELSE}`, shouldEndSession: false },
      ]),
      'exactly 5 minutes later it has expired',
    );

    it('moved nothing', () => expectNothingMoved(saldo, 'cust-john'));
  });

  describe('a payment approved just inside 5 minutes goes through', () => {
    const clock = adjustableClock();
    const saldo = testSaldo({}, { now: clock.now });
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          ...readBackItem(
            r.payBill({ payee: 'city power', amount: '45', cents: '20' }),
            readBack('$45.20', 'City Power'),
          ),
          callback: () => clock.advance(PENDING_LIFETIME_MS - 1000),
        },
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$45.20', 'City Power', '$1,189.36').test(speech),
          shouldEndSession: false,
        },
      ]),
      '4 minutes 59 seconds later the PIN still approves it',
    );
  });

  describe('replaying the same confirmation', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const readBackSession = capturedSession();
    const speeches: string[] = [];

    alexa.test(
      asCustomer(JOHN, [
        {
          ...readBackItem(
            r.payBill({ payee: 'city power', amount: '45', cents: '20' }),
            readBack('$45.20', 'City Power'),
          ),
          callback: readBackSession.capture,
        },
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$45.20', 'City Power', '$1,189.36').test(speech),
          shouldEndSession: false,
          callback: (response) => speeches.push(ssmlOf(response)),
        },
        {
          request: r.pin('2468'),
          withSessionAttributes: readBackSession.attributes,
          says: (speech: string) => speech === speeches[0],
          shouldEndSession: false,
          callback: (response) => speeches.push(ssmlOf(response)),
        },
        {
          request: r.pin('2468'),
          withSessionAttributes: readBackSession.attributes,
          says: (speech: string) => speech === speeches[0],
          shouldEndSession: false,
        },
      ]),
      'the same session attributes and PIN again get the same answer, word for word',
    );

    it('moved the money once', async () => {
      expect(speeches).toHaveLength(2);
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 118936, currentMinor: 125691 });
      expect(await countPaymentsExecuted(saldo)).toBe(1);
      expect((await auditEventsOf(saldo, 'cust-john')).filter((e) => e === 'payment.executed')).toHaveLength(1);
    });
  });

  describe('concurrent confirmations of one read-back', () => {
    const saldo = testSaldo();

    it('move money once and all get the same answer', async () => {
      const readBackResponse = await invoke(
        saldo.handler,
        fromCustomer(JOHN, r.payBill({ payee: 'city power', amount: '45', cents: '20' }), { isNew: true }),
      );
      const payment = expectPaymentId(readBackResponse);
      const confirmations = await Promise.all(
        [1, 2, 3].map(() =>
          invoke(saldo.handler, fromCustomer(JOHN, r.pin('2468'), { isNew: false, attributes: { payment } })),
        ),
      );
      const speeches = confirmations.map(ssmlOf);
      for (const speech of speeches) expect(speech).toMatch(paid('$45.20', 'City Power', '$1,189.36'));
      expect(new Set(speeches).size).toBe(1);
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 118936, currentMinor: 125691 });
      expect(await countPaymentsExecuted(saldo)).toBe(1);
    });
  });

  // Regression: the reply guard once dropped the separators of "$24.68" and redacted the
  // amount as if it were the PIN 2468 just spoken ("I've paid $[redacted] to City Power").
  // A PIN is redacted only as a number of its own, never inside an amount.
  describe('an amount whose digits are the PIN ($24.68, PIN 2468)', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(r.payBill({ payee: 'city power', amount: '24', cents: '68' }), readBack('$24.68', 'City Power')),
        {
          request: r.pin('2468'),
          shouldEndSession: false,
          callback: (response) => expect(ssmlOf(response)).toMatch(paid('$24.68', 'City Power', '$1,209.88')),
        },
      ]),
      'is still spoken in the confirmation, not redacted',
    );
  });

  describe('limits and funds are checked before the PIN is asked for', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const refusedBeforePin = (response: ResponseEnvelope) => {
      expect(response.sessionAttributes ?? {}).toEqual({});
      expect(ssmlOf(response)).not.toContain('PIN');
      expect(repromptOf(response)).toBe('');
    };

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power', amount: '1000', cents: '1' }),
          says: 'Sorry, each voice payment can be at most $1,000.00. Nothing was sent.',
          shouldEndSession: true,
          callback: refusedBeforePin,
        },
      ]),
      '$1,000.01 is over the per-payment limit of $1,000.00',
    );

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(r.payBill({ payee: 'city power', amount: '1000' }), readBack('$1,000.00', 'City Power')),
      ]),
      'exactly $1,000.00 is allowed',
    );

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(r.payBill({ payee: 'city power', amount: '40' }), readBack('$40.00', 'City Power')),
        {
          request: r.payBill({ amount: '1500' }),
          says: `Sorry, each voice payment can be at most $1,000.00. Nothing was sent. ${ANYTHING_ELSE}`,
          shouldEndSession: false,
          callback: (response) => expect(response.sessionAttributes ?? {}).toEqual({}),
        },
      ]),
      'raising the amount over the limit after the read-back is refused, and the pending payment is closed',
    );

    it('moved nothing and audited the refusals with their reason', async () => {
      await expectNothingMoved(saldo, 'cust-john');
      const refusals = (await auditOf(saldo, 'cust-john')).filter((a) => a.event === 'payment.refused');
      expect(refusals.map((a) => [a.details.reason, a.details.amountMinor])).toEqual([
        ['over_payment_limit', 100001],
        ['over_payment_limit', 150000],
      ]);
    });
  });

  describe('insufficient funds (limits raised to 100,000)', () => {
    const saldo = testSaldo({ SALDO_PAYMENT_LIMIT: '100000', SALDO_DAILY_LIMIT: '100000' });
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power', amount: '9000' }),
          says: `Sorry, your ${CHECKING} only has $1,234.56 available, so I can&apos;t send that. Nothing was sent.`,
          shouldEndSession: true,
          callback: (response) => expect(response.sessionAttributes ?? {}).toEqual({}),
        },
      ]),
      '$9,000 from checking is refused before the PIN',
    );

    it('moved nothing; refused for insufficient funds', async () => {
      await expectNothingMoved(saldo, 'cust-john');
      const audit = await auditOf(saldo, 'cust-john');
      expect(audit.map((a) => [a.event, a.details.reason])).toEqual([['payment.refused', 'insufficient_funds']]);
    });
  });

  describe('a configured per-payment limit (SALDO_PAYMENT_LIMIT=50)', () => {
    const saldo = testSaldo({ SALDO_PAYMENT_LIMIT: '50' });
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'verizon', amount: '50', cents: '1' }),
          says: 'Sorry, each voice payment can be at most $50.00. Nothing was sent.',
          shouldEndSession: true,
        },
      ]),
      '$50.01 is refused',
    );
    alexa.test(
      asCustomer(JOHN, [readBackItem(r.payBill({ payee: 'verizon', amount: '50' }), readBack('$50.00', 'Verizon'))]),
      '$50.00 is read back',
    );
  });

  describe('the daily limit of $2,000.00', () => {
    const clock = adjustableClock();
    const saldo = testSaldo({}, { now: clock.now });
    const alexa = new AlexaTest(saldo.handler, settings);
    const OVER_DAILY =
      'Sorry, that would go over your daily voice payment limit of $2,000.00. You can still send $200.00 today. Nothing was sent.';

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(
          r.payBill({ payee: 'city power', amount: '900', fromAccount: 'savings' }),
          readBack('$900.00', 'City Power', SAVINGS),
        ),
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$900.00', 'City Power', '$7,120.00', SAVINGS).test(speech),
          shouldEndSession: false,
        },
        readBackItem(
          r.payBill({ payee: 'verizon', amount: '900', fromAccount: 'savings' }),
          readBack('$900.00', 'Verizon', SAVINGS),
        ),
        {
          request: r.pin('2468'),
          says: (speech: string) => paid('$900.00', 'Verizon', '$6,220.00', SAVINGS).test(speech),
          shouldEndSession: false,
        },
        {
          request: r.payBill({ payee: 'mary carter', amount: '300', fromAccount: 'savings' }),
          says: `${OVER_DAILY} ${ANYTHING_ELSE}`,
          shouldEndSession: false,
          callback: (response) => {
            expect(response.sessionAttributes ?? {}).toEqual({});
            expect(ssmlOf(response)).not.toContain('PIN');
          },
        },
        readBackItem(
          r.payBill({ payee: 'mary carter', amount: '200', fromAccount: 'savings' }),
          readBack('$200.00', 'Mary Carter', SAVINGS),
        ),
        {
          request: r.cancel(),
          says: CANCELLED,
          shouldEndSession: true,
          callback: () => clock.advance(24 * 60 * 60 * 1000),
        },
      ]),
      'two payments of $900 leave $200.00 for today: $300 is refused before the PIN, $200 is read back',
    );

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(
          r.payBill({ payee: 'mary carter', amount: '300', fromAccount: 'savings' }),
          readBack('$300.00', 'Mary Carter', SAVINGS),
        ),
      ]),
      'the next day $300 is allowed again',
    );

    it('moved $1,800.00 in all, and refused the third payment for the daily limit', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-sav')).toEqual({ availableMinor: 622000, currentMinor: 622000 });
      expect(await countPaymentsExecuted(saldo)).toBe(2);
      const refusals = (await auditOf(saldo, 'cust-john')).filter((a) => a.event === 'payment.refused');
      expect(refusals.map((a) => [a.details.reason, a.details.amountMinor])).toEqual([['over_daily_limit', 30000]]);
    });
  });

  describe('the daily limit is checked again at approval', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const sessions = [capturedSession(), capturedSession(), capturedSession()];
    const OVER_DAILY =
      'Sorry, that would go over your daily voice payment limit of $2,000.00. You can still send $200.00 today. Nothing was sent.';

    // Three read-backs on three devices, each within the limit when it was read back.
    [
      ['city power', '900'],
      ['verizon', '900'],
      ['mary carter', '300'],
    ].forEach(([payee, amount], i) => {
      alexa.test(
        asCustomer(JOHN, [
          {
            request: r.payBill({ payee, amount, fromAccount: 'savings' }),
            saysLike: `You&apos;re paying $${amount}.00`,
            shouldEndSession: false,
            callback: sessions[i]?.capture,
          },
        ]),
        `read-back ${i + 1}: $${amount}`,
      );
    });

    alexa.test(
      asCustomer(JOHN, [
        { request: r.help(), saysLike: 'What would you like to do?', shouldEndSession: false },
        {
          request: r.pin('2468'),
          withSessionAttributes: sessions[0]?.attributes,
          says: (speech: string) => paid('$900.00', 'City Power', '$7,120.00', SAVINGS).test(speech),
          shouldEndSession: false,
        },
        {
          request: r.pin('2468'),
          withSessionAttributes: sessions[1]?.attributes,
          says: (speech: string) => paid('$900.00', 'Verizon', '$6,220.00', SAVINGS).test(speech),
          shouldEndSession: false,
        },
        {
          request: r.pin('2468'),
          withSessionAttributes: sessions[2]?.attributes,
          says: `${OVER_DAILY} ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
      ]),
      'approving all three: the third would pass $2,000.00 and is refused',
    );

    it('moved $1,800.00; the third is refused and audited', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-sav')).toEqual({ availableMinor: 622000, currentMinor: 622000 });
      expect((await pendingStatuses(saldo, 'cust-john')).map((p) => p.status)).toEqual([
        'executed',
        'executed',
        'refused',
      ]);
      const refusals = (await auditOf(saldo, 'cust-john')).filter((a) => a.event === 'payment.refused');
      expect(refusals.map((a) => [a.details.reason, a.details.amountMinor])).toEqual([['over_daily_limit', 30000]]);
    });
  });
});
