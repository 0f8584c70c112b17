/** A turn answers by its deadline whatever the bank does; the bank's failure that comes after it is logged. */
import type { BankConnector } from '../../src/bank/connector';
import { alexaDriver } from '../support/drivers';
import { testHttpApp } from '../support/http';

it("says the bank is unavailable at the deadline, then logs the bank's late failure", async () => {
  let fail: (error: Error) => void = () => undefined;
  const failing = new Promise<never>((_, reject) => (fail = reject));
  const stuck = (_bank: string, real: BankConnector): BankConnector => ({ ...real, getBalances: () => failing });
  const { app, saldo } = await testHttpApp({ overrides: { wrapConnector: stuck, turnDeadlineMs: 50 } });
  const heard = await alexaDriver(app, { token: 'sandbox-token-john', locale: 'en-US' }).say('GetBalance', {
    accountType: { spoken: 'checking', id: 'checking' },
  });
  expect(heard.speech).toMatch(/can't reach|couldn't reach|trouble/i);
  fail(new Error('the bank answered too late'));
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  expect(saldo.logs.text()).toContain('turn failed after its deadline');
});
