/**
 * Helpers for the payment suites: PayBill / TransferMoney / ProvidePin request builders,
 * an adjustable clock, money and audit read straight from the store, and a scan of
 * everything that leaves Saldo for PINs, tokens and full account numbers.
 */
import { digits } from '../alexa/helpers';
import type { LambdaHandler } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { IntentRequestBuilder } from 'ask-sdk-test';
import type { SequenceItem, SkillSettings } from 'ask-sdk-test';
import { readAudit, type AuditEvent } from '../../src/store/audit';
import { FIXED_NOW, type TestSaldo } from '../support/app';
import { ANA, JOHN, sandboxFixture } from '../alexa/helpers';

export const PENDING_LIFETIME_MS = 5 * 60 * 1000;

export interface PaymentSlots {
  /** What the customer said for the payee (no entity resolution unless payeeId is given). */
  readonly payee?: string;
  /** The PAYEE slot type's resolution id. */
  readonly payeeId?: string;
  readonly amount?: string;
  readonly cents?: string;
  readonly fromAccount?: string;
  readonly toAccount?: string;
}

/** Payment requests for one locale. A fresh envelope per call: ask-sdk-test mutates them. */
export function paymentRequestsFor(settings: SkillSettings) {
  const intent = (name: string, slots: Readonly<Record<string, string | undefined>> = {}) => {
    const builder = new IntentRequestBuilder(settings, name);
    for (const [slot, value] of Object.entries(slots)) if (value !== undefined) builder.withSlot(slot, value);
    return builder;
  };
  const payment = (name: string, { payee, payeeId, ...rest }: PaymentSlots) => {
    const builder = intent(name, rest);
    if (payeeId) builder.withSlotResolution('payee', payee ?? payeeId, 'PAYEE', payeeId);
    else if (payee !== undefined) builder.withSlot('payee', payee);
    return builder.build();
  };
  return {
    payBill: (slots: PaymentSlots = {}) => payment('PayBillIntent', slots),
    transfer: (slots: PaymentSlots = {}) => payment('TransferMoneyIntent', slots),
    /** ProvidePinIntent; no argument: the slot was not recognised. */
    pin: (pin?: string) => intent('ProvidePinIntent', { pin }).build(),
    yes: () => intent('AMAZON.YesIntent').build(),
    no: () => intent('AMAZON.NoIntent').build(),
    cancel: () => intent('AMAZON.CancelIntent').build(),
    stop: () => intent('AMAZON.StopIntent').build(),
    repeat: () => intent('AMAZON.RepeatIntent').build(),
    help: () => intent('AMAZON.HelpIntent').build(),
    /** GetBalanceIntent for one account type, resolved to its ACCOUNT_TYPE id. */
    balance: (accountTypeId: 'checking' | 'savings' | 'credit_card') =>
      new IntentRequestBuilder(settings, 'GetBalanceIntent')
        .withSlotResolution('accountType', accountTypeId, 'ACCOUNT_TYPE', accountTypeId)
        .build(),
  };
}

/** A clock the test moves by hand: pass `clock.now` as testSaldo's `now` override. */
export function adjustableClock(start: Date = FIXED_NOW) {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    advance(ms: number) {
      at += ms;
    },
  };
}

/**
 * Session attributes captured from one response and replayed later (withSessionAttributes
 * is read when its turn runs, so the object can be filled in by an earlier callback).
 */
export function capturedSession(): {
  attributes: Record<string, unknown>;
  capture: (response: ResponseEnvelope) => void;
} {
  const attributes: Record<string, unknown> = {};
  return {
    attributes,
    capture: (response) => {
      for (const key of Object.keys(attributes)) delete attributes[key];
      Object.assign(attributes, JSON.parse(JSON.stringify(response.sessionAttributes ?? {})));
    },
  };
}

/** Calls the skill directly (for concurrent requests, which a sequence cannot make). */
export function invoke(handler: LambdaHandler, envelope: RequestEnvelope): Promise<ResponseEnvelope> {
  return new Promise((resolve, reject) => {
    handler(envelope, {}, (error, result) => (error ? reject(error) : resolve(result as ResponseEnvelope)));
  });
}

// ---------------------------------------------------------------------------------------
// Money and audit, from the store

export interface AccountMoney {
  /** Signed minor units (a debit balance is negative); undefined when the account has none. */
  readonly availableMinor?: number;
  readonly currentMinor: number;
}

export async function moneyIn(saldo: TestSaldo, token: string, accountId: string): Promise<AccountMoney> {
  const { bank } = await saldo.application;
  const { balances } = await bank.connector.getBalances(token, accountId);
  const signed = (type: 'available' | 'current') => {
    const balance = balances.find((b) => b.type === type);
    return balance && (balance.creditDebit === 'debit' ? -balance.amount.minor : balance.amount.minor);
  };
  return { availableMinor: signed('available'), currentMinor: signed('current') as number };
}

/** Every account of the sandbox customers, as the fixture seeds them. */
export const SEEDED: Readonly<Record<string, AccountMoney>> = {
  'acc-john-chk': { availableMinor: 123456, currentMinor: 130211 },
  'acc-john-sav': { availableMinor: 802000, currentMinor: 802000 },
  'acc-john-cc': { availableMinor: undefined, currentMinor: -64210 },
  'acc-ana-chk': { availableMinor: 254018, currentMinor: 254018 },
  'acc-ana-sav': { availableMinor: 1020000, currentMinor: 1020000 },
  'acc-ana-cc': { availableMinor: undefined, currentMinor: -31240 },
};

const ACCOUNTS_OF: Readonly<Record<string, { token: string; accounts: readonly string[] }>> = {
  'cust-john': { token: JOHN, accounts: ['acc-john-chk', 'acc-john-sav', 'acc-john-cc'] },
  'cust-ana': { token: ANA, accounts: ['acc-ana-chk', 'acc-ana-sav', 'acc-ana-cc'] },
};

/** Each of the customer's accounts as it is now. */
async function moneyOf(saldo: TestSaldo, customerId: 'cust-john' | 'cust-ana'): Promise<Record<string, AccountMoney>> {
  const { token, accounts } = ACCOUNTS_OF[customerId] as { token: string; accounts: readonly string[] };
  const entries = await Promise.all(accounts.map(async (id) => [id, await moneyIn(saldo, token, id)] as const));
  return Object.fromEntries(entries);
}

/** The customer's accounts are exactly as seeded: nothing moved. */
export async function expectNothingMoved(saldo: TestSaldo, customerId: 'cust-john' | 'cust-ana'): Promise<void> {
  const { accounts } = ACCOUNTS_OF[customerId] as { accounts: readonly string[] };
  expect(await moneyOf(saldo, customerId)).toEqual(Object.fromEntries(accounts.map((id) => [id, SEEDED[id]])));
}

export async function countPaymentsExecuted(saldo: TestSaldo): Promise<number> {
  const { db } = await saldo.application;
  const rows = await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM sandbox_payments WHERE status = 'completed'");
  return Number(rows[0]?.n ?? 0);
}

export interface AuditRecord {
  readonly event: AuditEvent;
  readonly channel: string | null;
  readonly at: number;
  readonly details: Record<string, unknown>;
  /** The row as stored, for leak scans. */
  readonly raw: string;
}

export async function auditOf(saldo: TestSaldo, customerId: string): Promise<AuditRecord[]> {
  const { db } = await saldo.application;
  const rows = await readAudit(db, 'sandbox', customerId);
  return rows.map((row) => ({
    event: row.event,
    channel: row.channel,
    at: Number(row.at),
    details: JSON.parse(row.details) as Record<string, unknown>,
    raw: JSON.stringify(row),
  }));
}

export async function auditEventsOf(saldo: TestSaldo, customerId: string): Promise<AuditEvent[]> {
  return (await auditOf(saldo, customerId)).map((r) => r.event);
}

export async function pendingStatuses(
  saldo: TestSaldo,
  customerId: string,
): Promise<Array<{ id: string; status: string; amount_minor: number | null }>> {
  const { db } = await saldo.application;
  return db.query(
    'SELECT id, status, amount_minor FROM pending_payments WHERE customer_id = ? ORDER BY created_at, rowid',
    [customerId],
  );
}

// ---------------------------------------------------------------------------------------
// Secrets that must never leave Saldo

const fixture = sandboxFixture();

/** Full account, card, IBAN and payee account numbers of every sandbox customer. */
const FULL_NUMBERS: readonly string[] = fixture.customers.flatMap((c) => [
  ...c.accounts.map((a) => String(a.number)),
  ...((c.payees as Array<{ accountNumber: string }> | undefined) ?? []).map((p) => p.accountNumber),
]);
const PINS = ['2468', '4831'] as const;
const TOKENS = [JOHN, ANA] as const;

/** The secrets found in a text: a PIN as a whole number (also spaced out), a token, a full number. */
export function secretsIn(raw: string): string[] {
  // Request ids are random UUIDs: a group of one could read "2468" by chance.
  const text = raw.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>');
  const found: string[] = [];
  for (const pin of PINS) {
    const whole = new RegExp(`(?<![0-9A-Za-z])${pin}(?![0-9A-Za-z])`);
    const spaced = new RegExp(`(?<![0-9])${pin.split('').join('[\\s,.-]')}(?![0-9])`);
    if (whole.test(text) || spaced.test(text)) found.push(`PIN ${pin}`);
  }
  for (const token of TOKENS) if (text.includes(token)) found.push(`token ${token}`);
  const compact = text.replace(/[\s-]/g, '');
  for (const number of FULL_NUMBERS)
    if (text.includes(number) || compact.includes(number)) found.push(`number ${number}`);
  return found;
}

/** Wraps each item's callback so every response is kept for a later leak scan. */
export function recorded(responses: ResponseEnvelope[], sequence: SequenceItem[]): SequenceItem[] {
  return sequence.map((item) => ({
    ...item,
    callback: (response: ResponseEnvelope) => {
      responses.push(response);
      item.callback?.(response);
    },
  }));
}

/** The speech (SSML and text) of a response without its <speak> wrapper. */
export function ssmlOf(response: ResponseEnvelope): string {
  const output = response.response.outputSpeech;
  return output && output.type === 'SSML' ? output.ssml.replace(/^<speak>/, '').replace(/<\/speak>$/, '') : '';
}

/** A payment id as session attributes carry it. */
export const PENDING_ID = /^[A-Za-z0-9_-]{22}$/;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A payment reference as spoken: four letters or digits, spelled out. */
const SPOKEN_REFERENCE = '<say-as interpret-as="characters">[0-9A-Z]{4}</say-as>';

/** A pattern for speech with `{ref}` where the spoken reference goes. */
export function withReference(template: string): RegExp {
  const [before, after] = template.split('{ref}');
  return new RegExp(`^${escapeRegExp(before ?? '')}${SPOKEN_REFERENCE}${escapeRegExp(after ?? '')}$`);
}

/** An envelope as a customer sends it outside a sequence (for `invoke`). */
export function fromCustomer(
  token: string,
  envelope: RequestEnvelope,
  options: { readonly isNew: boolean; readonly attributes?: Record<string, unknown>; readonly sessionId?: string },
): RequestEnvelope {
  const session = envelope.session as NonNullable<RequestEnvelope['session']>;
  envelope.session = {
    ...session,
    new: options.isNew,
    attributes: options.attributes ?? {},
    sessionId: options.sessionId ?? 'SessionId.direct',
    user: { ...session.user, accessToken: token },
  };
  envelope.context.System.user.accessToken = token;
  return envelope;
}

/**
 * What Saldo itself says in a response: speech, reprompt, card and session attributes.
 * (Not the Dialog directive, which hands Alexa back the customer's own slot values.)
 */
export function outgoingTextOf(response: ResponseEnvelope): string {
  const { outputSpeech, reprompt, card } = response.response;
  return JSON.stringify({ outputSpeech, reprompt, card, sessionAttributes: response.sessionAttributes ?? {} });
}

/** What John hears (en-US), word for word as the SSML has it. */
export const JOHN_HEARS: Readonly<
  Record<
    | 'CHECKING'
    | 'SAVINGS'
    | 'CARD'
    | 'ANYTHING_ELSE'
    | 'PIN_PROMPT'
    | 'PIN_INSTEAD_OF_YES'
    | 'NO_PENDING'
    | 'CANCELLED',
    string
  >
> = {
  CHECKING: `checking ending in ${digits('4217')}`,
  SAVINGS: `savings ending in ${digits('0088')}`,
  CARD: `credit card ending in ${digits('5454')}`,
  ANYTHING_ELSE: 'What else can I help you with?',
  PIN_PROMPT: 'What&apos;s your four-digit voice PIN?',
  PIN_INSTEAD_OF_YES: 'To approve, I need your four-digit voice PIN rather than a yes. What&apos;s your voice PIN?',
  NO_PENDING: 'There&apos;s no payment waiting for your PIN.',
  CANCELLED: 'OK, I&apos;ve cancelled that payment. No money was moved.',
};
