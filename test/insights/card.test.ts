/** GetCardInfo: statement balance, minimum payment and due date; after the due date, whether it was paid. */
import { alexaDriver, googleDriver } from '../support/drivers';
import { testHttpApp } from '../support/http';
import { saldoOnOpenBanking } from '../support/open-banking';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { customerIn, sandboxFixture } from '../alexa/helpers';

// John's card: $642.10 owed now, $35.00 minimum, due in 12 days (11 December). The statement
// closed 25 days before that (16 November); since then Uber $23.80, Delta $412.30 and
// Trader Joe's $54.00 were booked, so the statement balance is $642.10 - $490.10 = $152.00.
const JOHN_NOW =
  'Your credit card ending in 5454 has a statement balance of $152.00 and a minimum payment of $35.00 due on December 11.';

describe('before the due date', () => {
  it('says the statement balance, the minimum and the due date, the same on both platforms', async () => {
    const { app } = await testHttpApp();
    for (const driver of [alexaDriver, googleDriver]) {
      const heard = await driver(app, { token: 'sandbox-token-john', locale: 'en-US' }).say('GetCardInfo');
      expect(heard.speech).toBe(JOHN_NOW);
      expect(heard.raw).not.toContain('5454545454545454');
    }
  });

  it('in Spanish', async () => {
    const { app } = await testHttpApp();
    const heard = await alexaDriver(app, { token: 'sandbox-token-ana', locale: 'es-ES' }).say('GetCardInfo');
    expect(heard.speech).toMatch(
      /^Tu tarjeta de crédito terminada en 7899 tiene un saldo del extracto de .+ que vence el/,
    );
  });

  it('through the Open Banking connector, from the statement endpoint', async () => {
    const ob = await saldoOnOpenBanking();
    try {
      const alexa = alexaDriver(ob.saldo.app, { token: 'sandbox-token-john', locale: 'en-US' });
      // The first request compiles the bank's spec validators: not part of what is checked here.
      await alexa.say('GetBalance');
      const heard = await alexa.say('GetCardInfo');
      expect(heard.speech).toBe(JOHN_NOW);
      expect(ob.bank.app.responseValidationErrors).toEqual([]);
    } finally {
      await ob.close();
    }
  });
});

/** Saldo on a copy of the hand-written fixture whose card payment was due `days` ago. */
async function dueDaysAgo(days: number): Promise<Express> {
  const fixture = sandboxFixture();
  const card = customerIn(fixture, 'cust-john').accounts.find((a) => a.id === 'acc-john-cc')!;
  card.paymentDueInDays = -days;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'saldo-card-')), 'sandbox-bank.json');
  writeFileSync(file, JSON.stringify(fixture));
  return (await testHttpApp({ env: { SALDO_FIXTURE: file } })).app;
}

describe('after the due date', () => {
  it('says a payment of at least the minimum was made', async () => {
    // Due 26 November, statement closed 1 November: the $150.00 payment of 15 November covers the minimum.
    const alexa = alexaDriver(await dueDaysAgo(3), { token: 'sandbox-token-john', locale: 'en-US' });
    expect((await alexa.say('GetCardInfo')).speech).toBe(
      'The payment on your credit card ending in 5454 was due on Thursday. You paid $150.00, at least the minimum.',
    );
  });

  it('says when no payment was seen', async () => {
    // Due 9 November, statement closed 15 October: no payment reached the card between the two.
    const alexa = alexaDriver(await dueDaysAgo(20), { token: 'sandbox-token-john', locale: 'en-US' });
    expect((await alexa.say('GetCardInfo')).speech).toBe(
      "The payment on your credit card ending in 5454 was due on November 9. I don't see a payment of at least the minimum of $35.00.",
    );
  });
});
