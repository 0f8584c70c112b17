/**
 * What every fuzzed request shares: hostile values, the server under test (one in-process
 * HTTP server, kept-alive connections), the secrets that must never come back, and the
 * invariants every answer keeps.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import fc from 'fast-check';
import inject, { type DispatchFunc } from 'light-my-request';
import type { HttpApp } from '../../src/server/app';
import type { Db } from '../../src/store/db';
import { enGB } from '../../src/voice/locales/en-GB';
import { enUS } from '../../src/voice/locales/en-US';
import { esES } from '../../src/voice/locales/es-ES';
import { esUS } from '../../src/voice/locales/es-US';
import { alnum, expectWellFormedSsml } from '../support/ssml';

/** A fixed seed unless SALDO_FUZZ_SEED names one; every failure says which to re-run with. */
const FUZZ_SEED = Number(process.env.SALDO_FUZZ_SEED ?? 20261129);

/**
 * How long one fuzz test may take before jest gives up: a safety net for a stuck request,
 * far above what thousands of requests take on a busy machine (nothing here measures speed).
 */
export const FUZZ_TIMEOUT_MS = 180_000;

/**
 * `numRuns` inputs, `together` at a time: requests in flight overlap their waits (the
 * store, the event loop), so thousands fit in seconds. A failure reports the batch.
 */
export function fuzzTogether<T>(
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
  numRuns: number,
  together = 8,
) {
  const batch = fc.array(arbitrary, { minLength: together, maxLength: together });
  return fuzz(batch, async (values) => void (await Promise.all(values.map(check))), Math.ceil(numRuns / together));
}

/** Runs a property with the fuzz seed; a failure names the seed, how to replay it, and what broke. */
export async function fuzz<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>, numRuns: number) {
  const details = await fc.check(fc.asyncProperty(arbitrary, check), { seed: FUZZ_SEED, numRuns, endOnFailure: true });
  if (!details.failed) return;
  const example = JSON.stringify(details.counterexample, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 200 ? `${value.slice(0, 60)}…(${value.length} chars)` : value,
  );
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const file = path.join(tmpdir(), `saldo-fuzz-${details.seed}.json`);
  writeFileSync(file, JSON.stringify(details.counterexample));
  throw new Error(
    [
      `fuzz failed after ${details.numRuns} runs; replay with SALDO_FUZZ_SEED=${details.seed} (path ${details.counterexamplePath})`,
      `the whole input: ${file}`,
      `error: ${cause.slice(0, 1500)}`,
      `input: ${(example ?? '').slice(0, 3000)}`,
    ].join('\n'),
  );
}

interface Fixture {
  customers: Array<{
    accessToken: string;
    voicePin: string;
    accounts: Array<{ number: string }>;
    payees: Array<{ accountNumber?: string }>;
  }>;
}

const fixture = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/sandbox-bank.json'), 'utf8')) as Fixture;

/** Each sandbox customer's secrets: the token, account, card and payee numbers. */
const CUSTOMER_SECRETS = fixture.customers.map((customer) => ({
  token: customer.accessToken,
  secrets: [
    customer.accessToken,
    ...customer.accounts.map((account) => account.number),
    ...customer.payees.flatMap((payee) => (payee.accountNumber ? [payee.accountNumber] : [])),
  ],
}));
export const SECRETS: readonly string[] = CUSTOMER_SECRETS.flatMap((customer) => customer.secrets);

/**
 * The secrets an answer must not contain: all of the speaking customer's (whatever they
 * said), and everyone else's unless the request itself said it (Saldo cannot know that a
 * phrase someone says is another customer's token; repeating a caller's own words leaks nothing).
 */
export function forbiddenSecrets(sent: unknown, requesterToken: unknown): readonly string[] {
  const said = alnum(JSON.stringify(sent) ?? '');
  const own = CUSTOMER_SECRETS.find((customer) => customer.token === requesterToken)?.secrets ?? [];
  return SECRETS.filter((secret) => own.includes(secret) || !said.includes(alnum(secret)));
}
const REAL_PINS: readonly string[] = fixture.customers.map((customer) => customer.voicePin);
export const TOKENS: readonly string[] = fixture.customers.map((customer) => customer.accessToken);

/** Secrets as someone might say or type them: spaced, dashed, glued to words. */
const SAID_SECRETS: readonly string[] = SECRETS.flatMap((secret) => [
  secret,
  secret.replace(/-/g, ' '),
  secret.replace(/(.{4})(?!$)/g, '$1 '),
  `ref_${secret}`,
]);

const MARKUP = [
  '<speak>',
  '</speak>',
  '<audio src="https://evil.example/x.mp3"/>',
  '<say-as interpret-as="digits">',
  '&apos;',
  '&amp;',
  '&#x0;',
  ']]>',
  '<!--',
  '"',
  "'",
  '\u0000',
  '\u202e',
  '\u200b',
  '\ufeff',
  '🏦💸',
  'ñandú',
  '__proto__',
  'constructor',
  'toString',
  '${process.env}',
  '%s%n',
  '\\',
  '\r\n',
];

/** What Alexa's and Google's NLU hand over for dates, right and wrong. */
const DATES = [
  '2026-11-28',
  '2026-12',
  '2027',
  '202X',
  '2026-WI',
  '2026-W49-WE',
  'PRESENT_REF',
  'XXXX-XX-XX',
  '2026-02-30',
  '9999-12-31',
  '0000-01-01',
];
const NUMBERS = [
  '0',
  '1',
  '45',
  '45.20',
  '-5',
  '?',
  '1e309',
  'NaN',
  '999999999999999999999',
  '3.14159',
  '٤٥',
  'forty five',
];
const WORDS = [
  'checking',
  'savings',
  'credit card',
  'city power',
  'mom',
  'verizon',
  'corriente',
  'la luz',
  'cuenta de cheques',
];

/** Text an attacker, a confused NLU or a broken client might send; now and then far too long. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 30, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 10, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 30, arbitrary: fc.constantFrom(...SAID_SECRETS, ...MARKUP) },
  {
    weight: 30,
    arbitrary: fc
      .array(fc.constantFrom(...SAID_SECRETS, ...MARKUP, ...WORDS, ' '), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join(' ')),
  },
  { weight: 20, arbitrary: fc.constantFrom(...DATES, ...NUMBERS) },
  // Rare, or almost every envelope would be refused for size before reaching the skill.
  { weight: 1, arbitrary: fc.integer({ min: 2049, max: 10_000 }).map((n) => 'x'.repeat(n)) },
);

/** What people say for each slot, so fuzzed requests reach balances, lists and payments. */
const SAID: Readonly<Record<string, readonly string[]>> = {
  accountType: ['checking', 'savings', 'credit card', 'corriente', 'ahorro', 'cuenta de cheques', 'brokerage'],
  fromAccount: ['checking', 'savings', 'credit card', 'corriente'],
  toAccount: ['savings', 'checking', 'ahorro'],
  payee: ['city power', 'verizon', 'mom', 'mary carter', 'la luz', 'nobody i know'],
  amount: ['5', '45', '45.20', '999', '1000.01', '0', '-3', '?', 'forty five'],
  cents: ['20', '0', '99', '100', '?'],
  count: ['1', '3', '10', '50', '0', 'three'],
  date: DATES,
};

/** A slot value: mostly what people say for that slot, often hostile. */
export function slotText(name = ''): fc.Arbitrary<string> {
  const said = SAID[name] ?? WORDS;
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...said) }, { weight: 2, arbitrary: hostileText });
}

/** A four-digit PIN guess: never a sandbox customer's real PIN (nothing may move). */
export const pinGuess: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^\d{4}$/).filter((pin) => !REAL_PINS.includes(pin)),
  hostileText.filter((text) => !REAL_PINS.some((pin) => text.includes(pin))),
);

/** Any JSON value, now and then deeply nested or long (kept rare: every field of every request may get one). */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.string({ maxLength: 12 }),
      fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.constant(null)), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.boolean()), {
        maxKeys: 4,
      }),
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 1000 }).map((depth) => deep(depth)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 2000 }).map((n) => Array.from({ length: n }, (_, i) => i)) },
);

function deep(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { nested: value };
  return value;
}

/** Adds unknown fields to an object, as future platform versions (or attackers) would. */
export function withExtras<T extends object>(base: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc
    .tuple(
      base,
      fc.dictionary(fc.constantFrom('extra', 'x-future', '__proto__', 'constructor', 'ünïcode'), anyJson, {
        maxKeys: 2,
      }),
    )
    .map(([value, extras]) => (Object.keys(extras).length === 0 ? value : { ...extras, ...value }));
}

export interface Answer {
  readonly status: number;
  readonly text: string;
}

/**
 * light-my-request, handed an express app, makes express's shared request and response
 * prototypes inherit from its own, so that express's handling keeps its fake socket. The
 * HTTP app hands express everything but POST /alexa, and is no express app itself: an
 * express app of no consequence is handed over once, to the same effect.
 */
const expressInjectable = inject(express() as unknown as DispatchFunc, { url: '/' });

/**
 * Sends a request straight into the HTTP app's handler (no socket: thousands of requests
 * must fit in seconds), exactly as the HTTP server would hand it over.
 */
export function sender(app: HttpApp) {
  const dispatch = app as unknown as DispatchFunc;
  return async (method: 'GET' | 'POST', url: string, body?: string, headers: Record<string, string> = {}) => {
    await expressInjectable;
    const res = await inject(dispatch, {
      method,
      url,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      payload: body,
    });
    return { status: res.statusCode, text: res.payload } satisfies Answer;
  };
}

const INTERNALS =
  /\bat [^\n]*\.(ts|js):\d+|TypeError|ReferenceError|SyntaxError|RangeError|Cannot read propert|is not a function|undefined is not|SQLITE|ZodError|internal error|ECONNREFUSED|node_modules/;

/** Never a 5xx, a stack trace or an internal message; none of the forbidden secrets, however grouped. */
export function expectNothingInternalOrSecret(answer: Answer, forbidden: readonly string[]): void {
  if (answer.status >= 500) throw new Error(`answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  if (INTERNALS.test(answer.text)) throw new Error(`internal detail in the answer: ${answer.text.slice(0, 500)}`);
  const seen = alnum(answer.text);
  for (const secret of forbidden) {
    if (seen.includes(alnum(secret))) {
      throw new Error(`a secret (…${secret.slice(-2)}) came back in ${answer.status}: ${answer.text.slice(0, 1500)}`);
    }
  }
}

/** The apology means something threw inside Saldo: a bug the fuzz has found, even though the caller was answered. */
const APOLOGIES = [enUS, enGB, esES, esUS].map((catalogue) => catalogue.somethingWentWrong().ssml);

export function expectSsml(ssml: unknown): void {
  if (ssml === undefined) return;
  if (typeof ssml !== 'string') throw new Error(`SSML is not a string: ${JSON.stringify(ssml)}`);
  expectWellFormedSsml(ssml);
  if (APOLOGIES.some((apology) => ssml.includes(apology)))
    throw new Error(`Saldo failed inside and apologised: ${ssml}`);
}

/** The sandbox ledger as it stands: balances and every booked row. */
export async function ledgerState(db: Db): Promise<string> {
  const balances = await db.query('SELECT * FROM sandbox_balances ORDER BY bank_id, account_id');
  const transactions = await db.query('SELECT COUNT(*) AS n FROM sandbox_transactions');
  const payments = await db.query('SELECT COUNT(*) AS n FROM sandbox_payments');
  return JSON.stringify({ balances, transactions, payments });
}
