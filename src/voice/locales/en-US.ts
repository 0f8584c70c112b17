import type { Money } from '../../money';
import { moneyText, relativeDay } from '../format';
import { join, plain, say, type Spoken } from '../spoken';
import type { Catalogue, TransactionLine } from './catalogue';
import { capitalise } from './text';

const LOCALE = 'en-US';

const dayWords = {
  today: 'today',
  yesterday: 'yesterday',
  tomorrow: 'tomorrow',
  onWeekday: (weekday: string) => `on ${weekday}`,
  onDate: (date: string) => `on ${date}`,
};

export const enUS: Catalogue = {
  locale: LOCALE,
  kindNames: { checking: 'checking', savings: 'savings', credit_card: 'credit card', other: 'account' },
  money: (amount: Money) => plain(moneyText(amount, LOCALE)),
  day: (isoDate, today) => relativeDay(isoDate, today, LOCALE, dayWords),
  accountLabel: (name, lastFour) => say`${name} ending in ${lastFour}`,

  welcome: (bank) => say`Welcome to ${bank}. You can ask for a balance or your recent transactions. What would you like to do?`,
  welcomeReprompt: () => say`What would you like to do? For example, say: what's my checking balance?`,
  linkAccount: (bank) =>
    say`To use ${bank}, please link your bank account. I've sent a card to the Alexa app to help you do that.`,
  linkAccountCardTitle: () => 'Link your bank account',

  depositBalance: ({ account, available, current }) => {
    if (available && current) {
      return say`Your ${account} has an available balance of ${available}. The current balance is ${current}.`;
    }
    return say`Your ${account} has a balance of ${(available ?? current) as Spoken}.`;
  },
  creditCardBalance: ({ account, owed, minimum, dueDay, availableCredit }) => {
    const parts: Spoken[] = [say`You owe ${owed} on your ${account}.`];
    if (minimum && dueDay) parts.push(say` The minimum payment of ${minimum} is due ${dueDay}.`);
    else if (minimum) parts.push(say` The minimum payment is ${minimum}.`);
    if (availableCredit) parts.push(say` You have ${availableCredit} of credit available.`);
    return join(parts, '');
  },
  balancesIntro: (count) => say`Here are your ${count} accounts.`,
  depositSummaryLine: ({ account, amount, available }) =>
    available ? say`${capitalise(account)}: ${amount} available.` : say`${capitalise(account)}: ${amount}.`,
  creditCardSummaryLine: ({ account, owed }) => say`${capitalise(account)}: ${owed} owed.`,
  balanceCardTitle: () => 'Your balances',

  noAccountOfKind: ({ kind, available }) =>
    say`I couldn't find a ${kind} account. You have ${available}. Which account would you like?`,
  whichAccount: (options) => say`You have more than one of those: ${options}. Which one would you like?`,

  transactionsIntro: ({ account, count, day, older }) => {
    const noun = count === 1 ? 'transaction' : 'transactions';
    if (day) return say`Here ${count === 1 ? 'is' : 'are'} ${count} ${noun} ${day} on your ${account}.`;
    if (older) return say`Here ${count === 1 ? 'is' : 'are'} ${count} older ${noun} on your ${account}.`;
    return say`Here ${count === 1 ? 'is your latest transaction' : `are your latest ${count} transactions`} on your ${account}.`;
  },
  transactionLine: (line: TransactionLine) => {
    const when = capitalise(line.day);
    const status = line.pending ? say`, pending` : say``;
    return line.credit
      ? say`${when}${status}: ${line.amount} received from ${line.description}.`
      : say`${when}${status}: ${line.amount} at ${line.description}.`;
  },
  noTransactions: ({ account, day }) =>
    day ? say`I found no transactions ${day} on your ${account}.` : say`I found no transactions on your ${account}.`,
  noMoreTransactions: () => say`That's all the transactions I have for that account.`,
  hearMore: () => say`Would you like to hear more?`,
  transactionsCardTitle: () => 'Recent transactions',

  anythingElse: () => say`What else can I help you with?`,
  help: () =>
    say`You can ask for a balance, for example: what's my checking balance. Or ask about recent transactions: what did I spend recently. What would you like to do?`,
  helpReprompt: () => say`You can ask for a balance or your recent transactions. What would you like to do?`,
  fallback: () =>
    say`Sorry, I can't help with that. You can ask for a balance or your recent transactions. What would you like to do?`,
  nothingToRepeat: () => say`There's nothing to repeat yet. What would you like to do?`,
  goodbye: () => say`Goodbye.`,
  bankUnavailable: (bank) => say`Sorry, I can't reach ${bank} right now. Please try again in a few minutes.`,
};
