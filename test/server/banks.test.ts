/** Several banks in one Saldo (SALDO_CONFIG): routing, isolation, limits, health and metrics. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HttpApp } from '../../src/server/app';
import request from 'supertest';
import { stringify as toYaml } from 'yaml';
import { loadConfig } from '../../src/config';
import { alexaEnvelope, type EnvelopeOptions } from '../support/alexa-requests';
import { ssmlToText } from '../../src/voice/ssml-text';
import { testHttpApp, type TestHttp } from '../support/http';

const dir = mkdtempSync(path.join(tmpdir(), 'saldo-banks-'));

function configFile(name: string, content: unknown, format: 'json' | 'yaml' = 'json'): string {
  const file = path.join(dir, `${name}.${format}`);
  writeFileSync(file, format === 'json' ? JSON.stringify(content) : toYaml(content));
  return file;
}

const twoBanks = {
  banks: [
    {
      id: 'alpha',
      names: { 'en-US': 'Alpha Bank' },
      alexaSkillIds: ['amzn1.ask.skill.alpha'],
      googleProjectIds: ['alpha-project'],
      connector: { type: 'sandbox' },
      limits: { perPayment: '100.00', perDay: '500.00' },
      pin: { maxAttempts: 2 },
    },
    {
      id: 'beta',
      names: { 'en-US': 'Beta Bank', 'es-ES': 'Banco Beta' },
      alexaSkillIds: ['amzn1.ask.skill.beta'],
      googleProjectIds: ['beta-project'],
      connector: { type: 'sandbox' },
    },
  ],
};

const JOHN = 'sandbox-token-john';

async function say(app: HttpApp, skill: 'alpha' | 'beta' | 'other', options: EnvelopeOptions) {
  const res = await request(app)
    .post('/alexa')
    .set('content-type', 'application/json')
    .send(JSON.stringify(alexaEnvelope({ token: JOHN, ...options, skillId: `amzn1.ask.skill.${skill}` })));
  return {
    status: res.status,
    speech: (res.body?.response?.outputSpeech?.ssml as string | undefined) ?? '',
    attributes: res.body?.sessionAttributes ?? {},
  };
}

const checking = { accountType: { value: 'checking', id: 'checking' } };
const payCityPower = (amount: string) => ({
  intent: 'PayBillIntent',
  slots: { payee: { value: 'city power' }, amount: { value: amount } },
});

describe('two banks from one configuration file', () => {
  let http: TestHttp;
  beforeAll(async () => {
    http = await testHttpApp({ env: { SALDO_CONFIG: configFile('two-banks', twoBanks, 'yaml') } });
  });

  it('routes each skill id to its bank, speaking its name', async () => {
    expect((await say(http.app, 'alpha', {})).speech).toContain('Welcome to Alpha Bank');
    expect((await say(http.app, 'beta', {})).speech).toContain('Welcome to Beta Bank');
  });

  it('refuses a skill id no bank claims', async () => {
    const reply = await say(http.app, 'other', { intent: 'GetBalanceIntent' });
    expect(reply.status).toBe(403);
  });

  it('keeps money, PIN state, pending payments and limits apart', async () => {
    const { app } = http;
    // A payment on alpha moves alpha's money only.
    const readBack = await say(app, 'alpha', payCityPower('45'));
    expect(readBack.speech).toContain('$45.00 to City Power');
    const paid = await say(app, 'alpha', {
      intent: 'ProvidePinIntent',
      slots: { pin: { value: '2468' } },
      attributes: readBack.attributes,
      newSession: false,
    });
    expect(paid.speech).toContain('$1,189.56');
    expect((await say(app, 'alpha', { intent: 'GetBalanceIntent', slots: checking })).speech).toContain('$1,189.56');
    expect((await say(app, 'beta', { intent: 'GetBalanceIntent', slots: checking })).speech).toContain('$1,234.56');

    // Alpha's pending payment means nothing to beta, even with the right PIN.
    const alphaPending = await say(app, 'alpha', payCityPower('10'));
    const crossed = await say(app, 'beta', {
      intent: 'ProvidePinIntent',
      slots: { pin: { value: '2468' } },
      attributes: alphaPending.attributes,
      newSession: false,
    });
    expect(crossed.speech).toContain('no payment waiting');
    expect((await say(app, 'beta', { intent: 'GetBalanceIntent', slots: checking })).speech).toContain('$1,234.56');

    // Alpha's own limit (100.00) does not apply to beta (default 1,000.00).
    expect((await say(app, 'alpha', payCityPower('150'))).speech).toContain('at most $100.00');
    expect((await say(app, 'beta', payCityPower('150'))).speech).toContain('You&apos;re paying $150.00 to City Power');

    // Alpha locks after its own two wrong PINs; beta does not.
    for (const pin of ['1111', '2222']) {
      await say(app, 'alpha', {
        intent: 'ProvidePinIntent',
        slots: { pin: { value: pin } },
        attributes: alphaPending.attributes,
        newSession: false,
      });
    }
    expect((await say(app, 'alpha', payCityPower('5'))).speech).toContain('Voice payments are locked');
    const betaReadBack = await say(app, 'beta', payCityPower('5'));
    expect(betaReadBack.speech).toContain('You&apos;re paying $5.00');
    const betaPaid = await say(app, 'beta', {
      intent: 'ProvidePinIntent',
      slots: { pin: { value: '2468' } },
      attributes: betaReadBack.attributes,
      newSession: false,
    });
    expect(betaPaid.speech).toContain('Done');

    const audit = await http.application.db.query<{ bank_id: string; event: string }>(
      "SELECT bank_id, event FROM audit_log WHERE event = 'pin.locked'",
    );
    expect(audit).toEqual([{ bank_id: 'alpha', event: 'pin.locked' }]);
  });

  it('routes Google requests by the project their token is addressed to', async () => {
    const token = (aud: string) =>
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ aud })).toString('base64url')}.`;
    const body = {
      handler: { name: 'Launch' },
      session: { id: 'g', params: {} },
      user: { locale: 'es-ES', params: { bearerToken: 'sandbox-token-ana' } },
    };
    const beta = await request(http.app)
      .post('/google')
      .set('google-assistant-signature', token('beta-project'))
      .send(body);
    expect(beta.body.prompt.firstSimple.speech).toContain('Banco Beta');
  });

  it('reports each bank in /readyz and /metrics', async () => {
    const ready = await request(http.app).get('/readyz');
    expect(ready.body).toEqual({ status: 'ready', checks: { store: 'ok', 'bank:alpha': 'ok', 'bank:beta': 'ok' } });
    const metrics = await request(http.app).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toMatch(
      /saldo_requests_total\{bank="alpha",platform="alexa",intent="PayBill",status="200"\} \d+/,
    );
    expect(metrics.text).toMatch(
      /saldo_request_duration_seconds_bucket\{le="[^"]+",bank="beta",platform="alexa",intent="[A-Za-z]+"\}/,
    );
    expect(metrics.text).toMatch(
      /saldo_connector_call_duration_seconds_count\{bank="alpha",operation="makePayment"\} \d+/,
    );
  });
});

describe('a broken configuration file', () => {
  it.each([
    [
      'an unknown connector type',
      { banks: [{ id: 'x', names: { 'en-US': 'X' }, connector: { type: 'carrier-pigeon' } }] },
      /connector/,
    ],
    ['no banks', { banks: [] }, /banks/],
    [
      'an id with capitals',
      { banks: [{ id: 'Big Bank', names: { 'en-US': 'X' }, connector: { type: 'sandbox' } }] },
      /banks\.0\.id/,
    ],
    [
      'one skill id claimed twice',
      {
        banks: [
          { id: 'a', names: { 'en-US': 'A' }, alexaSkillIds: ['s'], connector: { type: 'sandbox' } },
          { id: 'b', names: { 'en-US': 'B' }, alexaSkillIds: ['s'], connector: { type: 'sandbox' } },
        ],
      },
      /claimed by both a and b/,
    ],
    [
      'five attempts too many',
      { banks: [{ id: 'a', names: { 'en-US': 'A' }, connector: { type: 'sandbox' }, pin: { maxAttempts: 6 } }] },
      /maxAttempts/,
    ],
  ])('is refused at start: %s', (_name, content, problem) => {
    expect(() => loadConfig({ SALDO_CONFIG: configFile(`bad-${Math.random()}`, content) })).toThrow(problem);
  });

  it('says when the file cannot be read', () => {
    expect(() => loadConfig({ SALDO_CONFIG: path.join(dir, 'missing.json') })).toThrow(/SALDO_CONFIG .*missing\.json/);
  });
});

describe('the example configuration files in config/', () => {
  it.each(['saldo.example.yaml', 'open-banking-sandbox.yaml', 'berlin-group-sandbox.yaml'])('%s is valid', (name) => {
    const config = loadConfig({ SALDO_CONFIG: path.resolve(__dirname, '../../config', name) });
    expect(config.banks?.length).toBeGreaterThan(0);
  });
});

describe('ALEXA_SKILL_ID and GOOGLE_PROJECT_ID beside SALDO_CONFIG', () => {
  it('are ignored with a warning naming them (each bank lists its own ids)', async () => {
    const http = await testHttpApp({
      env: {
        SALDO_CONFIG: configFile('ignored-ids', twoBanks),
        ALEXA_SKILL_ID: 'amzn1.ask.skill.env',
        GOOGLE_PROJECT_ID: 'env-project',
      },
    });
    const warning = http.saldo.logs.lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .find((entry) => entry.msg.includes('ignored: with SALDO_CONFIG'));
    expect(warning).toMatchObject({
      level: 40,
      msg: expect.stringMatching(/^ALEXA_SKILL_ID and GOOGLE_PROJECT_ID ignored/),
    });
    const other = await request(http.app)
      .post('/alexa')
      .send(alexaEnvelope({ skillId: 'amzn1.ask.skill.env' }));
    expect(other.status).toBe(403);
  });
});

describe("a bank's locales", () => {
  let http: TestHttp;
  beforeAll(async () => {
    const onlyBritish = {
      banks: [
        {
          id: 'gamma',
          names: { 'en-GB': 'Gamma Bank', 'en-US': 'Gamma Bank', 'es-ES': 'Banco Gamma' },
          alexaSkillIds: ['amzn1.ask.skill.gamma'],
          locales: ['en-GB'],
          connector: { type: 'sandbox' },
        },
      ],
    };
    http = await testHttpApp({ env: { SALDO_CONFIG: configFile('only-british', onlyBritish) } });
  });

  const ask = async (locale: string) => {
    const res = await request(http.app)
      .post('/alexa')
      .send(alexaEnvelope({ token: JOHN, locale, intent: 'GetBalanceIntent', skillId: 'amzn1.ask.skill.gamma' }));
    return {
      status: res.status,
      speech: ssmlToText(res.body.response.outputSpeech.ssml as string),
      ended: res.body.response.shouldEndSession as boolean,
    };
  };

  it('serves a locale the bank enables', async () => {
    const heard = await ask('en-GB');
    expect(heard.speech).toContain('ending in 4217');
    expect(heard.speech).not.toMatch(/doesn't offer/);
  });

  it.each([
    ['en-US', "Sorry, Gamma Bank doesn't offer voice banking in United States English yet."],
    ['es-ES', 'Lo siento, Banco Gamma todavía no ofrece la banca por voz en español de España.'],
    ['es-US', 'Lo siento, Gamma Bank todavía no ofrece la banca por voz en español de Estados Unidos.'],
    ['es-MX', 'Lo siento, Gamma Bank todavía no ofrece la banca por voz en español de Estados Unidos.'],
  ])('answers %s, which it does not enable, with a clear spoken refusal in that language', async (locale, refusal) => {
    const heard = await ask(locale);
    expect(heard).toMatchObject({ status: 200, ended: true });
    expect(heard.speech).toContain(refusal);
    expect(heard.speech).not.toMatch(/\$|€|\d/);
  });
});
