/**
 * Questions about the past with dates Alexa resolves forward: the matching past period,
 * or "I can only look back"; an empty period is said as one, never as an empty account.
 * (Today is Sunday 29 November 2026.)
 */
import type { HttpApp } from '../../src/server/app';
import { alexaDriver, googleDriver } from '../support/drivers';
import { testHttpApp } from '../support/http';

const CHECKING = 'checking ending in 4217';

describe('transactions for a period', () => {
  let app: HttpApp;
  beforeAll(async () => {
    ({ app } = await testHttpApp());
  });

  const ask = (date: string, locale = 'en-US', platform: 'alexa' | 'google' = 'alexa') =>
    (platform === 'alexa' ? alexaDriver : googleDriver)(app, { token: 'sandbox-token-john', locale }).say(
      'GetTransactions',
      { accountType: { spoken: 'checking', id: 'checking' }, date: { spoken: date } },
    );

  it('"in December" said in November is last December, and an empty one says so', async () => {
    const heard = await ask('2026-12');
    expect(heard.speech).toBe(`I found no transactions on your ${CHECKING} in December 2025.`);
  });

  it('"next year" gets "I can only look back", on both platforms', async () => {
    expect((await ask('2027')).speech).toBe('I can only look back: I can tell you about transactions up to today.');
    expect((await ask('2028-06-01', 'en-US', 'google')).speech).toBe(
      'I can only look back: I can tell you about transactions up to today.',
    );
  });

  it('"in November" reads November and says so', async () => {
    const heard = await ask('2026-11');
    expect(heard.speech).toMatch(new RegExp(`^Here are 3 transactions in November on your ${CHECKING}\\.`));
  });

  it('an empty period in Spanish names the period after the account', async () => {
    const heard = await alexaDriver(app, { token: 'sandbox-token-ana', locale: 'es-ES' }).say('GetTransactions', {
      accountType: { spoken: 'corriente', id: 'checking' },
      date: { spoken: '2025' },
    });
    expect(heard.speech).toMatch(/^No he encontrado movimientos en tu cuenta corriente terminada en \d{4} en 2025\.$/);
  });
});
