/**
 * Alexa's progressive response while the Open Banking bank is slow: after 1 s the skill
 * posts "One moment while I check with <bank>." to the Directive Service named in the
 * request (a local stand-in here), once, with the request's id and Alexa's API token;
 * the final answer follows. A fast bank sends nothing, and the interim speech carries no
 * figures or identifiers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { alexaEnvelope } from '../support/alexa-requests';
import { ssmlToText } from '../support/drivers';
import { saldoOnOpenBanking, type OpenBankingSaldo } from '../support/open-banking';
import { AIS, JOHN } from '../openbanking-sandbox/helpers';

const BALANCES = /\/accounts\/[^/]+\/balances$/;
const CHECKING_BALANCE =
  'Your checking ending in 4217 has an available balance of $1,234.56. The current balance is $1,302.11.';
const ONE_MOMENT = '<speak>One moment while I check with Open Sandbox Bank.</speak>';
const API_TOKEN = 'test-api-token';

interface DirectiveCall {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly body: unknown;
  readonly raw: string;
}

interface DirectiveService {
  readonly endpoint: string;
  readonly calls: DirectiveCall[];
  /** Status the service answers with (204, as Alexa's does, unless a test says otherwise). */
  status: number;
  close(): Promise<void>;
}

/** A stand-in for Alexa's Directive Service on 127.0.0.1: records what it is sent. */
async function directiveService(): Promise<DirectiveService> {
  const calls: DirectiveCall[] = [];
  const service = {
    endpoint: '',
    calls,
    status: 204,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      calls.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body, raw });
      res.statusCode = service.status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  service.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return service;
}

describe('progressive response while the bank is slow', () => {
  let ob: OpenBankingSaldo;
  let directives: DirectiveService;

  beforeAll(async () => {
    [ob, directives] = await Promise.all([saldoOnOpenBanking('defaults'), directiveService()]);
    // Compile the sandbox's validators before timing anything.
    await ob.bank.get(JOHN, `${AIS}/party`).expect(200);
    await ob.bank.get(JOHN, `${AIS}/accounts`).expect(200);
    await ob.bank.get(JOHN, `${AIS}/accounts/acc-john-chk/balances`).expect(200);
  });
  afterAll(async () => {
    await directives.close();
    await ob.close();
  });
  beforeEach(() => {
    directives.calls.length = 0;
    directives.status = 204;
  });
  afterEach(() => {
    ob.bank.app.faults.clear();
    expect(ob.bank.app.responseValidationErrors).toEqual([]);
  });

  async function getBalance(requestId: string, apiEndpoint: string | undefined = directives.endpoint) {
    const envelope = alexaEnvelope({
      intent: 'GetBalanceIntent',
      slots: { accountType: { value: 'checking', id: 'checking' } },
      token: JOHN,
      locale: 'en-US',
      requestId,
      apiEndpoint,
      apiAccessToken: apiEndpoint ? API_TOKEN : undefined,
    });
    const started = Date.now();
    const res = await request(ob.saldo.app)
      .post('/alexa')
      .set('content-type', 'application/json')
      .send(JSON.stringify(envelope));
    expect(res.status).toBe(200);
    const body = res.body as { response: { outputSpeech?: { ssml?: string } } };
    return { speech: ssmlToText(body.response.outputSpeech?.ssml ?? ''), ms: Date.now() - started, raw: res.text };
  }

  /** Waits past the progress delay, so a late directive would have been seen. */
  const pastProgressDelay = () => new Promise((resolve) => setTimeout(resolve, 1200));

  it('says "one moment" once through the Directive Service, then the balance', async () => {
    // Warm: John's profile is cached, so only the balances call is slow.
    expect((await getBalance('amzn1.echo-api.request.warm-up')).speech).toBe(CHECKING_BALANCE);
    directives.calls.length = 0;

    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, latencyMs: 1500 });
    const requestId = 'amzn1.echo-api.request.slow-bank';
    const answer = await getBalance(requestId);
    expect(answer.speech).toBe(CHECKING_BALANCE);
    expect(answer.ms).toBeGreaterThanOrEqual(1400);
    expect(answer.ms).toBeLessThan(6000);

    await pastProgressDelay();
    expect(directives.calls).toHaveLength(1);
    const [call] = directives.calls;
    expect(call?.method).toBe('POST');
    expect(call?.url).toBe('/v1/directives');
    expect(call?.authorization).toBe(`Bearer ${API_TOKEN}`);
    expect(call?.body).toEqual({
      header: { requestId },
      directive: { type: 'VoicePlayer.Speak', speech: ONE_MOMENT },
    });
    // No figures, no identifiers: neither the balance, the account, nor the customer's token.
    const speech = (call?.body as { directive: { speech: string } }).directive.speech;
    expect(speech).not.toMatch(/\d/);
    for (const secret of ['4217', '1,234', '1234', JOHN, 'acc-john']) expect(call?.raw).not.toContain(secret);
  });

  it('sends no directive when the bank answers fast', async () => {
    const answer = await getBalance('amzn1.echo-api.request.fast-bank');
    expect(answer.speech).toBe(CHECKING_BALANCE);
    expect(answer.ms).toBeLessThan(1000);
    await pastProgressDelay();
    expect(directives.calls).toEqual([]);
  });

  it('sends one directive, then the apology, when the bank does not answer at all', async () => {
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, latencyMs: 10_000 });
    const requestId = 'amzn1.echo-api.request.silent-bank';
    const answer = await getBalance(requestId);
    expect(answer.speech).toBe("Sorry, I can't reach Open Sandbox Bank right now. Please try again in a few minutes.");
    expect(answer.ms).toBeLessThan(7000);
    expect(directives.calls).toHaveLength(1);
    expect(directives.calls[0]?.body).toEqual({
      header: { requestId },
      directive: { type: 'VoicePlayer.Speak', speech: ONE_MOMENT },
    });
  });

  it('still answers when the Directive Service fails', async () => {
    directives.status = 500;
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, latencyMs: 1500 });
    const answer = await getBalance('amzn1.echo-api.request.directive-fails');
    expect(answer.speech).toBe(CHECKING_BALANCE);
    expect(directives.calls).toHaveLength(1);
  });

  it('sends nothing when the request names no API endpoint', async () => {
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, latencyMs: 1500 });
    const answer = await getBalance('amzn1.echo-api.request.no-endpoint', '');
    expect(answer.speech).toBe(CHECKING_BALANCE);
    await pastProgressDelay();
    expect(directives.calls).toEqual([]);
  });
});
