/**
 * Moving money between the customer's own accounts: the same gather / read back / PIN
 * flow as a bill payment. John (en-US): checking 4217 ($1,234.56 available), savings
 * 0088 ($8,020.00), credit card 5454 ($642.10 owed). Ana (es-ES) for the Spanish wording.
 */
import type { ResponseEnvelope } from 'ask-sdk-model';
import { AlexaTest } from 'ask-sdk-test';
import { testSaldo } from '../support/app';
import { ANA, JOHN, asCustomer, digits, equalTo, settingsFor } from '../alexa/helpers';
import {
  JOHN_HEARS,
  PENDING_ID,
  SEEDED,
  auditOf,
  capturedSession,
  countPaymentsExecuted,
  expectNothingMoved,
  moneyIn,
  paymentRequestsFor,
  pendingStatuses,
  withReference,
} from './helpers';

const { CHECKING, SAVINGS, CARD, ANYTHING_ELSE, PIN_PROMPT, NO_PENDING, CANCELLED } = JOHN_HEARS;

const settings = settingsFor('en-US');
const r = paymentRequestsFor(settings);

const readBack = (amount: string, from: string, to: string) =>
  `You&apos;re transferring ${amount} from your ${from} to your ${to}. To approve, what&apos;s your four-digit voice PIN?`;
const moved = (amount: string, from: string, to: string, available: string) =>
  withReference(
    `Done. I&apos;ve moved ${amount} from your ${from} to your ${to}. The reference ends in {ref}. Your available balance is now ${available}. ${ANYTHING_ELSE}`,
  );

function readBackItem(
  request: ReturnType<typeof r.transfer>,
  speech: string,
  callback?: (response: ResponseEnvelope) => void,
) {
  return {
    request,
    says: speech,
    reprompts: PIN_PROMPT,
    shouldEndSession: false,
    callback: (response: ResponseEnvelope) => {
      expect(Object.keys(response.sessionAttributes ?? {})).toEqual(['payment']);
      expect(response.sessionAttributes?.payment).toMatch(PENDING_ID);
      callback?.(response);
    },
  };
}

describe('TransferMoney (en-US, John)', () => {
  describe('200 dollars from checking to savings', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(
          r.transfer({ amount: '200', fromAccount: 'checking', toAccount: 'savings' }),
          readBack('$200.00', CHECKING, SAVINGS),
        ),
        {
          request: r.pin('2468'),
          says: (speech: string) => moved('$200.00', CHECKING, SAVINGS, '$1,034.56').test(speech),
          shouldEndSession: false,
          hasCardTitle: 'Payment',
          hasAttributes: { payment: equalTo(undefined) },
        },
        {
          request: r.balance('savings'),
          says: `Your ${SAVINGS} has an available balance of $8,220.00. The current balance is $8,220.00. ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
      ]),
      'read back with both masked accounts, approved with the PIN, and the savings balance shows it',
    );

    it('debited checking and credited savings by $200.00, once', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 103456, currentMinor: 110211 });
      expect(await moneyIn(saldo, JOHN, 'acc-john-sav')).toEqual({ availableMinor: 822000, currentMinor: 822000 });
      expect(await moneyIn(saldo, JOHN, 'acc-john-cc')).toEqual(SEEDED['acc-john-cc']);
      expect(await countPaymentsExecuted(saldo)).toBe(1);
    });

    it('audited it as a transfer', async () => {
      const audit = await auditOf(saldo, 'cust-john');
      expect(audit.map((a) => a.event)).toEqual(['payment.requested', 'payment.approved', 'payment.executed']);
      for (const entry of audit)
        expect(entry.details).toMatchObject({ kind: 'transfer', amountMinor: 20000, currency: 'USD' });
    });
  });

  describe('to the credit card', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(r.transfer({ amount: '100', toAccount: 'my credit card' }), readBack('$100.00', CHECKING, CARD)),
        {
          request: r.pin('2468'),
          says: (speech: string) => moved('$100.00', CHECKING, CARD, '$1,134.56').test(speech),
          shouldEndSession: false,
        },
        { request: r.balance('credit_card'), saysLike: `You owe $542.10 on your ${CARD}.`, shouldEndSession: false },
      ]),
      'from the only checking account by default; what is owed goes down to $542.10',
    );

    it('lowered what is owed on the card by $100.00', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-cc')).toEqual({ availableMinor: undefined, currentMinor: -54210 });
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 113456, currentMinor: 120211 });
    });
  });

  describe('asking for what is missing', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const TO_WHICH = `Which account would you like to transfer to: ${CHECKING}, ${SAVINGS}, or ${CARD}?`;

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.transfer({ amount: '50' }),
          says: TO_WHICH,
          reprompts: TO_WHICH,
          elicitsSlot: 'toAccount',
          elicitsForIntent: 'TransferMoneyIntent',
          shouldEndSession: false,
        },
        readBackItem(r.transfer({ amount: '50', toAccount: 'savings' }), readBack('$50.00', CHECKING, SAVINGS)),
      ]),
      'no destination: asks which account (elicits toAccount)',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.transfer({ fromAccount: 'savings', toAccount: 'checking' }),
          says: 'How much would you like to transfer?',
          elicitsSlot: 'amount',
          elicitsForIntent: 'TransferMoneyIntent',
          shouldEndSession: false,
        },
        readBackItem(r.transfer({ amount: '300' }), readBack('$300.00', SAVINGS, CHECKING)),
      ]),
      'no amount: "How much would you like to transfer?" (elicits amount); the accounts are remembered',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.transfer({ amount: '50', fromAccount: 'checking', toAccount: 'checking' }),
          says: 'The money has to go to a different account. Which account would you like to transfer to?',
          elicitsSlot: 'toAccount',
          shouldEndSession: false,
        },
        readBackItem(r.transfer({ toAccount: 'rainy day savings' }), readBack('$50.00', CHECKING, SAVINGS)),
      ]),
      'the same account twice: asks for a different destination',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.transfer({ amount: '50', fromAccount: 'credit card', toAccount: 'checking' }),
          says: `I can&apos;t send money from your ${CARD}. Which account should the money come from?`,
          elicitsSlot: 'fromAccount',
          shouldEndSession: false,
        },
        readBackItem(r.transfer({ fromAccount: 'savings' }), readBack('$50.00', SAVINGS, CHECKING)),
      ]),
      'not from the credit card: asks where from',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.transfer({ amount: '75', toAccount: 'checking' }),
          saysLike: 'Which account should the money come from',
          elicitsSlot: 'fromAccount',
          shouldEndSession: false,
        },
        readBackItem(r.transfer({ fromAccount: 'savings' }), readBack('$75.00', SAVINGS, CHECKING)),
      ]),
      'to checking without a source: asks where from (checking cannot be its own source)',
    );

    it('moved nothing', () => expectNothingMoved(saldo, 'cust-john'));
  });

  describe('from savings to checking, after asking the amount', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.transfer({ fromAccount: 'savings', toAccount: 'checking' }),
          says: 'How much would you like to transfer?',
          shouldEndSession: false,
        },
        readBackItem(r.transfer({ amount: '300', cents: '25' }), readBack('$300.25', SAVINGS, CHECKING)),
        {
          request: r.pin('2468'),
          says: (speech: string) => moved('$300.25', SAVINGS, CHECKING, '$7,719.75').test(speech),
          shouldEndSession: false,
        },
      ]),
      "the available balance spoken is the source account's",
    );

    it('moved $300.25 into checking', async () => {
      expect(await moneyIn(saldo, JOHN, 'acc-john-sav')).toEqual({ availableMinor: 771975, currentMinor: 771975 });
      expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 153481, currentMinor: 160236 });
    });
  });

  describe('a changed destination after the read-back', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const first = capturedSession();

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(
          r.transfer({ amount: '120', toAccount: 'savings' }),
          readBack('$120.00', CHECKING, SAVINGS),
          first.capture,
        ),
        readBackItem(r.transfer({ toAccount: 'credit card' }), readBack('$120.00', CHECKING, CARD)),
        {
          request: r.pin('2468'),
          withSessionAttributes: first.attributes,
          says: `${NO_PENDING} ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
      ]),
      'is read back again; the first read-back can no longer be approved',
    );

    it('moved nothing; the first is superseded, the second still waits for its PIN', async () => {
      await expectNothingMoved(saldo, 'cust-john');
      expect((await pendingStatuses(saldo, 'cust-john')).map((p) => p.status)).toEqual(['superseded', 'awaiting_pin']);
    });
  });

  describe('cancelled, refused and over the limits', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        readBackItem(
          r.transfer({ amount: '200', fromAccount: 'checking', toAccount: 'savings' }),
          readBack('$200.00', CHECKING, SAVINGS),
        ),
        { request: r.no(), says: `${CANCELLED} ${ANYTHING_ELSE}`, shouldEndSession: false },
      ]),
      '"no" cancels the transfer',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.transfer({ amount: '1500', fromAccount: 'savings', toAccount: 'checking' }),
          says: 'Sorry, each voice payment can be at most $1,000.00. Nothing was sent.',
          shouldEndSession: true,
          callback: (response) => expect(response.sessionAttributes ?? {}).toEqual({}),
        },
      ]),
      '$1,500 between own accounts is over the per-payment limit, refused before the PIN',
    );

    it('moved nothing', async () => {
      await expectNothingMoved(saldo, 'cust-john');
      const audit = await auditOf(saldo, 'cust-john');
      expect(audit.map((a) => [a.event, a.details.reason])).toEqual([
        ['payment.requested', undefined],
        ['payment.cancelled', 'customer'],
        ['payment.refused', 'over_payment_limit'],
      ]);
    });
  });

  describe('insufficient funds for a transfer (limits raised to 100,000)', () => {
    const saldo = testSaldo({ SALDO_PAYMENT_LIMIT: '100000', SALDO_DAILY_LIMIT: '100000' });
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.transfer({ amount: '2000', fromAccount: 'checking', toAccount: 'savings' }),
          says: `Sorry, your ${CHECKING} only has $1,234.56 available, so I can&apos;t send that. Nothing was sent.`,
          shouldEndSession: true,
          callback: (response) => expect(response.sessionAttributes ?? {}).toEqual({}),
        },
      ]),
      'is refused before the PIN',
    );

    it('moved nothing', () => expectNothingMoved(saldo, 'cust-john'));
  });
});

describe('TransferMoney (es-ES, Ana)', () => {
  const es = paymentRequestsFor(settingsFor('es-ES'));
  const saldo = testSaldo();
  const alexa = new AlexaTest(saldo.handler, settingsFor('es-ES'));
  const AHORRO = `cuenta de ahorro terminada en ${digits('6789')}`;
  const CORRIENTE = `cuenta corriente terminada en ${digits('1332')}`;

  alexa.test(
    asCustomer(ANA, [
      {
        request: es.transfer({ amount: '100', fromAccount: 'la cuenta de ahorro', toAccount: 'la corriente' }),
        says: `Vas a transferir 100 euros desde tu ${AHORRO} a tu ${CORRIENTE}. Para aprobarlo, ¿cuál es tu PIN de voz de cuatro cifras?`,
        reprompts: '¿Cuál es tu PIN de voz de cuatro cifras?',
        shouldEndSession: false,
      },
      {
        request: es.pin('4831'),
        says: (speech: string) =>
          withReference(
            `Hecho. He transferido 100 euros desde tu ${AHORRO} a tu ${CORRIENTE}. La referencia termina en {ref}. Tu saldo disponible es ahora de 10.100 euros. ¿Te puedo ayudar con algo más?`,
          ).test(speech),
        shouldEndSession: false,
      },
    ]),
    '"transfiere 100 euros de la cuenta de ahorro a la corriente"',
  );

  it('moved 100 € from savings to checking', async () => {
    expect(await moneyIn(saldo, ANA, 'acc-ana-sav')).toEqual({ availableMinor: 1010000, currentMinor: 1010000 });
    expect(await moneyIn(saldo, ANA, 'acc-ana-chk')).toEqual({ availableMinor: 264018, currentMinor: 264018 });
  });
});
