/**
 * Small helpers for the Alexa conversation suites: request builders per locale, a
 * customer's token on every turn, readable access to a response, and variants of the
 * sandbox fixture written to a temporary file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { IntentRequestBuilder, LaunchRequestBuilder, SessionEndedRequestBuilder } from 'ask-sdk-test';
import type { SequenceItem, SkillSettings } from 'ask-sdk-test';
import { testSaldo, type TestSaldo } from '../support/app';

export const JOHN = 'sandbox-token-john';
export const ANA = 'sandbox-token-ana';

/** The SSML Alexa reads one digit at a time. */
export const digits = (value: string): string => `<say-as interpret-as="digits">${value}</say-as>`;

export function settingsFor(locale: 'en-US' | 'es-ES'): SkillSettings {
  return {
    appId: 'amzn1.ask.skill.saldo-test',
    userId: 'amzn1.ask.account.saldo-test',
    deviceId: 'amzn1.ask.device.saldo-test',
    locale,
  };
}

export type Slots = Readonly<Record<string, string>>;

/** Request envelopes for one locale. A fresh envelope per call: ask-sdk-test mutates them. */
export function requestsFor(settings: SkillSettings) {
  return {
    launch: () => new LaunchRequestBuilder(settings).build(),
    /** An intent with slots as Alexa sends them when entity resolution found nothing. */
    intent: (name: string, slots: Slots = {}) => {
      const builder = new IntentRequestBuilder(settings, name);
      for (const [slot, value] of Object.entries(slots)) builder.withSlot(slot, value);
      return builder.build();
    },
    /** An intent whose accountType slot resolved to an ACCOUNT_TYPE id. */
    withAccountType: (name: string, spoken: string, id: string, slots: Slots = {}) => {
      const builder = new IntentRequestBuilder(settings, name).withSlotResolution(
        'accountType',
        spoken,
        'ACCOUNT_TYPE',
        id,
      );
      for (const [slot, value] of Object.entries(slots)) builder.withSlot(slot, value);
      return builder.build();
    },
    sessionEnded: () => new SessionEndedRequestBuilder(settings, 'USER_INITIATED').build(),
  };
}

/** Every turn of the sequence comes from the customer with this access token. */
export function asCustomer(token: string, sequence: SequenceItem[]): SequenceItem[] {
  return sequence.map((item) => ({ withUserAccessToken: token, ...item }));
}

/** The SSML between <speak> tags, as saysLike sees it. */
export function speechOf(response: ResponseEnvelope): string {
  const output = response.response.outputSpeech;
  if (!output || output.type !== 'SSML') return '';
  return output.ssml.replace(/^<speak>/, '').replace(/<\/speak>$/, '');
}

export function repromptOf(response: ResponseEnvelope): string {
  const output = response.response.reprompt?.outputSpeech;
  if (!output || output.type !== 'SSML') return '';
  return output.ssml.replace(/^<speak>/, '').replace(/<\/speak>$/, '');
}

export function cardContentOf(response: ResponseEnvelope): string {
  const card = response.response.card;
  return card && card.type === 'Simple' ? (card.content ?? '') : '';
}

/**
 * For hasAttributes: a session attribute deep-equal to `expected` (undefined: absent).
 * Fails with jest's diff rather than ask-sdk-test's "[object Object]".
 */
export function equalTo(expected: unknown): (actual: unknown) => boolean {
  return (actual) => {
    expect(actual).toEqual(expected);
    return true;
  };
}

/** Each part must appear in the text, in this order. */
export function expectInOrder(text: string, parts: readonly string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    if (at === -1) throw new Error(`expected ${JSON.stringify(part)} after character ${from} of:\n${text}`);
    from = at + part.length;
  }
}

/** An `&`, `<` or quote that is not part of an XML entity or tag breaks the SSML. */
export function expectWellEscapedSsml(ssml: string): void {
  expect(ssml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  const withoutTags = ssml.replace(/<\/?(say-as|break|speak)(\s[^>]*)?\/?>/g, '');
  expect(withoutTags).not.toMatch(/[<>]/);
}

// ---------------------------------------------------------------------------------------
// Fixture variants

const SANDBOX_FIXTURE_PATH = path.resolve(__dirname, '../../fixtures/sandbox-bank.json');

type JsonObject = Record<string, unknown>;
export interface FixtureJson {
  bank: JsonObject;
  customers: Array<
    JsonObject & {
      id: string;
      accounts: Array<JsonObject & { id: string }>;
      transactions: Array<JsonObject & { accountId: string }>;
    }
  >;
}

export function sandboxFixture(): FixtureJson {
  return JSON.parse(readFileSync(SANDBOX_FIXTURE_PATH, 'utf8')) as FixtureJson;
}

export function customerIn(fixture: FixtureJson, id: string) {
  const customer = fixture.customers.find((c) => c.id === id);
  if (!customer) throw new Error(`no customer ${id} in the fixture`);
  return customer;
}

/**
 * Removes an account and its transactions (the fixture schema rejects orphaned
 * transactions); a transfer with it stays, as a transfer to someone else.
 */
export function removeAccount(fixture: FixtureJson, customerId: string, accountId: string): void {
  const customer = customerIn(fixture, customerId);
  customer.accounts = customer.accounts.filter((a) => a.id !== accountId);
  customer.transactions = customer.transactions
    .filter((t) => t.accountId !== accountId)
    .map(({ transferAccountId, ...t }) => (transferAccountId === accountId ? t : { ...t, transferAccountId }));
}

/**
 * Saldo serving a modified copy of the sandbox fixture (SALDO_FIXTURE). The file lives in
 * the OS temp directory for as long as the suite runs.
 */
export function saldoWithFixture(modify: (fixture: FixtureJson) => void): TestSaldo {
  const fixture = sandboxFixture();
  modify(fixture);
  const dir = mkdtempSync(path.join(tmpdir(), 'saldo-alexa-'));
  const file = path.join(dir, 'sandbox-bank.json');
  writeFileSync(file, JSON.stringify(fixture, null, 2));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return testSaldo({ SALDO_FIXTURE: file });
}
