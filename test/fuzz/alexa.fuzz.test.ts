/**
 * POST /alexa, fuzzed from the real shapes: every request type of ask-sdk-model's Request
 * union, the skill's own interaction model (intents and slots), with hostile values,
 * missing and extra fields, unicode, huge and deep values; whole conversations carrying
 * their session attributes; and the requests the SDKs' own tests captured. Whatever comes
 * in: never a 5xx, a stack trace or an internal message; SSML that parses; no secret and
 * nothing of the client's own sent back; nothing moved; the server still healthy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import ts from 'typescript';
import { sessionStateSchema } from '../../src/shared/session';
import { SLOT_NAMES } from '../../src/shared/slots';
import type { Application } from '../../src/app/application';
import { testHttpApp } from '../support/http';
import {
  anyJson,
  expectNothingInternalOrSecret,
  expectSsml,
  forbiddenSecrets,
  fuzz,
  FUZZ_TIMEOUT_MS,
  fuzzTogether,
  hostileText,
  ledgerState,
  pinGuess,
  sender,
  slotText,
  TOKENS,
  withExtras,
  type Answer,
} from './support';

/** The `type` of every member of ask-sdk-model's Request union, read from its declarations. */
function askSdkRequestTypes(): string[] {
  const file = require.resolve('ask-sdk-model/index.d.ts');
  const program = ts.createProgram([file], { noResolve: true, noLib: true, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file) as ts.SourceFile) as ts.Symbol;
  const request = checker.getExportsOfModule(module).find((symbol) => symbol.name === 'Request') as ts.Symbol;
  const union = checker.getDeclaredTypeOfSymbol(request) as ts.UnionType;
  return union.types.map((member) => {
    const type = checker.getTypeOfSymbol(member.getProperty('type') as ts.Symbol);
    return String((type as ts.StringLiteralType).value);
  });
}

interface ModelIntent {
  readonly name: string;
  readonly slots?: ReadonlyArray<{ readonly name: string }>;
}
const model = JSON.parse(readFileSync(path.join(__dirname, '../../interaction-models/alexa/en-US.json'), 'utf8')) as {
  interactionModel: { languageModel: { intents: ModelIntent[] } };
};
const INTENTS = model.interactionModel.languageModel.intents;

const REQUEST_TYPES = askSdkRequestTypes();
const SKILL_ID = 'amzn1.ask.skill.fuzz';
const LOCALES = ['en-US', 'en-GB', 'es-ES', 'es-US', 'es-MX', 'es-419', 'en-AU', 'en-IN', 'fr-CA', 'de-DE', 'ja-JP'];

const token = fc.option(
  fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom(...TOKENS) },
    { weight: 4, arbitrary: hostileText },
    // Around the 8 KiB bound: banks' JWTs are long.
    { weight: 1, arbitrary: fc.integer({ min: 8000, max: 8400 }).map((n) => `eyJ${'a'.repeat(n)}`) },
  ),
  { nil: undefined, freq: 5 },
);

const resolutions = fc.record({
  resolutionsPerAuthority: fc.array(
    fc.record({
      authority: fc.oneof(fc.constant('amzn1.er-authority.echo-sdk.amzn1.ask.skill.fuzz.ACCOUNT_TYPE'), hostileText),
      status: fc.record({ code: fc.oneof(fc.constantFrom('ER_SUCCESS_MATCH', 'ER_SUCCESS_NO_MATCH'), hostileText) }),
      values: fc.array(fc.record({ value: fc.record({ name: slotText(), id: slotText() }) }), { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
});

function slot(name: string) {
  const value = name === 'pin' ? pinGuess : slotText(name);
  return fc.record(
    {
      name: fc.oneof({ weight: 5, arbitrary: fc.constant(name) }, { weight: 1, arbitrary: hostileText }),
      value,
      confirmationStatus: fc.oneof(fc.constantFrom('NONE', 'CONFIRMED', 'DENIED'), hostileText),
      resolutions,
    },
    { requiredKeys: ['name'] },
  );
}

/** An intent of the skill's model (or one it never declared) with some of its slots. */
const intent = fc
  .oneof(
    { weight: 6, arbitrary: fc.constantFrom(...INTENTS) },
    { weight: 1, arbitrary: hostileText.map((name): ModelIntent => ({ name, slots: [{ name: 'payee' }] })) },
  )
  .chain((declared) => {
    const names = [...(declared.slots ?? []).map((s) => s.name), ...SLOT_NAMES, 'unknownSlot'];
    return fc.record(
      {
        name: fc.constant(declared.name),
        confirmationStatus: fc.constantFrom('NONE', 'CONFIRMED', 'DENIED'),
        slots: fc
          .uniqueArray(fc.constantFrom(...names), { maxLength: 5 })
          .chain((chosen) => fc.tuple(...chosen.map((name) => slot(name).map((s) => [name, s] as const))))
          .map((entries) => Object.fromEntries(entries)),
      },
      { requiredKeys: ['name'] },
    );
  });

/** Session state as Saldo writes it, forged, or anything at all. */
const attributes = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      payment: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), hostileText),
      readApproval: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      more: fc.record({
        accountId: fc.constantFrom('acc-john-chk', 'acc-ana-chk', 'nope'),
        count: fc.integer({ min: -5, max: 50 }),
        offset: fc.integer({ min: -5, max: 1000 }),
      }),
      last: fc.record({ intent: fc.constantFrom('GetBalance', 'Launch', 'Help', 'GetTransactions', 'Evil') }),
      note: hostileText,
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(hostileText, anyJson, { maxKeys: 3 }),
);

const user = fc.record({ userId: hostileText, accessToken: token }, { requiredKeys: ['userId'] });

/** Mostly what a conversation is made of; every other documented type (and one no one documents) too. */
const requestType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('IntentRequest') },
  { weight: 2, arbitrary: fc.constant('LaunchRequest') },
  { weight: 1, arbitrary: fc.constant('SessionEndedRequest') },
  { weight: 3, arbitrary: fc.constantFrom(...REQUEST_TYPES, 'Custom.Unknown') },
);

const request = requestType.chain((type) =>
  withExtras(
    fc.record(
      {
        type: fc.constant(type),
        requestId: hostileText,
        timestamp: fc.oneof(fc.constant(new Date().toISOString()), hostileText),
        locale: fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...LOCALES) }, { weight: 1, arbitrary: hostileText }),
        intent,
        dialogState: fc.constantFrom('STARTED', 'IN_PROGRESS', 'COMPLETED'),
        reason: fc.constantFrom('USER_INITIATED', 'ERROR', 'EXCEEDED_MAX_REPROMPTS'),
        body: fc.record({ accessToken: token }),
      },
      // An IntentRequest mostly carries an intent; others sometimes do (CanFulfillIntentRequest does).
      {
        requiredKeys:
          type === 'IntentRequest' || type === 'CanFulfillIntentRequest'
            ? ['type', 'requestId', 'timestamp', 'intent']
            : ['type', 'requestId', 'timestamp'],
      },
    ),
  ),
);

const envelope = fc
  .record(
    {
      version: fc.oneof(fc.constant('1.0'), hostileText),
      session: withExtras(
        fc.record({
          new: fc.boolean(),
          sessionId: hostileText,
          application: fc.record({ applicationId: fc.constant(SKILL_ID) }),
          attributes,
          user,
        }),
      ),
      context: fc.record({
        System: withExtras(
          fc.record(
            {
              application: fc.record({ applicationId: fc.oneof(fc.constant(SKILL_ID), hostileText) }),
              user,
              person: fc.record({ personId: hostileText }),
              device: fc.record({ deviceId: hostileText, supportedInterfaces: anyJson }),
              // Closed port: a progressive response must fail fast and quietly, never leave the machine.
              apiEndpoint: fc.constant('http://127.0.0.1:9'),
              apiAccessToken: hostileText,
            },
            { requiredKeys: ['application', 'user'] },
          ),
        ),
      }),
      request,
    },
    { requiredKeys: ['version', 'context', 'request'] },
  )
  .map((value) => value as Record<string, unknown>);

/** Whole fields missing, as a broken client (or a future request type) would send. */
const MISSABLE = [
  'session.user',
  'session.application',
  'session.new',
  'context.System.user',
  'context.System.application',
  'context',
  'request.locale',
  'request.intent',
  'request.intent.slots',
  'request.requestId',
  'version',
];

/** A copy without the field at the dotted path (only the objects along the path are copied). */
function without(value: Record<string, unknown>, dotted: string): Record<string, unknown> {
  const [key, ...rest] = dotted.split('.') as [string, ...string[]];
  if (rest.length === 0) {
    const { [key]: _dropped, ...others } = value;
    return others;
  }
  const inner = value[key];
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return value;
  return { ...value, [key]: without(inner as Record<string, unknown>, rest.join('.')) };
}

const damaged = fc
  .tuple(envelope, fc.subarray(MISSABLE, { maxLength: 3 }))
  .map(([value, missing]) => missing.reduce(without, value));

const anyEnvelope = fc.oneof({ weight: 5, arbitrary: envelope }, { weight: 1, arbitrary: damaged });

const DIRECTIVES: ReadonlySet<string> = new Set([
  'Dialog.ElicitSlot',
  // Added by the language work: the customer's payees as slot values (no secrets).
  'Dialog.UpdateDynamicEntities',
]);

interface AlexaBody {
  version?: string;
  response?: {
    outputSpeech?: { ssml?: unknown };
    reprompt?: { outputSpeech?: { ssml?: unknown } };
    directives?: Array<{ type?: string; updatedIntent?: { slots?: Record<string, { value?: unknown }> } }>;
  };
  sessionAttributes?: unknown;
}

/** The invariants of one answer to one request. */
/** The token Saldo reads from an envelope: context.System's, else the session's. */
function requesterToken(sent: Record<string, unknown>): unknown {
  const tokenOf = (holder: unknown) => (holder as { user?: { accessToken?: unknown } } | undefined)?.user?.accessToken;
  return tokenOf((sent.context as { System?: unknown } | undefined)?.System) ?? tokenOf(sent.session);
}

function checkAnswer(sent: Record<string, unknown>, answer: Answer): AlexaBody | undefined {
  expectNothingInternalOrSecret(answer, forbiddenSecrets(sent, requesterToken(sent)));
  if (answer.status !== 200) {
    const refusal = JSON.parse(answer.text) as { error?: unknown };
    if (typeof refusal.error !== 'string') throw new Error(`a refusal without an error: ${answer.text}`);
    return undefined;
  }
  const body = JSON.parse(answer.text) as AlexaBody;
  if (body.version !== '1.0' || !body.response) throw new Error(`not an Alexa response: ${answer.text.slice(0, 300)}`);
  expectSsml(body.response.outputSpeech?.ssml);
  expectSsml(body.response.reprompt?.outputSpeech?.ssml);
  for (const directive of body.response.directives ?? []) {
    if (!DIRECTIVES.has(directive.type ?? '')) throw new Error(`unexpected directive ${directive.type}`);
    const slots = directive.updatedIntent?.slots ?? {};
    for (const name of Object.keys(slots)) {
      if (!(SLOT_NAMES as readonly string[]).includes(name))
        throw new Error(`echoed a slot Saldo does not have: ${name}`);
    }
    if (slots.pin?.value !== undefined) throw new Error('echoed the PIN slot');
  }
  if (sent.session === undefined && body.sessionAttributes !== undefined) {
    throw new Error('session attributes for a request without a session');
  }
  if (body.sessionAttributes !== undefined && !sessionStateSchema.strict().safeParse(body.sessionAttributes).success) {
    throw new Error(`session attributes that are not Saldo's own: ${JSON.stringify(body.sessionAttributes)}`);
  }
  return body;
}

describe('POST /alexa, fuzzed', () => {
  jest.setTimeout(FUZZ_TIMEOUT_MS);
  let application: Application;
  let send: ReturnType<typeof sender>;
  let before: string;
  const alexa = (body: unknown) => send('POST', '/alexa', JSON.stringify(body));

  beforeAll(async () => {
    const http = await testHttpApp({ overrides: { log: pino({ level: 'silent' }) } });
    application = http.application;
    send = sender(http.app);
    before = await ledgerState(application.db);
  });

  it('derives the request types from ask-sdk-model (all of them Alexa documents)', () => {
    expect(REQUEST_TYPES.length).toBeGreaterThanOrEqual(50);
    expect(REQUEST_TYPES).toEqual(
      expect.arrayContaining([
        'LaunchRequest',
        'IntentRequest',
        'SessionEndedRequest',
        'AlexaSkillEvent.SkillDisabled',
      ]),
    );
  });

  it('keeps every invariant for 5,000 single requests', async () => {
    await fuzzTogether(anyEnvelope, async (sent) => void checkAnswer(sent, await alexa(sent)), 5000);
  });

  it('keeps every invariant for 250 conversations that carry their session attributes', async () => {
    const conversation = fc.array(
      fc.tuple(intent, fc.constantFrom(...TOKENS)).map(([i, t]) => ({ intent: i, token: t })),
      { minLength: 2, maxLength: 5 },
    );
    await fuzz(
      conversation,
      async (turns) => {
        let attributes: unknown = {};
        let isNew = true;
        for (const [index, turn] of turns.entries()) {
          const user = { userId: 'amzn1.ask.account.fuzz', accessToken: turn.token };
          const sent = {
            version: '1.0',
            session: { new: isNew, sessionId: 's', application: { applicationId: SKILL_ID }, attributes, user },
            context: { System: { application: { applicationId: SKILL_ID }, user } },
            request: {
              type: 'IntentRequest',
              requestId: `r${index}`,
              timestamp: new Date().toISOString(),
              locale: 'en-US',
              intent: turn.intent,
            },
          };
          const body = checkAnswer(sent, await alexa(sent));
          attributes = body?.sessionAttributes ?? {};
          isNew = false;
        }
      },
      250,
    );
  });

  it('answers the requests the SDKs captured, as they are and with the skill’s intents', async () => {
    const dir = path.join(__dirname, '../fixtures/captured/alexa');
    const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    const captured = readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map(read);
    const host = read('launch-with-geolocation.json');
    captured.push(host);
    const requests = readdirSync(path.join(dir, 'requests')).map((file) => ({
      ...host,
      request: read(path.join('requests', file)),
    }));
    const withOurIntents = captured
      .filter((envelope) => (envelope.request as { type?: unknown }).type === 'IntentRequest')
      .flatMap((envelope) =>
        INTENTS.map((declared) => ({
          ...envelope,
          request: { ...(envelope.request as object), intent: { name: declared.name, slots: {} } },
        })),
      );
    const all = [...captured, ...requests, ...withOurIntents];
    const answers = await Promise.all(all.map(async (sent) => [sent, await alexa(sent)] as const));
    for (const [sent, answer] of answers) checkAnswer(sent, answer);
    // A real, complete capture is served (its LaunchRequest gets spoken), not refused.
    const launch = answers.find(([sent]) => sent === host)?.[1];
    expect(launch?.status).toBe(200);
    expect((JSON.parse(launch?.text ?? '{}') as AlexaBody).response?.outputSpeech).toBeDefined();
  });

  it('moved no money, and still answers a customer right', async () => {
    expect(await ledgerState(application.db)).toBe(before);
    expect((await send('GET', '/healthz')).status).toBe(200);
    const user = { userId: 'amzn1.ask.account.fuzz', accessToken: 'sandbox-token-john' };
    const balance = await alexa({
      version: '1.0',
      context: { System: { application: { applicationId: SKILL_ID }, user } },
      request: {
        type: 'IntentRequest',
        requestId: 'after',
        timestamp: new Date().toISOString(),
        locale: 'en-US',
        intent: { name: 'GetBalanceIntent', slots: { accountType: { name: 'accountType', value: 'checking' } } },
      },
    });
    expect(balance.text).toContain('$1,234.56');
  });
});
