import type { Money } from '../../money';
import { type CurrencyWords, moneyInWords, moneyText, relativeDay } from '../format';
import { join, plain, say, type Spoken } from '../spoken';
import type { Catalogue, TransactionLine } from './catalogue';
import { variantOf } from './variety';
import { capitalise } from './text';

const LOCALE = 'en-GB';

/** Pounds are said as a Briton says them; other currencies are read from their written form. */
const currencyWords: Record<string, CurrencyWords> = {
  GBP: { one: 'pound', many: 'pounds', minorOne: 'penny', minorMany: 'pence', minus: 'minus' },
};

const dayWords = {
  today: 'today',
  yesterday: 'yesterday',
  tomorrow: 'tomorrow',
  onWeekday: (weekday: string) => `on ${weekday}`,
  // Intl en-GB puts the day first: "on 3 November".
  onDate: (date: string) => `on ${date}`,
};

/** Spoken "1,234 pounds and 56 pence"; shown "£1,234.56". Other currencies: "US$1,234.56" both ways. */
function britishMoney(amount: Money): Spoken {
  const words = currencyWords[amount.currency];
  const text = moneyText(amount, LOCALE);
  if (!words) return plain(text);
  return { ssml: say`${moneyInWords(amount, LOCALE, words, 'and')}`.ssml, text };
}

/** "a current account", "a savings account", "a credit card": a kind name as a noun phrase. */
function aKind(kind: string): string {
  const noun = /\b(account|card)$/i.test(kind) ? kind : `${kind} account`;
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

const welcomes = [
  (bank: string) => say`Welcome to ${bank}. You can ask for a balance or your recent transactions. What would you like to do?`,
  (bank: string) => say`Welcome to ${bank}. You can check a balance, hear your recent transactions or pay a bill. What can I do for you?`,
  (bank: string) => say`Welcome to ${bank}. Would you like a balance, your recent transactions, or to pay a bill?`,
];
const anythingElse = [
  () => say`Is there anything else I can help with?`,
  () => say`Can I help with anything else?`,
  () => say`Anything else I can do for you?`,
];
const goodbyes = [
  () => say`Goodbye.`,
  () => say`Goodbye, speak soon.`,
  () => say`Goodbye, have a lovely day.`,
];
const doneWords = ['Done.', 'All sorted.', "That's done."];

export const enGB: Catalogue = {
  locale: LOCALE,
  variants: { welcome: welcomes.length, anythingElse: anythingElse.length, goodbye: goodbyes.length, done: doneWords.length },
  kindNames: { checking: 'current account', savings: 'savings', credit_card: 'credit card', other: 'account' },
  money: britishMoney,
  suggestion: (key) =>
    ({
      balance: 'My balance',
      transactions: 'Recent transactions',
      payBill: 'Pay a bill',
      more: 'More',
      yes: 'Yes',
      no: 'No',
      cancel: 'Cancel',
      help: 'Help',
    })[key],
  day: (isoDate, today) => relativeDay(isoDate, today, LOCALE, dayWords),
  accountLabel: (name, lastFour) => say`${name} ending in ${lastFour}`,

  welcome: (bank, variant = 0) => variantOf(welcomes, variant)(bank),
  welcomeReprompt: () => say`What would you like to do? For example, say: what's my current account balance?`,
  linkAccount: (bank, platform) =>
    platform === 'alexa'
      ? say`To use ${bank}, please link your bank account. I've sent a card to the Alexa app to help you do that.`
      : say`To use ${bank}, you'll need to link your bank account first.`,
  linkAccountCardTitle: () => 'Link your bank account',

  depositBalance: ({ account, available, current }) => {
    if (available && current) {
      return say`Your ${account} has an available balance of ${available}. The account balance is ${current}.`;
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
    say`I couldn't find ${aKind(kind)}. You have ${available}. Which account would you like?`,
  whichAccount: (options) => say`You have more than one of those: ${options}. Which one would you like?`,
  whichAccountToUse: (options) => say`Which account would you like: ${options}?`,

  transactionsIntro: ({ account, count, day, older }) => {
    const noun = count === 1 ? 'transaction' : 'transactions';
    if (day) return say`Here ${count === 1 ? 'is' : 'are'} ${count} ${noun} ${day} on your ${account}.`;
    if (older) return say`Here ${count === 1 ? 'is' : 'are'} ${count} older ${noun} on your ${account}.`;
    return say`Here ${count === 1 ? 'is your latest transaction' : `are your latest ${count} transactions`} on your ${account}.`;
  },
  transactionLine: (line: TransactionLine) => {
    const when = capitalise(line.day);
    const status = line.pending ? say`, pending` : say``;
    if (line.credit) return say`${when}${status}: ${line.amount} paid in from ${line.description}.`;
    // Transfers, direct debits and standing orders are read as written ("at Direct Debit …" would be odd).
    if (/^(transfer|payment|bill pay|direct debit|dd|standing order|faster payment)\b/i.test(line.description)) {
      return say`${when}${status}: ${line.amount}, ${line.description}.`;
    }
    return say`${when}${status}: ${line.amount} at ${line.description}.`;
  },
  noTransactions: ({ account, day }) =>
    day ? say`I couldn't find any transactions ${day} on your ${account}.` : say`I couldn't find any transactions on your ${account}.`,
  noMoreTransactions: () => say`That's all the transactions I have for that account.`,
  hearMore: () => say`Would you like to hear more?`,
  nothingToContinue: () => say`There's nothing more to read at the moment. What would you like to do?`,
  transactionsCardTitle: () => 'Recent transactions',

  anythingElse: (variant = 0) => variantOf(anythingElse, variant)(),
  help: () =>
    say`You can ask for a balance, for example: what's my current account balance. Or ask about recent transactions: what have I spent recently. What would you like to do?`,
  helpReprompt: () => say`You can ask for a balance or your recent transactions. What would you like to do?`,
  fallback: () =>
    say`Sorry, I can't help with that. You can ask for a balance or your recent transactions. What would you like to do?`,
  nothingToRepeat: () => say`There's nothing to repeat yet. What would you like to do?`,
  goodbye: (variant = 0) => variantOf(goodbyes, variant)(),
  oneMoment: (bank) => say`Just a moment while I check with ${bank}.`,
  bankUnavailable: (bank) => say`Sorry, I can't reach ${bank} at the moment. Please try again in a few minutes.`,

  payWhom: () => say`You can pay any payee you've saved with your bank. Who would you like to pay?`,
  payHowMuch: (payee) => say`How much would you like to pay ${payee}?`,
  transferHowMuch: () => say`How much would you like to transfer?`,
  payFromWhich: (options) => say`Which account should the money come from: ${options}?`,
  transferToWhich: (options) => say`Which account would you like to transfer to: ${options}?`,
  unknownPayee: (spoken) =>
    say`I couldn't find a saved payee called ${spoken}. For your security, I can only pay payees you've already saved with your bank. Who would you like to pay?`,
  whichPayee: (options) => say`Did you mean ${options}?`,
  sameAccount: () => say`The money has to go to a different account. Which account would you like to transfer to?`,
  cannotPayFrom: (account) => say`I can't send money from your ${account}. Which account should the money come from?`,
  overPaymentLimit: (limit) => say`Sorry, each voice payment can be no more than ${limit}. Nothing has been sent.`,
  overDailyLimit: ({ limit, remaining }) =>
    say`Sorry, that would take you over your daily voice payment limit of ${limit}. You can still send ${remaining} today. Nothing has been sent.`,
  insufficientFunds: ({ account, available }) =>
    say`Sorry, your ${account} only has ${available} available, so I can't send that. Nothing has been sent.`,
  readBackBill: ({ amount, payee, account }) =>
    say`You're paying ${amount} to ${payee} from your ${account}. To approve, what's your four-digit voice PIN?`,
  readBackTransfer: ({ amount, from, to }) =>
    say`You're transferring ${amount} from your ${from} to your ${to}. To approve, what's your four-digit voice PIN?`,
  pinPrompt: () => say`What's your four-digit voice PIN?`,
  pinInsteadOfYes: () => say`To approve, I need your four-digit voice PIN rather than a yes. What's your voice PIN?`,
  pinFormat: () => say`A voice PIN has four digits. What's your voice PIN?`,
  pinWrong: (triesLeft) =>
    say`That PIN didn't match. You have ${triesLeft} ${triesLeft === 1 ? 'attempt' : 'attempts'} left. What's your four-digit voice PIN?`,
  pinLocked: ({ bankName, justLocked, platform }) => {
    const steps = platform === 'alexa' ? say`I've sent the steps to your Alexa app.` : say`I've shown the steps on your screen.`;
    return justLocked
      ? say`That PIN didn't match, so for your security I've locked voice payments. To unlock them, reset your voice PIN in the ${bankName} app. ${steps}`
      : say`Voice payments are locked for your security. To unlock them, reset your voice PIN in the ${bankName} app. ${steps}`;
  },
  pinLockedCard: ({ bankName, customerId }) => ({
    title: 'Voice payments locked',
    text: `Reset your voice PIN in the ${bankName} app or with your bank's customer services.
Sandbox developers: npm run pin -- reset ${customerId}`,
  }),
  pinNotEnrolled: (bank) =>
    say`You haven't set up a voice PIN with ${bank} yet, so I can't make payments. You can set one up in your banking app.`,
  pinBusy: () => say`I'm still checking your last PIN. Please say it again in a moment. What's your voice PIN?`,
  noPendingPayment: () => say`There isn't a payment waiting for your PIN.`,
  paymentExpired: () => say`That payment wasn't approved within five minutes, so it's expired. Nothing has been sent.`,
  paymentCancelled: () => say`OK, I've cancelled that payment. No money has moved.`,
  paidBill: ({ amount, payee, account, reference, available, variant = 0 }) => {
    const done = say`${variantOf(doneWords, variant)} I've paid ${amount} to ${payee} from your ${account}. The reference ends in ${reference}.`;
    return available ? say`${done} Your available balance is now ${available}.` : done;
  },
  transferred: ({ amount, from, to, reference, available, variant = 0 }) => {
    const done = say`${variantOf(doneWords, variant)} I've moved ${amount} from your ${from} to your ${to}. The reference ends in ${reference}.`;
    return available ? say`${done} Your available balance is now ${available}.` : done;
  },
  paymentRejected: () => say`Sorry, the bank didn't accept that payment because there isn't enough money available. Nothing has been sent.`,
  paymentOutcomeUnknown: (bank) =>
    say`I haven't had an answer from ${bank} about that payment yet. It won't be sent twice. Please check your balance in a few minutes.`,
  privacyPin: () => say`For your privacy, I need your four-digit voice PIN before I share any account details. What's your voice PIN?`,
  paymentHelp: () => say`To approve the payment, say your four-digit voice PIN. To stop, say cancel. What's your voice PIN?`,
  paymentCardTitle: () => 'Payment',
};
