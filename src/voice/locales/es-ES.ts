import type { Money } from '../../money';
import { moneyInWords, moneyText, relativeDay } from '../format';
import { join, plain, say, type Spoken } from '../spoken';
import type { Catalogue, TransactionLine } from './catalogue';
import { capitalise } from './text';

const LOCALE = 'es-ES';

const currencyWords: Record<string, { one: string; many: string; minorOne: string; minorMany: string }> = {
  EUR: { one: 'euro', many: 'euros', minorOne: 'céntimo', minorMany: 'céntimos' },
  USD: { one: 'dólar', many: 'dólares', minorOne: 'centavo', minorMany: 'centavos' },
  GBP: { one: 'libra', many: 'libras', minorOne: 'penique', minorMany: 'peniques' },
};

const dayWords = {
  today: 'hoy',
  yesterday: 'ayer',
  tomorrow: 'mañana',
  onWeekday: (weekday: string) => `el ${weekday}`,
  onDate: (date: string) => `el ${date}`,
};

/** Spoken in words ("2540 euros con 18 céntimos"); shown as Spanish readers write it ("2540,18 €"). */
function spanishMoney(amount: Money): Spoken {
  const words = currencyWords[amount.currency];
  const text = moneyText(amount, LOCALE);
  if (!words) return plain(text);
  return { ssml: say`${moneyInWords(amount, LOCALE, words, 'con')}`.ssml, text };
}

export const esES: Catalogue = {
  locale: LOCALE,
  kindNames: { checking: 'cuenta corriente', savings: 'cuenta de ahorro', credit_card: 'tarjeta de crédito', other: 'cuenta' },
  money: spanishMoney,
  day: (isoDate, today) => relativeDay(isoDate, today, LOCALE, dayWords),
  accountLabel: (name, lastFour) => say`${name} terminada en ${lastFour}`,

  welcome: (bank) => say`Te damos la bienvenida a ${bank}. Puedes consultar tu saldo o tus últimos movimientos. ¿Qué quieres hacer?`,
  welcomeReprompt: () => say`¿Qué quieres hacer? Por ejemplo, di: ¿cuál es el saldo de mi cuenta corriente?`,
  linkAccount: (bank) =>
    say`Para usar ${bank}, vincula tu cuenta bancaria. Te he enviado una tarjeta a la aplicación de Alexa para hacerlo.`,
  linkAccountCardTitle: () => 'Vincula tu cuenta bancaria',

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

  transactionsIntro: ({ account, count, day, older }) => {
    const noun = count === 1 ? 'movimiento' : 'movimientos';
    if (day) return say`${count === 1 ? 'Este es el' : 'Estos son los'} ${count} ${noun} de ${day} en tu ${account}.`;
    if (older) return say`${count === 1 ? 'Este es' : 'Estos son'} ${count} ${noun} anteriores de tu ${account}.`;
    return count === 1
      ? say`Este es el último movimiento de tu ${account}.`
      : say`Estos son los últimos ${count} movimientos de tu ${account}.`;
  },
  transactionLine: (line: TransactionLine) => {
    const when = capitalise(line.day);
    const status = line.pending ? say`, pendiente` : say``;
    return line.credit
      ? say`${when}${status}: ingreso de ${line.amount} de ${line.description}.`
      : say`${when}${status}: ${line.amount} en ${line.description}.`;
  },
  noTransactions: ({ account, day }) =>
    day ? say`No he encontrado movimientos ${day} en tu ${account}.` : say`No he encontrado movimientos en tu ${account}.`,
  noMoreTransactions: () => say`No hay más movimientos en esa cuenta.`,
  hearMore: () => say`¿Quieres oír más?`,
  transactionsCardTitle: () => 'Últimos movimientos',

  anythingElse: () => say`¿Te puedo ayudar con algo más?`,
  help: () =>
    say`Puedes consultar un saldo, por ejemplo: cuál es el saldo de mi cuenta corriente. O tus últimos movimientos: qué he gastado últimamente. ¿Qué quieres hacer?`,
  helpReprompt: () => say`Puedes consultar un saldo o tus últimos movimientos. ¿Qué quieres hacer?`,
  fallback: () =>
    say`Lo siento, no puedo ayudarte con eso. Puedes consultar un saldo o tus últimos movimientos. ¿Qué quieres hacer?`,
  nothingToRepeat: () => say`Todavía no hay nada que repetir. ¿Qué quieres hacer?`,
  goodbye: () => say`Hasta luego.`,
  bankUnavailable: (bank) => say`Lo siento, ahora mismo no puedo conectar con ${bank}. Inténtalo de nuevo en unos minutos.`,
};
