/**
 * Session attributes are untrusted: the client can send anything back. A payment id
 * from someone else's session, made-up "verified"/"approved" flags or a malformed id
 * must move nothing. And every attempt, approval, execution, refusal, cancellation,
 * failed PIN and lockout is audited, while no audit row, session attribute, speech,
 * card or log line ever carries a PIN, an access token or a full account number.
 */
import type { ResponseEnvelope } from 'ask-sdk-model';
import { AlexaTest } from 'ask-sdk-test';
import type { SequenceItem } from 'ask-sdk-test';
import { testSaldo } from '../support/app';
import { ANA, JOHN, asCustomer, digits, equalTo, settingsFor } from '../alexa/helpers';
import {
  JOHN_HEARS,
  PENDING_ID,
  auditOf,
  capturedSession,
  countPaymentsExecuted,
  expectNothingMoved,
  fromCustomer,
  invoke,
  moneyIn,
  paymentRequestsFor,
  pendingStatuses,
  outgoingTextOf,
  recorded,
  secretsIn,
  ssmlOf,
  withReference,
} from './helpers';

const { CHECKING, ANYTHING_ELSE, PIN_INSTEAD_OF_YES, NO_PENDING } = JOHN_HEARS;

const settings = settingsFor('en-US');
const r = paymentRequestsFor(settings);
const es = paymentRequestsFor(settingsFor('es-ES'));

const PIN_FORMAT = 'A voice PIN has four digits. What&apos;s your voice PIN?';
const WRONG_2 = 'That PIN didn&apos;t match. You have 2 tries left. What&apos;s your four-digit voice PIN?';
const PAY_WHOM = 'You can pay any payee you&apos;ve saved with your bank. Who would you like to pay?';
const ANA_READ_BACK =
  `Vas a pagar 45 euros con 20 céntimos a Iberdrola desde tu cuenta corriente terminada en ${digits('1332')}. ` +
  'Para aprobarlo, ¿cuál es tu PIN de voz de cuatro cifras?';
const readBack = (amount: string, payee: string) =>
  `You&apos;re paying ${amount} to ${payee} from your ${CHECKING}. To approve, what&apos;s your four-digit voice PIN?`;

function onlyPaymentAttribute(response: ResponseEnvelope): void {
  expect(Object.keys(response.sessionAttributes ?? {})).toEqual(['payment']);
  expect(response.sessionAttributes?.payment).toMatch(PENDING_ID);
}

describe('forged session attributes', () => {
  describe("a pending id from Ana's session, used in John's with John's PIN", () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const anas = capturedSession();
    const johns = capturedSession();

    alexa.test(
      asCustomer(JOHN, [
        {
          request: es.payBill({ payee: 'la luz', amount: '45', cents: '20' }),
          withUserAccessToken: ANA,
          says: ANA_READ_BACK,
          shouldEndSession: false,
          callback: anas.capture,
        },
        // John's turn, carrying Ana's session attributes.
        {
          request: r.pin('2468'),
          says: `${NO_PENDING} ${ANYTHING_ELSE}`,
          shouldEndSession: false,
          hasAttributes: { payment: equalTo(undefined) },
        },
        {
          request: r.pin('2468'),
          withSessionAttributes: anas.attributes,
          says: `${NO_PENDING} ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
        // Nor can John take over Ana's terms (Iberdrola, 45.20 €) by changing the amount.
        {
          request: r.payBill({ amount: '20' }),
          withSessionAttributes: anas.attributes,
          says: PAY_WHOM,
          elicitsSlot: 'payee',
          shouldEndSession: false,
          callback: (response) => expect(response.sessionAttributes?.payment).not.toEqual(anas.attributes.payment),
        },
      ]),
      "John's PIN approves nothing of Ana's",
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.payBill({ payee: 'city power', amount: '30' }),
          withUserAccessToken: JOHN,
          says: readBack('$30.00', 'City Power'),
          shouldEndSession: false,
          callback: johns.capture,
        },
        {
          request: es.pin('4831'),
          says: 'No hay ningún pago esperando tu PIN. ¿Te puedo ayudar con algo más?',
          shouldEndSession: false,
        },
      ]),
      "and the other way round: Ana's PIN approves nothing of John's",
    );

    it("moved nothing for either; neither PIN was even checked; both payments still wait for their owner's PIN", async () => {
      await expectNothingMoved(saldo, 'cust-ana');
      await expectNothingMoved(saldo, 'cust-john');
      expect(await countPaymentsExecuted(saldo)).toBe(0);
      for (const customer of ['cust-john', 'cust-ana']) {
        const events = (await auditOf(saldo, customer)).map((a) => a.event);
        expect(
          events.filter((e) => e.startsWith('pin.') || e === 'payment.approved' || e === 'payment.executed'),
        ).toEqual([]);
      }
      expect((await pendingStatuses(saldo, 'cust-ana')).map((p) => p.status)).toEqual(['awaiting_pin']);
      expect((await pendingStatuses(saldo, 'cust-john')).map((p) => [p.amount_minor, p.status])).toContainEqual([
        3000,
        'awaiting_pin',
      ]);
    });
  });

  describe('made-up approval flags', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'city power', amount: '45', cents: '20' }),
          says: readBack('$45.20', 'City Power'),
          shouldEndSession: false,
          callback: onlyPaymentAttribute,
        },
        {
          request: r.yes(),
          withSessionAttributes: { verified: true },
          says: PIN_INSTEAD_OF_YES,
          shouldEndSession: false,
          callback: onlyPaymentAttribute,
        },
        {
          request: r.pin(),
          withSessionAttributes: { verified: true, approved: true },
          says: PIN_FORMAT,
          shouldEndSession: false,
          callback: onlyPaymentAttribute,
        },
        {
          request: r.pin('1111'),
          withSessionAttributes: { verified: true, approved: true, pinVerified: true, status: 'approved' },
          says: WRONG_2,
          shouldEndSession: false,
          callback: onlyPaymentAttribute,
        },
        {
          request: r.no(),
          withSessionAttributes: { verified: true, approved: true },
          says: `OK, I&apos;ve cancelled that payment. No money was moved. ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
      ]),
      '{payment: id, verified: true} and friends: still only the PIN approves, and the flags are not echoed back',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.pin(),
          withSessionAttributes: { verified: true, approved: true },
          says: NO_PENDING,
          shouldEndSession: true,
        },
      ]),
      '{verified: true, approved: true} with no payment: nothing is waiting',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.yes(),
          withSessionAttributes: { verified: true, approved: true },
          saysLike: 'Sorry, I can&apos;t help with that.',
          shouldEndSession: false,
          callback: (response) => expect(response.sessionAttributes ?? {}).toEqual({}),
        },
      ]),
      '"yes" with {verified: true, approved: true} approves nothing',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.pin('2468'),
          withSessionAttributes: {
            payment: {
              payeeId: 'payee-john-power',
              amountMinor: 100000,
              sourceAccountId: 'acc-john-chk',
              status: 'approved',
            },
            approved: true,
          },
          says: NO_PENDING,
          shouldEndSession: true,
        },
      ]),
      'a payment described in the session (not an id) is ignored, even with the right PIN',
    );

    it('moved nothing', async () => {
      await expectNothingMoved(saldo, 'cust-john');
      expect(await countPaymentsExecuted(saldo)).toBe(0);
    });
  });

  describe('malformed payment ids are ignored', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const malformed: Array<[string, unknown]> = [
      ['too short', 'not-a-real-id'],
      ['well-formed but unknown', 'x'.repeat(22)],
      ['23 characters', 'A'.repeat(23)],
      ['SQL', "' OR '1'='1' --xxxxxxxxx"],
      ['a path', '../../../../etc/passwd'],
      ['a number', 1.2345678901234568e21],
      ['an object', { id: 'AAAAAAAAAAAAAAAAAAAAAA' }],
      ['null', null],
    ];
    for (const [name, payment] of malformed) {
      alexa.test(
        asCustomer(JOHN, [
          { request: r.pin('2468'), withSessionAttributes: { payment }, says: NO_PENDING, shouldEndSession: true },
        ]),
        `${name}: a PIN approves nothing`,
      );
    }

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: 'verizon', amount: '30' }),
          withSessionAttributes: { payment: 'not-a-real-id' },
          says: readBack('$30.00', 'Verizon'),
          shouldEndSession: false,
          callback: (response) => {
            onlyPaymentAttribute(response);
            expect(response.sessionAttributes?.payment).not.toBe('not-a-real-id');
          },
        },
      ]),
      'a payment request with a malformed id starts afresh with a new id',
    );

    it('moved nothing and counted no PIN failure', async () => {
      await expectNothingMoved(saldo, 'cust-john');
      expect((await auditOf(saldo, 'cust-john')).filter((a) => a.event.startsWith('pin.'))).toEqual([]);
    });
  });
});

describe('the audit log, and what never leaves Saldo', () => {
  const saldo = testSaldo();
  const alexa = new AlexaTest(saldo.handler, settings);
  const anaAlexa = new AlexaTest(saldo.handler, settingsFor('es-ES'));
  const responses: ResponseEnvelope[] = [];
  const john = (sequence: SequenceItem[], name: string) =>
    alexa.test(recorded(responses, asCustomer(JOHN, sequence)), name);
  const ana = (sequence: SequenceItem[], name: string) =>
    anaAlexa.test(recorded(responses, asCustomer(ANA, sequence)), name);
  const paid = withReference(
    `Done. I&apos;ve paid $45.20 to City Power from your ${CHECKING}. The reference ends in {ref}. Your available balance is now $1,189.36. ${ANYTHING_ELSE}`,
  );

  john(
    [
      {
        request: r.payBill({ payee: 'city power', amount: '45', cents: '20' }),
        says: readBack('$45.20', 'City Power'),
        shouldEndSession: false,
      },
      { request: r.pin('1357'), says: WRONG_2, shouldEndSession: false },
      { request: r.pin('2468'), says: (speech: string) => paid.test(speech), shouldEndSession: false },
    ],
    'John: a wrong PIN, then the right one: paid',
  );
  john(
    [
      {
        request: r.payBill({ payee: 'city power', amount: '1500' }),
        saysLike: 'at most $1,000.00',
        shouldEndSession: true,
      },
    ],
    'John: over the per-payment limit',
  );
  john(
    [
      {
        request: r.payBill({ payee: 'comcast', amount: '10' }),
        saysLike: 'I couldn&apos;t find a saved payee called comcast.',
        shouldEndSession: false,
      },
      {
        request: r.payBill({ payee: 'verizon', amount: '10' }),
        says: readBack('$10.00', 'Verizon'),
        shouldEndSession: false,
      },
      { request: r.no(), saysLike: 'OK, I&apos;ve cancelled that payment.', shouldEndSession: false },
    ],
    'John: an unknown payee, then a cancelled payment',
  );
  john(
    [
      {
        request: r.transfer({ amount: '100', toAccount: 'savings' }),
        saysLike: 'You&apos;re transferring $100.00',
        shouldEndSession: false,
      },
      { request: r.pin('1111'), says: WRONG_2, shouldEndSession: false },
      { request: r.pin('2222'), saysLike: '1 try left', shouldEndSession: false },
      {
        request: r.pin('3333'),
        saysLike: 'I&apos;ve locked voice payments',
        shouldEndSession: true,
        hasCardContentLike: 'npm run pin -- reset cust-john',
      },
    ],
    'John: three wrong PINs lock voice payments',
  );
  john(
    [
      {
        request: r.payBill({ payee: 'verizon', amount: '10' }),
        saysLike: 'Voice payments are locked',
        shouldEndSession: true,
      },
    ],
    'John: refused while locked',
  );
  ana(
    [
      {
        request: es.payBill({ payee: 'la luz', amount: '45', cents: '20' }),
        says: ANA_READ_BACK,
        shouldEndSession: false,
      },
      { request: es.yes(), saysLike: 'no un sí', shouldEndSession: false },
      {
        request: es.pin('4831'),
        saysLike: 'Hecho. He pagado 45 euros con 20 céntimos a Iberdrola',
        shouldEndSession: false,
      },
      {
        request: es.payBill({ payee: 'la comunidad', amount: '5000' }),
        saysLike: 'como máximo de 1000 euros',
        shouldEndSession: false,
      },
      {
        request: es.transfer({ amount: '50', toAccount: 'ahorro' }),
        saysLike: 'Vas a transferir 50 euros',
        shouldEndSession: false,
      },
      { request: es.cancel(), saysLike: 'he cancelado ese pago', shouldEndSession: true },
    ],
    'Ana: paid, refused, cancelled',
  );

  it("John's audit trail: each attempt, approval, execution, refusal, cancellation, failed PIN and lockout, in order", async () => {
    const audit = await auditOf(saldo, 'cust-john');
    expect(audit.map((a) => a.event)).toEqual([
      'payment.requested',
      'pin.failed',
      'payment.approved',
      'payment.executed',
      'payment.refused',
      'payment.refused',
      'payment.requested',
      'payment.cancelled',
      'payment.requested',
      'pin.failed',
      'pin.failed',
      'pin.failed',
      'pin.locked',
      'payment.cancelled',
    ]);
    expect(audit.filter((a) => a.event === 'payment.refused').map((a) => a.details.reason)).toEqual([
      'over_payment_limit',
      'unknown_payee',
    ]);
    expect(audit.filter((a) => a.event === 'payment.cancelled').map((a) => a.details.reason)).toEqual([
      'customer',
      'voice_payments_locked',
    ]);
    for (const entry of audit) expect(entry.channel).toBe('alexa');
    expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 118936, currentMinor: 125691 });
  });

  it("Ana's audit trail", async () => {
    const audit = await auditOf(saldo, 'cust-ana');
    expect(audit.map((a) => [a.event, a.details.reason])).toEqual([
      ['payment.requested', undefined],
      ['payment.approved', undefined],
      ['payment.executed', undefined],
      ['payment.refused', 'over_payment_limit'],
      ['payment.requested', undefined],
      ['payment.cancelled', 'customer'],
    ]);
    expect(audit[0]?.details).toMatchObject({ kind: 'bill', amountMinor: 4520, currency: 'EUR' });
  });

  it('no audit row carries a PIN, an access token or a full account number', async () => {
    const rows = [...(await auditOf(saldo, 'cust-john')), ...(await auditOf(saldo, 'cust-ana'))];
    expect(rows.length).toBeGreaterThan(15);
    for (const row of rows)
      expect({ row: row.raw, secrets: secretsIn(row.raw) }).toEqual({ row: row.raw, secrets: [] });
  });

  it('no response (speech, reprompt, card, session attributes) carries one either; sessions carry only the opaque id', () => {
    expect(responses.length).toBe(18);
    for (const response of responses) {
      const text = JSON.stringify(response);
      expect({ response: ssmlOf(response), secrets: secretsIn(text) }).toEqual({
        response: ssmlOf(response),
        secrets: [],
      });
      const keys = Object.keys(response.sessionAttributes ?? {});
      expect(keys.filter((k) => k !== 'payment')).toEqual([]);
      if (keys.length > 0) expect(response.sessionAttributes?.payment).toMatch(PENDING_ID);
    }
  });

  it('no log line carries one either', () => {
    expect(saldo.logs.lines.length).toBeGreaterThan(0);
    for (const line of saldo.logs.lines) expect({ line, secrets: secretsIn(line) }).toEqual({ line, secrets: [] });
  });

  it('the scan itself finds each kind of secret (so the checks above are not vacuous)', () => {
    expect(secretsIn('your pin is 2468.')).toEqual(['PIN 2468']);
    expect(secretsIn('<say-as interpret-as="digits">4831</say-as>')).toEqual(['PIN 4831']);
    expect(secretsIn('two: 2 4 6 8')).toEqual(['PIN 2468']);
    expect(secretsIn('"slots":{"pin":"[redacted]"} $2,468.00 1795964400000')).toEqual([]);
    expect(secretsIn('{"accessToken":"sandbox-token-ana"}')).toEqual(['token sandbox-token-ana']);
    expect(secretsIn('IBAN ES91 2100 0418 4502 0005 1332')).toEqual(['number ES9121000418450200051332']);
    expect(secretsIn('card 5454-5454-5454-5454')).toEqual(['number 5454545454545454']);
  });

  it('the audit log is append-only', async () => {
    const { db } = await saldo.application;
    // better-sqlite3's native error class may come from another jest realm: match the message.
    await expect(db.run("UPDATE audit_log SET event = 'payment.executed'")).rejects.toMatchObject({
      message: expect.stringMatching(/append-only/),
    });
    await expect(db.run('DELETE FROM audit_log')).rejects.toMatchObject({
      message: expect.stringMatching(/append-only/),
    });
    expect((await auditOf(saldo, 'cust-john')).map((a) => a.event)).toContain('pin.locked');
  });
});

describe('a full account number said as the payee', () => {
  const saldo = testSaldo();
  const alexa = new AlexaTest(saldo.handler, settings);
  const responses: ResponseEnvelope[] = [];

  alexa.test(
    recorded(
      responses,
      asCustomer(JOHN, [
        {
          request: r.payBill({ payee: '88001234', amount: '20' }),
          says: 'I couldn&apos;t find a saved payee called that. For your security, I can only pay payees you&apos;ve saved with your bank. Who would you like to pay?',
          elicitsSlot: 'payee',
          shouldEndSession: false,
        },
        {
          request: r.payBill({ payee: '5454 5454 5454 5454', amount: '20' }),
          says: 'I couldn&apos;t find a saved payee called that. For your security, I can only pay payees you&apos;ve saved with your bank. Who would you like to pay?',
          shouldEndSession: false,
        },
      ]),
    ),
    'is not repeated back (masked before the reply guard ever sees it)',
  );

  it('no speech, reprompt, card, session attribute or audit row carries it', async () => {
    expect(responses).toHaveLength(2);
    for (const response of responses) expect(secretsIn(outgoingTextOf(response))).toEqual([]);
    const audit = await auditOf(saldo, 'cust-john');
    for (const row of audit) expect(secretsIn(row.raw)).toEqual([]);
    // The masking caught it, so the final scan had nothing to redact.
    expect(audit.map((a) => a.event)).not.toContain('security.redaction');
  });

  // Regression: every turn is logged at debug level with its slot values; once only
  // slots.pin was redacted, so an account number said as the payee reached the log whole.
  it('no log line carries it', () => {
    for (const line of saldo.logs.lines) expect({ line, secrets: secretsIn(line) }).toEqual({ line, secrets: [] });
  });
});

describe('a replayed confirmation from a stale device after the payment was made', () => {
  const saldo = testSaldo();

  it('with a wrong PIN, moves nothing more and counts a failure', async () => {
    const readBackResponse = await invoke(
      saldo.handler,
      fromCustomer(JOHN, r.payBill({ payee: 'verizon', amount: '10' }), { isNew: true }),
    );
    const attributes = readBackResponse.sessionAttributes ?? {};
    await invoke(saldo.handler, fromCustomer(JOHN, r.pin('2468'), { isNew: false, attributes }));
    const replay = await invoke(saldo.handler, fromCustomer(JOHN, r.pin('1111'), { isNew: false, attributes }));
    expect(ssmlOf(replay)).toBe(WRONG_2);
    expect(await moneyIn(saldo, JOHN, 'acc-john-chk')).toEqual({ availableMinor: 122456, currentMinor: 129211 });
    expect(await countPaymentsExecuted(saldo)).toBe(1);
  });
});
