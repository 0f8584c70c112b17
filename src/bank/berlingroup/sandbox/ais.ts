/**
 * Account information over Berlin Group 1.3.11: consents, payment accounts and card
 * accounts with their balances and transactions. Every AIS call names its consent; a call
 * without the customer present (no PSU-IP-Address) counts against the consent's
 * frequencyPerDay, once per report (its next pages are not counted again). Transactions
 * are paged newest first; `_links.next` carries the spec's `entryReferenceFrom` cursor.
 * A payment account's standing orders are its `information` report (bookingStatus=information).
 */
import { Router, type Request, type Response } from 'express';
import { addDays, addMonths, todayIn } from '../../../dates';
import { toDecimal } from '../../../money';
import type { SandboxCustomer } from '../../sandbox/fixture';
import type { SandboxAccount, SandboxBank, SandboxTransaction } from '../../openbanking/sandbox/bank';
import { customerOf } from './auth';
import type { ConsentBook } from './consents';
import { BgError } from './errors';
import type { PaymentBook } from './payments';
import { statementOf } from '../../openbanking/sandbox/mapping';

/** The days a sandbox card statement covers, up to its closing date (as the Open Banking sandbox's). */
const STATEMENT_PERIOD_DAYS = 30;

const IBAN = /^[A-Z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$/;

function accountReference(account: SandboxAccount): { iban: string } | { bban: string } {
  const number = account.number.replace(/\s/g, '');
  return IBAN.test(number) ? { iban: number } : { bban: number };
}

function maskedPan(number: string): string {
  return `${number.slice(0, 6)}${'*'.repeat(Math.max(0, number.length - 10))}${number.slice(-4)}`;
}

function amount(minor: number, currency: string) {
  return { currency, amount: toDecimal({ minor, currency }) };
}

function header(req: Request, name: string): string | undefined {
  const value = req.get(name);
  return value === undefined || value === '' ? undefined : value;
}

export function aisRouter(options: {
  bank: SandboxBank;
  consents: ConsentBook;
  payments: PaymentBook;
  pageSize: number;
}): Router {
  const { bank, consents, payments, pageSize } = options;
  const router = Router();
  const now = () => bank.now();

  /** The consent the call names, counted when the customer is not present. */
  function consentFor(req: Request, res: Response) {
    const customer = customerOf(res);
    const consent = consents.authorise(customer, header(req, 'Consent-ID') ?? '');
    if (!header(req, 'PSU-IP-Address') && req.query.entryReferenceFrom === undefined)
      consents.count(consent, customer, req.path);
    return customer;
  }

  function accountFor(customer: SandboxCustomer, req: Request, cards: boolean): SandboxAccount {
    const account = bank.accountOf(customer, String(req.params.accountId ?? ''));
    if (!account || (account.type === 'credit_card') !== cards)
      throw new BgError(403, 'RESOURCE_UNKNOWN', 'the consent does not reach this account');
    return account;
  }

  const base = (req: Request) =>
    `${req.baseUrl}/v1/${req.path.startsWith('/v1/card-accounts') ? 'card-accounts' : 'accounts'}`;

  async function balancesOf(account: SandboxAccount, customer: SandboxCustomer) {
    const money = await bank.balance(account);
    const at = new Date(now()).toISOString();
    const reference = todayIn(customer.timeZone, now());
    const balances = [];
    if (money.availableMinor !== undefined)
      balances.push({
        balanceType: 'interimAvailable',
        balanceAmount: amount(money.availableMinor, account.currency),
        lastChangeDateTime: at,
        referenceDate: reference,
      });
    balances.push({
      balanceType: 'interimBooked',
      balanceAmount: amount(money.currentMinor, account.currency),
      lastChangeDateTime: at,
      referenceDate: reference,
    });
    return balances;
  }

  function paymentAccount(req: Request, customer: SandboxCustomer, account: SandboxAccount) {
    const links = `${base(req)}/${encodeURIComponent(account.id)}`;
    return {
      resourceId: account.id,
      ...accountReference(account),
      currency: account.currency,
      ...(account.nickname ? { name: account.nickname } : {}),
      cashAccountType: account.type === 'savings' ? 'SVGS' : 'CACC',
      status: 'enabled',
      ownerName: customer.name,
      _links: { balances: { href: `${links}/balances` }, transactions: { href: `${links}/transactions` } },
    };
  }

  function cardAccount(req: Request, customer: SandboxCustomer, account: SandboxAccount) {
    const links = `${base(req)}/${encodeURIComponent(account.id)}`;
    return {
      resourceId: account.id,
      maskedPan: maskedPan(account.number),
      currency: account.currency,
      ...(account.nickname ? { name: account.nickname } : {}),
      product: 'Credit card',
      status: 'enabled',
      ownerName: customer.name,
      debitAccounting: true,
      ...(account.creditLimit ? { creditLimit: { currency: account.currency, amount: account.creditLimit } } : {}),
      _links: { balances: { href: `${links}/balances` }, transactions: { href: `${links}/transactions` } },
    };
  }

  /** The report's entries for the query, newest first, and the page the cursor asks for. */
  async function reportPage(req: Request, customer: SandboxCustomer, account: SandboxAccount) {
    const status = String(req.query.bookingStatus);
    if (!['booked', 'pending', 'both'].includes(status))
      throw new BgError(400, 'FORMAT_ERROR', 'bookingStatus must be booked, pending or both here');
    const today = todayIn(customer.timeZone, now());
    const dateFrom = typeof req.query.dateFrom === 'string' ? req.query.dateFrom : undefined;
    if (!dateFrom) throw new BgError(400, 'FORMAT_ERROR', 'dateFrom is required');
    const dateTo = typeof req.query.dateTo === 'string' ? req.query.dateTo : today;
    const all = (await bank.transactions(customer, account)).filter((t) => {
      const day = todayIn(customer.timeZone, new Date(t.bookedAt));
      return (status === 'both' || t.status === status) && day >= dateFrom && day <= dateTo;
    });
    const cursor = req.query.entryReferenceFrom;
    let start = 0;
    if (typeof cursor === 'string') {
      const at = all.findIndex((t) => t.id === cursor);
      if (at < 0) throw new BgError(400, 'FORMAT_ERROR', 'entryReferenceFrom names no entry of this report');
      start = at + 1;
    }
    const page = all.slice(start, start + pageSize);
    const last = page[page.length - 1];
    const links: Record<string, { href: string }> = {};
    if (last && start + pageSize < all.length) {
      const next = new URLSearchParams();
      for (const [name, value] of Object.entries(req.query))
        if (name !== 'entryReferenceFrom' && typeof value === 'string') next.set(name, value);
      next.set('entryReferenceFrom', last.id);
      links.next = { href: `${req.baseUrl}${req.path}?${next}` };
    }
    return { page, links, day: (t: SandboxTransaction) => todayIn(customer.timeZone, new Date(t.bookedAt)) };
  }

  /**
   * The account's standing orders as the spec's standing order report: one `information`
   * entry each, monthly on the day of the fixture's next due date, started half a year
   * before it.
   */
  function standingOrdersOf(customer: SandboxCustomer, account: SandboxAccount) {
    const today = todayIn(customer.timeZone, now());
    return customer.upcoming
      .filter((u) => u.accountId === account.id && u.kind === 'standing_order')
      .flatMap((u) => {
        if (u.amount === undefined) return [];
        const next = addDays(today, u.dueInDays);
        const payee = customer.payees.find((p) => p.name === u.payee);
        const number = payee?.accountNumber.replace(/\s/g, '');
        return {
          transactionId: u.id,
          creditorName: u.payee.slice(0, 70),
          ...(number ? { creditorAccount: IBAN.test(number) ? { iban: number } : { bban: number } } : {}),
          transactionAmount: { currency: account.currency, amount: u.amount },
          remittanceInformationUnstructured: u.payee.slice(0, 140),
          bankTransactionCode: 'PMNT-ICDT-STDO',
          additionalInformationStructured: {
            standingOrderDetails: {
              startDate: addMonths(next, -6),
              frequency: 'Monthly',
              dayOfExecution: String(Number(next.slice(8, 10))),
            },
          },
        };
      });
  }

  function signed(t: SandboxTransaction) {
    return amount(t.creditDebit === 'debit' ? -t.amountMinor : t.amountMinor, t.currency);
  }

  router.post('/v1/consents', (req, res) => {
    const customer = customerOf(res);
    const body = req.body as { validUntil: string; frequencyPerDay: number };
    if (
      body.validUntil < todayIn(customer.timeZone, now()) ||
      body.validUntil > addDays(todayIn(customer.timeZone, now()), 180)
    )
      throw new BgError(400, 'FORMAT_ERROR', 'validUntil must be within 180 days');
    const consent = consents.create(customer, body);
    const self = `${req.baseUrl}/v1/consents/${consent.id}`;
    res.status(201).json({
      consentStatus: consent.status,
      consentId: consent.id,
      _links: {
        self: { href: self },
        status: { href: `${self}/status` },
        scaStatus: { href: `${self}/authorisations/${consent.authorisationId}` },
      },
      ...(consent.status === 'received' ? { psuMessage: 'Please approve access in your banking app.' } : {}),
    });
  });

  router.get('/v1/consents/:consentId/status', (req, res) => {
    res.json({ consentStatus: consents.status(customerOf(res), String(req.params.consentId)) });
  });

  router.get('/v1/accounts', async (req, res) => {
    const customer = consentFor(req, res);
    const accounts = customer.accounts.filter((a) => a.type !== 'credit_card');
    const withBalance = String(req.query.withBalance) === 'true';
    res.json({
      accounts: await Promise.all(
        accounts.map(async (a) => ({
          ...paymentAccount(req, customer, a),
          ...(withBalance ? { balances: await balancesOf(a, customer) } : {}),
        })),
      ),
    });
  });

  router.get('/v1/accounts/:accountId/balances', async (req, res) => {
    const customer = consentFor(req, res);
    const account = accountFor(customer, req, false);
    res.json({ account: accountReference(account), balances: await balancesOf(account, customer) });
  });

  /**
   * The other side of a transfer between the customer's own accounts, as the spec's
   * accountReference names it (a card by its masked PAN): how a client tells it from spending.
   */
  function counterpart(customer: SandboxCustomer, t: SandboxTransaction) {
    const other = customer.accounts.find((a) => a.id === t.transferAccountId);
    if (!other) return {};
    const reference = other.type === 'credit_card' ? { maskedPan: maskedPan(other.number) } : accountReference(other);
    return t.creditDebit === 'debit'
      ? { creditorName: customer.name, creditorAccount: reference }
      : { debtorName: customer.name, debtorAccount: reference };
  }

  router.get('/v1/accounts/:accountId/transactions', async (req, res) => {
    const customer = consentFor(req, res);
    const account = accountFor(customer, req, false);
    if (req.query.bookingStatus === 'information') {
      res.json({
        account: accountReference(account),
        transactions: {
          information: standingOrdersOf(customer, account),
          _links: { account: { href: `${base(req)}/${encodeURIComponent(account.id)}` } },
        },
      });
      return;
    }
    const { page, links, day } = await reportPage(req, customer, account);
    const entry = (t: SandboxTransaction) => {
      const endToEndId = payments.ofLedgerEntry(t.id)?.body.endToEndIdentification;
      return {
        transactionId: t.id,
        ...(t.id.length <= 35 ? { entryReference: t.id } : {}),
        ...(endToEndId ? { endToEndId } : {}),
        ...(t.status === 'booked' ? { bookingDate: day(t) } : {}),
        valueDate: day(t),
        transactionAmount: signed(t),
        ...counterpart(customer, t),
        remittanceInformationUnstructured: t.description.slice(0, 140),
        // 1.3.11 gives payment account entries no merchant category code: a card purchase (or
        // its refund) is known by its ISO 20022 bank transaction code.
        ...(t.merchantCategoryCode ? { bankTransactionCode: 'PMNT-CCRD-POSD' } : {}),
      };
    };
    res.json({
      account: accountReference(account),
      transactions: {
        booked: page.filter((t) => t.status === 'booked').map(entry),
        pending: page.filter((t) => t.status === 'pending').map(entry),
        _links: { account: { href: `${base(req)}/${encodeURIComponent(account.id)}` }, ...links },
      },
    });
  });

  router.get('/v1/card-accounts', (req, res) => {
    const customer = consentFor(req, res);
    res.json({
      cardAccounts: customer.accounts.filter((a) => a.type === 'credit_card').map((a) => cardAccount(req, customer, a)),
    });
  });

  /** The card's latest statement (src/bank/sandbox/statement.ts), as the Open Banking sandbox gives it. */
  async function statementFor(customer: SandboxCustomer, account: SandboxAccount) {
    const today = todayIn(customer.timeZone, now());
    const owedNow = (await bank.balance(account)).currentMinor;
    return statementOf(customer, account, today, owedNow, await bank.transactions(customer, account));
  }

  router.get('/v1/card-accounts/:accountId/balances', async (req, res) => {
    const customer = consentFor(req, res);
    const account = accountFor(customer, req, true);
    const statement = await statementFor(customer, account);
    res.json({
      cardAccount: { maskedPan: maskedPan(account.number) },
      debitAccounting: true,
      balances: [
        ...(await balancesOf(account, customer)),
        // For card accounts closingBooked is what was invoiced and is not yet paid: the statement.
        ...(statement
          ? [
              {
                balanceType: 'closingBooked',
                balanceAmount: amount(statement.balanceMinor, account.currency),
                referenceDate: statement.closingDate,
              },
            ]
          : []),
      ],
    });
  });

  router.get('/v1/card-accounts/:accountId/transactions', async (req, res) => {
    const customer = consentFor(req, res);
    const account = accountFor(customer, req, true);
    const { page, links, day } = await reportPage(req, customer, account);
    const statement = await statementFor(customer, account);
    /**
     * Booked entries up to the statement's closing were invoiced; those of the latest
     * statement carry its payment due date as their value date, as the spec has it.
     */
    const invoicing = (t: SandboxTransaction) => {
      if (t.status !== 'booked' || !statement) return {};
      const date = day(t);
      if (date > statement.closingDate) return { invoiced: false };
      const latest = date > addDays(statement.closingDate, -STATEMENT_PERIOD_DAYS);
      return { ...(latest && statement.dueDate ? { valueDate: statement.dueDate } : {}), invoiced: true };
    };
    const entry = (t: SandboxTransaction) => ({
      cardTransactionId: t.id,
      transactionDate: day(t),
      ...(t.status === 'booked' ? { bookingDate: day(t) } : {}),
      ...invoicing(t),
      // Debit accounting: what the card is charged is positive, what is paid to it negative.
      transactionAmount: amount(t.creditDebit === 'debit' ? t.amountMinor : -t.amountMinor, t.currency),
      transactionDetails: t.description.slice(0, 140),
      ...(t.merchantCategoryCode ? { merchantCategoryCode: t.merchantCategoryCode } : {}),
    });
    res.json({
      cardAccount: { maskedPan: maskedPan(account.number) },
      debitAccounting: true,
      cardTransactions: {
        booked: page.filter((t) => t.status === 'booked').map(entry),
        pending: page.filter((t) => t.status === 'pending').map(entry),
        _links: { cardAccount: { href: `${base(req)}/${encodeURIComponent(account.id)}` }, ...links },
      },
    });
  });

  return router;
}
