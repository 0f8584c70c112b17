/** Account Information routes (mounted at /open-banking/v3.1/aisp). */
import { Router, type Request, type Response } from 'express';
import { todayIn } from '../../../dates';
import type { SandboxCustomer } from '../../sandbox/fixture';
import type { SandboxAccount, SandboxBank } from './bank';
import { customerOf } from './auth';
import { ObError } from './errors';
import { selfLinks } from './http';
import {
  statementOf,
  toObAccount,
  toObBalances,
  toObBeneficiary,
  toObParty,
  toObStatement,
  toObTransaction,
  toObUpcoming,
} from './mapping';
import type { ObEnvelope } from './ob-types';
import { pageLinks, pageOf } from './paging';
import { queryWallClock, wallClock, zonedDateTime } from './time';

export interface AispOptions {
  readonly bank: SandboxBank;
  readonly pageSize: number;
}

function single<D>(req: Request, data: D): ObEnvelope<D> {
  return { Data: data, Links: selfLinks(req), Meta: { TotalPages: 1 } };
}

/** The account named in the path, if it is the caller's; anything else is refused alike. */
function ownAccount(bank: SandboxBank, customer: SandboxCustomer, req: Request): SandboxAccount {
  const accountId = String(req.params.AccountId ?? '');
  const account = bank.accountOf(customer, accountId);
  if (!account)
    throw new ObError(
      403,
      'UK.OBIE.Resource.NotFound',
      'the consent does not grant access to this account',
      'AccountId',
    );
  return account;
}

/** An optional from/to query parameter as a wall clock ("YYYY-MM-DDTHH:mm:ss"). */
function wallClockParam(req: Request, name: string): string | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' ? queryWallClock(raw) : undefined;
  if (value === undefined)
    throw new ObError(400, 'UK.OBIE.Field.InvalidDate', `${name} is not an ISO 8601 date-time`, name);
  return value;
}

function pageParam(req: Request): number {
  const raw = req.query.page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,5}$/.test(raw))
    throw new ObError(400, 'UK.OBIE.Field.Invalid', 'page must be a positive integer', 'page');
  return Number(raw);
}

export function aispRouter({ bank, pageSize }: AispOptions): Router {
  const router = Router();

  router.get('/accounts', (req: Request, res: Response) => {
    const customer = customerOf(res);
    res.json(single(req, { Account: customer.accounts.map((a) => toObAccount(customer, a)) }));
  });

  router.get('/accounts/:AccountId', (req: Request, res: Response) => {
    const customer = customerOf(res);
    res.json(single(req, { Account: [toObAccount(customer, ownAccount(bank, customer, req))] }));
  });

  router.get('/accounts/:AccountId/balances', async (req: Request, res: Response) => {
    const customer = customerOf(res);
    const account = ownAccount(bank, customer, req);
    const balance = await bank.balance(account);
    res.json(
      single(req, { Balance: toObBalances(account, balance, zonedDateTime(bank.now().getTime(), customer.timeZone)) }),
    );
  });

  router.get('/accounts/:AccountId/transactions', async (req: Request, res: Response) => {
    const customer = customerOf(res);
    const account = ownAccount(bank, customer, req);
    // The spec: filter on the booking date-time, ignoring any time zone in the parameter,
    // i.e. on the customer's wall clock. Both ends are inclusive.
    const from = wallClockParam(req, 'fromBookingDateTime');
    const to = wallClockParam(req, 'toBookingDateTime');
    const zone = customer.timeZone;
    const all = (await bank.transactions(customer, account)).filter((t) => {
      const at = wallClock(t.bookedAt, zone);
      return (from === undefined || at >= from) && (to === undefined || at <= to);
    });
    const page = pageOf(all, pageParam(req), pageSize);
    if (!page) throw new ObError(400, 'UK.OBIE.Field.Invalid', 'page is past the last page', 'page');
    res.json({
      Data: { Transaction: page.items.map((t) => toObTransaction(t, customer)) },
      Links: pageLinks(req, page.page, page.totalPages),
      Meta: { TotalPages: page.totalPages },
    });
  });

  router.get('/accounts/:AccountId/beneficiaries', (req: Request, res: Response) => {
    const customer = customerOf(res);
    const account = ownAccount(bank, customer, req);
    res.json(single(req, { Beneficiary: customer.payees.map((p) => toObBeneficiary(account.id, p)) }));
  });

  router.get('/accounts/:AccountId/statements', async (req: Request, res: Response) => {
    const customer = customerOf(res);
    const account = ownAccount(bank, customer, req);
    const from = wallClockParam(req, 'fromStatementDateTime');
    const to = wallClockParam(req, 'toStatementDateTime');
    const today = todayIn(customer.timeZone, bank.now());
    const latest =
      account.type === 'credit_card'
        ? statementOf(
            customer,
            account,
            today,
            (await bank.balance(account)).currentMinor,
            await bank.transactions(customer, account),
          )
        : undefined;
    const statement = latest && toObStatement(customer, account, latest);
    // A statement is listed when its period overlaps [from, to].
    const listed =
      statement &&
      (from === undefined || statement.EndDateTime.slice(0, 19) >= from) &&
      (to === undefined || statement.StartDateTime.slice(0, 19) <= to);
    res.json(single(req, { Statement: listed ? [statement] : [] }));
  });

  const upcoming = (req: Request, res: Response) => {
    const customer = customerOf(res);
    return toObUpcoming(customer, ownAccount(bank, customer, req), todayIn(customer.timeZone, bank.now()));
  };
  router.get('/accounts/:AccountId/scheduled-payments', (req: Request, res: Response) => {
    res.json(single(req, { ScheduledPayment: upcoming(req, res).scheduled }));
  });
  router.get('/accounts/:AccountId/standing-orders', (req: Request, res: Response) => {
    res.json(single(req, { StandingOrder: upcoming(req, res).standingOrders }));
  });
  router.get('/accounts/:AccountId/direct-debits', (req: Request, res: Response) => {
    res.json(single(req, { DirectDebit: upcoming(req, res).directDebits }));
  });

  router.get('/party', (req: Request, res: Response) => {
    res.json(single(req, { Party: toObParty(customerOf(res)) }));
  });

  return router;
}
