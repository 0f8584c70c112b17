/**
 * Whatever account numbers, IBANs, card numbers and descriptions a bank sends, none of
 * them reaches speech, reprompts, cards or session state whole, and the SSML parses. The
 * masking rules do that on their own: the final safety scan (the net, not the mechanism)
 * never has to redact anything shaped like the fixture's data.
 */
import fc from 'fast-check';
import { createSandboxConnector } from '../../src/bank/sandbox/connector';
import type { SandboxFixture } from '../../src/bank/sandbox/fixture';
import { sandboxLedger, seedLedger } from '../../src/bank/sandbox/ledger';
import { loadConfig } from '../../src/config';
import { createConversation } from '../../src/core/conversation';
import { paymentDeps } from '../../src/app/application';
import type { Db } from '../../src/store/db';
import { openStore } from '../../src/store/open';
import { EMPTY_SESSION } from '../../src/shared/session';
import type { IntentName, Turn } from '../../src/core/turn';
import type { SafeReply } from '../../src/voice/reply';
import { captureLogs, FIXED_NOW, NO_PIN_CHECKS } from '../support/app';
import { alnum, expectWellFormedSsml } from '../support/ssml';

const digitString = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const upperLetter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');

const accountNumber = digitString(8, 17);
const cardNumber = digitString(13, 19);
/** As banks issue them: country, check digits, maybe a bank code in letters (GB WEST, NL ABNA), then digits. */
const iban = fc
  .tuple(
    fc.constantFrom('ES', 'GB', 'DE', 'FR', 'NL', 'IT'),
    digitString(2, 2),
    fc.array(upperLetter, { minLength: 0, maxLength: 4 }),
    digitString(10, 26),
  )
  .map(([country, check, bank, account]) => `${country}${check}${bank.join('')}${account}`);

/** How a bank might print a number inside free text: plain, grouped, or glued to a reference prefix. */
const grouped = (identifier: string) =>
  fc.constantFrom(
    identifier,
    identifier.replace(/(.{4})(?!$)/g, '$1 '),
    identifier.replace(/(.{4})(?!$)/g, '$1-'),
    `ref_${identifier}`,
    `REF${identifier}`,
    `${identifier}_x`,
    `#${identifier}/`,
  );

const descriptionAround = (identifier: string) =>
  fc
    .tuple(fc.string({ maxLength: 20 }), grouped(identifier), fc.string({ maxLength: 20 }))
    .map(([before, id, after]) => `${before} ${id} ${after}`);

const scenario = fc
  .record({
    checking: fc.oneof(accountNumber, iban),
    savings: fc.oneof(accountNumber, iban),
    card: cardNumber,
    payee: fc.oneof(accountNumber, iban),
  })
  .chain((numbers) =>
    fc.record({
      numbers: fc.constant(numbers),
      descriptions: fc.array(
        fc.oneof(
          descriptionAround(numbers.checking),
          descriptionAround(numbers.card),
          descriptionAround(numbers.payee),
          fc.string({ maxLength: 40 }),
          fc.constantFrom("Trader Joe's", 'AT&T <wireless>', '"Quotes" & more', 'Café ñandú'),
        ),
        { minLength: 1, maxLength: 6 },
      ),
      nickname: fc.option(fc.oneof(fc.string({ maxLength: 20 }), descriptionAround(numbers.savings)), {
        nil: undefined,
      }),
    }),
  );

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function fixtureOf(s: Scenario): SandboxFixture {
  return {
    bank: { id: 'prop', names: { 'en-US': 'Prop Bank', 'es-ES': 'Banco Prop' } },
    customers: [
      {
        id: 'cust-prop',
        name: 'Pat',
        locale: 'en-US',
        timeZone: 'America/New_York',
        accessToken: 'prop-token-0123456789',
        voicePin: '1357',
        accounts: [
          {
            id: 'a-chk',
            type: 'checking',
            nickname: s.nickname,
            number: s.numbers.checking,
            currency: 'USD',
            available: '10.00',
            current: '12.00',
          },
          {
            id: 'a-sav',
            type: 'savings',
            number: s.numbers.savings,
            currency: 'USD',
            available: '99.99',
            current: '99.99',
          },
          {
            id: 'a-cc',
            type: 'credit_card',
            number: s.numbers.card,
            currency: 'USD',
            current: '5.00',
            minimumPaymentDue: '1.00',
            paymentDueInDays: 3,
          },
        ],
        payees: [{ id: 'p1', name: 'Someone', aliases: [], kind: 'person', accountNumber: s.numbers.payee }],
        upcoming: [],
        transactions: s.descriptions.map((description, i) => ({
          accountId: 'a-chk',
          daysAgo: i,
          description,
          amount: '1.00',
          creditDebit: 'debit' as const,
          status: 'booked' as const,
        })),
      },
    ],
  };
}

function turn(intent: IntentName, locale: string, slots: Turn['slots'] = {}): Turn {
  return {
    platform: 'alexa',
    requestId: 'r',
    locale,
    accessToken: 'prop-token-0123456789',
    intent,
    slots,
    session: EMPTY_SESSION,
    newSession: false,
  };
}

function outgoing(reply: SafeReply): string[] {
  return [
    reply.speechSsml,
    reply.speechText,
    reply.repromptSsml ?? '',
    reply.repromptText ?? '',
    reply.card?.title ?? '',
    reply.card?.text ?? '',
    reply.sessionJson,
  ];
}

describe('no identifier reaches the customer whole', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openStore('sqlite::memory:');
  });
  afterEach(() => db.close());

  it('holds for balances and transactions in every locale', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.constantFrom('en-US', 'es-ES'), async (s, locale) => {
        const fixture = fixtureOf(s);
        let redactions = 0;
        const { log } = captureLogs('silent');
        const now = () => FIXED_NOW;
        await seedLedger(db, fixture);
        const conversation = createConversation(
          {
            connector: createSandboxConnector({ fixture, ledger: sandboxLedger(db, fixture.bank.id), now }),
            bankNames: fixture.bank.names,
            now,
            log,
            payments: paymentDeps(db, loadConfig({}), fixture.bank.id, now, NO_PIN_CHECKS),
            background: (_what, work) => void work(),
          },
          () => {
            redactions++;
          },
        );
        const turns = [
          turn('GetBalance', locale),
          turn('GetBalance', locale, { accountType: { resolvedId: 'checking', spoken: 'checking' } }),
          turn('GetBalance', locale, { accountType: { resolvedId: 'credit_card', spoken: 'card' } }),
          turn('GetTransactions', locale, { count: { spoken: '10' } }),
        ];
        const secrets = [s.numbers.checking, s.numbers.savings, s.numbers.card, s.numbers.payee].map(alnum);
        for (const t of turns) {
          const reply = await conversation.handle(t);
          if (!reply) throw new Error('expected a reply');
          expectWellFormedSsml(reply.speechSsml);
          if (reply.repromptSsml) expectWellFormedSsml(reply.repromptSsml);
          for (const text of outgoing(reply)) {
            for (const secret of secrets) expect(alnum(text)).not.toContain(secret);
          }
        }
        expect(redactions).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
