import type { Money } from '../../money';
import { moneyText, relativeDay, relativePeriod } from '../format';
import { heardBack } from '../mask';
import { join, plain, say, type Spoken } from '../spoken';
import type { Catalogue, TransactionLine, UpcomingKind } from './catalogue';
import { UPCOMING_KINDS } from '../../shared/upcoming';
import { variantOf } from './variety';
import { capitalise } from './text';

const UPCOMING_WORDS: Readonly<Record<UpcomingKind, string>> = {
  scheduled: 'scheduled payments',
  standing_order: 'standing orders',
  direct_debit: 'direct debits',
};

/** "scheduled payments, standing orders or direct debits" */
function upcomingKinds(kinds: readonly UpcomingKind[]): string {
  const words = kinds.map((kind) => UPCOMING_WORDS[kind]);
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

const LOCALE = 'en-US';

const dayWords = {
  today: 'today',
  yesterday: 'yesterday',
  tomorrow: 'tomorrow',
  onWeekday: (weekday: string) => `on ${weekday}`,
  onDate: (date: string) => `on ${date}`,
};

/** Shared with en-GB: the words are the same; the dates come from each locale's Intl data. */
export const englishPeriodWords = {
  inMonth: (month: string) => `in ${month}`,
  inYear: (year: string) => `in ${year}`,
  between: (from: string, to: string) => `between ${from} and ${to}`,
};

/** Shared with en-GB. */
export const englishSinceWords = {
  today: 'today',
  yesterday: 'since yesterday',
  tomorrow: 'since tomorrow',
  onWeekday: (weekday: string) => `since ${weekday}`,
  onDate: (date: string) => `since ${date}`,
};

const americanCategories: Catalogue['categoryNames'] = {
  groceries: 'groceries',
  eating_out: 'eating out',
  transport: 'transportation',
  utilities: 'utilities',
  shopping: 'shopping',
  entertainment: 'entertainment',
  health: 'health',
  cash: 'cash withdrawals',
};

/** "You spent $84.20 at Starbucks in November, over 6 purchases." Shared with en-GB, with its category names. */
export function englishSpending(
  categoryNames: Catalogue['categoryNames'],
): Pick<Catalogue, 'categoryNames' | 'spendingTotal' | 'noSpending'> {
  const where = (merchant?: string, category?: keyof Catalogue['categoryNames']): Spoken => {
    if (merchant) return say` at ${merchant}`;
    return category ? say` on ${categoryNames[category]}` : say``;
  };
  const onAccount = (account?: Spoken): Spoken => (account ? say` on your ${account}` : say``);
  return {
    categoryNames,
    spendingTotal: ({ amount, purchases, merchant, category, period, account }) =>
      say`You spent ${amount}${where(merchant, category)} ${period}${onAccount(account)}, over ${purchases} ${purchases === 1 ? 'purchase' : 'purchases'}.`,
    noSpending: ({ merchant, category, period, account }) =>
      say`You didn't spend anything${where(merchant, category)} ${period}${onAccount(account)}.`,
  };
}

const welcomes = [
  (bank: string) =>
    say`Welcome to ${bank}. You can check a balance, hear recent transactions, pay a saved payee or move money between your accounts. What would you like to do?`,
  (bank: string) =>
    say`Welcome to ${bank}. Ask me for a balance, your recent transactions, a bill payment or a transfer. What can I do for you?`,
  (bank: string) =>
    say`Welcome to ${bank}. Would you like a balance, your recent transactions, to pay someone you've saved, or a transfer?`,
];
const helps = [
  () =>
    say`I can tell you a balance, read your recent transactions, pay someone you've saved with your bank, or move money between your accounts. Try: what's my checking balance? What would you like to do?`,
  () =>
    say`Ask me things like: what's my balance, what did I spend yesterday, pay the phone bill, or move fifty dollars to savings. What would you like to do?`,
];
const fallbacks = [
  () =>
    say`Sorry, I can't help with that. I can give you a balance, your recent transactions, pay a saved payee or make a transfer. What would you like?`,
  () =>
    say`Sorry, I didn't get that. You can ask for a balance or recent transactions, pay a bill, or move money. What would you like to do?`,
];
const anythingElse = [
  () => say`What else can I help you with?`,
  () => say`Is there anything else I can do for you?`,
  () => say`Anything else I can help with?`,
];
const goodbyes = [() => say`Goodbye.`, () => say`Goodbye, talk to you soon.`, () => say`Goodbye, have a good day.`];
const doneWords = ['Done.', 'All set.', "That's done."];

/** "Done. I've paid …": also en-GB's, with its own words for "done". */
export function paymentConfirmations(done: readonly string[]): Pick<Catalogue, 'paidBill' | 'transferred'> {
  return {
    paidBill: ({ amount, payee, account, reference, available, variant = 0 }) => {
      const paid = say`${variantOf(done, variant)} I've paid ${amount} to ${payee} from your ${account}. The reference ends in ${reference}.`;
      return available ? say`${paid} Your available balance is now ${available}.` : paid;
    },
    transferred: ({ amount, from, to, reference, available, variant = 0 }) => {
      const moved = say`${variantOf(done, variant)} I've moved ${amount} from your ${from} to your ${to}. The reference ends in ${reference}.`;
      return available ? say`${moved} Your available balance is now ${available}.` : moved;
    },
  };
}

export const enUS: Catalogue = {
  locale: LOCALE,
  variants: {
    welcome: welcomes.length,
    anythingElse: anythingElse.length,
    goodbye: goodbyes.length,
    done: doneWords.length,
    help: helps.length,
    fallback: fallbacks.length,
  },
  kindNames: { checking: 'checking', savings: 'savings', credit_card: 'credit card', other: 'account' },
  money: (amount: Money) => plain(moneyText(amount, LOCALE)),
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
  welcomeReprompt: () => say`What would you like to do? For example, say: what's my checking balance?`,
  linkAccount: (bank, platform) =>
    platform === 'alexa'
      ? say`To use ${bank}, please link your bank account. I've sent a card to the Alexa app to help you do that.`
      : say`To use ${bank}, you need to link your bank account first.`,
  linkAccountCardTitle: () => 'Link your bank account',
  guestCannotLink: (bank) =>
    say`To use ${bank}, sign in to Google Assistant with your own account, and make sure it recognizes your voice. Then you can link your bank account.`,
  speakerNotRecognised: ({ bankName, platform }) =>
    platform === 'alexa'
      ? say`For your security, ${bankName} only does that for a voice enrolled with your voice PIN, and I didn't recognize yours. You can set up a voice profile in the Alexa app and enroll it with your bank.`
      : say`For your security, ${bankName} only does that for a voice enrolled with your voice PIN, and Google Assistant can't tell me who's speaking. Please use Alexa for this.`,

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
    if (line.credit) return say`${when}${status}: ${line.amount} received from ${line.description}.`;
    // "at Transfer to savings" would be odd: transfers and payments are read as written.
    if (/^(transfer|payment|bill pay)\b/i.test(line.description))
      return say`${when}${status}: ${line.amount}, ${line.description}.`;
    return say`${when}${status}: ${line.amount} at ${line.description}.`;
  },
  noTransactions: ({ account, day }) =>
    day ? say`I found no transactions on your ${account} ${day}.` : say`I found no transactions on your ${account}.`,
  period: (range, today) => relativePeriod(range, today, LOCALE, dayWords, englishPeriodWords),
  onlyLookBack: () => say`I can only look back: I can tell you about transactions up to today.`,
  noMoreTransactions: () => say`That's all the transactions I have for that account.`,
  hearMore: () => say`Would you like to hear more?`,
  nothingToContinue: () => say`There's nothing more to read right now. What would you like to do?`,
  transactionsCardTitle: () => 'Recent transactions',

  ...englishSpending(americanCategories),
  since: (isoDate, today) => relativeDay(isoDate, today, LOCALE, englishSinceWords),
  spendingComparison: ({ direction, difference, previous, previousPeriod }) =>
    direction === 'same'
      ? say`That's the same as ${previousPeriod}.`
      : say`That's ${difference} ${direction} than ${previousPeriod}, when you spent ${previous}.`,
  nothingToCompare: () =>
    say`I can compare once you've asked what you spent, for example: how much did I spend on groceries this month? What would you like to know?`,
  spendingCardTitle: () => 'Spending',

  cardStatement: ({ account, balance, minimum, dueDay }) => {
    const owed = balance ? say` has a statement balance of ${balance}` : say` has`;
    const pay = minimum ? say`${balance ? say` and` : say``} a minimum payment of ${minimum}` : say``;
    if (!balance && !minimum) return say`The payment on your ${account} is due ${dueDay ?? say``}.`;
    return say`Your ${account}${owed}${pay}${dueDay ? say` due ${dueDay}` : say``}.`;
  },
  cardPastDue: ({ account, dueDay, outcome, paid, minimum }) => {
    const due = say`The payment on your ${account} was due ${dueDay}.`;
    if (outcome === 'full') return say`${due} You paid it in full.`;
    if (outcome === 'minimum') return say`${due} You paid ${paid}, at least the minimum.`;
    return minimum
      ? say`${due} I don't see a payment of at least the minimum of ${minimum}.`
      : say`${due} I don't see a payment for it.`;
  },
  noCardStatement: (account) => say`I don't have a statement for your ${account} yet.`,
  cardTermsWithheld: ({ bankName, minimum, dueDate }) => {
    const what =
      minimum && dueDate ? 'the minimum payment or the due date' : minimum ? 'the minimum payment' : 'the due date';
    return say`${bankName} doesn't share ${what} with me.`;
  },
  noCreditCard: (bank) => say`You don't have a credit card with ${bank}.`,
  cardCardTitle: () => 'Credit card',

  upcomingBillsIntro: ({ count, days }) =>
    say`You have ${count} ${count === 1 ? 'payment' : 'payments'} coming up in the next ${days} days.`,
  billLine: ({ payee, amount, day }) => (amount ? say`${payee}, ${amount}, ${day}.` : say`${payee}, ${day}.`),
  noUpcomingBills: (days, kinds = UPCOMING_KINDS) =>
    say`You have no ${upcomingKinds(kinds)} due in the next ${days} days.`,
  upcomingKindsWithheld: ({ bankName, kinds }) => say`${bankName} doesn't share ${upcomingKinds(kinds)} with me.`,
  noMoreBills: () => say`That's all the payments coming up.`,
  billsCardTitle: () => 'Upcoming bills',

  anythingElse: (variant = 0) => variantOf(anythingElse, variant)(),
  help: (variant = 0) => variantOf(helps, variant)(),
  helpReprompt: () => say`What would you like to do?`,
  fallback: (variant = 0) => variantOf(fallbacks, variant)(),
  nothingToRepeat: () => say`There's nothing to repeat yet. What would you like to do?`,
  goodbye: (variant = 0) => variantOf(goodbyes, variant)(),
  oneMoment: (bank) => say`One moment while I check with ${bank}.`,
  localeNotOffered: (bank) =>
    say`Sorry, ${bank} doesn't offer voice banking in United States English yet. You can use the ${bank} app instead.`,
  bankUnavailable: (bank) => say`Sorry, I can't reach ${bank} right now. Please try again in a few minutes.`,
  renewBankAccess: (bank) =>
    say`${bank} needs you to renew my access to your accounts. Please approve it in ${bank}'s app, then ask me again.`,
  bankAccessExceeded: (bank) =>
    say`${bank} only lets me check your accounts a few times a day, and that's used up for today. Please try again tomorrow, or check in ${bank}'s app.`,
  somethingWentWrong: () => say`Sorry, something went wrong on my side. Please try again in a moment.`,

  payWhom: () => say`You can pay any payee you've saved with your bank. Who would you like to pay?`,
  payHowMuch: (payee) => say`How much would you like to pay ${payee}?`,
  transferHowMuch: () => say`How much would you like to transfer?`,
  payFromWhich: (options) => say`Which account should the money come from: ${options}?`,
  transferToWhich: (options) => say`Which account would you like to transfer to: ${options}?`,
  unknownPayee: (spoken) =>
    say`I couldn't find a saved payee called ${heardBack(spoken) ?? 'that'}. For your security, I can only pay payees you've saved with your bank. Who would you like to pay?`,
  whichPayee: (options) => say`Did you mean ${options}?`,
  sameAccount: () => say`The money has to go to a different account. Which account would you like to transfer to?`,
  cannotPayFrom: (account) => say`I can't send money from your ${account}. Which account should the money come from?`,
  overPaymentLimit: (limit) => say`Sorry, each voice payment can be at most ${limit}. Nothing was sent.`,
  overDailyLimit: ({ limit, remaining }) =>
    say`Sorry, that would go over your daily voice payment limit of ${limit}. You can still send ${remaining} today. Nothing was sent.`,
  insufficientFunds: ({ account, available }) =>
    available
      ? say`Sorry, your ${account} only has ${available} available, so I can't send that. Nothing was sent.`
      : say`Sorry, that's more than your ${account} has available, so I can't send it. Nothing was sent.`,
  readBackBill: ({ amount, payee, account }) =>
    say`You're paying ${amount} to ${payee} from your ${account}. To approve, what's your four-digit voice PIN?`,
  readBackTransfer: ({ amount, from, to }) =>
    say`You're transferring ${amount} from your ${from} to your ${to}. To approve, what's your four-digit voice PIN?`,
  pinPrompt: () => say`What's your four-digit voice PIN?`,
  pinInsteadOfYes: () => say`To approve, I need your four-digit voice PIN rather than a yes. What's your voice PIN?`,
  pinFormat: () => say`A voice PIN has four digits. What's your voice PIN?`,
  pinWrong: (triesLeft) =>
    say`That PIN didn't match. You have ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left. What's your four-digit voice PIN?`,
  pinLocked: ({ bankName, justLocked, platform }) => {
    const steps =
      platform === 'alexa' ? say`I've sent the steps to your Alexa app.` : say`I've shown the steps on your screen.`;
    return justLocked
      ? say`That PIN didn't match, so for your security I've locked voice payments. To unlock them, reset your voice PIN in the ${bankName} app. ${steps}`
      : say`Voice payments are locked for your security. To unlock them, reset your voice PIN in the ${bankName} app. ${steps}`;
  },
  pinLockedCard: ({ bankName, contact, developerReset }) => ({
    title: 'Voice payments locked',
    text: [
      `Reset your voice PIN in the ${bankName} app${contact ? `, or ${contact}` : ` or with your bank's support`}.`,
      ...(developerReset ? [`Sandbox developers: npm run pin -- reset ${developerReset}`] : []),
    ].join('\n'),
  }),
  pinNotEnrolled: (bank) =>
    say`You haven't set up a voice PIN with ${bank}, so I can't make payments yet. You can set one up in your bank's app.`,
  pinBusy: () => say`I'm still checking your last PIN. Please say it again in a moment. What's your voice PIN?`,
  pinCheckDeferred: () =>
    say`Sorry, I couldn't get to your PIN just then. Please say it again in a moment. What's your voice PIN?`,
  noPendingPayment: () => say`There's no payment waiting for your PIN.`,
  paymentExpired: () => say`That payment wasn't approved within five minutes, so it expired. Nothing was sent.`,
  paymentCancelled: () => say`OK, I've cancelled that payment. No money was moved.`,
  ...paymentConfirmations(doneWords),
  paymentRejected: (insufficientFunds) =>
    insufficientFunds
      ? say`Sorry, the bank didn't accept that payment because there isn't enough money available. Nothing was sent.`
      : say`Sorry, the bank didn't accept that payment. Nothing was sent.`,
  paymentNotSent: (bank) =>
    say`Sorry, I couldn't reach ${bank} to make that payment, so nothing was sent. Please try again in a few minutes.`,
  paymentOutcomeUnknown: (bank) =>
    say`I couldn't get an answer from ${bank} about that payment yet. It won't be sent twice. Please check your balance in a few minutes.`,
  approveInBankApp: (bank) =>
    say`${bank} has sent this payment to your banking app for approval. Once you've approved it there, say yes and I'll check. Have you approved it?`,
  privacyPin: () =>
    say`For your privacy, I need your four-digit voice PIN before I share account details. What's your voice PIN?`,
  paymentHelp: () =>
    say`A payment is waiting for you. To approve it, say your four-digit voice PIN. To drop it, say cancel. What's your voice PIN?`,
  paymentFallback: () =>
    say`Sorry, I didn't get that. To approve the payment, say your voice PIN, or say cancel to drop it. What's your PIN?`,
  paymentCardTitle: () => 'Payment',
};
