/**
 * GetUpcomingBills with a bank that lists only some kinds of upcoming payment (a Berlin
 * Group bank: standing orders only) or none: what it does not share is said, never a
 * plain "you have none".
 */
import type { BankConnector } from '../../src/bank/connector';
import { alexaDriver } from '../support/drivers';
import { testHttpApp } from '../support/http';

/** John on the sandbox bank, its connector changed by `change` (given the original). */
async function billsSaid(change: (connector: BankConnector) => Partial<BankConnector>, locale = 'en-US') {
  const { app } = await testHttpApp({
    overrides: { wrapConnector: (_bankId, connector): BankConnector => ({ ...connector, ...change(connector) }) },
  });
  return (await alexaDriver(app, { token: 'sandbox-token-john', locale }).say('GetUpcomingBills')).speech;
}

describe('kinds of upcoming payment the bank does not share', () => {
  it('are named after the payments it lists', async () => {
    const heard = await billsSaid((connector) => ({
      upcomingKinds: ['direct_debit'],
      listUpcomingPayments: async (...args) =>
        (await connector.listUpcomingPayments!(...args)).filter((u) => u.kind === 'direct_debit'),
    }));
    expect(heard).toMatch(/^You have 2 payments coming up in the next 14 days\. City Power, .+ Verizon, .+\./);
    expect(heard).toMatch(/ Sandbox Bank doesn't share scheduled payments or standing orders with me\.$/);
  });

  it('are named when none of the kinds it shares is due, in English and Spanish', async () => {
    const none = () => ({ upcomingKinds: ['standing_order'] as const, listUpcomingPayments: async () => [] });
    expect(await billsSaid(none)).toBe(
      "You have no standing orders due in the next 14 days. Sandbox Bank doesn't share scheduled payments or direct debits with me.",
    );
    expect(await billsSaid(none, 'es-ES')).toBe(
      'No tienes transferencias periódicas en los próximos 14 días. Banco Sandbox no me facilita los pagos programados ni los recibos domiciliados.',
    );
  });

  it('are all named when the bank lists none', async () => {
    expect(await billsSaid(() => ({ listUpcomingPayments: undefined }))).toBe(
      "Sandbox Bank doesn't share scheduled payments, standing orders or direct debits with me.",
    );
  });
});
