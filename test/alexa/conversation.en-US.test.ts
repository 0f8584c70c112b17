/**
 * The Alexa conversation in US English, as John Carter (sandbox-token-john) hears it.
 * Clock: Sunday 2026-11-29, so "yesterday" is Saturday the 28th and the card payment
 * (due in 12 days) is due on December 11.
 */
import { AlexaTest } from 'ask-sdk-test';
import { testSaldo } from '../support/app';
import {
  JOHN,
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

const settings = settingsFor('en-US');
const r = requestsFor(settings);
const saldo = testSaldo();
const alexa = new AlexaTest(saldo.handler, settings);

const CHECKING = `checking ending in ${digits('4217')}`;
const SAVINGS = `savings ending in ${digits('0088')}`;
const CARD = `credit card ending in ${digits('5454')}`;

const WELCOME =
  'Welcome to Sandbox Bank. You can check a balance, hear recent transactions, pay a saved payee or move money between your accounts. What would you like to do?';
const WELCOME_REPROMPT = 'What would you like to do? For example, say: what&apos;s my checking balance?';
const ANYTHING_ELSE = 'What else can I help you with?';
const HEAR_MORE = 'Would you like to hear more?';
const HELP =
  'I can tell you a balance, read your recent transactions, pay someone you&apos;ve saved with your bank, or move money between your accounts. Try: what&apos;s my checking balance? What would you like to do?';
const HELP_REPROMPT = 'What would you like to do?';
const FALLBACK =
  'Sorry, I can&apos;t help with that. I can give you a balance, your recent transactions, pay a saved payee or make a transfer. What would you like?';
const NOTHING_TO_REPEAT = 'There&apos;s nothing to repeat yet. What would you like to do?';
const THATS_ALL = 'That&apos;s all the transactions I have for that account.';
const GOODBYE = 'Goodbye.';

const CHECKING_BALANCE = `Your ${CHECKING} has an available balance of $1,234.56. The current balance is $1,302.11.`;
const FIRST_PAGE =
  `Here are your latest 3 transactions on your ${CHECKING}. ` +
  'Today, pending: $5.75 at Starbucks. Yesterday: $82.14 at Whole Foods Market. On Friday: $2,450.00 received from Payroll Acme Corp.';
const SECOND_PAGE =
  `Here are 3 older transactions on your ${CHECKING}. ` +
  'On Thursday: $41.20 at Shell Oil 5731. On Tuesday: $15.49 at Netflix. On Monday: $200.00, Transfer to Rainy Day Savings.';
const THIRD_PAGE =
  `Here are 3 older transactions on your ${CHECKING}. ` +
  'On November 21: $63.18 at Target. On November 19: $96.40 at City Power. On November 16: $12.85 at Chipotle.';
const LAST_PAGE =
  `Here are 3 older transactions on your ${CHECKING}. ` +
  'On November 14: $29.99 at Amazon Marketplace. On November 9: $1,650.00 at Oak Street Apartments Rent. ' +
  'On October 29: $2,450.00 received from Payroll Acme Corp.';

const FULL_CARD_NUMBER = '5454545454545454';

describe('en-US conversation (John)', () => {
  describe('launch', () => {
    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.launch(),
          says: WELCOME,
          reprompts: WELCOME_REPROMPT,
          shouldEndSession: false,
          hasAttributes: { last: equalTo({ intent: 'Launch' }) },
          callback: (response) => expect(response.response.card).toBeUndefined(),
        },
      ]),
      'welcomes to Sandbox Bank with a question and keeps the session open',
    );
  });

  describe('GetBalance', () => {
    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.withAccountType('GetBalanceIntent', 'checking', 'checking'),
          says: CHECKING_BALANCE,
          repromptsNothing: true,
          shouldEndSession: true,
          hasCardTitle: 'Your balances',
          hasCardContent:
            'Your checking ending in 4217 has an available balance of $1,234.56. The current balance is $1,302.11.',
          callback: (response) => expect(JSON.stringify(response)).not.toContain('000123454217'),
        },
      ]),
      'one-shot checking balance by resolution id: last four digits read one by one, then the session ends',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.intent('GetBalanceIntent', { accountType: 'current account' }),
          says: CHECKING_BALANCE,
          shouldEndSession: true,
        },
      ]),
      'understands "current account" without entity resolution',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.intent('GetBalanceIntent', { accountType: 'rainy day savings' }),
          says: `Your ${SAVINGS} has an available balance of $8,020.00. The current balance is $8,020.00.`,
          shouldEndSession: true,
        },
      ]),
      'finds the savings account by its nickname "rainy day savings"',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.withAccountType('GetBalanceIntent', 'credit card', 'credit_card'),
          saysLike: `You owe $642.10 on your ${CARD}.`,
          shouldEndSession: true,
          hasCardTitle: 'Your balances',
          callback: (response) => {
            expectInOrder(speechOf(response), [
              `You owe $642.10 on your ${CARD}.`,
              ' The minimum payment of $35.00 is due on December 11.',
            ]);
            expect(JSON.stringify(response)).not.toContain(FULL_CARD_NUMBER);
          },
        },
      ]),
      'credit card: what is owed, the minimum payment and its due date (12 days from today)',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.intent('GetBalanceIntent'),
          says:
            'Here are your 3 accounts. ' +
            `Checking ending in ${digits('4217')}: $1,234.56 available. ` +
            `Savings ending in ${digits('0088')}: $8,020.00 available. ` +
            `Credit card ending in ${digits('5454')}: $642.10 owed.`,
          shouldEndSession: true,
          hasCardTitle: 'Your balances',
          hasCardContent:
            'Checking ending in 4217: $1,234.56 available.\nSavings ending in 0088: $8,020.00 available.\nCredit card ending in 5454: $642.10 owed.',
        },
      ]),
      'no account named: a summary of all three accounts',
    );

    alexa.test(
      asCustomer(JOHN, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        {
          request: r.withAccountType('GetBalanceIntent', 'checking', 'checking'),
          says: `${CHECKING_BALANCE} ${ANYTHING_ELSE}`,
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
          hasAttributes: { last: equalTo({ intent: 'GetBalance', accountId: 'acc-john-chk' }) },
        },
        {
          request: r.intent('GetBalanceIntent', { accountType: 'card' }),
          saysLike: `You owe $642.10 on your ${CARD}.`,
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
          callback: (response) => expect(speechOf(response).endsWith(` ${ANYTHING_ELSE}`)).toBe(true),
        },
      ]),
      'inside a session (after launch) a balance is followed by "What else can I help you with?" and the session stays open',
    );
  });

  describe('GetBalance when John has two checking accounts', () => {
    const twoChecking = saldoWithFixture((fixture) => {
      customerIn(fixture, 'cust-john').accounts.push({
        id: 'acc-john-joint',
        type: 'checking',
        nickname: 'Joint Checking',
        number: '000765431111',
        currency: 'USD',
        available: '310.25',
        current: '310.25',
      });
    });
    const joint = new AlexaTest(twoChecking.handler, settings);
    const WHICH =
      `You have more than one of those: Everyday Checking ending in ${digits('4217')} or Joint Checking ending in ${digits('1111')}. ` +
      'Which one would you like?';

    joint.test(
      asCustomer(JOHN, [
        {
          request: r.withAccountType('GetBalanceIntent', 'checking', 'checking'),
          says: WHICH,
          reprompts: WHICH,
          elicitsSlot: 'accountType',
          elicitsForIntent: 'GetBalanceIntent',
          shouldEndSession: false,
        },
        {
          request: r.intent('GetBalanceIntent', { accountType: 'joint checking' }),
          says: `Your checking ending in ${digits('1111')} has an available balance of $310.25. The current balance is $310.25. ${ANYTHING_ELSE}`,
          shouldEndSession: false,
          callback: (response) => expect(JSON.stringify(response)).not.toContain('000765431111'),
        },
      ]),
      'asks which checking account (by nickname, eliciting accountType); the nickname answers it',
    );

    joint.test(
      asCustomer(JOHN, [
        {
          request: r.withAccountType('GetTransactionsIntent', 'checking', 'checking'),
          says: WHICH,
          elicitsSlot: 'accountType',
          elicitsForIntent: 'GetTransactionsIntent',
          shouldEndSession: false,
        },
        {
          request: r.withAccountType('GetTransactionsIntent', 'everyday checking', 'checking'),
          saysLike: `Here are your latest 3 transactions on your ${CHECKING}. Today, pending: $5.75 at Starbucks.`,
          shouldEndSession: false,
        },
      ]),
      'transactions on an ambiguous type ask which account too',
    );
  });

  describe('an account type John does not have', () => {
    const noSavings = saldoWithFixture((fixture) => removeAccount(fixture, 'cust-john', 'acc-john-sav'));
    const alexaNoSavings = new AlexaTest(noSavings.handler, settings);
    const NO_SAVINGS = `I couldn&apos;t find a savings account. You have ${CHECKING} and ${CARD}. Which account would you like?`;

    alexaNoSavings.test(
      asCustomer(JOHN, [
        {
          request: r.withAccountType('GetBalanceIntent', 'savings', 'savings'),
          says: NO_SAVINGS,
          reprompts: NO_SAVINGS,
          elicitsSlot: 'accountType',
          shouldEndSession: false,
        },
        {
          request: r.withAccountType('GetBalanceIntent', 'checking', 'checking'),
          says: `${CHECKING_BALANCE} ${ANYTHING_ELSE}`,
          shouldEndSession: false,
        },
      ]),
      'says so, lists the accounts John has, asks which and elicits accountType',
    );

    alexaNoSavings.test(
      asCustomer(JOHN, [
        {
          request: r.intent('GetTransactionsIntent', { accountType: 'savings' }),
          says: NO_SAVINGS,
          elicitsSlot: 'accountType',
          shouldEndSession: false,
        },
      ]),
      'the same for transactions',
    );
  });

  describe('GetTransactions', () => {
    // Counts and pages of the hand-written month: the generated, older history would only add pages.
    const alexa = new AlexaTest(saldoWithFixture(() => undefined).handler, settings);
    alexa.test(
      asCustomer(JOHN, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        {
          request: r.intent('GetTransactionsIntent'),
          says: `${FIRST_PAGE} ${HEAR_MORE}`,
          reprompts: HEAR_MORE,
          shouldEndSession: false,
          hasCardTitle: 'Recent transactions',
          hasCardContent:
            'Here are your latest 3 transactions on your checking ending in 4217.\n' +
            'Today, pending: $5.75 at Starbucks.\n' +
            'Yesterday: $82.14 at Whole Foods Market.\n' +
            'On Friday: $2,450.00 received from Payroll Acme Corp.',
          hasAttributes: { more: equalTo({ accountId: 'acc-john-chk', count: 3, offset: 3 }) },
        },
      ]),
      'newest first, three by default, "pending" said, the card holds the same lines',
    );

    alexa.test(
      asCustomer(JOHN, [
        { request: r.intent('GetTransactionsIntent'), says: `${FIRST_PAGE} ${HEAR_MORE}`, shouldEndSession: false },
      ]),
      'one-shot: when there are more, it asks "Would you like to hear more?" and stays open',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.intent('GetTransactionsIntent', { count: '5' }),
          saysLike: `Here are your latest 5 transactions on your ${CHECKING}. Today, pending: $5.75 at Starbucks.`,
          shouldEndSession: false,
          callback: (response) => {
            expectInOrder(speechOf(response), [
              'On Thursday: $41.20 at Shell Oil 5731.',
              'On Tuesday: $15.49 at Netflix.',
              HEAR_MORE,
            ]);
            expect(speechOf(response)).not.toContain('Transfer to Rainy Day Savings');
          },
        },
      ]),
      'count 5 reads five',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.intent('GetTransactionsIntent', { count: '50' }),
          saysLike: `Here are your latest 10 transactions on your ${CHECKING}.`,
          shouldEndSession: false,
          hasAttributes: { more: equalTo({ accountId: 'acc-john-chk', count: 10, offset: 10 }) },
          callback: (response) => {
            expect(cardContentOf(response).split('\n')).toHaveLength(11);
            expect(speechOf(response)).toContain(`On November 14: $29.99 at Amazon Marketplace. ${HEAR_MORE}`);
            expect(speechOf(response)).not.toContain('Oak Street Apartments Rent');
          },
        },
      ]),
      'count 50 is capped at 10',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.intent('GetTransactionsIntent', { date: '2026-11-28' }),
          says: `Here is 1 transaction yesterday on your ${CHECKING}. Yesterday: $82.14 at Whole Foods Market.`,
          shouldEndSession: true,
          hasCardContent:
            'Here is 1 transaction yesterday on your checking ending in 4217.\nYesterday: $82.14 at Whole Foods Market.',
        },
      ]),
      'a date slot reads only that day',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.intent('GetTransactionsIntent', { date: '2026-11-25' }),
          says: `I found no transactions on your ${CHECKING} on Wednesday.`,
          shouldEndSession: true,
        },
      ]),
      'a date without transactions says there are none',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.intent('GetTransactionsIntent', { count: '5' }),
          saysLike: 'On Thursday: $41.20 at Shell Oil 5731.',
          hasCardContentLike: 'On Thursday: $41.20 at Shell Oil 5731.',
          shouldEndSession: false,
          callback: (response) => {
            const everything = JSON.stringify(response);
            expect(everything).not.toContain(FULL_CARD_NUMBER);
            expect(everything).not.toContain('POS');
            expect(everything).not.toContain('[redacted]');
            expect(JSON.stringify(response.sessionAttributes)).not.toContain(FULL_CARD_NUMBER);
            expect(saldo.logs.text()).not.toContain(FULL_CARD_NUMBER);
          },
        },
      ]),
      '"POS 5454545454545454 SHELL OIL 5731" is spoken as "Shell Oil 5731"; the card number is never said, shown, stored or logged',
    );

    alexa.test(
      asCustomer(JOHN, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        { request: r.intent('GetTransactionsIntent'), says: `${FIRST_PAGE} ${HEAR_MORE}`, shouldEndSession: false },
        {
          request: r.intent('AMAZON.NextIntent'),
          says: `${SECOND_PAGE} ${HEAR_MORE}`,
          reprompts: HEAR_MORE,
          shouldEndSession: false,
          hasCardContentLike: 'On Thursday: $41.20 at Shell Oil 5731.\nOn Tuesday: $15.49 at Netflix.',
          hasAttributes: { more: equalTo({ accountId: 'acc-john-chk', count: 3, offset: 6 }) },
        },
        { request: r.intent('AMAZON.YesIntent'), says: `${THIRD_PAGE} ${HEAR_MORE}`, shouldEndSession: false },
        {
          request: r.intent('AMAZON.NextIntent'),
          says: `${LAST_PAGE} ${ANYTHING_ELSE}`,
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
          hasAttributes: { more: equalTo(undefined) },
        },
        {
          request: r.intent('AMAZON.NextIntent'),
          says: `${THATS_ALL} ${ANYTHING_ELSE}`,
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
        },
      ]),
      'AMAZON.NextIntent and AMAZON.YesIntent continue with older transactions until "That\'s all"',
    );

    alexa.test(
      asCustomer(JOHN, [
        { request: r.intent('GetTransactionsIntent'), says: `${FIRST_PAGE} ${HEAR_MORE}`, shouldEndSession: false },
        { request: r.intent('AMAZON.NoIntent'), says: GOODBYE, shouldEndSession: true },
      ]),
      'AMAZON.NoIntent after "Would you like to hear more?" says goodbye',
    );

    describe('descriptions with XML special characters', () => {
      const special = saldoWithFixture((fixture) => {
        customerIn(fixture, 'cust-john').transactions.unshift(
          {
            accountId: 'acc-john-chk',
            daysAgo: 0,
            description: 'AT&T',
            amount: '64.20',
            creditDebit: 'debit',
            status: 'booked',
          },
          {
            accountId: 'acc-john-chk',
            daysAgo: 0,
            description: "Trader Joe's",
            amount: '23.45',
            creditDebit: 'debit',
            status: 'booked',
          },
        );
      });
      new AlexaTest(special.handler, settings).test(
        asCustomer(JOHN, [
          {
            request: r.intent('GetTransactionsIntent'),
            saysLike:
              'Today: $64.20 at AT&amp;T. Today: $23.45 at Trader Joe&apos;s. Today, pending: $5.75 at Starbucks.',
            hasCardContentLike:
              "Today: $64.20 at AT&T.\nToday: $23.45 at Trader Joe's.\nToday, pending: $5.75 at Starbucks.",
            shouldEndSession: false,
            callback: (response) => {
              expectWellEscapedSsml(speechOf(response));
              expectWellEscapedSsml(repromptOf(response));
              expect(cardContentOf(response)).not.toContain('&amp;');
            },
          },
        ]),
        '"&" and "\'" are escaped in SSML and plain in the card',
      );
    });
  });

  describe('help, fallback, repeat and goodbye', () => {
    alexa.test(
      asCustomer(JOHN, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        { request: r.intent('AMAZON.HelpIntent'), says: HELP, reprompts: HELP_REPROMPT, shouldEndSession: false },
      ]),
      'help asks a question and stays open',
    );

    alexa.test(
      asCustomer(JOHN, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        {
          request: r.intent('AMAZON.FallbackIntent'),
          says: FALLBACK,
          reprompts: HELP_REPROMPT,
          shouldEndSession: false,
        },
      ]),
      'fallback says what the skill can do and stays open',
    );

    alexa.test(
      asCustomer(JOHN, [
        { request: r.intent('OrderPizzaIntent'), says: FALLBACK, reprompts: HELP_REPROMPT, shouldEndSession: false },
        { request: r.intent('OrderPizzaIntent', { topping: 'pepperoni' }), says: FALLBACK, shouldEndSession: false },
      ]),
      'an intent the skill does not know gets the helpful fallback, not an error',
    );

    let balanceSpeech = '';
    alexa.test(
      asCustomer(JOHN, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        {
          request: r.withAccountType('GetBalanceIntent', 'credit card', 'credit_card'),
          saysLike: `You owe $642.10 on your ${CARD}.`,
          shouldEndSession: false,
          callback: (response) => {
            balanceSpeech = speechOf(response);
          },
        },
        {
          request: r.intent('AMAZON.RepeatIntent'),
          says: (speech: string) => speech === balanceSpeech && speech.startsWith('You owe $642.10'),
          reprompts: ANYTHING_ELSE,
          shouldEndSession: false,
        },
      ]),
      'repeat after a balance says the same thing again',
    );

    let pageSpeech = '';
    alexa.test(
      asCustomer(JOHN, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        { request: r.intent('GetTransactionsIntent'), says: `${FIRST_PAGE} ${HEAR_MORE}`, shouldEndSession: false },
        {
          request: r.intent('AMAZON.NextIntent'),
          says: `${SECOND_PAGE} ${HEAR_MORE}`,
          shouldEndSession: false,
          callback: (response) => {
            pageSpeech = speechOf(response);
          },
        },
        {
          request: r.intent('AMAZON.RepeatIntent'),
          says: (speech: string) => speech === pageSpeech,
          shouldEndSession: false,
        },
        { request: r.intent('AMAZON.NextIntent'), says: `${THIRD_PAGE} ${HEAR_MORE}`, shouldEndSession: false },
      ]),
      'repeat after "next" repeats that page, and "next" then continues',
    );

    alexa.test(
      asCustomer(JOHN, [
        {
          request: r.intent('AMAZON.RepeatIntent'),
          says: NOTHING_TO_REPEAT,
          reprompts: NOTHING_TO_REPEAT,
          shouldEndSession: false,
        },
      ]),
      'repeat with nothing said yet asks what to do',
    );

    alexa.test(
      asCustomer(JOHN, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        { request: r.intent('AMAZON.CancelIntent'), says: GOODBYE, repromptsNothing: true, shouldEndSession: true },
      ]),
      'cancel says goodbye and ends the session',
    );

    alexa.test(
      asCustomer(JOHN, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        { request: r.intent('AMAZON.StopIntent'), says: GOODBYE, repromptsNothing: true, shouldEndSession: true },
      ]),
      'stop says goodbye and ends the session',
    );

    alexa.test(
      asCustomer(JOHN, [
        { request: r.launch(), says: WELCOME, shouldEndSession: false },
        {
          request: r.sessionEnded(),
          saysNothing: true,
          repromptsNothing: true,
          shouldEndSession: undefined,
          callback: (response) => expect(response.response.card).toBeUndefined(),
        },
      ]),
      'SessionEndedRequest gets no speech',
    );
  });
});
