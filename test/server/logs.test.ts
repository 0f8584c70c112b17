/** A whole conversation at the most verbose log level leaves no secret in the logs. */
import request from 'supertest';
import { loadSandboxFixture } from '../../src/bank/sandbox/fixture';
import { alexaEnvelope, type EnvelopeOptions } from '../support/alexa-requests';
import { testHttpApp } from '../support/http';
import { alnum } from '../support/ssml';

describe('logs of a whole conversation', () => {
  it('hold no access token, account number, card number, IBAN or PIN', async () => {
    const { app, saldo } = await testHttpApp({ env: { LOG_LEVEL: 'trace' } });
    const fixture = loadSandboxFixture();
    const post = async (envelope: Record<string, unknown>) => {
      const res = await request(app)
        .post('/alexa')
        .set('content-type', 'application/json')
        .send(JSON.stringify(envelope));
      expect(res.status).toBe(200);
      return res.body as { sessionAttributes?: Record<string, unknown> };
    };
    for (const customer of fixture.customers) {
      const token = customer.accessToken;
      const locale = customer.locale;
      let attributes: Record<string, unknown> = {};
      const steps: EnvelopeOptions[] = [
        { intent: undefined },
        { intent: 'GetBalanceIntent', slots: { accountType: { value: 'checking', id: 'checking' } } },
        { intent: 'GetBalanceIntent' },
        { intent: 'GetTransactionsIntent', slots: { count: { value: '10' } } },
        { intent: 'AMAZON.NextIntent' },
        { intent: 'AMAZON.RepeatIntent' },
        { intent: 'ProvidePinIntent', slots: { pin: { value: customer.voicePin } } },
        { intent: 'AMAZON.StopIntent' },
      ];
      for (const [i, step] of steps.entries()) {
        const body = await post(alexaEnvelope({ ...step, token, locale, attributes, newSession: i === 0 }));
        attributes = body.sessionAttributes ?? {};
      }
    }
    await post(alexaEnvelope({ intent: 'GetBalanceIntent', token: 'stolen-token-abcdef123456' }));

    const logs = saldo.logs.text();
    expect(saldo.logs.lines.length).toBeGreaterThan(10);
    expect(logs).toContain('"intent":"GetTransactions"');
    const secrets = fixture.customers.flatMap((c) => [
      c.accessToken,
      ...c.accounts.map((a) => a.number),
      ...c.payees.map((p) => p.accountNumber),
    ]);
    secrets.push('stolen-token-abcdef123456');
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(alnum(logs)).not.toContain(alnum(secret));
    }
    for (const customer of fixture.customers) {
      expect(logs).not.toMatch(new RegExp(`"pin":\\{[^}]*${customer.voicePin}`));
    }
    expect(logs).toContain('"pin":"[redacted]"');
  });
});
