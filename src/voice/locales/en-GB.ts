/**
 * British English: US English (en-US) with British money, dates, account names and wording.
 * The base's messages close over en-US's money, dates and phrasings, so every message whose
 * output would come out American is overridden here; the rest are said the same way.
 */
import type { Money } from '../../money';
import { type CurrencyWords, moneyInWords, moneyText, relativeDay, relativePeriod } from '../format';
import { heardBack } from '../mask';
import { plain, say, type Spoken } from '../spoken';
import type { Catalogue, TransactionLine } from './catalogue';
import { englishPeriodWords, englishSinceWords, englishSpending, enUS, paymentConfirmations } from './en-US';
import { variantOf } from './variety';
import { capitalise } from './text';

const LOCALE = 'en-GB';

/** Pounds are said as a Briton says them; other currencies are read from their written form. */
const currencyWords: Record<string, CurrencyWords> = {
  GBP: { one: 'pound', many: 'pounds', minorOne: 'penny', minorMany: 'pence', minus: 'minus' },
};

// The same words as en-US, but dates are formatted by Intl en-GB, which puts the day first: "on 3 November".
const dayWords = {
  today: 'today',
  yesterday: 'yesterday',
  tomorrow: 'tomorrow',
  onWeekday: (weekday: string) => `on ${weekday}`,
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

// The welcomes are en-US's; these phrasings are British.
const anythingElse = [
  () => say`Is there anything else I can help with?`,
  () => say`Can I help with anything else?`,
  () => say`Anything else I can do for you?`,
];
const goodbyes = [() => say`Goodbye.`, () => say`Goodbye, speak soon.`, () => say`Goodbye, have a lovely day.`];
const doneWords = ['Done.', 'All sorted.', "That's done."];
const helps = [
  () =>
    say`I can tell you a balance, read your recent transactions, pay someone you've saved with your bank, or move money between your accounts. Try: what's my current account balance? What would you like to do?`,
  () =>
    say`Ask me things like: what's my balance, what did I spend yesterday, pay the phone bill, or move fifty pounds to savings. What would you like to do?`,
];

export const enGB: Catalogue = {
  ...enUS,
  locale: LOCALE,
  variants: {
    ...enUS.variants,
    anythingElse: anythingElse.length,
    goodbye: goodbyes.length,
    done: doneWords.length,
    help: helps.length,
  },
  // Britons bank with a current account, not a checking account.
  kindNames: { ...enUS.kindNames, checking: 'current account' },
  money: britishMoney,
  day: (isoDate, today) => relativeDay(isoDate, today, LOCALE, dayWords),
  ...englishSpending({ ...enUS.categoryNames, transport: 'transport', utilities: 'bills' }),
  since: (isoDate, today) => relativeDay(isoDate, today, LOCALE, englishSinceWords),

  welcomeReprompt: () => say`What would you like to do? For example, say: what's my current account balance?`,
  linkAccount: (bank, platform) =>
    platform === 'alexa'
      ? say`To use ${bank}, please link your bank account. I've sent a card to the Alexa app to help you do that.`
      : say`To use ${bank}, you'll need to link your bank account first.`,
  guestCannotLink: (bank) =>
    say`To use ${bank}, sign in to Google Assistant with your own account, and make sure it recognises your voice. Then you can link your bank account.`,
  speakerNotRecognised: ({ bankName, platform }) =>
    platform === 'alexa'
      ? say`For your security, ${bankName} only does that for a voice enrolled with your voice PIN, and I didn't recognise yours. You can set up a voice profile in the Alexa app and enrol it with your bank.`
      : say`For your security, ${bankName} only does that for a voice enrolled with your voice PIN, and Google Assistant can't tell me who's speaking. Please use Alexa for this.`,

  depositBalance: ({ account, available, current }) => {
    if (available && current) {
      return say`Your ${account} has an available balance of ${available}. The account balance is ${current}.`;
    }
    return say`Your ${account} has a balance of ${(available ?? current) as Spoken}.`;
  },

  // en-US's "a ${kind} account" would say "a current account account".
  noAccountOfKind: ({ kind, available }) =>
    say`I couldn't find ${aKind(kind)}. You have ${available}. Which account would you like?`,

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
    day
      ? say`I couldn't find any transactions on your ${account} ${day}.`
      : say`I couldn't find any transactions on your ${account}.`,
  period: (range, today) => relativePeriod(range, today, LOCALE, dayWords, englishPeriodWords),
  nothingToContinue: () => say`There's nothing more to read at the moment. What would you like to do?`,

  anythingElse: (variant = 0) => variantOf(anythingElse, variant)(),
  help: (variant = 0) => variantOf(helps, variant)(),
  goodbye: (variant = 0) => variantOf(goodbyes, variant)(),
  oneMoment: (bank) => say`Just a moment while I check with ${bank}.`,
  localeNotOffered: (bank) =>
    say`Sorry, ${bank} doesn't offer voice banking in British English yet. You can use the ${bank} app instead.`,
  bankUnavailable: (bank) => say`Sorry, I can't reach ${bank} at the moment. Please try again in a few minutes.`,

  unknownPayee: (spoken) =>
    say`I couldn't find a saved payee called ${heardBack(spoken) ?? 'that'}. For your security, I can only pay payees you've already saved with your bank. Who would you like to pay?`,
  overPaymentLimit: (limit) => say`Sorry, each voice payment can be no more than ${limit}. Nothing has been sent.`,
  overDailyLimit: ({ limit, remaining }) =>
    say`Sorry, that would take you over your daily voice payment limit of ${limit}. You can still send ${remaining} today. Nothing has been sent.`,
  insufficientFunds: ({ account, available }) =>
    available
      ? say`Sorry, your ${account} only has ${available} available, so I can't send that. Nothing has been sent.`
      : say`Sorry, that's more than your ${account} has available, so I can't send it. Nothing has been sent.`,
  pinWrong: (triesLeft) =>
    say`That PIN didn't match. You have ${triesLeft} ${triesLeft === 1 ? 'attempt' : 'attempts'} left. What's your four-digit voice PIN?`,
  pinLockedCard: ({ bankName, contact, developerReset }) => ({
    title: 'Voice payments locked',
    text: [
      `Reset your voice PIN in the ${bankName} app${contact ? `, or ${contact}` : ` or with your bank's customer services`}.`,
      ...(developerReset ? [`Sandbox developers: npm run pin -- reset ${developerReset}`] : []),
    ].join('\n'),
  }),
  pinNotEnrolled: (bank) =>
    say`You haven't set up a voice PIN with ${bank} yet, so I can't make payments. You can set one up in your banking app.`,
  noPendingPayment: () => say`There isn't a payment waiting for your PIN.`,
  paymentExpired: () => say`That payment wasn't approved within five minutes, so it's expired. Nothing has been sent.`,
  paymentCancelled: () => say`OK, I've cancelled that payment. No money has moved.`,
  // Worded as in en-US, but with the British "done" phrasings.
  ...paymentConfirmations(doneWords),
  paymentRejected: (insufficientFunds) =>
    insufficientFunds
      ? say`Sorry, the bank didn't accept that payment because there isn't enough money available. Nothing has been sent.`
      : say`Sorry, the bank didn't accept that payment. Nothing has been sent.`,
  paymentNotSent: (bank) =>
    say`Sorry, I couldn't reach ${bank} to make that payment, so nothing has been sent. Please try again in a few minutes.`,
  paymentOutcomeUnknown: (bank) =>
    say`I haven't had an answer from ${bank} about that payment yet. It won't be sent twice. Please check your balance in a few minutes.`,
  approveInBankApp: (bank) =>
    say`${bank} has sent this payment to your banking app for approval. Once you've approved it there, say yes and I'll check. Have you approved it?`,
  privacyPin: () =>
    say`For your privacy, I need your four-digit voice PIN before I share any account details. What's your voice PIN?`,
};
