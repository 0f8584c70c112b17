/**
 * The whole journey through the Open Banking connector against the sandbox Open Banking
 * server over real HTTP, every request and response checked against the official specs.
 */
import { alexaDriver, type Driver } from '../support/drivers';
import { saldoOnOpenBanking, type OpenBankingSaldo } from '../support/open-banking';

describe('Saldo on an Open Banking bank', () => {
  let ob: OpenBankingSaldo;
  let alexa: Driver;

  beforeAll(async () => {
    ob = await saldoOnOpenBanking();
    alexa = alexaDriver(ob.saldo.app, { token: 'sandbox-token-john', locale: 'en-US' });
  });
  afterAll(() => ob.close());

  afterEach(() => {
    // The sandbox answers a response that breaks the schema with a 500 and records it.
    expect(ob.bank.app.responseValidationErrors).toEqual([]);
  });

  it('speaks balances, including what a card owes and when', async () => {
    expect((await alexa.say('Launch')).speech).toContain('Welcome to Open Sandbox Bank');
    const checking = await alexa.say('GetBalance', { accountType: { spoken: 'checking', id: 'checking' } });
    expect(checking.speech).toContain(
      'checking ending in 4217 has an available balance of $1,234.56. The current balance is $1,302.11.',
    );
    const card = await alexa.say('GetBalance', { accountType: { spoken: 'credit card', id: 'credit_card' } });
    expect(card.speech).toContain(
      'You owe $642.10 on your credit card ending in 5454. The minimum payment of $35.00 is due on December 11.',
    );
    expect(card.raw).not.toContain('5454545454545454');
  });

  it("reads transactions across the bank's pages, newest first, each once", async () => {
    const first = await alexa.say('GetTransactions', { count: { spoken: '10' } });
    expect(first.speech).toContain('Today, pending: $5.75 at Starbucks.');
    expect(first.speech).toContain('$41.20 at Shell Oil 5731');
    expect(first.speech.match(/Payroll Acme Corp/g)).toHaveLength(1);
    const more = await alexa.say('More');
    expect(more.speech).toContain('Oak Street Apartments Rent');
    expect(more.speech).toContain('Payroll Acme Corp');
  });

  it('pays a bill with the voice PIN, once, and the balance shows it', async () => {
    const readBack = await alexa.say('PayBill', {
      payee: { spoken: 'the power company' },
      amount: { spoken: '45' },
      cents: { spoken: '20' },
      fromAccount: { spoken: 'checking', id: 'checking' },
    });
    expect(readBack.speech).toContain("You're paying $45.20 to City Power from your checking ending in 4217.");
    const paid = await alexa.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(paid.speech).toContain("Done. I've paid $45.20 to City Power from your checking ending in 4217.");
    expect(paid.speech).toContain('Your available balance is now $1,189.36.');
    const balance = await alexa.say('GetBalance', { accountType: { spoken: 'checking', id: 'checking' } });
    expect(balance.speech).toContain('$1,189.36');
    const payments = await ob.bank.db.query('SELECT status FROM ob_sandbox_payments');
    expect(payments).toEqual([{ status: 'AcceptedSettlementCompleted' }]);
    const audit = await ob.saldo.application.db.query<{ event: string }>(
      "SELECT event FROM audit_log WHERE bank_id = 'open-sandbox' ORDER BY id",
    );
    expect(audit.map((a) => a.event)).toEqual(['payment.requested', 'payment.approved', 'payment.executed']);
  });

  it('transfers between own accounts', async () => {
    const readBack = await alexa.say('TransferMoney', {
      amount: { spoken: '100' },
      fromAccount: { spoken: 'savings', id: 'savings' },
      toAccount: { spoken: 'checking', id: 'checking' },
    });
    expect(readBack.speech).toContain(
      "You're transferring $100.00 from your savings ending in 0088 to your checking ending in 4217.",
    );
    const moved = await alexa.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(moved.speech).toContain("Done. I've moved $100.00");
    expect(moved.speech).toContain('Your available balance is now $7,920.00.');
  });
});
