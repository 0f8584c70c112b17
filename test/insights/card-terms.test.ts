/**
 * GetCardInfo with what a bank's statement leaves out: no minimum payment or no due date
 * (as a Berlin Group bank gives it) is said plainly when something is owed; a statement
 * in credit is a zero balance, with nothing said to be missing.
 */
import type { BankConnector, CardStatement } from '../../src/bank/connector';
import { alexaDriver } from '../support/drivers';
import { testHttpApp } from '../support/http';

const OWED = { type: 'current', amount: { minor: 15200, currency: 'USD' }, creditDebit: 'debit' } as const;

/** Saldo on the sandbox bank, whose card statement is `statement`. */
async function cardSays(statement: Omit<CardStatement, 'accountId'>, locale = 'en-US'): Promise<string> {
  const { app } = await testHttpApp({
    overrides: {
      wrapConnector: (_bankId, connector): BankConnector => ({
        ...connector,
        getCardStatement: async (_token, accountId) => ({ accountId, ...statement }),
      }),
    },
  });
  return (await alexaDriver(app, { token: 'sandbox-token-john', locale }).say('GetCardInfo')).speech;
}

describe('what the statement leaves out', () => {
  it('says the bank does not share the minimum payment', async () => {
    expect(await cardSays({ closingDate: '2026-11-16', balance: OWED, dueDate: '2026-12-11' })).toBe(
      "Your credit card ending in 5454 has a statement balance of $152.00 due on December 11. Sandbox Bank doesn't share the minimum payment with me.",
    );
  });

  it('says the bank shares neither the minimum payment nor the due date, in English and Spanish', async () => {
    expect(await cardSays({ closingDate: '2026-11-16', balance: OWED })).toBe(
      "Your credit card ending in 5454 has a statement balance of $152.00. Sandbox Bank doesn't share the minimum payment or the due date with me.",
    );
    expect(await cardSays({ closingDate: '2026-11-16', balance: OWED }, 'es-ES')).toMatch(
      /tiene un saldo del extracto de .+\. Banco Sandbox no me facilita el pago mínimo ni la fecha de vencimiento\.$/,
    );
  });

  it('says the due date is not shared when only the minimum is given', async () => {
    expect(
      await cardSays({ closingDate: '2026-11-16', balance: OWED, minimumPayment: { minor: 3500, currency: 'USD' } }),
    ).toBe(
      "Your credit card ending in 5454 has a statement balance of $152.00 and a minimum payment of $35.00. Sandbox Bank doesn't share the due date with me.",
    );
  });

  it('says a statement in credit is a zero balance, with nothing missing to mention', async () => {
    const inCredit = { ...OWED, creditDebit: 'credit' } as const;
    expect(await cardSays({ closingDate: '2026-11-16', balance: inCredit })).toBe(
      'Your credit card ending in 5454 has a statement balance of $0.00.',
    );
  });
});
