/** A bank in privacy mode: no balance or transaction before the voice PIN, once per conversation. */
import request from 'supertest';
import { alexaEnvelope } from '../support/alexa-requests';
import { alexaDriver } from '../support/drivers';
import { testHttpApp } from '../support/http';
import { privacyModeConfig } from '../support/privacy-bank';

const file = privacyModeConfig();

describe('privacy mode', () => {
  it('asks for the PIN before the first balance, then answers it and the next reads', async () => {
    const { app } = await testHttpApp({ env: { SALDO_CONFIG: file } });
    const alexa = alexaDriver(app, { token: 'sandbox-token-john', locale: 'en-US' });
    const launch = await alexa.say('Launch');
    expect(launch.speech).toContain('Welcome to Careful Bank');
    const asked = await alexa.say('GetBalance', { accountType: { spoken: 'checking', id: 'checking' } });
    expect(asked.speech).toBe(
      "For your privacy, I need your four-digit voice PIN before I share account details. What's your voice PIN?",
    );
    expect(asked.raw).not.toContain('1,234.56');
    const wrong = await alexa.say('ProvidePin', { pin: { spoken: '1111' } });
    expect(wrong.speech).toContain("That PIN didn't match. You have 2 tries left.");
    expect(wrong.raw).not.toContain('1,234.56');
    const answered = await alexa.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(answered.speech).toContain('checking ending in 4217 has an available balance of $1,234.56');
    // The rest of the conversation needs no second PIN.
    const transactions = await alexa.say('GetTransactions');
    expect(transactions.speech).toContain('Starbucks');
    const more = await alexa.say('More');
    expect(more.speech).toContain('Shell Oil');
  });

  it('asks for the PIN again, telling nothing, when its check could not start in time', async () => {
    const { app } = await testHttpApp({
      env: { SALDO_CONFIG: file, SALDO_PIN_CPU_SHARE: '0.01' },
      // As though busy answering all along, no burst: after one check, the next waits seconds.
      overrides: {
        pinHashCost: { log2N: 14, r: 8, p: 1 },
        pinWorkers: { burstMs: 0, maxWaitMs: 50, shareMeter: (cpuShare) => () => cpuShare },
      },
    });
    const alexa = alexaDriver(app, { token: 'sandbox-token-john', locale: 'en-US' });
    await alexa.say('GetBalance', { accountType: { spoken: 'checking', id: 'checking' } });
    const wrong = await alexa.say('ProvidePin', { pin: { spoken: '1111' } });
    expect(wrong.speech).toContain('You have 2 tries left.');
    const deferred = await alexa.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(deferred.speech).toBe(
      "Sorry, I couldn't get to your PIN just then. Please say it again in a moment. What's your voice PIN?",
    );
    expect(deferred.raw).not.toContain('1,234.56');
  });

  it('asks again in a new conversation, and a forged approval id unlocks nothing', async () => {
    const { app } = await testHttpApp({ env: { SALDO_CONFIG: file } });
    const first = alexaDriver(app, { token: 'sandbox-token-john', locale: 'en-US' });
    await first.say('GetBalance');
    const unlocked = await first.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(unlocked.speech).toContain('$1,234.56');
    // Ana's own conversation cannot borrow John's approval: a fresh one asks her PIN.
    const ana = alexaDriver(app, { token: 'sandbox-token-ana', locale: 'es-ES' });
    const anaAsked = await ana.say('GetBalance');
    expect(anaAsked.speech).toContain('Por tu privacidad');
    expect(anaAsked.raw).not.toContain('euros');
  });

  it.each(['AMAZON.NextIntent', 'AMAZON.YesIntent', 'AMAZON.RepeatIntent'])(
    'does not read from forged session state (%s) without the PIN',
    async (intent) => {
      const { app } = await testHttpApp({ env: { SALDO_CONFIG: file } });
      const page = { accountId: 'acc-john-chk', count: 3, offset: 0 };
      const forged = alexaEnvelope({
        intent,
        token: 'sandbox-token-john',
        attributes: { more: page, last: { intent: 'GetTransactions', page }, readApproval: 'AAAAAAAAAAAAAAAAAAAAAA' },
        newSession: false,
      });
      const res = await request(app)
        .post('/alexa')
        .set('content-type', 'application/json')
        .send(JSON.stringify(forged));
      expect(res.status).toBe(200);
      expect(res.text).toContain('For your privacy');
      expect(res.text).not.toMatch(/Starbucks|Whole Foods|\$\d/);
    },
  );
});
