/**
 * Two server processes on one database: confirmations and PIN guesses split between
 * them still move money once and lock after the limit.
 */
import { alexaEnvelope } from '../support/alexa-requests';
import { engines, type TestDatabase } from '../support/databases';
import { startServer, type ServerProcess } from '../support/server-process';

interface AlexaReply {
  response: { outputSpeech?: { ssml: string } };
  sessionAttributes?: { payment?: string };
}

async function post(server: ServerProcess, envelope: Record<string, unknown>): Promise<AlexaReply> {
  const res = await fetch(`${server.url}/alexa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(envelope),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as AlexaReply;
}

const readBack = alexaEnvelope({
  intent: 'PayBillIntent',
  token: 'sandbox-token-john',
  slots: {
    payee: { value: 'city power' },
    amount: { value: '45' },
    cents: { value: '20' },
    fromAccount: { value: 'checking' },
  },
});

function confirm(payment: string, pin: string) {
  return alexaEnvelope({
    intent: 'ProvidePinIntent',
    token: 'sandbox-token-john',
    slots: { pin: { value: pin } },
    attributes: { payment },
    newSession: false,
  });
}

const balance = alexaEnvelope({
  intent: 'GetBalanceIntent',
  token: 'sandbox-token-john',
  slots: { accountType: { value: 'checking', id: 'checking' } },
});

describe.each(engines().map((e) => [e.name, e] as const))(
  'two server processes on one %s database',
  (_name, engine) => {
    let database: TestDatabase;
    let servers: ServerProcess[];

    beforeEach(async () => {
      database = await engine.fresh();
      const env = { DATABASE_URL: database.url, SALDO_VERIFY_REQUESTS: 'false' };
      servers = await Promise.all([startServer(env), startServer(env)]);
    }, 30_000);

    afterEach(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await database.drop();
    });

    it('move money once for confirmations sent to both', async () => {
      const [a, b] = servers as [ServerProcess, ServerProcess];
      const payment = (await post(a, readBack)).sessionAttributes?.payment;
      expect(payment).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => post(i % 2 ? a : b, confirm(payment as string, '2468'))),
      );
      const speeches = new Set(replies.map((r) => r.response.outputSpeech?.ssml));
      expect(speeches.size).toBe(1);
      expect([...speeches][0]).toContain('$1,189.36');
      expect((await post(b, balance)).response.outputSpeech?.ssml).toContain('available balance of $1,189.36');
      expect((await post(a, balance)).response.outputSpeech?.ssml).toContain('available balance of $1,189.36');
    }, 60_000);

    it('lock after three wrong PINs sent to both', async () => {
      const [a, b] = servers as [ServerProcess, ServerProcess];
      const payment = (await post(a, readBack)).sessionAttributes?.payment as string;
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => post(i % 2 ? a : b, confirm(payment, String(9990 + i)))),
      );
      const ssml = replies.map((r) => r.response.outputSpeech?.ssml ?? '');
      expect(ssml.filter((s) => s.includes('didn&apos;t match. You have'))).toHaveLength(2);
      expect(ssml.filter((s) => s.includes('locked voice payments'))).toHaveLength(1);
      // Locked on every instance: a new payment on the other process is refused at once.
      const again = await post(b, readBack);
      expect(again.response.outputSpeech?.ssml).toContain('Voice payments are locked');
      expect(again.sessionAttributes?.payment).toBeUndefined();
    }, 60_000);
  },
);
