/**
 * POST /google, fuzzed from the real shapes: @assistant/conversation's HandlerRequest
 * (handler, intent with original/resolved parameters, scene, session, user, home, device,
 * context), Saldo's handler names and others, hostile values, missing and extra fields,
 * unicode, huge and deep values; whole conversations carrying their session params; and
 * the requests the library's own tests use. Whatever comes in: never a 5xx, a stack trace
 * or an internal message; SSML that parses; no secret and nothing of the client's own
 * sent back; nothing moved; the server still healthy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { INTENT_NAMES } from '../../src/core/turn';
import { sessionStateSchema } from '../../src/shared/session';
import { SLOT_NAMES } from '../../src/shared/slots';
import type { Application } from '../../src/app/application';
import { testHttpApp } from '../support/http';
import { alnum } from '../support/ssml';
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
  SECRETS,
  sender,
  slotText,
  TOKENS,
  withExtras,
  type Answer,
} from './support';

const HANDLERS = [...INTENT_NAMES, 'Unknown', 'actions.intent.MAIN', 'AccountLinking'];
const LOCALES = ['en-US', 'en-GB', 'es-ES', 'es-419', 'es-US', 'es-MX', 'en-AU', 'en-IN', 'fr-FR', 'hi-IN', ''];

const token = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.integer({ min: 8000, max: 8400 }).map((n) => `eyJ${'a'.repeat(n)}`) },
);

/** The session id and scene name: the protocol has the response repeat them, so they are never a secret here. */
const protocolEcho = hostileText.filter((text) => !SECRETS.some((secret) => alnum(text).includes(alnum(secret))));

/** Google resolves a parameter to a string, a number, a date object, or anything a type might. */
function resolved(name: string) {
  return fc.oneof(
    { weight: 3, arbitrary: name === 'pin' ? pinGuess : slotText(name) },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(2468 + 1, 1e308, -0)) },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          year: fc.integer({ min: -1, max: 3000 }),
          month: fc.integer({ min: -1, max: 13 }),
          day: fc.integer({ min: -1, max: 32 }),
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: anyJson },
  );
}

const params = fc
  .uniqueArray(fc.constantFrom(...SLOT_NAMES, 'unknownParam'), { maxLength: 5 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        fc
          .record(
            { original: fc.oneof(name === 'pin' ? pinGuess : slotText(name), anyJson), resolved: resolved(name) },
            { requiredKeys: [] },
          )
          .map((value) => [name, value] as const),
      ),
    ),
  )
  .map((entries) => Object.fromEntries(entries));

/** Saldo's own session params (as it wrote them, forged, or broken), or anything at all. */
const sessionParams = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      saldo: fc.record(
        {
          payment: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), hostileText),
          more: fc.record({
            accountId: fc.constantFrom('acc-john-chk', 'nope'),
            count: fc.integer(),
            offset: fc.integer(),
          }),
          last: fc.record({ intent: fc.constantFrom('GetBalance', 'Launch', 'Evil') }),
        },
        { requiredKeys: [] },
      ),
      started: fc.oneof(fc.boolean(), hostileText),
      AccountLinkingSlot: fc.constantFrom('LINKED', 'REJECTED', 'ERROR'),
      note: hostileText,
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(hostileText, anyJson, { maxKeys: 3 }),
);

const handlerRequest = fc
  .record(
    {
      handler: withExtras(
        fc.record({
          name: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...HANDLERS) }, { weight: 1, arbitrary: hostileText }),
        }),
      ),
      intent: withExtras(
        fc.record(
          { name: fc.oneof(fc.constantFrom(...HANDLERS), hostileText), params, query: hostileText },
          { requiredKeys: [] },
        ),
      ),
      scene: fc.record(
        {
          name: fc.oneof(fc.constantFrom('Main', 'AccountLinking', 'actions.scene.START_CONVERSATION'), protocolEcho),
          slotFillingStatus: fc.constantFrom('UNSPECIFIED', 'INITIALIZED', 'COLLECTING', 'FINAL'),
          slots: fc.dictionary(hostileText, anyJson, { maxKeys: 2 }),
          next: fc.record({ name: hostileText }),
        },
        { requiredKeys: [] },
      ),
      session: withExtras(
        fc.record(
          {
            id: protocolEcho,
            params: sessionParams,
            typeOverrides: fc.array(anyJson, { maxLength: 2 }),
            languageCode: fc.oneof(fc.constantFrom(...LOCALES), hostileText),
          },
          { requiredKeys: ['id'] },
        ),
      ),
      user: withExtras(
        fc.record(
          {
            locale: fc.oneof(
              { weight: 20, arbitrary: fc.constantFrom(...LOCALES) },
              { weight: 1, arbitrary: hostileText },
            ),
            params: fc.oneof(fc.record({ bearerToken: token }), fc.dictionary(hostileText, anyJson, { maxKeys: 2 })),
            accountLinkingStatus: fc.constantFrom('LINKED', 'NOT_LINKED', 'ACCOUNT_LINKING_STATUS_UNSPECIFIED'),
            verificationStatus: fc.oneof(
              fc.constantFrom('VERIFIED', 'GUEST', 'USER_VERIFICATION_STATUS_UNSPECIFIED'),
              hostileText,
            ),
            packageEntitlements: fc.array(anyJson, { maxLength: 2 }),
            gaiamint: hostileText,
            permissions: fc.array(fc.constantFrom('DEVICE_PRECISE_LOCATION', 'UPDATE'), { maxLength: 2 }),
            lastSeenTime: fc.oneof(fc.constant('2026-11-28T15:00:00Z'), hostileText),
          },
          { requiredKeys: [] },
        ),
      ),
      home: fc.record({ params: fc.dictionary(hostileText, anyJson, { maxKeys: 2 }) }),
      device: fc.record(
        {
          capabilities: fc.array(fc.constantFrom('SPEECH', 'RICH_RESPONSE', 'WEB_LINK', 'LONG_FORM_AUDIO'), {
            maxLength: 4,
          }),
          timeZone: fc.record({ id: hostileText, version: hostileText }),
          currentLocation: anyJson,
        },
        { requiredKeys: [] },
      ),
      context: anyJson,
    },
    { requiredKeys: ['handler', 'session'] },
  )
  .map((value) => value as Record<string, unknown>);

/** Now and then a required part is gone or of the wrong kind. */
const anyRequest = fc.oneof(
  { weight: 8, arbitrary: handlerRequest },
  {
    weight: 1,
    arbitrary: fc
      .tuple(handlerRequest, fc.constantFrom('handler', 'session', 'user', 'intent'), anyJson)
      .map(([value, key, replacement]) => ({ ...value, [key]: replacement })),
  },
);

/** An Authorization header sometimes carries the token instead of user.params (account linking's other way). */
const authorization = fc.option(
  fc.oneof(
    fc.constantFrom(...TOKENS).map((t) => `Bearer ${t}`),
    hostileText.filter((t) => /^[\x20-\x7e]*$/.test(t)),
  ),
  { nil: undefined, freq: 4 },
);

const SCENES: ReadonlySet<string> = new Set(['actions.scene.END_CONVERSATION', 'AccountLinking']);

interface GoogleBody {
  user?: unknown;
  prompt?: { firstSimple?: { speech?: unknown; text?: unknown } };
  scene?: { next?: { name?: string } };
  session?: { params?: Record<string, unknown> };
}

/** The token Saldo reads: user.params.bearerToken, else the Authorization header's. */
function requesterToken(sent: Record<string, unknown>, authorization?: string): unknown {
  const bearer = (sent.user as { params?: { bearerToken?: unknown } } | undefined)?.params?.bearerToken;
  return typeof bearer === 'string' && bearer ? bearer : authorization?.replace(/^Bearer /, '');
}

function checkAnswer(sent: Record<string, unknown>, answer: Answer, authorization?: string): GoogleBody | undefined {
  expectNothingInternalOrSecret(answer, forbiddenSecrets([sent, authorization], requesterToken(sent, authorization)));
  if (answer.status !== 200) {
    const refusal = JSON.parse(answer.text) as { error?: unknown };
    if (typeof refusal.error !== 'string') throw new Error(`a refusal without an error: ${answer.text}`);
    return undefined;
  }
  const body = JSON.parse(answer.text) as GoogleBody;
  if (body.user !== undefined) throw new Error('user storage sent back');
  expectSsml(body.prompt?.firstSimple?.speech);
  const next = body.scene?.next?.name;
  if (next !== undefined && !SCENES.has(next)) throw new Error(`transition to a scene Saldo never names: ${next}`);
  const kept = body.session?.params ?? {};
  for (const key of Object.keys(kept)) {
    if (key !== 'saldo' && key !== 'started') throw new Error(`a session param that is not Saldo's: ${key}`);
  }
  if (kept.saldo !== undefined && !sessionStateSchema.strict().safeParse(kept.saldo).success) {
    throw new Error(`session state that is not Saldo's own: ${JSON.stringify(kept.saldo)}`);
  }
  return body;
}

describe('POST /google, fuzzed', () => {
  jest.setTimeout(FUZZ_TIMEOUT_MS);
  let application: Application;
  let send: ReturnType<typeof sender>;
  let before: string;
  const google = (body: unknown, auth?: string) =>
    send('POST', '/google', JSON.stringify(body), auth === undefined ? {} : { authorization: auth });

  beforeAll(async () => {
    const http = await testHttpApp({ overrides: { log: pino({ level: 'silent' }) } });
    application = http.application;
    send = sender(http.app);
    before = await ledgerState(application.db);
  });

  it('keeps every invariant for 5,000 single requests', async () => {
    await fuzzTogether(
      fc.tuple(anyRequest, authorization),
      async ([sent, auth]) => void checkAnswer(sent, await google(sent, auth), auth),
      5000,
    );
  });

  it('keeps every invariant for 250 conversations that carry their session params', async () => {
    const turn = fc.record({ handler: fc.constantFrom(...HANDLERS), params, token: fc.constantFrom(...TOKENS) });
    await fuzz(
      fc.array(turn, { minLength: 2, maxLength: 5 }),
      async (turns) => {
        let sessionParams: Record<string, unknown> = {};
        for (const t of turns) {
          const sent = {
            handler: { name: t.handler },
            intent: { name: t.handler, params: t.params, query: '' },
            session: { id: 'fuzz-session', params: sessionParams },
            user: { locale: 'en-US', params: { bearerToken: t.token }, verificationStatus: 'VERIFIED' },
          };
          const body = checkAnswer(sent, await google(sent));
          sessionParams = body?.session?.params ?? {};
        }
      },
      250,
    );
  });

  it('answers the requests the library’s tests use, as they are and with Saldo’s handlers', async () => {
    const dir = path.join(__dirname, '../fixtures/captured/google');
    const captured = readdirSync(dir).map(
      (file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>,
    );
    const withOurHandlers = captured.flatMap((request) =>
      HANDLERS.map((name) => ({
        ...request,
        handler: { name },
        user: { ...(request.user as object), params: { bearerToken: 'sandbox-token-john' } },
      })),
    );
    const all = [...captured, ...withOurHandlers];
    const answers = await Promise.all(all.map((request) => google(request)));
    answers.forEach((answer, i) => checkAnswer(all[i] as Record<string, unknown>, answer));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const balance = answers.slice(captured.length).find((answer) => answer.text.includes('$1,234.56'));
    expect(balance).toBeDefined();
  });

  it('moved no money, and still answers a customer right', async () => {
    expect(await ledgerState(application.db)).toBe(before);
    expect((await send('GET', '/healthz')).status).toBe(200);
    const answer = await google({
      handler: { name: 'GetBalance' },
      intent: { name: 'GetBalance', params: { accountType: { original: 'checking', resolved: 'checking' } } },
      session: { id: 'after', params: {} },
      user: { locale: 'en-US', params: { bearerToken: 'sandbox-token-john' } },
    });
    expect(answer.text).toContain('$1,234.56');
  });
});
