/**
 * Pagar recibos por voz en español (España), como lo oye Ana García (sandbox-token-ana,
 * PIN de voz 4831, cuenta corriente acc-ana-chk con 2540,18 € disponibles). Importes
 * dichos en palabras ("45 euros con 20 céntimos") y escritos en la tarjeta ("45,20 €").
 */
import type { ResponseEnvelope } from 'ask-sdk-model';
import { AlexaTest } from 'ask-sdk-test';
import { testSaldo } from '../support/app';
import { ANA, asCustomer, digits, equalTo, settingsFor } from '../alexa/helpers';
import {
  PENDING_ID,
  PENDING_LIFETIME_MS,
  SEEDED,
  adjustableClock,
  auditEventsOf,
  auditOf,
  countPaymentsExecuted,
  escapeRegExp,
  expectNothingMoved,
  moneyIn,
  paymentRequestsFor,
  ssmlOf,
  withReference,
} from './helpers';

const settings = settingsFor('es-ES');
const r = paymentRequestsFor(settings);

/** Intl writes euros with a no-break space before the sign. */
const eur = (amount: string): string => `${amount}\u00a0€`;

const CHECKING = `cuenta corriente terminada en ${digits('1332')}`;
const SAVINGS = `cuenta de ahorro terminada en ${digits('6789')}`;
const CARD = `tarjeta de crédito terminada en ${digits('7899')}`;

const ANYTHING_ELSE = '¿Te puedo ayudar con algo más?';
const PIN_PROMPT = '¿Cuál es tu PIN de voz de cuatro cifras?';
const PIN_INSTEAD_OF_YES = 'Para aprobarlo necesito tu PIN de voz de cuatro cifras, no un sí. ¿Cuál es tu PIN de voz?';
const CANCELLED = 'De acuerdo, he cancelado ese pago. No se ha movido dinero.';
const EXPIRED = 'Ese pago no se aprobó en cinco minutos, así que ha caducado. No se ha enviado nada.';

const readBack = (amount: string, payee: string, account = CHECKING) =>
  `Vas a pagar ${amount} a ${payee} desde tu ${account}. Para aprobarlo, ¿cuál es tu PIN de voz de cuatro cifras?`;

const paid = (amount: string, payee: string, available: string, account = CHECKING) =>
  withReference(
    `Hecho. He pagado ${amount} a ${payee} desde tu ${account}. La referencia termina en {ref}. Tu saldo disponible es ahora de ${available}. ${ANYTHING_ELSE}`,
  );

function readBackItem(request: ReturnType<typeof r.payBill>, speech: string) {
  return {
    request,
    says: speech,
    reprompts: PIN_PROMPT,
    shouldEndSession: false,
    callback: (response: ResponseEnvelope) => {
      expect(Object.keys(response.sessionAttributes ?? {})).toEqual(['payment']);
      expect(response.sessionAttributes?.payment).toMatch(PENDING_ID);
    },
  };
}

describe('PayBill (es-ES, Ana)', () => {
  describe('"paga 45 euros con 20 a la luz" con el PIN correcto', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(ANA, [
        readBackItem(
          r.payBill({ payee: 'la luz', amount: '45', cents: '20' }),
          readBack('45 euros con 20 céntimos', 'Iberdrola'),
        ),
        {
          request: r.pin('4831'),
          says: (speech: string) =>
            paid('45 euros con 20 céntimos', 'Iberdrola', '2494 euros con 98 céntimos').test(speech),
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
          hasCardTitle: 'Pago',
          hasAttributes: { payment: equalTo(undefined) },
          callback: (response) => {
            expect(ssmlOf(response)).toMatch(
              paid('45 euros con 20 céntimos', 'Iberdrola', '2494 euros con 98 céntimos'),
            );
            const card = response.response.card;
            expect(card?.type === 'Simple' ? card.content : '').toMatch(
              new RegExp(
                `^${escapeRegExp(`Hecho. He pagado ${eur('45,20')} a Iberdrola desde tu cuenta corriente terminada en 1332. La referencia termina en `)}` +
                  `[0-9A-Z]{4}${escapeRegExp(`. Tu saldo disponible es ahora de ${eur('2494,98')}.`)}$`,
              ),
            );
          },
        },
        {
          request: r.balance('checking'),
          says: `Tu ${CHECKING} tiene un saldo disponible de 2494 euros con 98 céntimos. El saldo contable es de 2494 euros con 98 céntimos. ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
      ]),
      'lee el pago (importe en palabras, Iberdrola, cuenta enmascarada), pide el PIN y paga',
    );

    it('ha movido 45,20 € de la cuenta corriente, una sola vez', async () => {
      expect(await moneyIn(saldo, ANA, 'acc-ana-chk')).toEqual({ availableMinor: 249498, currentMinor: 249498 });
      expect(await moneyIn(saldo, ANA, 'acc-ana-sav')).toEqual(SEEDED['acc-ana-sav']);
      expect(await countPaymentsExecuted(saldo)).toBe(1);
      expect(await auditEventsOf(saldo, 'cust-ana')).toEqual([
        'payment.requested',
        'payment.approved',
        'payment.executed',
      ]);
      const [requested] = await auditOf(saldo, 'cust-ana');
      expect(requested?.details).toMatchObject({ kind: 'bill', amountMinor: 4520, currency: 'EUR' });
    });
  });

  describe('el beneficiario por lo que se dijo', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const cases: Array<[string, string]> = [
      ['iberdrola', 'Iberdrola'],
      ['iber drola', 'Iberdrola'],
      ['el recibo de la luz', 'Iberdrola'],
      ['la electricidad', 'Iberdrola'],
      ['la comunidad', 'Comunidad de Propietarios'],
      ['comunidad de propietarios', 'Comunidad de Propietarios'],
      ['mi hermana', 'Laura Martínez'],
      ['laura martinez', 'Laura Martínez'],
    ];
    for (const [spoken, payee] of cases) {
      alexa.test(
        asCustomer(ANA, [readBackItem(r.payBill({ payee: spoken, amount: '20' }), readBack('20 euros', payee))]),
        `"${spoken}" es ${payee}`,
      );
    }

    alexa.test(
      asCustomer(ANA, [
        readBackItem(
          r.payBill({ payee: 'la comunidad', payeeId: 'payee-ana-comunidad', amount: '60', cents: '1' }),
          readBack('60 euros con 1 céntimo', 'Comunidad de Propietarios'),
        ),
      ]),
      'por el id de resolución; "1 céntimo" en singular',
    );

    alexa.test(
      asCustomer(ANA, [
        readBackItem(r.payBill({ payee: 'la luz', amount: '0', cents: '50' }), readBack('50 céntimos', 'Iberdrola')),
      ]),
      'solo céntimos: "50 céntimos"',
    );

    const UNKNOWN =
      'No encuentro ningún beneficiario guardado que se llame Endesa. Por tu seguridad, solo puedo pagar a beneficiarios que tengas guardados en tu banco. ¿A quién quieres pagar?';
    alexa.test(
      asCustomer(ANA, [
        {
          request: r.payBill({ payee: 'Endesa', amount: '30' }),
          says: UNKNOWN,
          reprompts: UNKNOWN,
          elicitsSlot: 'payee',
          elicitsForIntent: 'PayBillIntent',
          shouldEndSession: false,
        },
        readBackItem(r.payBill({ payee: 'la luz', amount: '30' }), readBack('30 euros', 'Iberdrola')),
      ]),
      'un beneficiario que no tiene guardado: lo dice y pregunta a quién (elicita payee)',
    );

    it('no ha movido nada', () => expectNothingMoved(saldo, 'cust-ana'));
  });

  describe('pide lo que falta, en español', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.payBill({ payee: 'la luz' }),
          says: '¿Cuánto quieres pagar a Iberdrola?',
          reprompts: '¿Cuánto quieres pagar a Iberdrola?',
          elicitsSlot: 'amount',
          elicitsForIntent: 'PayBillIntent',
          shouldEndSession: false,
        },
        readBackItem(r.payBill({ amount: '45', cents: '20' }), readBack('45 euros con 20 céntimos', 'Iberdrola')),
      ]),
      'sin importe: "¿Cuánto quieres pagar a Iberdrola?"',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.payBill({ amount: '30' }),
          says: 'Puedes pagar a cualquier beneficiario que tengas guardado en tu banco. ¿A quién quieres pagar?',
          elicitsSlot: 'payee',
          elicitsForIntent: 'PayBillIntent',
          shouldEndSession: false,
        },
        readBackItem(r.payBill({ payee: 'laura', amount: '30' }), readBack('30 euros', 'Laura Martínez')),
      ]),
      'sin beneficiario: "¿A quién quieres pagar?"',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.payBill({ payee: 'la luz', amount: '30', fromAccount: 'tarjeta' }),
          says: `No puedo enviar dinero desde tu ${CARD}. ¿Desde qué cuenta quieres enviarlo?`,
          elicitsSlot: 'fromAccount',
          elicitsForIntent: 'PayBillIntent',
          shouldEndSession: false,
        },
        readBackItem(r.payBill({ fromAccount: 'ahorro' }), readBack('30 euros', 'Iberdrola', SAVINGS)),
      ]),
      'desde la tarjeta no: pregunta desde qué cuenta; luego paga desde la de ahorro',
    );

    it('no ha movido nada', () => expectNothingMoved(saldo, 'cust-ana'));
  });

  describe('respuestas a la lectura que no son el PIN', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(ANA, [
        readBackItem(
          r.payBill({ payee: 'la luz', amount: '45', cents: '20' }),
          readBack('45 euros con 20 céntimos', 'Iberdrola'),
        ),
        { request: r.yes(), says: PIN_INSTEAD_OF_YES, reprompts: PIN_INSTEAD_OF_YES, shouldEndSession: false },
        {
          request: r.pin('12345'),
          says: 'El PIN de voz tiene cuatro cifras. ¿Cuál es tu PIN de voz?',
          shouldEndSession: false,
        },
        {
          request: r.pin('1111'),
          says: `Ese PIN no coincide. Te quedan 2 intentos. ${PIN_PROMPT}`,
          reprompts: `Ese PIN no coincide. Te quedan 2 intentos. ${PIN_PROMPT}`,
          shouldEndSession: false,
        },
        {
          request: r.no(),
          says: `${CANCELLED} ${ANYTHING_ELSE}`,
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
          hasAttributes: { payment: equalTo(undefined) },
        },
      ]),
      '"sí" pide el PIN; un PIN de cinco cifras se pide otra vez; uno incorrecto dice cuántos intentos quedan; "no" cancela',
    );

    alexa.test(
      asCustomer(ANA, [
        readBackItem(
          r.payBill({ payee: 'la comunidad', amount: '70' }),
          readBack('70 euros', 'Comunidad de Propietarios'),
        ),
        { request: r.cancel(), says: CANCELLED, shouldEndSession: true },
      ]),
      'cancelar termina la sesión sin mover dinero',
    );

    it('no ha movido nada y ha auditado las cancelaciones', async () => {
      await expectNothingMoved(saldo, 'cust-ana');
      expect(await auditEventsOf(saldo, 'cust-ana')).toEqual([
        'payment.requested',
        'pin.failed',
        'payment.cancelled',
        'payment.requested',
        'payment.cancelled',
      ]);
    });
  });

  describe('tres PIN incorrectos bloquean los pagos por voz', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);
    const LOCKED =
      'Ese PIN no coincide, así que por tu seguridad he bloqueado los pagos por voz. Para desbloquearlos, restablece tu PIN de voz en la aplicación de Banco Sandbox. Te he enviado los pasos a la aplicación de Alexa.';

    alexa.test(
      asCustomer(ANA, [
        readBackItem(r.payBill({ payee: 'la luz', amount: '45' }), readBack('45 euros', 'Iberdrola')),
        {
          request: r.pin('1111'),
          says: `Ese PIN no coincide. Te quedan 2 intentos. ${PIN_PROMPT}`,
          shouldEndSession: false,
        },
        {
          request: r.pin('2222'),
          says: `Ese PIN no coincide. Te queda 1 intento. ${PIN_PROMPT}`,
          shouldEndSession: false,
        },
        {
          request: r.pin('3333'),
          says: LOCKED,
          shouldEndSession: true,
          hasCardTitle: 'Pagos por voz bloqueados',
          hasCardContentLike: 'npm run pin -- reset cust-ana',
        },
      ]),
      'dice cuántos intentos quedan y, al tercero, cómo desbloquearlos (la tarjeta trae el comando)',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.payBill({ payee: 'la luz', amount: '10' }),
          says: 'Los pagos por voz están bloqueados por tu seguridad. Para desbloquearlos, restablece tu PIN de voz en la aplicación de Banco Sandbox. Te he enviado los pasos a la aplicación de Alexa.',
          shouldEndSession: true,
          hasCardContentLike: 'npm run pin -- reset cust-ana',
        },
      ]),
      'en una sesión nueva, un pago se rechaza mientras siga bloqueado',
    );

    it('no ha movido nada', () => expectNothingMoved(saldo, 'cust-ana'));
  });

  describe('límites y saldo, antes de pedir el PIN', () => {
    const saldo = testSaldo();
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.payBill({ payee: 'la luz', amount: '1000', cents: '1' }),
          says: 'Lo siento, cada pago por voz puede ser como máximo de 1000 euros. No se ha enviado nada.',
          shouldEndSession: true,
          callback: (response) => expect(response.sessionAttributes ?? {}).toEqual({}),
        },
      ]),
      'más de 1000 euros por pago',
    );

    it('no ha movido nada', () => expectNothingMoved(saldo, 'cust-ana'));
  });

  describe('saldo insuficiente (límites de 100.000)', () => {
    const saldo = testSaldo({ SALDO_PAYMENT_LIMIT: '100000', SALDO_DAILY_LIMIT: '100000' });
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.payBill({ payee: 'la luz', amount: '3000' }),
          says: `Lo siento, tu ${CHECKING} solo tiene 2540 euros con 18 céntimos disponibles, así que no puedo enviarlo. No se ha enviado nada.`,
          shouldEndSession: true,
          callback: (response) => expect(response.sessionAttributes ?? {}).toEqual({}),
        },
      ]),
      '3000 euros desde la cuenta corriente',
    );

    it('no ha movido nada', () => expectNothingMoved(saldo, 'cust-ana'));
  });

  describe('un pago pendiente caduca a los 5 minutos', () => {
    const clock = adjustableClock();
    const saldo = testSaldo({}, { now: clock.now });
    const alexa = new AlexaTest(saldo.handler, settings);

    alexa.test(
      asCustomer(ANA, [
        {
          ...readBackItem(
            r.payBill({ payee: 'la luz', amount: '45', cents: '20' }),
            readBack('45 euros con 20 céntimos', 'Iberdrola'),
          ),
          callback: () => clock.advance(PENDING_LIFETIME_MS + 1000),
        },
        { request: r.pin('4831'), says: `${EXPIRED} ${ANYTHING_ELSE}`, shouldEndSession: false },
      ]),
      'el PIN llega tarde: ha caducado',
    );

    it('no ha movido nada', async () => {
      await expectNothingMoved(saldo, 'cust-ana');
      expect(await auditEventsOf(saldo, 'cust-ana')).toEqual(['payment.requested', 'payment.expired']);
    });
  });
});
