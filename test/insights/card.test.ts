/** GetCardInfo: statement balance, minimum payment and due date; after the due date, whether it was paid. */
import { alexaDriver, googleDriver } from '../support/drivers';
import { testHttpApp } from '../support/http';
import { saldoOnOpenBanking } from '../support/open-banking';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HttpApp } from '../../src/server/app';
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

interface CardChange {
  /** What is owed on the card now. */
  readonly current?: string;
  /** Credits to the card: payments, or refunds (which are no payment). */
  readonly credits?: readonly { daysAgo: number; amount: string; description: string }[];
  /** The fixture's one payment to John's card ($150.00, 14 days ago) at another amount. */
  readonly johnsPayment?: string;
}

/** Saldo on a copy of the hand-written fixture whose card payment was due `days` ago. */
async function dueDaysAgo(days: number, customerId = 'cust-john', change: CardChange = {}): Promise<HttpApp> {
  const fixture = sandboxFixture();
  const customer = customerIn(fixture, customerId);
  const card = customer.accounts.find((a) => a.type === 'credit_card')!;
  card.paymentDueInDays = -days;
  if (change.current) card.current = change.current;
  if (change.johnsPayment) {
    customer.transactions.find((t) => t.description === 'Payment Thank You')!.amount = change.johnsPayment;
  }
  for (const credit of change.credits ?? []) {
    customer.transactions.push({ accountId: card.id, creditDebit: 'credit', status: 'booked', ...credit });
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'saldo-card-')), 'sandbox-bank.json');
  writeFileSync(file, JSON.stringify(fixture));
  return (await testHttpApp({ env: { SALDO_FIXTURE: file } })).app;
}

// Due three days ago is Thursday 26 November; that statement closed on 1 November. Since
// then John's card had Uber, Delta and Trader Joe's ($490.10) and his $150.00 payment of
// 15 November; Ana's had Zara and Renfe (147.55 euros). The statement balance is what is
// owed now less what was booked since it closed.
describe.each([
  [
    'paid in full',
    'en-US',
    'cust-john',
    // Owing $490.10 now: the statement was $150.00, and the $150.00 payment paid it.
    { current: '490.10' },
    'The payment on your credit card ending in 5454 was due on Thursday. You paid it in full.',
  ],
  [
    'paid at least the minimum',
    'en-US',
    'cust-john',
    // Owing $642.10 now: the statement was $302.00, and $150.00 covers the $35.00 minimum.
    {},
    'The payment on your credit card ending in 5454 was due on Thursday. You paid $150.00, at least the minimum.',
  ],
  [
    'paid less than the minimum',
    'en-US',
    'cust-john',
    { johnsPayment: '20.00' },
    "The payment on your credit card ending in 5454 was due on Thursday. I don't see a payment of at least the minimum of $35.00.",
  ],
  [
    'paid part, and refunded the rest',
    'en-US',
    'cust-john',
    // The statement was $350.00: the $150.00 payment and a $200.00 refund would clear it, but a
    // refund from a merchant is no payment.
    { current: '490.10', credits: [{ daysAgo: 12, amount: '200.00', description: 'Refund Delta Air Lines' }] },
    'The payment on your credit card ending in 5454 was due on Thursday. You paid $150.00, at least the minimum.',
  ],
  [
    'paid in full',
    'es-ES',
    'cust-ana',
    // Owing 147.55 euros now: the statement was 100 euros, and the 100 euros payment paid it.
    { current: '147.55', credits: [{ daysAgo: 10, amount: '100.00', description: 'Pago tarjeta' }] },
    'El pago de tu tarjeta de crédito terminada en 7899 vencía el jueves. Lo pagaste entero.',
  ],
  [
    'paid at least the minimum',
    'es-ES',
    'cust-ana',
    // The statement was 214.85 euros: 50 euros covers the 30 euros minimum.
    { credits: [{ daysAgo: 10, amount: '50.00', description: 'Pago tarjeta' }] },
    'El pago de tu tarjeta de crédito terminada en 7899 vencía el jueves. Pagaste 50 euros, al menos el mínimo.',
  ],
  [
    'not paid',
    'es-ES',
    'cust-ana',
    {},
    'El pago de tu tarjeta de crédito terminada en 7899 vencía el jueves. No veo ningún pago de al menos el mínimo de 30 euros.',
  ],
] as const)('after the due date, %s (%s)', (_case, locale, customerId, change: CardChange, expected) => {
  it('says so on Alexa and Google', async () => {
    const app = await dueDaysAgo(3, customerId, change);
    const token = customerId === 'cust-john' ? 'sandbox-token-john' : 'sandbox-token-ana';
    for (const driver of [alexaDriver, googleDriver]) {
      expect((await driver(app, { token, locale }).say('GetCardInfo')).speech).toBe(expected);
    }
  });
});

describe('after the due date', () => {
  it('says when no payment reached the card between the statement and the due date', async () => {
    // Due 9 November, statement closed 15 October: the $150.00 payment of 15 November came after.
    const alexa = alexaDriver(await dueDaysAgo(20), { token: 'sandbox-token-john', locale: 'en-US' });
    expect((await alexa.say('GetCardInfo')).speech).toBe(
      "The payment on your credit card ending in 5454 was due on November 9. I don't see a payment of at least the minimum of $35.00.",
    );
  });
});
