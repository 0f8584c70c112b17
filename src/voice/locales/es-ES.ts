import type { Money } from '../../money';
import { type CurrencyWords, moneyInWords, moneyText, relativeDay, relativePeriod } from '../format';
import { heardBack } from '../mask';
import { join, plain, say, type Spoken } from '../spoken';
import type { Catalogue, TransactionLine, UpcomingKind } from './catalogue';
import { UPCOMING_KINDS } from '../../shared/upcoming';
import { variantOf } from './variety';
import { capitalise } from './text';

const UPCOMING_WORDS: Readonly<Record<UpcomingKind, readonly [article: string, words: string]>> = {
  scheduled: ['los', 'pagos programados'],
  standing_order: ['las', 'transferencias periódicas'],
  direct_debit: ['los', 'recibos domiciliados'],
};

/** "pagos programados, transferencias periódicas ni recibos domiciliados" (with articles: "los pagos programados…") */
function upcomingKinds(kinds: readonly UpcomingKind[], articles: boolean): string {
  const words = kinds.map((kind) => {
    const [article, name] = UPCOMING_WORDS[kind];
    return articles ? `${article} ${name}` : name;
  });
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ni ${words[words.length - 1]}`;
}

const LOCALE = 'es-ES';

const currencyWords: Record<string, CurrencyWords> = {
  EUR: { one: 'euro', many: 'euros', minorOne: 'céntimo', minorMany: 'céntimos', minus: 'menos' },
  USD: { one: 'dólar', many: 'dólares', minorOne: 'centavo', minorMany: 'centavos', minus: 'menos' },
  GBP: { one: 'libra', many: 'libras', minorOne: 'penique', minorMany: 'peniques', minus: 'menos' },
};

/** Shared with es-US: the words are the same; the dates come from each locale's Intl data. */
export const spanishDayWords = {
  today: 'hoy',
  yesterday: 'ayer',
  tomorrow: 'mañana',
  onWeekday: (weekday: string) => `el ${weekday}`,
  onDate: (date: string) => `el ${date}`,
};

/** "desde el viernes", "desde ayer". Shared with es-US. */
export const spanishSinceWords = {
  today: 'hoy',
  yesterday: 'desde ayer',
  tomorrow: 'desde mañana',
  onWeekday: (weekday: string) => `desde el ${weekday}`,
  onDate: (date: string) => `desde el ${date}`,
};

const spainCategories: Catalogue['categoryNames'] = {
  groceries: 'alimentación',
  eating_out: 'restaurantes y cafeterías',
  transport: 'transporte',
  utilities: 'suministros',
  shopping: 'compras',
  entertainment: 'ocio',
  health: 'salud',
  cash: 'retiradas de efectivo',
};

/** "Has gastado 64,32 euros en Mercadona en noviembre, en 3 compras." Shared with es-US, with its category names. */
export function spanishSpending(
  categoryNames: Catalogue['categoryNames'],
): Pick<Catalogue, 'categoryNames' | 'spendingTotal' | 'noSpending'> {
  const where = (merchant?: string, category?: keyof Catalogue['categoryNames']): Spoken => {
    if (merchant) return say` en ${merchant}`;
    return category ? say` en ${categoryNames[category]}` : say``;
  };
  const withAccount = (account?: Spoken): Spoken => (account ? say` con tu ${account}` : say``);
  return {
    categoryNames,
    spendingTotal: ({ amount, purchases, merchant, category, period, account }) =>
      say`Has gastado ${amount}${where(merchant, category)} ${period}${withAccount(account)}, en ${purchases} ${purchases === 1 ? 'compra' : 'compras'}.`,
    noSpending: ({ merchant, category, period, account }) =>
      say`No has gastado nada${where(merchant, category)} ${period}${withAccount(account)}.`,
  };
}

/** Shared with es-US: "en noviembre", "en 2025", "entre el 2 de noviembre y el 8 de noviembre". */
export const spanishPeriodWords = {
  inMonth: (month: string) => `en ${month}`,
  inYear: (year: string) => `en ${year}`,
  between: (from: string, to: string) => `entre el ${from} y el ${to}`,
};

/** "el viernes" → "del viernes", "hoy" → "de hoy", "en noviembre" → "de noviembre"; "entre…" stays. */
export function ofDay(day: Spoken): Spoken {
  const contract = (value: string) =>
    value.startsWith('el ')
      ? `del ${value.slice(3)}`
      : value.startsWith('en ')
        ? `de ${value.slice(3)}`
        : value.startsWith('entre ')
          ? value
          : `de ${value}`;
  return { ssml: contract(day.ssml), text: contract(day.text) };
}

/**
 * Money spoken in words ("2540 euros con 18 céntimos") and shown as the locale writes it
 * ("2540,18 €"); currencies without words are read as written.
 */
export function spanishMoney(
  locale: string,
  words: Readonly<Record<string, CurrencyWords>>,
): (amount: Money) => Spoken {
  return (amount) => {
    const currency = words[amount.currency];
    const text = moneyText(amount, locale);
    if (!currency) return plain(text);
    return { ssml: say`${moneyInWords(amount, locale, currency, 'con')}`.ssml, text };
  };
}

const welcomes = [
  (bank: string) =>
    say`Te damos la bienvenida a ${bank}. Puedes consultar un saldo, oír tus últimos movimientos, pagar a un beneficiario guardado o pasar dinero entre tus cuentas. ¿Qué quieres hacer?`,
  (bank: string) =>
    say`Te damos la bienvenida a ${bank}. Pídeme un saldo, tus últimos movimientos, un pago o un traspaso. ¿En qué te ayudo?`,
  (bank: string) =>
    say`Te damos la bienvenida a ${bank}. ¿Quieres saber un saldo, tus últimos movimientos, pagar un recibo o hacer un traspaso?`,
];
const helps = [
  () =>
    say`Puedo decirte un saldo, leerte tus últimos movimientos, pagar a alguien que tengas guardado en tu banco o pasar dinero entre tus cuentas. Prueba: ¿cuál es el saldo de mi cuenta corriente? ¿Qué quieres hacer?`,
  () =>
    say`Pídeme cosas como: cuál es mi saldo, qué gasté ayer, paga la factura del teléfono o pasa cincuenta euros a ahorros. ¿Qué quieres hacer?`,
];
const fallbacks = [
  () =>
    say`Lo siento, con eso no puedo ayudarte. Puedo darte un saldo, tus últimos movimientos, pagar a un beneficiario guardado o hacer un traspaso. ¿Qué quieres?`,
  () =>
    say`Perdona, no te he entendido. Puedes pedirme un saldo o tus movimientos, pagar un recibo o pasar dinero. ¿Qué quieres hacer?`,
];
const anythingElse = [
  () => say`¿Te puedo ayudar con algo más?`,
  () => say`¿Quieres hacer algo más?`,
  () => say`¿Algo más en lo que te pueda ayudar?`,
];
const goodbyes = [
  () => say`Hasta luego.`,
  () => say`Hasta luego, que tengas un buen día.`,
  () => say`Hasta luego, nos vemos pronto.`,
];
const doneWords = ['Hecho.', 'Listo.', 'Ya está.'];

export const esES: Catalogue = {
  locale: LOCALE,
  variants: {
    welcome: welcomes.length,
    anythingElse: anythingElse.length,
    goodbye: goodbyes.length,
    done: doneWords.length,
    help: helps.length,
    fallback: fallbacks.length,
  },
  kindNames: {
    checking: 'cuenta corriente',
    savings: 'cuenta de ahorro',
    credit_card: 'tarjeta de crédito',
    other: 'cuenta',
  },
  money: spanishMoney(LOCALE, currencyWords),
  suggestion: (key) =>
    ({
      balance: 'Mi saldo',
      transactions: 'Últimos movimientos',
      payBill: 'Pagar un recibo',
      more: 'Más',
      yes: 'Sí',
      no: 'No',
      cancel: 'Cancelar',
      help: 'Ayuda',
    })[key],
  day: (isoDate, today) => relativeDay(isoDate, today, LOCALE, spanishDayWords),
  accountLabel: (name, lastFour) => say`${name} terminada en ${lastFour}`,

  welcome: (bank, variant = 0) => variantOf(welcomes, variant)(bank),
  welcomeReprompt: () => say`¿Qué quieres hacer? Por ejemplo, di: ¿cuál es el saldo de mi cuenta corriente?`,
  linkAccount: (bank, platform) =>
    platform === 'alexa'
      ? say`Para usar ${bank}, vincula tu cuenta bancaria. Te he enviado una tarjeta a la aplicación de Alexa para hacerlo.`
      : say`Para usar ${bank}, primero tienes que vincular tu cuenta bancaria.`,
  linkAccountCardTitle: () => 'Vincula tu cuenta bancaria',
  guestCannotLink: (bank) =>
    say`Para usar ${bank}, inicia sesión en el Asistente de Google con tu propia cuenta y asegúrate de que reconoce tu voz. Después podrás vincular tu cuenta bancaria.`,
  speakerNotRecognised: ({ bankName, platform }) =>
    platform === 'alexa'
      ? say`Por tu seguridad, ${bankName} solo lo hace para una voz registrada con tu PIN de voz, y no he reconocido la tuya. Puedes configurar un perfil de voz en la aplicación de Alexa y registrarlo con tu banco.`
      : say`Por tu seguridad, ${bankName} solo lo hace para una voz registrada con tu PIN de voz, y el Asistente de Google no me dice quién habla. Usa Alexa para esto.`,

  depositBalance: ({ account, available, current }) => {
    if (available && current) {
      return say`Tu ${account} tiene un saldo disponible de ${available}. El saldo contable es de ${current}.`;
    }
    return say`Tu ${account} tiene un saldo de ${(available ?? current) as Spoken}.`;
  },
  creditCardBalance: ({ account, owed, minimum, dueDay, availableCredit }) => {
    const parts: Spoken[] = [say`Debes ${owed} en tu ${account}.`];
    if (minimum && dueDay) parts.push(say` El pago mínimo de ${minimum} vence ${dueDay}.`);
    else if (minimum) parts.push(say` El pago mínimo es de ${minimum}.`);
    if (availableCredit) parts.push(say` Tienes ${availableCredit} de crédito disponible.`);
    return join(parts, '');
  },
  balancesIntro: (count) => say`Estas son tus ${count} cuentas.`,
  depositSummaryLine: ({ account, amount, available }) =>
    available ? say`${capitalise(account)}: ${amount} disponibles.` : say`${capitalise(account)}: ${amount}.`,
  creditCardSummaryLine: ({ account, owed }) => say`${capitalise(account)}: debes ${owed}.`,
  balanceCardTitle: () => 'Tus saldos',

  noAccountOfKind: ({ kind, available }) =>
    say`No encuentro ninguna ${kind}. Tienes ${available}. ¿Qué cuenta quieres consultar?`,
  whichAccount: (options) => say`Tienes más de una: ${options}. ¿Cuál quieres?`,
  whichAccountToUse: (options) => say`¿Qué cuenta quieres: ${options}?`,

  transactionsIntro: ({ account, count, day, older }) => {
    const noun = count === 1 ? 'movimiento' : 'movimientos';
    if (day) {
      return count === 1
        ? say`Este es el movimiento ${ofDay(day)} en tu ${account}.`
        : say`Estos son los ${count} ${noun} ${ofDay(day)} en tu ${account}.`;
    }
    if (older) return say`${count === 1 ? 'Este es' : 'Estos son'} ${count} ${noun} anteriores de tu ${account}.`;
    return count === 1
      ? say`Este es el último movimiento de tu ${account}.`
      : say`Estos son los últimos ${count} movimientos de tu ${account}.`;
  },
  transactionLine: (line: TransactionLine) => {
    const when = capitalise(line.day);
    const status = line.pending ? say`, pendiente` : say``;
    if (line.credit) return say`${when}${status}: ingreso de ${line.amount} de ${line.description}.`;
    if (/^(transferencia|transfer|pago|payment|bizum|recibo)\b/i.test(line.description)) {
      return say`${when}${status}: ${line.amount}, ${line.description}.`;
    }
    return say`${when}${status}: ${line.amount} en ${line.description}.`;
  },
  noTransactions: ({ account, day }) =>
    day
      ? say`No he encontrado movimientos en tu ${account} ${day}.`
      : say`No he encontrado movimientos en tu ${account}.`,
  period: (range, today) => relativePeriod(range, today, LOCALE, spanishDayWords, spanishPeriodWords),
  onlyLookBack: () => say`Solo puedo mirar hacia atrás: puedo contarte los movimientos hasta hoy.`,
  noMoreTransactions: () => say`No hay más movimientos en esa cuenta.`,
  hearMore: () => say`¿Quieres oír más?`,
  nothingToContinue: () => say`Ahora mismo no hay nada más que leer. ¿Qué quieres hacer?`,
  transactionsCardTitle: () => 'Últimos movimientos',

  ...spanishSpending(spainCategories),
  since: (isoDate, today) => relativeDay(isoDate, today, LOCALE, spanishSinceWords),
  spendingComparison: ({ direction, difference, previous, previousPeriod }) =>
    direction === 'same'
      ? say`Es lo mismo que ${previousPeriod}.`
      : say`Son ${difference} ${direction === 'more' ? 'más' : 'menos'} que ${previousPeriod}, cuando gastaste ${previous}.`,
  nothingToCompare: () =>
    say`Puedo compararlo cuando me hayas preguntado cuánto has gastado, por ejemplo: ¿cuánto he gastado en el súper este mes? ¿Qué quieres saber?`,
  spendingCardTitle: () => 'Gastos',

  cardStatement: ({ account, balance, minimum, dueDay }) => {
    if (!balance && !minimum) return say`El pago de tu ${account} vence ${dueDay ?? say``}.`;
    const owed = balance ? say` tiene un saldo del extracto de ${balance}` : say` tiene`;
    const pay = minimum ? say`${balance ? say` y` : say``} un pago mínimo de ${minimum}` : say``;
    return say`Tu ${account}${owed}${pay}${dueDay ? say` que vence ${dueDay}` : say``}.`;
  },
  cardPastDue: ({ account, dueDay, outcome, paid, minimum }) => {
    const due = say`El pago de tu ${account} vencía ${dueDay}.`;
    if (outcome === 'full') return say`${due} Lo pagaste entero.`;
    if (outcome === 'minimum') return say`${due} Pagaste ${paid}, al menos el mínimo.`;
    return minimum
      ? say`${due} No veo ningún pago de al menos el mínimo de ${minimum}.`
      : say`${due} No veo ningún pago.`;
  },
  noCardStatement: (account) => say`Todavía no tengo ningún extracto de tu ${account}.`,
  cardTermsWithheld: ({ bankName, minimum, dueDate }) => {
    const what =
      minimum && dueDate
        ? 'el pago mínimo ni la fecha de vencimiento'
        : minimum
          ? 'el pago mínimo'
          : 'la fecha de vencimiento';
    return say`${bankName} no me facilita ${what}.`;
  },
  noCreditCard: (bank) => say`No tienes ninguna tarjeta de crédito con ${bank}.`,
  cardCardTitle: () => 'Tarjeta de crédito',

  upcomingBillsIntro: ({ count, days }) =>
    say`Tienes ${count} ${count === 1 ? 'pago' : 'pagos'} en los próximos ${days} días.`,
  billLine: ({ payee, amount, day }) => (amount ? say`${payee}, ${amount}, ${day}.` : say`${payee}, ${day}.`),
  noUpcomingBills: (days, kinds = UPCOMING_KINDS) =>
    say`No tienes ${upcomingKinds(kinds, false)} en los próximos ${days} días.`,
  upcomingKindsWithheld: ({ bankName, kinds }) => say`${bankName} no me facilita ${upcomingKinds(kinds, true)}.`,
  noMoreBills: () => say`No hay más pagos próximos.`,
  billsCardTitle: () => 'Próximos pagos',

  anythingElse: (variant = 0) => variantOf(anythingElse, variant)(),
  help: (variant = 0) => variantOf(helps, variant)(),
  helpReprompt: () => say`¿Qué quieres hacer?`,
  fallback: (variant = 0) => variantOf(fallbacks, variant)(),
  nothingToRepeat: () => say`Todavía no hay nada que repetir. ¿Qué quieres hacer?`,
  goodbye: (variant = 0) => variantOf(goodbyes, variant)(),
  oneMoment: (bank) => say`Un momento, estoy consultando con ${bank}.`,
  localeNotOffered: (bank) =>
    say`Lo siento, ${bank} todavía no ofrece la banca por voz en español de España. Puedes usar la app de ${bank}.`,
  bankUnavailable: (bank) =>
    say`Lo siento, ahora mismo no puedo conectar con ${bank}. Inténtalo de nuevo en unos minutos.`,
  renewBankAccess: (bank) =>
    say`${bank} necesita que renueves mi acceso a tus cuentas. Apruébalo en la app de ${bank} y vuelve a preguntarme.`,
  bankAccessExceeded: (bank) =>
    say`${bank} solo me deja consultar tus cuentas unas pocas veces al día, y hoy ya no quedan. Inténtalo mañana o consúltalo en la app de ${bank}.`,
  somethingWentWrong: () => say`Lo siento, algo ha fallado por mi parte. Inténtalo de nuevo en un momento.`,

  payWhom: () => say`Puedes pagar a cualquier beneficiario que tengas guardado en tu banco. ¿A quién quieres pagar?`,
  payHowMuch: (payee) => say`¿Cuánto quieres pagar a ${payee}?`,
  transferHowMuch: () => say`¿Cuánto quieres transferir?`,
  payFromWhich: (options) => say`¿Desde qué cuenta quieres enviar el dinero: ${options}?`,
  transferToWhich: (options) => say`¿A qué cuenta quieres transferir: ${options}?`,
  unknownPayee: (spoken) =>
    say`No encuentro ningún beneficiario guardado que se llame ${heardBack(spoken) ?? 'así'}. Por tu seguridad, solo puedo pagar a beneficiarios que tengas guardados en tu banco. ¿A quién quieres pagar?`,
  whichPayee: (options) => say`¿Te refieres a ${options}?`,
  sameAccount: () => say`El dinero tiene que ir a otra cuenta. ¿A qué cuenta quieres transferir?`,
  cannotPayFrom: (account) => say`No puedo enviar dinero desde tu ${account}. ¿Desde qué cuenta quieres enviarlo?`,
  overPaymentLimit: (limit) =>
    say`Lo siento, cada pago por voz puede ser como máximo de ${limit}. No se ha enviado nada.`,
  overDailyLimit: ({ limit, remaining }) =>
    say`Lo siento, eso superaría tu límite diario de pagos por voz de ${limit}. Hoy aún puedes enviar ${remaining}. No se ha enviado nada.`,
  insufficientFunds: ({ account, available }) =>
    available
      ? say`Lo siento, tu ${account} solo tiene ${available} disponibles, así que no puedo enviarlo. No se ha enviado nada.`
      : say`Lo siento, eso es más de lo que tiene disponible tu ${account}, así que no puedo enviarlo. No se ha enviado nada.`,
  readBackBill: ({ amount, payee, account }) =>
    say`Vas a pagar ${amount} a ${payee} desde tu ${account}. Para aprobarlo, ¿cuál es tu PIN de voz de cuatro cifras?`,
  readBackTransfer: ({ amount, from, to }) =>
    say`Vas a transferir ${amount} desde tu ${from} a tu ${to}. Para aprobarlo, ¿cuál es tu PIN de voz de cuatro cifras?`,
  pinPrompt: () => say`¿Cuál es tu PIN de voz de cuatro cifras?`,
  pinInsteadOfYes: () => say`Para aprobarlo necesito tu PIN de voz de cuatro cifras, no un sí. ¿Cuál es tu PIN de voz?`,
  pinFormat: () => say`El PIN de voz tiene cuatro cifras. ¿Cuál es tu PIN de voz?`,
  pinWrong: (triesLeft) =>
    say`Ese PIN no coincide. Te ${triesLeft === 1 ? 'queda 1 intento' : `quedan ${triesLeft} intentos`}. ¿Cuál es tu PIN de voz de cuatro cifras?`,
  pinLocked: ({ bankName, justLocked, platform }) => {
    const steps =
      platform === 'alexa'
        ? say`Te he enviado los pasos a la aplicación de Alexa.`
        : say`Te he mostrado los pasos en la pantalla.`;
    return justLocked
      ? say`Ese PIN no coincide, así que por tu seguridad he bloqueado los pagos por voz. Para desbloquearlos, restablece tu PIN de voz en la aplicación de ${bankName}. ${steps}`
      : say`Los pagos por voz están bloqueados por tu seguridad. Para desbloquearlos, restablece tu PIN de voz en la aplicación de ${bankName}. ${steps}`;
  },
  pinLockedCard: ({ bankName, contact, developerReset }) => ({
    title: 'Pagos por voz bloqueados',
    text: [
      `Restablece tu PIN de voz en la aplicación de ${bankName}${contact ? `, o ${contact}` : ' o con la atención al cliente de tu banco'}.`,
      ...(developerReset ? [`Desarrolladores del sandbox: npm run pin -- reset ${developerReset}`] : []),
    ].join('\n'),
  }),
  pinNotEnrolled: (bank) =>
    say`No tienes un PIN de voz configurado con ${bank}, así que todavía no puedo hacer pagos. Puedes configurarlo en la aplicación de tu banco.`,
  pinBusy: () => say`Todavía estoy comprobando tu último PIN. Dímelo otra vez en un momento. ¿Cuál es tu PIN de voz?`,
  pinCheckDeferred: () =>
    say`Perdona, ahora mismo no he podido comprobar tu PIN. Dímelo otra vez dentro de un momento. ¿Cuál es tu PIN de voz?`,
  noPendingPayment: () => say`No hay ningún pago esperando tu PIN.`,
  paymentExpired: () => say`Ese pago no se aprobó en cinco minutos, así que ha caducado. No se ha enviado nada.`,
  paymentCancelled: () => say`De acuerdo, he cancelado ese pago. No se ha movido dinero.`,
  paidBill: ({ amount, payee, account, reference, available, variant = 0 }) => {
    const done = say`${variantOf(doneWords, variant)} He pagado ${amount} a ${payee} desde tu ${account}. La referencia termina en ${reference}.`;
    return available ? say`${done} Tu saldo disponible es ahora de ${available}.` : done;
  },
  transferred: ({ amount, from, to, reference, available, variant = 0 }) => {
    const done = say`${variantOf(doneWords, variant)} He transferido ${amount} desde tu ${from} a tu ${to}. La referencia termina en ${reference}.`;
    return available ? say`${done} Tu saldo disponible es ahora de ${available}.` : done;
  },
  paymentRejected: (insufficientFunds) =>
    insufficientFunds
      ? say`Lo siento, el banco no ha aceptado ese pago porque no hay saldo suficiente. No se ha enviado nada.`
      : say`Lo siento, el banco no ha aceptado ese pago. No se ha enviado nada.`,
  paymentNotSent: (bank) =>
    say`Lo siento, no he podido conectar con ${bank} para hacer ese pago, así que no se ha enviado nada. Inténtalo de nuevo en unos minutos.`,
  paymentOutcomeUnknown: (bank) =>
    say`Todavía no tengo respuesta de ${bank} sobre ese pago. No se enviará dos veces. Consulta tu saldo dentro de unos minutos.`,
  approveInBankApp: (bank) =>
    say`${bank} ha enviado este pago a la app de tu banco para que lo apruebes. Cuando lo hayas aprobado allí, dime que sí y lo compruebo. ¿Ya lo has aprobado?`,
  privacyPin: () =>
    say`Por tu privacidad, necesito tu PIN de voz de cuatro cifras antes de darte datos de tus cuentas. ¿Cuál es tu PIN de voz?`,
  paymentHelp: () =>
    say`Tienes un pago esperando. Para aprobarlo, di tu PIN de voz de cuatro cifras. Para anularlo, di cancelar. ¿Cuál es tu PIN de voz?`,
  paymentFallback: () =>
    say`Perdona, no te he entendido. Para aprobar el pago, di tu PIN de voz, o di cancelar para anularlo. ¿Cuál es tu PIN?`,
  paymentCardTitle: () => 'Pago',
};
