/**
 * In English, through the Berlin Group connector against the sandbox Berlin Group bank
 * over real HTTP, every request and response checked against the official definition:
 * John's balances and movements (accounts known by BBAN), and Ana's payments when she
 * denies them in the bank's app, lets them time out, or the bank exempts them; a consent
 * that expires mid-conversation, the day's accesses used up, and a bank in trouble.
 */
import { alexaDriver } from '../support/drivers';
import { saldoOnBerlinGroup, type BerlinGroupSaldo } from '../support/berlin-group';
import { FIXED_NOW } from '../support/app';
import { ANA, JOHN, WARM_UP_MS } from './helpers';

const PAY_IBERDROLA = {
  payee: { spoken: 'iberdrola' },
  amount: { spoken: '45' },
  cents: { spoken: '20' },
  fromAccount: { spoken: 'checking', id: 'checking' },
};
const CHECKING = { accountType: { spoken: 'checking', id: 'checking' } };

let clock = FIXED_NOW.getTime();
let bg: BerlinGroupSaldo;

beforeAll(async () => {
  bg = await saldoOnBerlinGroup({ sandbox: { pageSize: 4, now: () => new Date(clock) } });
}, WARM_UP_MS);
afterAll(() => bg.close());
beforeEach(() => {
  clock = FIXED_NOW.getTime();
  bg.bank.app.faults.clear();
  bg.bank.app.controls.sca = 'decoupled';
  bg.bank.app.controls.approveConsentsAtOnce = true;
});
afterEach(() => expect(bg.bank.app.responseValidationErrors).toEqual([]));

const ana = () => alexaDriver(bg.saldo.app, { token: ANA, locale: 'en-US' });
const john = () => alexaDriver(bg.saldo.app, { token: JOHN, locale: 'en-US' });
const moneyMoved = async (amountMinor = 4520) =>
  bg.bank.db.query(
    "SELECT id FROM sandbox_transactions WHERE description = 'Payment to Iberdrola' AND amount_minor = ?",
    [amountMinor],
  );

it("speaks John's balances and reads his movements across the bank's pages", async () => {
  const alexa = john();
  const checking = await alexa.say('GetBalance', CHECKING);
  expect(checking.speech).toContain('checking ending in 4217 has an available balance of $1,234.56.');
  expect(checking.raw).not.toContain('000123454217');
  const first = await alexa.say('GetTransactions', { count: { spoken: '10' } });
  expect(first.speech).toContain('Starbucks');
  expect(first.speech.match(/Payroll Acme Corp/g)).toHaveLength(1);
});

it("opens without reading John's movements for merchants: a launch spends none of the consent's daily accesses", async () => {
  const launch = await john().say('Launch');
  const entities = JSON.parse(launch.raw).response.directives?.find(
    (d: { type: string }) => d.type === 'Dialog.UpdateDynamicEntities',
  );
  expect(entities.types.map((t: { name: string }) => t.name)).toEqual(['PAYEE', 'ACCOUNT_TYPE']);
});

it('says nothing was paid when Ana denies the payment in the bank app', async () => {
  const alexa = ana();
  await alexa.say('PayBill', PAY_IBERDROLA);
  const sent = await alexa.say('ProvidePin', { pin: { spoken: '4831' } });
  expect(sent.speech).toContain('Berlin Bank has sent this payment to your banking app for approval.');
  const waiting = bg.bank.app.payments().find((p) => p.scaStatus === 'started');
  await bg.bank.app.decidePayment(waiting!.id, false);
  const denied = await alexa.say('Yes');
  expect(denied.speech).toContain("didn't accept that payment");
  expect(await moneyMoved()).toHaveLength(0);
});

it('settles a payment nobody approved in time as not paid, never sending it again', async () => {
  const alexa = ana();
  const before = bg.bank.app.payments().length;
  await alexa.say('PayBill', PAY_IBERDROLA);
  const sent = await alexa.say('ProvidePin', { pin: { spoken: '4831' } });
  // The turn asked for a moment and answered while the approval still waited.
  expect(sent.speech).toContain('Have you approved it?');
  clock += 6 * 60_000;
  const late = await alexa.say('Yes');
  expect(late.speech).toContain("didn't accept that payment");
  expect(bg.bank.app.payments()).toHaveLength(before + 1);
  expect(await moneyMoved()).toHaveLength(0);
});

it('pays at once when the bank exempts the payment from SCA', async () => {
  bg.bank.app.controls.sca = 'exempted';
  const alexa = ana();
  await alexa.say('PayBill', { ...PAY_IBERDROLA, amount: { spoken: '10' }, cents: { spoken: '0' } });
  const paid = await alexa.say('ProvidePin', { pin: { spoken: '4831' } });
  expect(paid.speech).toContain("Done. I've paid €10.00 to Iberdrola");
  expect(await moneyMoved(1000)).toHaveLength(1);
});

it('asks Ana to renew access in the bank app when her consent expires mid-conversation', async () => {
  const alexa = ana();
  expect((await alexa.say('Launch')).ended).toBe(false);
  bg.bank.app.controls.approveConsentsAtOnce = false;
  bg.bank.app.expireConsents('cust-ana');
  // The profile is kept a minute: the next read reaches the bank with the expired consent.
  const renew = await alexa.say('GetBalance', { accountType: { spoken: 'savings', id: 'savings' } });
  expect(renew.speech).toBe(
    "Berlin Bank needs you to renew my access to your accounts. Please approve it in Berlin Bank's app, then ask me again.",
  );
  const [waiting] = bg.bank.app.consentsWaiting();
  bg.bank.app.decideConsent(waiting!.id, true);
  const balance = await ana().say('GetBalance', { accountType: { spoken: 'savings', id: 'savings' } });
  expect(balance.speech).toContain('has an available balance of €10,200.00');
  // One approval request, not one per turn.
  expect(bg.bank.app.consentsWaiting()).toHaveLength(0);
});

it("says the bank's daily allowance is used up on 429 ACCESS_EXCEEDED, without retrying", async () => {
  bg.bank.app.faults.set({ method: 'GET', path: /\/balances$/, status: 429, times: 1 });
  const heard = await john().say('GetBalance', { accountType: { spoken: 'savings', id: 'savings' } });
  expect(heard.speech).toContain('only lets me check your accounts a few times a day');
  expect(bg.bank.app.faults.active).toHaveLength(0);
});

it('apologises when the bank fails, and the payment whose answer was lost is asked for once more, not paid twice', async () => {
  bg.bank.app.faults.set({ method: 'GET', path: /\/balances$/, status: 503 });
  expect((await john().say('GetBalance', CHECKING)).speech).toContain("can't reach Berlin Bank");
  bg.bank.app.faults.clear();

  bg.bank.app.controls.sca = 'exempted';
  bg.bank.app.faults.set({
    method: 'POST',
    path: /\/payments\//,
    afterHandling: true,
    resetConnection: true,
    times: 1,
  });
  const alexa = ana();
  await alexa.say('PayBill', { ...PAY_IBERDROLA, amount: { spoken: '12' }, cents: { spoken: '0' } });
  const lost = await alexa.say('ProvidePin', { pin: { spoken: '4831' } });
  expect(lost.speech).toContain("couldn't get an answer from Berlin Bank about that payment");
  const payments = bg.bank.app.payments().length;
  // A new conversation settles it: the same X-Request-ID, answered with the first payment.
  await ana().say('Launch');
  await bg.saldo.application.settled();
  expect(bg.bank.app.payments()).toHaveLength(payments);
  const paid = await bg.saldo.application.db.query<{ status: string }>(
    "SELECT status FROM pending_payments WHERE bank_id = 'banco-berlin' AND amount_minor = 1200",
  );
  expect(paid).toEqual([{ status: 'executed' }]);
  expect(await moneyMoved(1200)).toHaveLength(1);
});
