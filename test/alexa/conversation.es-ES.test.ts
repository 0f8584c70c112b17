/**
 * The Alexa conversation in Spanish (Spain), as Ana García (sandbox-token-ana) hears it.
 * Amounts are spoken in words ("2540 euros con 18 céntimos") and shown as written
 * ("2540,18 €"). Clock: Sunday 2026-11-29, so "ayer" is Saturday the 28th and the card
 * payment (due in 9 days) is due on 8 December.
 */
import { AlexaTest } from 'ask-sdk-test';
import { testSaldo } from '../support/app';
import {
  ANA,
  asCustomer,
  cardContentOf,
  customerIn,
  digits,
  equalTo,
  expectInOrder,
  expectWellEscapedSsml,
  removeAccount,
  repromptOf,
  requestsFor,
  saldoWithFixture,
  settingsFor,
  speechOf,
} from './helpers';

const settings = settingsFor('es-ES');
const r = requestsFor(settings);
const saldo = testSaldo();
const alexa = new AlexaTest(saldo.handler, settings);

/** Intl writes euros with a no-break space before the sign. */
const eur = (amount: string): string => `${amount}\u00a0€`;

const CHECKING = `cuenta corriente terminada en ${digits('1332')}`;
const SAVINGS = `cuenta de ahorro terminada en ${digits('6789')}`;
const CARD = `tarjeta de crédito terminada en ${digits('7899')}`;

const WELCOME =
  'Te damos la bienvenida a Banco Sandbox. Puedes consultar un saldo, oír tus últimos movimientos, pagar a un beneficiario guardado o pasar dinero entre tus cuentas. ¿Qué quieres hacer?';
const WELCOME_REPROMPT = '¿Qué quieres hacer? Por ejemplo, di: ¿cuál es el saldo de mi cuenta corriente?';
const ANYTHING_ELSE = '¿Te puedo ayudar con algo más?';
const HEAR_MORE = '¿Quieres oír más?';
const HELP =
  'Puedo decirte un saldo, leerte tus últimos movimientos, pagar a alguien que tengas guardado en tu banco o pasar dinero entre tus cuentas. Prueba: ¿cuál es el saldo de mi cuenta corriente? ¿Qué quieres hacer?';
const HELP_REPROMPT = '¿Qué quieres hacer?';
const FALLBACK =
  'Lo siento, con eso no puedo ayudarte. Puedo darte un saldo, tus últimos movimientos, pagar a un beneficiario guardado o hacer un traspaso. ¿Qué quieres?';
const NOTHING_TO_REPEAT = 'Todavía no hay nada que repetir. ¿Qué quieres hacer?';
const NO_MORE = 'No hay más movimientos en esa cuenta.';
const GOODBYE = 'Hasta luego.';

const CHECKING_BALANCE = `Tu ${CHECKING} tiene un saldo disponible de 2540 euros con 18 céntimos. El saldo contable es de 2540 euros con 18 céntimos.`;
const FIRST_PAGE =
  `Estos son los últimos 3 movimientos de tu ${CHECKING}. ` +
  'Ayer: 64 euros con 32 céntimos en Mercadona. El viernes: ingreso de 1850 euros de Nómina Empresa SL. El jueves: 45 euros en Repsol.';
const SECOND_PAGE =
  `Estos son 3 movimientos anteriores de tu ${CHECKING}. ` +
  'El martes: 10 euros con 99 céntimos en Spotify. El lunes: 25 euros, Bizum Laura Martínez. El 20 de noviembre: 78 euros con 45 céntimos en Iberdrola.';
const LAST_PAGE =
  `Estos son 2 movimientos anteriores de tu ${CHECKING}. ` +
  'El 17 de noviembre: 120 euros en El Corte Inglés. El 9 de noviembre: 750 euros en Alquiler piso.';

const FULL_IBAN = 'ES9121000418450200051332';

describe('es-ES conversation (Ana)', () => {
  describe('launch', () => {
    alexa.test(
      asCustomer(ANA, [
        {
          request: r.launch(),
          says: WELCOME,
          reprompts: WELCOME_REPROMPT,
          shouldEndSession: false,
          hasAttributes: { last: equalTo({ intent: 'Launch' }) },
        },
      ]),
      'da la bienvenida a Banco Sandbox con una pregunta y deja la sesión abierta',
    );
  });

  describe('GetBalance', () => {
    alexa.test(
      asCustomer(ANA, [
        {
          request: r.withAccountType('GetBalanceIntent', 'cuenta corriente', 'checking'),
          says: CHECKING_BALANCE,
          repromptsNothing: true,
          shouldEndSession: true,
          hasCardTitle: 'Tus saldos',
          hasCardContent: `Tu cuenta corriente terminada en 1332 tiene un saldo disponible de ${eur('2540,18')}. El saldo contable es de ${eur('2540,18')}.`,
          callback: (response) => expect(JSON.stringify(response)).not.toContain(FULL_IBAN),
        },
      ]),
      'saldo de la cuenta corriente por id de resolución: importe en palabras, últimas cuatro cifras, sesión cerrada',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.intent('GetBalanceIntent', { accountType: 'cuenta corriente' }),
          says: CHECKING_BALANCE,
          shouldEndSession: true,
        },
      ]),
      'entiende "cuenta corriente" sin resolución de entidades',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.intent('GetBalanceIntent', { accountType: 'cuenta nómina' }),
          says: CHECKING_BALANCE,
          shouldEndSession: true,
        },
      ]),
      'encuentra la cuenta por su alias "cuenta nómina" (con tilde)',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.intent('GetBalanceIntent', { accountType: 'mi cuenta de ahorro' }),
          says: `Tu ${SAVINGS} tiene un saldo disponible de 10.200 euros. El saldo contable es de 10.200 euros.`,
          shouldEndSession: true,
        },
      ]),
      'entiende "mi cuenta de ahorro"',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.withAccountType('GetBalanceIntent', 'tarjeta', 'credit_card'),
          saysLike: `Debes 312 euros con 40 céntimos en tu ${CARD}.`,
          shouldEndSession: true,
          hasCardContentLike: `Debes ${eur('312,40')} en tu tarjeta de crédito terminada en 7899.`,
          callback: (response) => {
            expectInOrder(speechOf(response), [
              `Debes 312 euros con 40 céntimos en tu ${CARD}.`,
              ' El pago mínimo de 30 euros vence el 8 de diciembre.',
            ]);
            expect(JSON.stringify(response)).not.toContain('4000001234567899');
          },
        },
      ]),
      'tarjeta: lo que se debe, el pago mínimo y su vencimiento (dentro de 9 días)',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.intent('GetBalanceIntent'),
          says:
            'Estas son tus 3 cuentas. ' +
            `Cuenta corriente terminada en ${digits('1332')}: 2540 euros con 18 céntimos disponibles. ` +
            `Cuenta de ahorro terminada en ${digits('6789')}: 10.200 euros disponibles. ` +
            `Tarjeta de crédito terminada en ${digits('7899')}: debes 312 euros con 40 céntimos.`,
          shouldEndSession: true,
          hasCardTitle: 'Tus saldos',
          hasCardContent:
            `Cuenta corriente terminada en 1332: ${eur('2540,18')} disponibles.\n` +
            `Cuenta de ahorro terminada en 6789: ${eur('10.200,00')} disponibles.\n` +
            `Tarjeta de crédito terminada en 7899: debes ${eur('312,40')}.`,
        },
      ]),
      'sin cuenta indicada: resumen de las tres cuentas',
    );

    alexa.test(
      asCustomer(ANA, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        {
          request: r.withAccountType('GetBalanceIntent', 'cuenta corriente', 'checking'),
          says: `${CHECKING_BALANCE} ${ANYTHING_ELSE}`,
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
          hasAttributes: { last: equalTo({ intent: 'GetBalance', accountId: 'acc-ana-chk' }) },
        },
      ]),
      'dentro de una sesión pregunta "¿Te puedo ayudar con algo más?" y sigue abierta',
    );
  });

  describe('GetBalance con dos cuentas corrientes', () => {
    const twoChecking = saldoWithFixture((fixture) => {
      customerIn(fixture, 'cust-ana').accounts.push({
        id: 'acc-ana-joint',
        type: 'checking',
        nickname: 'Cuenta Conjunta',
        number: 'ES1000491500051234561111',
        currency: 'EUR',
        available: '415.50',
        current: '415.50',
      });
    });
    const joint = new AlexaTest(twoChecking.handler, settings);
    const WHICH = `Tienes más de una: Cuenta Nómina terminada en ${digits('1332')} o Cuenta Conjunta terminada en ${digits('1111')}. ¿Cuál quieres?`;

    joint.test(
      asCustomer(ANA, [
        {
          request: r.withAccountType('GetBalanceIntent', 'cuenta corriente', 'checking'),
          says: WHICH,
          reprompts: WHICH,
          elicitsSlot: 'accountType',
          elicitsForIntent: 'GetBalanceIntent',
          shouldEndSession: false,
        },
        {
          request: r.intent('GetBalanceIntent', { accountType: 'cuenta conjunta' }),
          says:
            `Tu cuenta corriente terminada en ${digits('1111')} tiene un saldo disponible de 415 euros con 50 céntimos. ` +
            `El saldo contable es de 415 euros con 50 céntimos. ${ANYTHING_ELSE}`,
          shouldEndSession: false,
          callback: (response) => expect(JSON.stringify(response)).not.toContain('ES1000491500051234561111'),
        },
      ]),
      'pregunta cuál (por alias, pidiendo accountType) y el alias lo resuelve',
    );
  });

  describe('un tipo de cuenta que Ana no tiene', () => {
    const noCard = saldoWithFixture((fixture) => removeAccount(fixture, 'cust-ana', 'acc-ana-cc'));
    const NO_CARD = `No encuentro ninguna tarjeta de crédito. Tienes ${CHECKING} y ${SAVINGS}. ¿Qué cuenta quieres consultar?`;

    new AlexaTest(noCard.handler, settings).test(
      asCustomer(ANA, [
        {
          request: r.withAccountType('GetBalanceIntent', 'tarjeta', 'credit_card'),
          says: NO_CARD,
          reprompts: NO_CARD,
          elicitsSlot: 'accountType',
          shouldEndSession: false,
        },
        {
          request: r.withAccountType('GetBalanceIntent', 'cuenta corriente', 'checking'),
          says: `${CHECKING_BALANCE} ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
      ]),
      'lo dice, enumera sus cuentas, pregunta y pide accountType',
    );
  });

  describe('GetTransactions', () => {
    // Counts and pages of the hand-written month: the generated, older history would only add pages.
    const alexa = new AlexaTest(saldoWithFixture(() => undefined).handler, settings);
    alexa.test(
      asCustomer(ANA, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        {
          request: r.intent('GetTransactionsIntent'),
          says: `${FIRST_PAGE} ${HEAR_MORE}`,
          reprompts: HEAR_MORE,
          shouldEndSession: false,
          hasCardTitle: 'Últimos movimientos',
          hasCardContent:
            'Estos son los últimos 3 movimientos de tu cuenta corriente terminada en 1332.\n' +
            `Ayer: ${eur('64,32')} en Mercadona.\n` +
            `El viernes: ingreso de ${eur('1850,00')} de Nómina Empresa SL.\n` +
            `El jueves: ${eur('45,00')} en Repsol.`,
          hasAttributes: { more: equalTo({ accountId: 'acc-ana-chk', count: 3, offset: 3 }) },
        },
      ]),
      'los más recientes primero, tres por defecto; la tarjeta muestra las mismas líneas',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.intent('GetTransactionsIntent', { count: '5' }),
          saysLike: `Estos son los últimos 5 movimientos de tu ${CHECKING}. Ayer: 64 euros con 32 céntimos en Mercadona.`,
          shouldEndSession: false,
          callback: (response) => {
            expectInOrder(speechOf(response), [
              'El martes: 10 euros con 99 céntimos en Spotify.',
              'El lunes: 25 euros, Bizum Laura Martínez.',
              HEAR_MORE,
            ]);
            expect(speechOf(response)).not.toContain('Iberdrola');
          },
        },
      ]),
      'count 5 lee cinco',
    );

    alexa.test(
      asCustomer(ANA, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        {
          request: r.intent('GetTransactionsIntent', { count: '50' }),
          saysLike: `Estos son los últimos 8 movimientos de tu ${CHECKING}.`,
          shouldEndSession: false,
          hasAttributes: {
            last: equalTo({ intent: 'GetTransactions', page: { accountId: 'acc-ana-chk', count: 10, offset: 0 } }),
            more: equalTo(undefined),
          },
          callback: (response) => {
            expect(speechOf(response)).toContain(`El 9 de noviembre: 750 euros en Alquiler piso. ${ANYTHING_ELSE}`);
            expect(cardContentOf(response).split('\n')).toHaveLength(9);
          },
        },
      ]),
      'count 50 se limita a 10 (Ana tiene 8 movimientos en la cuenta corriente)',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.intent('GetTransactionsIntent', { date: '2026-11-28' }),
          saysLike: `de ayer en tu ${CHECKING}. Ayer: 64 euros con 32 céntimos en Mercadona.`,
          shouldEndSession: true,
          callback: (response) => {
            for (const other of ['Nómina Empresa', 'Repsol', 'Spotify'])
              expect(speechOf(response)).not.toContain(other);
            expect(cardContentOf(response).split('\n')).toHaveLength(2);
          },
        },
      ]),
      'con fecha lee solo ese día',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.intent('GetTransactionsIntent', { date: '2026-11-25' }),
          says: `No he encontrado movimientos en tu ${CHECKING} el miércoles.`,
          shouldEndSession: true,
        },
      ]),
      'una fecha sin movimientos dice que no hay',
    );

    alexa.test(
      asCustomer(ANA, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        { request: r.intent('GetTransactionsIntent'), says: `${FIRST_PAGE} ${HEAR_MORE}`, shouldEndSession: false },
        {
          request: r.intent('AMAZON.NextIntent'),
          says: `${SECOND_PAGE} ${HEAR_MORE}`,
          reprompts: HEAR_MORE,
          shouldEndSession: false,
          hasAttributes: { more: equalTo({ accountId: 'acc-ana-chk', count: 3, offset: 6 }) },
        },
        {
          request: r.intent('AMAZON.YesIntent'),
          says: `${LAST_PAGE} ${ANYTHING_ELSE}`,
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
          hasAttributes: { more: equalTo(undefined) },
        },
        {
          request: r.intent('AMAZON.NextIntent'),
          says: `${NO_MORE} ${ANYTHING_ELSE}`,
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
        },
      ]),
      'AMAZON.NextIntent y AMAZON.YesIntent siguen con movimientos anteriores hasta que no hay más',
    );

    describe('pendientes, caracteres especiales y números de tarjeta en las descripciones', () => {
      const extras = saldoWithFixture((fixture) => {
        customerIn(fixture, 'cust-ana').transactions.unshift(
          {
            accountId: 'acc-ana-chk',
            daysAgo: 0,
            description: 'H&M',
            amount: '29.99',
            creditDebit: 'debit',
            status: 'pending',
          },
          {
            accountId: 'acc-ana-chk',
            daysAgo: 0,
            description: "L'Occitane",
            amount: '18.00',
            creditDebit: 'debit',
            status: 'booked',
          },
          {
            accountId: 'acc-ana-chk',
            daysAgo: 0,
            description: 'POS 4000001234567899 CEPSA 0231',
            amount: '52.10',
            creditDebit: 'debit',
            status: 'booked',
          },
        );
      });
      new AlexaTest(extras.handler, settings).test(
        asCustomer(ANA, [
          {
            request: r.intent('GetTransactionsIntent'),
            saysLike:
              'Hoy, pendiente: 29 euros con 99 céntimos en H&amp;M. Hoy: 18 euros en L&apos;Occitane. Hoy: 52 euros con 10 céntimos en Cepsa 0231.',
            hasCardContentLike: `Hoy, pendiente: ${eur('29,99')} en H&M.\nHoy: ${eur('18,00')} en L'Occitane.\nHoy: ${eur('52,10')} en Cepsa 0231.`,
            shouldEndSession: false,
            callback: (response) => {
              expectWellEscapedSsml(speechOf(response));
              expectWellEscapedSsml(repromptOf(response));
              const everything = JSON.stringify(response);
              expect(everything).not.toContain('4000001234567899');
              expect(everything).not.toContain('[redacted]');
              expect(extras.logs.text()).not.toContain('4000001234567899');
            },
          },
        ]),
        '"pendiente" se dice; "&" y "\'" van escapados en SSML; el número de tarjeta nunca aparece',
      );
    });
  });

  describe('ayuda, fallback, repetir y despedida', () => {
    alexa.test(
      asCustomer(ANA, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        { request: r.intent('AMAZON.HelpIntent'), says: HELP, reprompts: HELP_REPROMPT, shouldEndSession: false },
      ]),
      'la ayuda pregunta y sigue abierta',
    );

    alexa.test(
      asCustomer(ANA, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        {
          request: r.intent('AMAZON.FallbackIntent'),
          says: FALLBACK,
          reprompts: HELP_REPROMPT,
          shouldEndSession: false,
        },
      ]),
      'fallback explica qué puede hacer y sigue abierta',
    );

    alexa.test(
      asCustomer(ANA, [
        { request: r.intent('OrderPizzaIntent'), says: FALLBACK, reprompts: HELP_REPROMPT, shouldEndSession: false },
      ]),
      'un intent desconocido recibe el fallback, no un error',
    );

    let balanceSpeech = '';
    alexa.test(
      asCustomer(ANA, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        {
          request: r.withAccountType('GetBalanceIntent', 'tarjeta', 'credit_card'),
          saysLike: `Debes 312 euros con 40 céntimos en tu ${CARD}.`,
          shouldEndSession: false,
          callback: (response) => {
            balanceSpeech = speechOf(response);
          },
        },
        {
          request: r.intent('AMAZON.RepeatIntent'),
          says: (speech: string) => speech === balanceSpeech && speech.startsWith('Debes 312 euros con 40 céntimos'),
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
        },
      ]),
      'repetir tras un saldo dice lo mismo otra vez',
    );

    alexa.test(
      asCustomer(ANA, [
        {
          request: r.intent('AMAZON.RepeatIntent'),
          says: NOTHING_TO_REPEAT,
          reprompts: NOTHING_TO_REPEAT,
          shouldEndSession: false,
        },
      ]),
      'repetir sin nada anterior pregunta qué hacer',
    );

    alexa.test(
      asCustomer(ANA, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        { request: r.intent('AMAZON.CancelIntent'), says: GOODBYE, repromptsNothing: true, shouldEndSession: true },
      ]),
      'cancelar se despide y cierra la sesión',
    );

    alexa.test(
      asCustomer(ANA, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        { request: r.intent('AMAZON.StopIntent'), says: GOODBYE, repromptsNothing: true, shouldEndSession: true },
      ]),
      'parar se despide y cierra la sesión',
    );

    alexa.test(
      asCustomer(ANA, [
        { request: r.intent('GetTransactionsIntent'), says: `${FIRST_PAGE} ${HEAR_MORE}`, shouldEndSession: false },
        { request: r.intent('AMAZON.NoIntent'), says: GOODBYE, shouldEndSession: true },
      ]),
      '"no" tras "¿Quieres oír más?" se despide',
    );

    alexa.test(
      asCustomer(ANA, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        { request: r.sessionEnded(), saysNothing: true, repromptsNothing: true, shouldEndSession: undefined },
      ]),
      'SessionEndedRequest no recibe voz',
    );
  });
});
