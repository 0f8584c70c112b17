/**
 * End to end on Alexa in the two new locales, on a variant of the sandbox fixture with a
 * customer for each:
 *  - Oliver Smith (en-GB, Europe/London, sandbox-token-oliver, PIN 3579): a GBP current
 *    account ending 5678 (£1,234.56 available, £1,250.00 balance) and a savings account;
 *    payee British Gas ("gas bill").
 *  - Lucía Torres (es-US, America/Chicago, sandbox-token-lucia, PIN 8642): a USD checking
 *    account ending 4321 ($950.25) and a credit card; payee ComEd ("la luz").
 * Clock: Sunday 2026-11-29 (15:00 UTC: morning in Chicago, afternoon in London), so 26 days
 * ago is 3 November.
 * Also John Carter (USD) talking to the en-GB skill: his dollars are read as written.
 */
import { AlexaTest } from 'ask-sdk-test';
import type { SkillSettings } from 'ask-sdk-test';
import {
  JOHN,
  asCustomer,
  cardContentOf,
  digits,
  equalTo,
  expectWellEscapedSsml,
  requestsFor,
  saldoWithFixture,
  speechOf,
  type FixtureJson,
} from '../alexa/helpers';
import {
  auditEventsOf,
  escapeRegExp,
  moneyIn,
  paymentRequestsFor,
  PENDING_ID,
  withReference,
} from '../payments/helpers';
import { expectWellFormedSsml } from '../support/ssml';

const OLIVER = 'sandbox-token-oliver';
const LUCIA = 'sandbox-token-lucia';

function settingsFor(locale: 'en-GB' | 'es-US'): SkillSettings {
  return {
    appId: 'amzn1.ask.skill.saldo-test',
    userId: 'amzn1.ask.account.saldo-test',
    deviceId: 'amzn1.ask.device.saldo-test',
    locale,
  };
}

function addCustomers(fixture: FixtureJson): void {
  fixture.customers.push(
    {
      id: 'cust-oliver',
      name: 'Oliver Smith',
      locale: 'en-GB',
      timeZone: 'Europe/London',
      accessToken: OLIVER,
      voicePin: '3579',
      accounts: [
        {
          id: 'acc-oliver-cur',
          type: 'checking',
          nickname: 'Everyday Current Account',
          number: '40506012345678',
          currency: 'GBP',
          available: '1234.56',
          current: '1250.00',
        },
        {
          id: 'acc-oliver-sav',
          type: 'savings',
          nickname: 'Easy Saver',
          number: '40506087650091',
          currency: 'GBP',
          available: '5000.00',
          current: '5000.00',
        },
      ],
      payees: [
        {
          id: 'payee-oliver-gas',
          name: 'British Gas',
          aliases: ['gas bill'],
          kind: 'biller',
          accountNumber: '30009912345678',
        },
      ],
      transactions: [
        {
          accountId: 'acc-oliver-cur',
          daysAgo: 1,
          description: 'Tesco',
          amount: '12.40',
          creditDebit: 'debit',
          status: 'booked',
        },
        {
          accountId: 'acc-oliver-cur',
          daysAgo: 5,
          description: 'Acme Ltd Salary',
          amount: '2100.00',
          creditDebit: 'credit',
          status: 'booked',
        },
        {
          accountId: 'acc-oliver-cur',
          daysAgo: 26,
          description: 'British Gas',
          amount: '96.40',
          creditDebit: 'debit',
          status: 'booked',
        },
      ],
    },
    {
      id: 'cust-lucia',
      name: 'Lucía Torres',
      locale: 'es-US',
      timeZone: 'America/Chicago',
      accessToken: LUCIA,
      voicePin: '8642',
      accounts: [
        {
          id: 'acc-lucia-chk',
          type: 'checking',
          nickname: 'Cuenta Diaria',
          number: '000456784321',
          currency: 'USD',
          available: '950.25',
          current: '950.25',
        },
        {
          id: 'acc-lucia-cc',
          type: 'credit_card',
          nickname: 'Tarjeta Visa',
          number: '4111111111119012',
          currency: 'USD',
          current: '210.40',
          creditLimit: '2000.00',
          minimumPaymentDue: '25.00',
          paymentDueInDays: 12,
        },
      ],
      payees: [
        { id: 'payee-lucia-comed', name: 'ComEd', aliases: ['la luz'], kind: 'biller', accountNumber: '55001234' },
      ],
      transactions: [
        {
          accountId: 'acc-lucia-chk',
          daysAgo: 0,
          description: 'Walgreens',
          amount: '8.99',
          creditDebit: 'debit',
          status: 'pending',
        },
        {
          accountId: 'acc-lucia-chk',
          daysAgo: 2,
          description: 'Nómina Acme Corp',
          amount: '1850.00',
          creditDebit: 'credit',
          status: 'booked',
        },
        {
          accountId: 'acc-lucia-chk',
          daysAgo: 26,
          description: 'ComEd',
          amount: '78.45',
          creditDebit: 'debit',
          status: 'booked',
        },
      ],
    },
  );
}

/** SSML of both the speech and the reprompt parses, and nothing is left unescaped. */
function wellFormed(response: Parameters<typeof speechOf>[0]): void {
  const speech = response.response.outputSpeech;
  if (speech?.type === 'SSML') expectWellFormedSsml(speech.ssml);
  const reprompt = response.response.reprompt?.outputSpeech;
  if (reprompt?.type === 'SSML') expectWellFormedSsml(reprompt.ssml);
  expectWellEscapedSsml(speechOf(response));
}

describe('en-GB conversation (Oliver, GBP)', () => {
  const settings = settingsFor('en-GB');
  const r = requestsFor(settings);
  const p = paymentRequestsFor(settings);
  const saldo = saldoWithFixture(addCustomers);
  const alexa = new AlexaTest(saldo.handler, settings);

  const CURRENT = `current account ending in ${digits('5678')}`;
  const SAVINGS = `savings ending in ${digits('0091')}`;
  const WELCOME =
    'Welcome to Sandbox Bank. You can check a balance, hear recent transactions, pay a saved payee or move money between your accounts. What would you like to do?';
  const WELCOME_REPROMPT = 'What would you like to do? For example, say: what&apos;s my current account balance?';
  const ANYTHING_ELSE = 'Is there anything else I can help with?';
  const PIN_PROMPT = 'What&apos;s your four-digit voice PIN?';
  const READ_BACK = `You&apos;re paying 45 pounds and 20 pence to British Gas from your ${CURRENT}. To approve, what&apos;s your four-digit voice PIN?`;
  const PAID = withReference(
    `Done. I&apos;ve paid 45 pounds and 20 pence to British Gas from your ${CURRENT}. The reference ends in {ref}. ` +
      `Your available balance is now 1,189 pounds and 36 pence. ${ANYTHING_ELSE}`,
  );

  alexa.test(
    asCustomer(OLIVER, [
      {
        request: r.launch(),
        says: WELCOME,
        reprompts: WELCOME_REPROMPT,
        shouldEndSession: false,
        callback: wellFormed,
      },
      {
        request: r.withAccountType('GetBalanceIntent', 'current account', 'checking'),
        says: `Your ${CURRENT} has an available balance of 1,234 pounds and 56 pence. The account balance is 1,250 pounds. ${ANYTHING_ELSE}`,
        reprompts: ANYTHING_ELSE,
        shouldEndSession: false,
        hasCardTitle: 'Your balances',
        hasCardContent:
          'Your current account ending in 5678 has an available balance of £1,234.56. The account balance is £1,250.00.',
        callback: wellFormed,
      },
      {
        request: r.intent('GetBalanceIntent'),
        says: `Here are your 2 accounts. Current account ending in ${digits('5678')}: 1,234 pounds and 56 pence available. Savings ending in ${digits('0091')}: 5,000 pounds available. ${ANYTHING_ELSE}`,
        shouldEndSession: false,
        callback: wellFormed,
      },
      {
        request: r.intent('GetTransactionsIntent'),
        says:
          `Here are your latest 3 transactions on your ${CURRENT}. ` +
          'Yesterday: 12 pounds and 40 pence at Tesco. On Tuesday: 2,100 pounds paid in from Acme Ltd Salary. ' +
          `On 3 November: 96 pounds and 40 pence at British Gas. ${ANYTHING_ELSE}`,
        shouldEndSession: false,
        hasCardTitle: 'Recent transactions',
        callback: (response) => {
          wellFormed(response);
          expect(cardContentOf(response)).toBe(
            [
              'Here are your latest 3 transactions on your current account ending in 5678.',
              'Yesterday: £12.40 at Tesco.',
              'On Tuesday: £2,100.00 paid in from Acme Ltd Salary.',
              'On 3 November: £96.40 at British Gas.',
            ].join('\n'),
          );
        },
      },
      {
        request: p.payBill({ payee: 'gas bill', amount: '45', cents: '20' }),
        says: READ_BACK,
        reprompts: PIN_PROMPT,
        shouldEndSession: false,
        callback: (response) => {
          wellFormed(response);
          expect(response.sessionAttributes?.payment).toMatch(PENDING_ID);
        },
      },
      {
        request: p.yes(),
        says: 'To approve, I need your four-digit voice PIN rather than a yes. What&apos;s your voice PIN?',
        shouldEndSession: false,
      },
      {
        request: p.pin('3579'),
        says: (speech: string) => PAID.test(speech),
        reprompts: ANYTHING_ELSE,
        shouldEndSession: false,
        hasCardTitle: 'Payment',
        hasAttributes: { payment: equalTo(undefined) },
        callback: (response) => {
          wellFormed(response);
          expect(speechOf(response)).toMatch(PAID);
          expect(cardContentOf(response)).toMatch(
            new RegExp(
              `^${escapeRegExp("Done. I've paid £45.20 to British Gas from your current account ending in 5678. The reference ends in ")}` +
                `[0-9A-Z]{4}${escapeRegExp('. Your available balance is now £1,189.36.')}$`,
            ),
          );
        },
      },
      {
        request: p.balance('checking'),
        says: `Your ${CURRENT} has an available balance of 1,189 pounds and 36 pence. The account balance is 1,204 pounds and 80 pence. ${ANYTHING_ELSE}`,
        shouldEndSession: false,
      },
      {
        request: p.payBill({ payee: 'British Gas', amount: '1500' }),
        says: `Sorry, each voice payment can be no more than 1,000 pounds. Nothing has been sent. ${ANYTHING_ELSE}`,
        shouldEndSession: false,
      },
      { request: p.stop(), says: 'Goodbye.', shouldEndSession: true },
    ]),
    'balance in pounds and pence, transactions "on 3 November", a bill paid to British Gas with the voice PIN',
  );

  alexa.test(
    asCustomer(OLIVER, [
      {
        request: p.transfer({ amount: '200', fromAccount: 'current account', toAccount: 'savings' }),
        says: `You&apos;re transferring 200 pounds from your ${CURRENT} to your ${SAVINGS}. To approve, what&apos;s your four-digit voice PIN?`,
        reprompts: PIN_PROMPT,
        shouldEndSession: false,
      },
      {
        request: p.pin('1111'),
        says: 'That PIN didn&apos;t match. You have 2 attempts left. What&apos;s your four-digit voice PIN?',
        shouldEndSession: false,
      },
      {
        request: p.cancel(),
        says: 'OK, I&apos;ve cancelled that payment. No money has moved.',
        shouldEndSession: true,
      },
    ]),
    'a transfer read back between the two accounts; a wrong PIN; cancelled',
  );

  it('moved £45.20 from the current account once, and nothing else', async () => {
    expect(await moneyIn(saldo, OLIVER, 'acc-oliver-cur')).toEqual({ availableMinor: 118936, currentMinor: 120480 });
    expect(await moneyIn(saldo, OLIVER, 'acc-oliver-sav')).toEqual({ availableMinor: 500000, currentMinor: 500000 });
    expect(await auditEventsOf(saldo, 'cust-oliver')).toEqual(
      expect.arrayContaining([
        'payment.requested',
        'payment.approved',
        'payment.executed',
        'payment.refused',
        'pin.failed',
      ]),
    );
  });
});

describe('en-GB with US dollars (John)', () => {
  const settings = settingsFor('en-GB');
  const r = requestsFor(settings);
  const saldo = saldoWithFixture(() => undefined);
  const alexa = new AlexaTest(saldo.handler, settings);

  alexa.test(
    asCustomer(JOHN, [
      {
        request: r.withAccountType('GetBalanceIntent', 'current account', 'checking'),
        says: `Your current account ending in ${digits('4217')} has an available balance of US$1,234.56. The account balance is US$1,302.11.`,
        shouldEndSession: true,
        hasCardContent:
          'Your current account ending in 4217 has an available balance of US$1,234.56. The account balance is US$1,302.11.',
      },
    ]),
    'a current account in dollars: the money is read as Intl en-GB writes it ("US$1,234.56")',
  );
});

describe('es-US conversation (Lucía, USD)', () => {
  const settings = settingsFor('es-US');
  const r = requestsFor(settings);
  const p = paymentRequestsFor(settings);
  const saldo = saldoWithFixture(addCustomers);
  const alexa = new AlexaTest(saldo.handler, settings);

  const CHECKING = `cuenta de cheques que termina en ${digits('4321')}`;
  const CARD = `tarjeta de crédito que termina en ${digits('9012')}`;
  const WELCOME =
    'Te damos la bienvenida a Banco Sandbox. Puedes consultar un saldo, escuchar tus transacciones recientes, pagarle a un beneficiario guardado o pasar dinero entre tus cuentas. ¿Qué quieres hacer?';
  const WELCOME_REPROMPT = '¿Qué quieres hacer? Por ejemplo, di: ¿cuál es el saldo de mi cuenta de cheques?';
  const ANYTHING_ELSE = '¿Te puedo ayudar con algo más?';
  const PIN_PROMPT = '¿Cuál es tu PIN de voz de cuatro dígitos?';
  const READ_BACK = `Vas a pagar 45 dólares con 20 centavos a ComEd desde tu ${CHECKING}. Para aprobarlo, ¿cuál es tu PIN de voz de cuatro dígitos?`;
  const PAID = withReference(
    `Listo. Pagué 45 dólares con 20 centavos a ComEd desde tu ${CHECKING}. La referencia termina en {ref}. ` +
      `Tu saldo disponible ahora es de 905 dólares con 5 centavos. ${ANYTHING_ELSE}`,
  );

  alexa.test(
    asCustomer(LUCIA, [
      {
        request: r.launch(),
        says: WELCOME,
        reprompts: WELCOME_REPROMPT,
        shouldEndSession: false,
        callback: wellFormed,
      },
      {
        request: r.withAccountType('GetBalanceIntent', 'cuenta de cheques', 'checking'),
        says: `Tu ${CHECKING} tiene un saldo disponible de 950 dólares con 25 centavos. El saldo actual es de 950 dólares con 25 centavos. ${ANYTHING_ELSE}`,
        reprompts: ANYTHING_ELSE,
        shouldEndSession: false,
        hasCardTitle: 'Tus saldos',
        hasCardContent:
          'Tu cuenta de cheques que termina en 4321 tiene un saldo disponible de $950.25. El saldo actual es de $950.25.',
        callback: wellFormed,
      },
      {
        request: r.withAccountType('GetBalanceIntent', 'tarjeta', 'credit_card'),
        says:
          `Debes 210 dólares con 40 centavos en tu ${CARD}. El pago mínimo de 25 dólares vence el 11 de diciembre. ` +
          `Tienes 1,789 dólares con 60 centavos de crédito disponible. ${ANYTHING_ELSE}`,
        shouldEndSession: false,
        callback: wellFormed,
      },
      {
        request: r.intent('GetTransactionsIntent'),
        says:
          `Estas son las últimas 3 transacciones de tu ${CHECKING}. ` +
          'Hoy, pendiente: 8 dólares con 99 centavos en Walgreens. El viernes: depósito de 1,850 dólares de Nómina Acme Corp. ' +
          `El 3 de noviembre: 78 dólares con 45 centavos en ComEd. ${ANYTHING_ELSE}`,
        shouldEndSession: false,
        hasCardTitle: 'Transacciones recientes',
        callback: (response) => {
          wellFormed(response);
          expect(cardContentOf(response)).toBe(
            [
              'Estas son las últimas 3 transacciones de tu cuenta de cheques que termina en 4321.',
              'Hoy, pendiente: $8.99 en Walgreens.',
              'El viernes: depósito de $1,850.00 de Nómina Acme Corp.',
              'El 3 de noviembre: $78.45 en ComEd.',
            ].join('\n'),
          );
        },
      },
      {
        request: p.payBill({ payee: 'la luz' }),
        says: '¿Cuánto le quieres pagar a ComEd?',
        reprompts: '¿Cuánto le quieres pagar a ComEd?',
        elicitsSlot: 'amount',
        shouldEndSession: false,
      },
      {
        request: p.payBill({ amount: '45', cents: '20' }),
        says: READ_BACK,
        reprompts: PIN_PROMPT,
        shouldEndSession: false,
        callback: (response) => {
          wellFormed(response);
          expect(response.sessionAttributes?.payment).toMatch(PENDING_ID);
        },
      },
      {
        request: p.pin('1111'),
        says: 'Ese PIN no coincide. Te quedan 2 intentos. ¿Cuál es tu PIN de voz de cuatro dígitos?',
        shouldEndSession: false,
      },
      {
        request: p.pin('8642'),
        says: (speech: string) => PAID.test(speech),
        reprompts: ANYTHING_ELSE,
        shouldEndSession: false,
        hasCardTitle: 'Pago',
        hasAttributes: { payment: equalTo(undefined) },
        callback: (response) => {
          wellFormed(response);
          expect(speechOf(response)).toMatch(PAID);
          expect(cardContentOf(response)).toMatch(
            new RegExp(
              `^${escapeRegExp('Listo. Pagué $45.20 a ComEd desde tu cuenta de cheques que termina en 4321. La referencia termina en ')}` +
                `[0-9A-Z]{4}${escapeRegExp('. Tu saldo disponible ahora es de $905.05.')}$`,
            ),
          );
        },
      },
      {
        request: p.balance('checking'),
        says: `Tu ${CHECKING} tiene un saldo disponible de 905 dólares con 5 centavos. El saldo actual es de 905 dólares con 5 centavos. ${ANYTHING_ELSE}`,
        shouldEndSession: false,
      },
      {
        request: p.payBill({ payee: 'ComEd', amount: '2000' }),
        says: `Lo siento, cada pago por voz puede ser de 1,000 dólares como máximo. No se envió nada. ${ANYTHING_ELSE}`,
        shouldEndSession: false,
      },
      { request: p.stop(), says: 'Hasta luego.', shouldEndSession: true },
    ]),
    'saldo en dólares con centavos, transacciones "el 3 de noviembre", un pago a ComEd con el PIN de voz',
  );

  alexa.test(
    asCustomer(LUCIA, [
      {
        request: p.payBill({ payee: 'ComEd', amount: '20', fromAccount: 'tarjeta' }),
        says: `No puedo enviar dinero desde tu ${CARD}. ¿De qué cuenta quieres enviarlo?`,
        elicitsSlot: 'fromAccount',
        shouldEndSession: false,
      },
      {
        request: p.payBill({ fromAccount: 'cuenta de cheques' }),
        says: `Vas a pagar 20 dólares a ComEd desde tu ${CHECKING}. Para aprobarlo, ¿cuál es tu PIN de voz de cuatro dígitos?`,
        shouldEndSession: false,
      },
      { request: p.cancel(), says: 'Muy bien, cancelé ese pago. No se movió dinero.', shouldEndSession: true },
    ]),
    'no paga desde la tarjeta: pregunta de qué cuenta; luego lee el pago y se cancela',
  );

  it('movió $45.20 de la cuenta de cheques, una sola vez', async () => {
    expect(await moneyIn(saldo, LUCIA, 'acc-lucia-chk')).toEqual({ availableMinor: 90505, currentMinor: 90505 });
    expect((await auditEventsOf(saldo, 'cust-lucia')).filter((event) => event === 'payment.executed')).toHaveLength(1);
  });
});
