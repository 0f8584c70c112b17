/**
 * Each customer's payees, account nicknames and merchants reach the platform as dynamic
 * entities on the first turn of a session that goes on (Alexa: Dialog.UpdateDynamicEntities,
 * Google: session type overrides), with opaque per-customer ids (a payee's or an account's
 * comes back as the bank's id); the model itself holds none of them
 * (test/language/customer-data.test.ts).
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { createApplication, type Application } from '../../src/app/application';
import { createLogger } from '../../src/app/logger';
import { customerEntities, entityId } from '../../src/core/entities';
import { createAlexaSkill } from '../../src/platforms/alexa/skill';
import { createGoogleApp } from '../../src/platforms/google/app';
import { catalogueFor } from '../../src/voice/locales';
import { prepareIdentifiers } from '../../src/voice/guard';
import { renderReply } from '../../src/voice/reply';
import { plain } from '../../src/voice/spoken';
import { FIXED_NOW, TEST_PIN_COST } from '../support/app';

const JOHN = 'sandbox-token-john';
const ANA = 'sandbox-token-ana';
const SKILL = 'amzn1.ask.skill.entities-test';

interface Resolution {
  readonly authority: string;
  readonly id?: string;
}

interface TurnOptions {
  readonly token: string;
  readonly locale?: string;
  readonly newSession: boolean;
  readonly intent?: string;
  readonly slots?: Record<string, { value: string; resolutions?: Resolution[] }>;
  readonly attributes?: Record<string, unknown>;
}

function envelope(options: TurnOptions): RequestEnvelope {
  const user = { userId: 'amzn1.ask.account.entities', accessToken: options.token };
  const slots = Object.fromEntries(
    Object.entries(options.slots ?? {}).map(([name, slot]) => [
      name,
      {
        name,
        value: slot.value,
        confirmationStatus: 'NONE',
        ...(slot.resolutions
          ? {
              resolutions: {
                resolutionsPerAuthority: slot.resolutions.map((r) =>
                  r.id
                    ? {
                        authority: r.authority,
                        status: { code: 'ER_SUCCESS_MATCH' },
                        values: [{ value: { name: slot.value, id: r.id } }],
                      }
                    : { authority: r.authority, status: { code: 'ER_SUCCESS_NO_MATCH' } },
                ),
              },
            }
          : {}),
      },
    ]),
  );
  return {
    version: '1.0',
    session: {
      new: options.newSession,
      sessionId: 'amzn1.echo-api.session.entities',
      application: { applicationId: SKILL },
      attributes: options.attributes ?? {},
      user,
    },
    context: {
      System: { application: { applicationId: SKILL }, user, device: { deviceId: 'd', supportedInterfaces: {} } },
    },
    request: options.intent
      ? {
          type: 'IntentRequest',
          requestId: 'amzn1.echo-api.request.entities',
          timestamp: FIXED_NOW.toISOString(),
          locale: options.locale ?? 'en-US',
          intent: { name: options.intent, confirmationStatus: 'NONE', slots },
        }
      : {
          type: 'LaunchRequest',
          requestId: 'amzn1.echo-api.request.entities',
          timestamp: FIXED_NOW.toISOString(),
          locale: options.locale ?? 'en-US',
        },
  } as unknown as RequestEnvelope;
}

interface EntitiesDirective {
  readonly type: string;
  readonly updateBehavior?: string;
  readonly types?: Array<{ name: string; values: Array<{ id: string; name: { value: string; synonyms: string[] } }> }>;
  readonly slotToElicit?: string;
  readonly updatedIntent?: { name: string };
}

function directives(response: ResponseEnvelope): EntitiesDirective[] {
  return (response.response.directives ?? []) as unknown as EntitiesDirective[];
}

function entitiesDirective(response: ResponseEnvelope): EntitiesDirective | undefined {
  return directives(response).find((d) => d.type === 'Dialog.UpdateDynamicEntities');
}

function speech(response: ResponseEnvelope): string {
  const output = response.response.outputSpeech;
  return output && output.type === 'SSML' ? output.ssml : '';
}

let application: Application;
let say: (options: TurnOptions) => Promise<ResponseEnvelope>;

beforeAll(async () => {
  application = await createApplication(
    { SALDO_VERIFY_REQUESTS: 'false', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' },
    { log: createLogger('silent'), now: () => FIXED_NOW, phrasing: () => () => 0, pinHashCost: TEST_PIN_COST },
  );
  const skill = createAlexaSkill({ conversation: application.conversation });
  say = (options) => skill.invoke(envelope(options));
});

afterAll(async () => {
  await application.close();
});

describe('Alexa dynamic entities', () => {
  it("are sent on the first turn of John's session: his payees and account nicknames, REPLACE", async () => {
    const directive = entitiesDirective(await say({ token: JOHN, newSession: true }));
    expect(directive?.updateBehavior).toBe('REPLACE');
    const payees = directive?.types?.find((type) => type.name === 'PAYEE')?.values ?? [];
    expect(payees.map((value) => value.name.value).sort()).toEqual(['City Power', 'Mary Carter', 'Verizon']);
    expect(payees.find((value) => value.name.value === 'Mary Carter')?.name.synonyms).toEqual(
      expect.arrayContaining(['mom', 'my mom', 'mary']),
    );
    const nicknames = directive?.types?.find((type) => type.name === 'ACCOUNT_TYPE')?.values ?? [];
    expect(nicknames.map((value) => value.name.value).sort()).toEqual([
      'Everyday Checking',
      'Rainy Day Savings',
      'Travel Rewards Card',
    ]);
  });

  it('use opaque ids: never a bank id, never an account number, different for each customer', async () => {
    const directive = entitiesDirective(await say({ token: JOHN, newSession: true }));
    const text = JSON.stringify(directive);
    for (const secret of ['payee-john', 'acc-john', '000123454217', '5454545454545454', '88001234', 'cust-john'])
      expect(text).not.toContain(secret);
    const ids = directive?.types?.flatMap((type) => type.values.map((value) => value.id)) ?? [];
    expect(ids.every((id) => /^[pam]-[A-Za-z0-9_-]{16}$/.test(id))).toBe(true);
    expect(entityId('cust-john', 'payee', 'p1')).not.toBe(entityId('cust-ana', 'payee', 'p1'));
  });

  it("carry the merchants John spends at, named from the descriptions, beside the model's brands", async () => {
    const directive = entitiesDirective(await say({ token: JOHN, newSession: true }));
    const merchants = directive?.types?.find((type) => type.name === 'MERCHANT')?.values ?? [];
    expect(merchants.map((value) => value.name.value)).toEqual(
      expect.arrayContaining(['Blue Bottle Coffee', 'Shell Oil', 'Starbucks']),
    );
    expect(merchants.find((value) => value.name.value === 'Blue Bottle Coffee')?.id).toBe(
      entityId('cust-john', 'merchant', 'blue bottle coffee'),
    );
  });

  it('leave the merchants out when the session opens with a question (its bank calls go first)', async () => {
    const bills = await say({ token: JOHN, newSession: true, intent: 'GetUpcomingBillsIntent' });
    expect(bills.response.shouldEndSession).toBe(false);
    const types = entitiesDirective(bills)?.types?.map((type) => type.name);
    expect(types).toEqual(['PAYEE', 'ACCOUNT_TYPE']);
  });

  it('answer a spending question about a merchant matched from them', async () => {
    const response = await say({
      token: JOHN,
      newSession: false,
      intent: 'GetSpendingIntent',
      slots: {
        merchant: {
          value: 'blue bottle',
          resolutions: [
            {
              authority: `amzn1.er-authority.echo-sdk.dynamic.${SKILL}.MERCHANT`,
              id: entityId('cust-john', 'merchant', 'blue bottle coffee'),
            },
          ],
        },
        since: { value: '2026-06-01' },
      },
    });
    expect(speech(response)).toMatch(/You spent \$[\d,.]+ at Blue Bottle Coffee since/);
  });

  it('are sent once per session: not on a later turn', async () => {
    const later = await say({
      token: JOHN,
      newSession: false,
      intent: 'GetBalanceIntent',
      slots: { accountType: { value: 'savings' } },
    });
    expect(entitiesDirective(later)).toBeUndefined();
  });

  it('are not sent with a reply that ends the session', async () => {
    const oneShot = await say({ token: JOHN, newSession: true, intent: 'GetBalanceIntent' });
    expect(oneShot.response.shouldEndSession).toBe(true);
    expect(entitiesDirective(oneShot)).toBeUndefined();
  });

  it("never carry one customer's payees to another", async () => {
    const ana = JSON.stringify(entitiesDirective(await say({ token: ANA, newSession: true, locale: 'es-ES' })));
    const john = JSON.stringify(entitiesDirective(await say({ token: JOHN, newSession: true })));
    expect(ana).toContain('Iberdrola');
    for (const name of ['City Power', 'Verizon', 'Mary Carter', 'Rainy Day Savings']) expect(ana).not.toContain(name);
    for (const name of ['Iberdrola', 'Laura', 'Comunidad', 'Cuenta Ahorro']) expect(john).not.toContain(name);
  });

  it('resolve a payee by the dynamic match before the static one, and read it back asking for the PIN', async () => {
    const power = entityId('cust-john', 'payee', 'payee-john-power');
    const response = await say({
      token: JOHN,
      newSession: false,
      intent: 'PayBillIntent',
      slots: {
        amount: { value: '45' },
        payee: {
          value: 'the electric company',
          resolutions: [
            { authority: `amzn1.er-authority.echo-sdk.${SKILL}.PAYEE`, id: 'generic-gas' },
            { authority: `amzn1.er-authority.echo-sdk.dynamic.${SKILL}.PAYEE`, id: power },
          ],
        },
      },
    });
    expect(speech(response)).toContain('paying $45.00 to City Power');
    // The PIN is asked for as ProvidePin's slot: a bare "two four six eight" is then heard as the PIN.
    expect(directives(response).find((d) => d.type === 'Dialog.ElicitSlot')).toMatchObject({
      slotToElicit: 'pin',
      updatedIntent: { name: 'ProvidePinIntent' },
    });
  });

  it("ignore another customer's entity id and fall back to the words said", async () => {
    const laura = entityId('cust-ana', 'payee', 'payee-ana-laura');
    const response = await say({
      token: JOHN,
      newSession: false,
      intent: 'PayBillIntent',
      slots: {
        amount: { value: '20' },
        payee: {
          value: 'mary',
          resolutions: [{ authority: `amzn1.er-authority.echo-sdk.dynamic.${SKILL}.PAYEE`, id: laura }],
        },
      },
    });
    expect(speech(response)).toContain('to Mary Carter');
    expect(speech(response)).not.toContain('Laura');
  });

  it('resolve an account nickname to that account', async () => {
    const savings = entityId('cust-john', 'account', 'acc-john-sav');
    const response = await say({
      token: JOHN,
      newSession: false,
      intent: 'GetBalanceIntent',
      slots: {
        accountType: {
          value: 'rainy day',
          resolutions: [{ authority: `amzn1.er-authority.echo-sdk.dynamic.${SKILL}.ACCOUNT_TYPE`, id: savings }],
        },
      },
    });
    expect(speech(response)).toContain('savings ending in');
  });
});

describe('the merchants', () => {
  it("take only what payees and nicknames leave of Alexa's 100 values per directive, most visited first", () => {
    const payees = Array.from({ length: 5 }, (_, i) => ({
      id: `payee-${i}`,
      name: `Payee ${i}`,
      aliases: [],
      kind: 'biller' as const,
    }));
    const merchants = Array.from({ length: 200 }, (_, i) => `Merchant ${i}`);
    const entities = customerEntities('cust-x', payees, [], merchants);
    expect(entities.flatMap((type) => type.values)).toHaveLength(100);
    const sent = entities.find((type) => type.name === 'MERCHANT');
    expect(sent?.extendsModel).toBe(true);
    expect(sent?.values.map((value) => value.value)).toEqual(merchants.slice(0, 95));
  });
});

describe('Google session type overrides', () => {
  const body = (token: string, started: boolean) => ({
    handler: { name: 'Launch' },
    intent: { name: 'actions.intent.MAIN', params: {}, query: '' },
    scene: { name: 'Main', slotFillingStatus: 'UNSPECIFIED', slots: {} },
    session: { id: 'g1', params: started ? { started: true, saldo: {} } : {}, typeOverrides: [], languageCode: '' },
    user: {
      locale: 'en-US',
      params: { bearerToken: token },
      accountLinkingStatus: 'LINKED',
      verificationStatus: 'VERIFIED',
    },
    home: { params: {} },
    device: { capabilities: ['SPEECH'] },
  });

  it('replace PAYEE and ACCOUNT_TYPE on the first turn, and only then', async () => {
    const app = createGoogleApp({ conversation: application.conversation });
    type Handler = (body: unknown, headers: Record<string, string>) => Promise<{ body: unknown }>;
    const handle = app.handler as unknown as Handler;
    const first = (await handle(body(JOHN, false), {})).body as {
      session: {
        typeOverrides?: Array<{
          name: string;
          typeOverrideMode: string;
          synonym: { entries: Array<{ name: string; synonyms: string[] }> };
        }>;
      };
    };
    const payee = first.session.typeOverrides?.find((override) => override.name === 'PAYEE');
    // The library sends the mode as typeOverrideMode, the name the webhook format still uses.
    expect(payee?.typeOverrideMode).toBe('TYPE_REPLACE');
    expect(payee?.synonym.entries.map((entry) => entry.synonyms[0]).sort()).toEqual([
      'City Power',
      'Mary Carter',
      'Verizon',
    ]);
    expect(payee?.synonym.entries.every((entry) => entry.name.startsWith('p-'))).toBe(true);
    const later = (await handle(body(JOHN, true), {})).body as { session: { typeOverrides?: unknown[] } };
    expect(later.session.typeOverrides ?? []).toEqual([]);
  });
});

describe('the voice guard on dynamic entities', () => {
  it('drops a value that carries a known identifier, whole, and reports it', () => {
    const events: unknown[] = [];
    const reply = renderReply(
      {
        speech: plain('Hello?'),
        reprompt: plain('Hello?'),
        session: {},
        endSession: false,
        entities: [
          {
            name: 'PAYEE',
            values: [
              { id: 'p-aaaaaaaaaaaaaaaa', value: 'Landlord 000123454217', synonyms: [] },
              { id: 'p-bbbbbbbbbbbbbbbb', value: 'City Power', synonyms: ['power company'] },
            ],
          },
        ],
      },
      { identifiers: prepareIdentifiers(['000123454217']), report: (event) => events.push(event) },
      catalogueFor('en-US'),
    );
    expect(reply.entities).toEqual([
      { name: 'PAYEE', values: [{ id: 'p-bbbbbbbbbbbbbbbb', value: 'City Power', synonyms: ['power company'] }] },
    ]);
    expect(events).toHaveLength(1);
  });
});
