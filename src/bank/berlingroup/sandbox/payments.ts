/**
 * Payment initiations as the sandbox bank keeps them (in memory; the money is in the
 * shared ledger, which executes each payment once). A payment is received (RCVD) with a
 * decoupled authorisation the customer approves or refuses in the bank's app, or exempted
 * from SCA; once authorised it is accepted (ACTC) and, after the bank's processing time,
 * settled (ACSC) or rejected (RJCT, funds not available). An authorisation nobody decides
 * fails after its time. A repeated X-Request-ID returns the first initiation.
 */
import { randomUUID } from 'node:crypto';
import { parseDecimal } from '../../../money';
import type { SandboxCustomer } from '../../sandbox/fixture';
import { billEntries, transferEntries } from '../../sandbox/ledger';
import type { SandboxAccount, SandboxBank } from '../../openbanking/sandbox/bank';
import { BgError } from './errors';

type TransactionStatus = 'RCVD' | 'ACTC' | 'ACSC' | 'RJCT' | 'CANC';
type ScaStatus = 'started' | 'finalised' | 'failed' | 'exempted';
export type ScaApproach = 'decoupled' | 'exempted';

interface AccountReference {
  readonly iban?: string;
  readonly bban?: string;
}

export interface InitiationBody {
  readonly endToEndIdentification?: string;
  readonly debtorAccount: AccountReference;
  readonly instructedAmount: { readonly currency: string; readonly amount: string };
  readonly creditorAccount: AccountReference;
  readonly creditorName: string;
  readonly remittanceInformationUnstructured?: string;
}

export interface SandboxPayment {
  readonly id: string;
  readonly product: string;
  readonly requestId: string;
  readonly customerId: string;
  readonly body: InitiationBody;
  readonly bodyJson: string;
  readonly authorisationId: string;
  readonly createdAt: number;
  scaStatus: ScaStatus;
  status: TransactionStatus;
  authorisedAt?: number;
  fundsAvailable?: boolean;
}

export interface PaymentBookOptions {
  readonly bank: SandboxBank;
  readonly sca: () => ScaApproach;
  /** How long an accepted payment stays ACTC before it settles. */
  readonly processingMs: () => number;
  /** How long the customer has to approve in the app. */
  readonly authorisationTtlMs: number;
}

function sameAccount(reference: AccountReference, account: SandboxAccount): boolean {
  const number = account.number.replace(/\s/g, '');
  return reference.iban === number || reference.bban === number;
}

export function paymentBook(options: PaymentBookOptions) {
  const { bank } = options;
  const payments = new Map<string, SandboxPayment>();
  const byRequest = new Map<string, string>();
  const listeners: Array<(payment: SandboxPayment) => void> = [];
  const now = () => bank.now().getTime();

  function customerOf(payment: SandboxPayment): SandboxCustomer {
    const customer = bank.fixture.customers.find((c) => c.id === payment.customerId);
    if (!customer) throw new Error('payment of an unknown customer');
    return customer;
  }

  async function execute(payment: SandboxPayment): Promise<void> {
    const customer = customerOf(payment);
    const source = customer.accounts.find((a) => sameAccount(payment.body.debtorAccount, a));
    if (!source) throw new Error('payment from an unknown account');
    const own = customer.accounts.find((a) => sameAccount(payment.body.creditorAccount, a));
    const amountMinor = parseDecimal(payment.body.instructedAmount.amount, source.currency).minor;
    const entries = own
      ? transferEntries(source, own, amountMinor)
      : billEntries(source, payment.body.creditorName, amountMinor);
    const result = await bank.ledger.execute(
      {
        idempotencyKey: payment.id,
        customerId: customer.id,
        paymentId: payment.id,
        sourceAccountId: source.id,
        amountMinor,
        currency: source.currency,
        at: now(),
      },
      entries,
    );
    payment.fundsAvailable = result.status === 'completed';
    payment.status = result.status === 'completed' ? 'ACSC' : 'RJCT';
  }

  /** Moves every payment whose time has come: authorisations that ran out, processing that ended. */
  async function settleDue(): Promise<void> {
    for (const payment of payments.values()) {
      if (payment.scaStatus === 'started' && now() - payment.createdAt >= options.authorisationTtlMs) {
        payment.scaStatus = 'failed';
        payment.status = 'RJCT';
      }
      if (payment.status === 'ACTC' && payment.authorisedAt !== undefined) {
        if (now() - payment.authorisedAt >= options.processingMs()) await execute(payment);
      }
    }
  }

  function authorise(payment: SandboxPayment, scaStatus: 'finalised' | 'exempted'): void {
    payment.scaStatus = scaStatus;
    payment.status = 'ACTC';
    payment.authorisedAt = now();
  }

  return {
    settleDue,

    /** The customer's initiation, new or (same X-Request-ID and body) the first one again. */
    async initiate(
      customer: SandboxCustomer,
      product: string,
      requestId: string,
      body: InitiationBody,
    ): Promise<{ payment: SandboxPayment; replayed: boolean }> {
      const bodyJson = JSON.stringify(body);
      const earlier = payments.get(byRequest.get(`${customer.id}|${requestId}`) ?? '');
      if (earlier) {
        if (earlier.bodyJson !== bodyJson || earlier.product !== product)
          throw new BgError(400, 'FORMAT_ERROR', 'X-Request-ID was used for another payment');
        await settleDue();
        return { payment: earlier, replayed: true };
      }
      const source = customer.accounts.find((a) => sameAccount(body.debtorAccount, a));
      if (!source || source.type === 'credit_card')
        throw new BgError(400, 'FORMAT_ERROR', 'the debtor account is not one of the customer’s payment accounts');
      if (body.instructedAmount.currency !== source.currency)
        throw new BgError(400, 'FORMAT_ERROR', 'the amount is not in the account’s currency');
      if (!/^\d+(\.\d{1,2})?$/.test(body.instructedAmount.amount) || Number(body.instructedAmount.amount) <= 0)
        throw new BgError(400, 'FORMAT_ERROR', 'the amount must be positive, in cents at most');
      const payment: SandboxPayment = {
        id: randomUUID(),
        product,
        requestId,
        customerId: customer.id,
        body,
        bodyJson,
        authorisationId: randomUUID(),
        createdAt: now(),
        scaStatus: 'started',
        status: 'RCVD',
      };
      payments.set(payment.id, payment);
      byRequest.set(`${customer.id}|${requestId}`, payment.id);
      if (options.sca() === 'exempted') authorise(payment, 'exempted');
      await settleDue();
      if (payment.scaStatus === 'started') listeners.forEach((listener) => listener(payment));
      return { payment, replayed: false };
    },

    /** The customer's payment, or the spec's 403 for anything else. */
    async find(customer: SandboxCustomer, product: string, paymentId: string): Promise<SandboxPayment> {
      await settleDue();
      const payment = payments.get(paymentId);
      if (!payment || payment.customerId !== customer.id || payment.product !== product)
        throw new BgError(403, 'RESOURCE_UNKNOWN', 'no such payment for this customer');
      return payment;
    },

    /** The customer approves (or refuses) the payment in the bank's app. */
    async decide(paymentId: string, approve: boolean): Promise<void> {
      await settleDue();
      const payment = payments.get(paymentId);
      if (payment?.scaStatus !== 'started') throw new Error('no authorisation waits for this payment');
      if (approve) authorise(payment, 'finalised');
      else {
        payment.scaStatus = 'failed';
        payment.status = 'RJCT';
      }
      await settleDue();
    },

    /** Called when a payment starts waiting for the customer's approval. */
    onApprovalRequested(listener: (payment: SandboxPayment) => void): void {
      listeners.push(listener);
    },

    all: (): readonly SandboxPayment[] => [...payments.values()],

    /** The payment a ledger entry belongs to (its id is the payment's, with the entry's index). */
    ofLedgerEntry: (entryId: string): SandboxPayment | undefined => payments.get(entryId.replace(/-\d+$/, '')),
  };
}

export type PaymentBook = ReturnType<typeof paymentBook>;
