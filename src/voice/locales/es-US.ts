/**
 * US Spanish: Spain's Spanish (es-ES) with US money, account names and Latin American wording
 * ("transacciones", "factura", "dígitos", the preterite: "Pagué", "No se envió nada").
 * The base's messages close over es-ES's money, dates and phrasings, so every message whose
 * output would come out as Spain says it is overridden here; the rest are said the same way.
 */
import type { SuggestionKey } from '../draft';
import { type CurrencyWords, relativeDay, relativePeriod } from '../format';
import { heardBack } from '../mask';
import { say, type Spoken } from '../spoken';
import type { Catalogue, TransactionLine } from './catalogue';
import {
  esES,
  ofDay,
  spanishDayWords,
  spanishMoney,
  spanishPeriodWords,
  spanishSinceWords,
  spanishSpending,
} from './es-ES';
import { variantOf } from './variety';
import { capitalise } from './text';

const LOCALE = 'es-US';

// Cents are "centavos" here, euro cents included, and Mexican pesos are read in words too.
const currencyWords: Record<string, CurrencyWords> = {
  USD: { one: 'dólar', many: 'dólares', minorOne: 'centavo', minorMany: 'centavos', minus: 'menos' },
  MXN: { one: 'peso', many: 'pesos', minorOne: 'centavo', minorMany: 'centavos', minus: 'menos' },
  EUR: { one: 'euro', many: 'euros', minorOne: 'centavo', minorMany: 'centavos', minus: 'menos' },
  GBP: { one: 'libra', many: 'libras', minorOne: 'penique', minorMany: 'peniques', minus: 'menos' },
};

const suggestions: Partial<Record<SuggestionKey, string>> = {
  transactions: 'Transacciones recientes',
  payBill: 'Pagar una factura',
};

// The goodbyes are es-ES's; these phrasings are US Spanish.
const welcomes = [
  (bank: string) =>
    say`Te damos la bienvenida a ${bank}. Puedes consultar un saldo, escuchar tus transacciones recientes, pagarle a un beneficiario guardado o pasar dinero entre tus cuentas. ¿Qué quieres hacer?`,
  (bank: string) =>
    say`Te damos la bienvenida a ${bank}. Pídeme un saldo, tus transacciones recientes, un pago o una transferencia. ¿En qué te ayudo?`,
  (bank: string) =>
    say`Te damos la bienvenida a ${bank}. ¿Quieres saber un saldo, tus transacciones recientes, pagar una factura o hacer una transferencia?`,
];
const helps = [
  () =>
    say`Puedo decirte un saldo, leerte tus transacciones recientes, pagarle a alguien que tengas guardado en tu banco o pasar dinero entre tus cuentas. Prueba: ¿cuál es el saldo de mi cuenta de cheques? ¿Qué quieres hacer?`,
  () =>
    say`Pídeme cosas como: cuál es mi saldo, qué gasté ayer, paga la factura del teléfono o pasa cincuenta dólares a ahorros. ¿Qué quieres hacer?`,
];
const fallbacks = [
  () =>
    say`Lo siento, con eso no te puedo ayudar. Puedo darte un saldo, tus transacciones recientes, pagarle a un beneficiario guardado o hacer una transferencia. ¿Qué quieres?`,
  () =>
    say`Perdón, no te entendí. Puedes pedirme un saldo o tus transacciones, pagar una factura o pasar dinero. ¿Qué quieres hacer?`,
];
const anythingElse = [
  () => say`¿Te puedo ayudar con algo más?`,
  () => say`¿Quieres hacer algo más?`,
  () => say`¿Hay algo más en lo que te pueda ayudar?`,
];
const doneWords = ['Listo.', 'Hecho.', 'Ya quedó.'];

export const esUS: Catalogue = {
  ...esES,
  locale: LOCALE,
  variants: {
    ...esES.variants,
    welcome: welcomes.length,
    anythingElse: anythingElse.length,
    done: doneWords.length,
    help: helps.length,
    fallback: fallbacks.length,
  },
  kindNames: { ...esES.kindNames, checking: 'cuenta de cheques', savings: 'cuenta de ahorros' },
  money: spanishMoney(LOCALE, currencyWords),
  suggestion: (key) => suggestions[key] ?? esES.suggestion(key),
  day: (isoDate, today) => relativeDay(isoDate, today, LOCALE, spanishDayWords),
  ...spanishSpending({
    ...esES.categoryNames,
    utilities: 'servicios',
    entertainment: 'entretenimiento',
    cash: 'retiros de efectivo',
  }),
  since: (isoDate, today) => relativeDay(isoDate, today, LOCALE, spanishSinceWords),
  // "que termina en" fits any nickname, whatever its gender.
  accountLabel: (name, lastFour) => say`${name} que termina en ${lastFour}`,

  welcome: (bank, variant = 0) => variantOf(welcomes, variant)(bank),
  welcomeReprompt: () => say`¿Qué quieres hacer? Por ejemplo, di: ¿cuál es el saldo de mi cuenta de cheques?`,
  linkAccount: (bank, platform) =>
    platform === 'alexa'
      ? say`Para usar ${bank}, vincula tu cuenta bancaria. Te envié una tarjeta a la app de Alexa para hacerlo.`
      : say`Para usar ${bank}, primero tienes que vincular tu cuenta bancaria.`,
  guestCannotLink: (bank) =>
    say`Para usar ${bank}, inicia sesión en el Asistente de Google con tu propia cuenta y asegúrate de que reconozca tu voz. Después podrás vincular tu cuenta bancaria.`,
  speakerNotRecognised: ({ bankName, platform }) =>
    platform === 'alexa'
      ? say`Por tu seguridad, ${bankName} solo lo hace para una voz registrada con tu PIN de voz, y no reconocí la tuya. Puedes configurar un perfil de voz en la app de Alexa y registrarlo con tu banco.`
      : say`Por tu seguridad, ${bankName} solo lo hace para una voz registrada con tu PIN de voz, y el Asistente de Google no me dice quién habla. Usa Alexa para esto.`,

  depositBalance: ({ account, available, current }) => {
    if (available && current) {
      return say`Tu ${account} tiene un saldo disponible de ${available}. El saldo actual es de ${current}.`;
    }
    return say`Tu ${account} tiene un saldo de ${(available ?? current) as Spoken}.`;
  },

  // Every kind name is feminine (cuenta, tarjeta), so "ninguna" fits.
  noAccountOfKind: ({ kind, available }) =>
    say`No encontré ninguna ${kind}. Tienes ${available}. ¿Qué cuenta quieres consultar?`,

  transactionsIntro: ({ account, count, day, older }) => {
    if (day) {
      return count === 1
        ? say`Esta es la transacción ${ofDay(day)} en tu ${account}.`
        : say`Estas son las ${count} transacciones ${ofDay(day)} en tu ${account}.`;
    }
    if (older) {
      return count === 1
        ? say`Esta es 1 transacción anterior de tu ${account}.`
        : say`Estas son ${count} transacciones anteriores de tu ${account}.`;
    }
    return count === 1
      ? say`Esta es la última transacción de tu ${account}.`
      : say`Estas son las últimas ${count} transacciones de tu ${account}.`;
  },
  transactionLine: (line: TransactionLine) => {
    const when = capitalise(line.day);
    const status = line.pending ? say`, pendiente` : say``;
    if (line.credit) return say`${when}${status}: depósito de ${line.amount} de ${line.description}.`;
    if (/^(transferencia|transfer|pago|payment|zelle|cheque|check|retiro)\b/i.test(line.description)) {
      return say`${when}${status}: ${line.amount}, ${line.description}.`;
    }
    return say`${when}${status}: ${line.amount} en ${line.description}.`;
  },
  noTransactions: ({ account, day }) =>
    day ? say`No encontré transacciones en tu ${account} ${day}.` : say`No encontré transacciones en tu ${account}.`,
  period: (range, today) => relativePeriod(range, today, LOCALE, spanishDayWords, spanishPeriodWords),
  onlyLookBack: () => say`Solo puedo ver hacia atrás: puedo decirte las transacciones hasta hoy.`,
  noMoreTransactions: () => say`No hay más transacciones en esa cuenta.`,
  hearMore: () => say`¿Quieres escuchar más?`,
  nothingToContinue: () => say`Por ahora no hay nada más que leer. ¿Qué quieres hacer?`,
  transactionsCardTitle: () => 'Transacciones recientes',

  anythingElse: (variant = 0) => variantOf(anythingElse, variant)(),
  help: (variant = 0) => variantOf(helps, variant)(),
  fallback: (variant = 0) => variantOf(fallbacks, variant)(),
  localeNotOffered: (bank) =>
    say`Lo siento, ${bank} todavía no ofrece la banca por voz en español de Estados Unidos. Puedes usar la app de ${bank}.`,
  bankUnavailable: (bank) =>
    say`Lo siento, en este momento no puedo conectarme con ${bank}. Inténtalo de nuevo en unos minutos.`,
  somethingWentWrong: () => say`Lo siento, algo falló de mi lado. Inténtalo de nuevo en un momento.`,

  payWhom: () =>
    say`Puedes pagarle a cualquier beneficiario que tengas guardado en tu banco. ¿A quién le quieres pagar?`,
  payHowMuch: (payee) => say`¿Cuánto le quieres pagar a ${payee}?`,
  payFromWhich: (options) => say`¿De qué cuenta quieres enviar el dinero: ${options}?`,
  unknownPayee: (spoken) =>
    say`No encontré ningún beneficiario guardado que se llame ${heardBack(spoken) ?? 'así'}. Por tu seguridad, solo puedo pagarles a beneficiarios que tengas guardados en tu banco. ¿A quién le quieres pagar?`,
  cannotPayFrom: (account) => say`No puedo enviar dinero desde tu ${account}. ¿De qué cuenta quieres enviarlo?`,
  overPaymentLimit: (limit) => say`Lo siento, cada pago por voz puede ser de ${limit} como máximo. No se envió nada.`,
  overDailyLimit: ({ limit, remaining }) =>
    say`Lo siento, eso superaría tu límite diario de pagos por voz de ${limit}. Hoy todavía puedes enviar ${remaining}. No se envió nada.`,
  insufficientFunds: ({ account, available }) =>
    available
      ? say`Lo siento, tu ${account} solo tiene ${available} disponibles, así que no puedo enviar eso. No se envió nada.`
      : say`Lo siento, eso es más de lo que tiene disponible tu ${account}, así que no puedo enviarlo. No se envió nada.`,
  readBackBill: ({ amount, payee, account }) =>
    say`Vas a pagar ${amount} a ${payee} desde tu ${account}. Para aprobarlo, ¿cuál es tu PIN de voz de cuatro dígitos?`,
  readBackTransfer: ({ amount, from, to }) =>
    say`Vas a transferir ${amount} de tu ${from} a tu ${to}. Para aprobarlo, ¿cuál es tu PIN de voz de cuatro dígitos?`,
  pinPrompt: () => say`¿Cuál es tu PIN de voz de cuatro dígitos?`,
  pinInsteadOfYes: () =>
    say`Para aprobarlo necesito tu PIN de voz de cuatro dígitos, no un sí. ¿Cuál es tu PIN de voz?`,
  pinFormat: () => say`El PIN de voz tiene cuatro dígitos. ¿Cuál es tu PIN de voz?`,
  pinWrong: (triesLeft) =>
    say`Ese PIN no coincide. Te ${triesLeft === 1 ? 'queda 1 intento' : `quedan ${triesLeft} intentos`}. ¿Cuál es tu PIN de voz de cuatro dígitos?`,
  pinLocked: ({ bankName, justLocked, platform }) => {
    const steps =
      platform === 'alexa' ? say`Te envié los pasos a la app de Alexa.` : say`Te mostré los pasos en la pantalla.`;
    return justLocked
      ? say`Ese PIN no coincide, así que por tu seguridad bloqueé los pagos por voz. Para desbloquearlos, restablece tu PIN de voz en la app de ${bankName}. ${steps}`
      : say`Los pagos por voz están bloqueados por tu seguridad. Para desbloquearlos, restablece tu PIN de voz en la app de ${bankName}. ${steps}`;
  },
  pinLockedCard: ({ bankName, contact, developerReset }) => ({
    title: 'Pagos por voz bloqueados',
    text: [
      `Restablece tu PIN de voz en la app de ${bankName}${contact ? `, o ${contact}` : ' o con el servicio al cliente de tu banco'}.`,
      ...(developerReset ? [`Desarrolladores del sandbox: npm run pin -- reset ${developerReset}`] : []),
    ].join('\n'),
  }),
  pinNotEnrolled: (bank) =>
    say`No tienes un PIN de voz configurado con ${bank}, así que todavía no puedo hacer pagos. Puedes configurarlo en la app de tu banco.`,
  pinBusy: () => say`Todavía estoy verificando tu último PIN. Dímelo otra vez en un momento. ¿Cuál es tu PIN de voz?`,
  pinCheckDeferred: () =>
    say`Disculpa, ahora mismo no pude verificar tu PIN. Dímelo otra vez en un momento. ¿Cuál es tu PIN de voz?`,
  paymentExpired: () => say`Ese pago no se aprobó en cinco minutos, así que venció. No se envió nada.`,
  paymentCancelled: () => say`Muy bien, cancelé ese pago. No se movió dinero.`,
  paidBill: ({ amount, payee, account, reference, available, variant = 0 }) => {
    const done = say`${variantOf(doneWords, variant)} Pagué ${amount} a ${payee} desde tu ${account}. La referencia termina en ${reference}.`;
    return available ? say`${done} Tu saldo disponible ahora es de ${available}.` : done;
  },
  transferred: ({ amount, from, to, reference, available, variant = 0 }) => {
    const done = say`${variantOf(doneWords, variant)} Transferí ${amount} de tu ${from} a tu ${to}. La referencia termina en ${reference}.`;
    return available ? say`${done} Tu saldo disponible ahora es de ${available}.` : done;
  },
  paymentRejected: (insufficientFunds) =>
    insufficientFunds
      ? say`Lo siento, el banco no aceptó ese pago porque no hay saldo suficiente. No se envió nada.`
      : say`Lo siento, el banco no aceptó ese pago. No se envió nada.`,
  paymentNotSent: (bank) =>
    say`Lo siento, no pude conectarme con ${bank} para hacer ese pago, así que no se envió nada. Inténtalo de nuevo en unos minutos.`,
  paymentOutcomeUnknown: (bank) =>
    say`Todavía no tengo respuesta de ${bank} sobre ese pago. No se enviará dos veces. Revisa tu saldo en unos minutos.`,
  approveInBankApp: (bank) =>
    say`${bank} envió este pago a la app de tu banco para que lo apruebes. Cuando lo hayas aprobado ahí, dime que sí y lo verifico. ¿Ya lo aprobaste?`,
  privacyPin: () =>
    say`Por tu privacidad, necesito tu PIN de voz de cuatro dígitos antes de darte datos de tus cuentas. ¿Cuál es tu PIN de voz?`,
  paymentHelp: () =>
    say`Tienes un pago pendiente. Para aprobarlo, di tu PIN de voz de cuatro dígitos. Para cancelarlo, di cancelar. ¿Cuál es tu PIN de voz?`,
  paymentFallback: () =>
    say`Perdón, no te entendí. Para aprobar el pago, di tu PIN de voz, o di cancelar para cancelarlo. ¿Cuál es tu PIN?`,
};
