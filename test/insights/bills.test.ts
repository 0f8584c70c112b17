/**
 * GetUpcomingBills: the fixture's direct debits, standing orders and scheduled payments in
 * the next 14 days, soonest first, three at a time, on both platforms, in Spanish, and
 * through the Open Banking connector from the scheduled-payments, standing-orders and
 * direct-debits endpoints (responses checked against the official spec).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { alexaDriver, googleDriver, type Driver } from '../support/drivers';
import { testHttpApp } from '../support/http';
import { saldoOnOpenBanking } from '../support/open-banking';

const history = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/sandbox-history.json'), 'utf8')) as {
  customers: Record<string, { upcoming: { payee: string; amount?: string; dueInDays: number }[] }>;
};

const usd = (amount: string) => `$${Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
const john = (payee: string) => history.customers['cust-john']!.upcoming.find((u) => u.payee === payee)!;

// Today is Sunday 29 November 2026 in New York.
const FIRST_PAGE = [
  'You have 4 payments coming up in the next 14 days.',
  `City Power, ${usd(john('City Power').amount!)}, on Tuesday.`,
  `Verizon, ${usd(john('Verizon').amount!)}, on Friday.`,
  `Mary Carter, ${usd(john('Mary Carter').amount!)}, on December 7.`,
  'Would you like to hear more?',
].join(' ');
const LAST_PAGE = `Oak Street Apartments Rent, ${usd(john('Oak Street Apartments Rent').amount!)}, on December 9.`;

async function listen(driver: Driver): Promise<void> {
  await driver.say('Launch');
  expect((await driver.say('GetUpcomingBills')).speech).toBe(FIRST_PAGE);
  const more = await driver.say('More');
  expect(more.speech).toContain(LAST_PAGE);
  expect(more.ended).toBe(false);
  expect((await driver.say('More')).speech).toContain("That's all the payments coming up.");
}

describe('upcoming bills', () => {
  it('are read soonest first, three at a time, on Alexa and Google', async () => {
    const { app } = await testHttpApp();
    await listen(alexaDriver(app, { token: 'sandbox-token-john', locale: 'en-US' }));
    await listen(googleDriver(app, { token: 'sandbox-token-john', locale: 'en-US' }));
  });

  it('in Spanish', async () => {
    const { app } = await testHttpApp();
    const heard = await alexaDriver(app, { token: 'sandbox-token-ana', locale: 'es-ES' }).say('GetUpcomingBills');
    expect(heard.speech).toMatch(/^Tienes 4 pagos en los próximos 14 días\. Iberdrola, .+ euros.*, el martes\./);
  });

  it('come from the Open Banking endpoints, the direct debits estimated from their last collection', async () => {
    const ob = await saldoOnOpenBanking();
    try {
      const alexa = alexaDriver(ob.saldo.app, { token: 'sandbox-token-john', locale: 'en-US' });
      await alexa.say('GetBalance');
      await listen(alexa);
      expect(ob.bank.app.responseValidationErrors).toEqual([]);
    } finally {
      await ob.close();
    }
    // A generous net for a busy machine: the bank compiles its spec validators on the first request.
  }, 90_000);
});
