/**
 * The Open Banking sandbox on a real HTTP port, with a fresh store, a fixed clock and
 * request builders that send what a connector sends (bearer token, FAPI headers,
 * x-idempotency-key and a detached x-jws-signature placeholder on POSTs).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  createOpenBankingSandbox,
  type OpenBankingSandbox,
  type OpenBankingSandboxOptions,
} from '../../src/bank/openbanking/sandbox';
import { loadSandboxFixture, type SandboxFixture } from '../../src/bank/sandbox/fixture';
import type { Db } from '../../src/store/db';
import { openStore } from '../../src/store/open';

export const AIS = '/open-banking/v3.1/aisp';
export const PIS = '/open-banking/v3.1/pisp';
export const JOHN = 'sandbox-token-john';
export const ANA = 'sandbox-token-ana';

/** 11:00 in New York (EDT, -04:00; DST began 3 days before), 16:00 in Madrid (+01:00). */
const FIXED_NOW = new Date('2025-03-12T15:00:00Z');

export interface RunningSandbox {
  readonly app: OpenBankingSandbox;
  readonly db: Db;
  readonly fixture: SandboxFixture;
  readonly server: http.Server;
  readonly baseUrl: string;
  get(token: string, path: string): request.Test;
  post(token: string, path: string, body: unknown, idempotencyKey?: string): request.Test;
  close(): Promise<void>;
}

export async function startSandbox(
  options: Partial<OpenBankingSandboxOptions> & { db?: Db; closeDb?: boolean } = {},
): Promise<RunningSandbox> {
  const fixture = options.fixture ?? loadSandboxFixture();
  const db = options.db ?? (await openStore('sqlite::memory:'));
  const app = createOpenBankingSandbox({ now: () => FIXED_NOW, ...options, fixture, db });
  await app.ready;
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = request(server);
  return {
    app,
    db,
    fixture,
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    get: (token, path) =>
      agent
        .get(path)
        .set('Authorization', `Bearer ${token}`)
        .set('x-fapi-financial-id', 'saldo-sandbox')
        .set('Accept', 'application/json'),
    post: (token, path, body, idempotencyKey) => {
      const test = agent
        .post(path)
        .set('Authorization', `Bearer ${token}`)
        .set('x-fapi-financial-id', 'saldo-sandbox')
        .set('x-jws-signature', 'unsigned..')
        .set('Accept', 'application/json')
        .send(body as object);
      return idempotencyKey === undefined ? test : test.set('x-idempotency-key', idempotencyKey);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.closeDb ?? !options.db) await db.close();
    },
  };
}

export interface InitiationOverrides {
  readonly amount?: string;
  readonly currency?: string;
  readonly debtor?: { SchemeName: string; Identification: string; Name?: string } | null;
  readonly creditor?: { SchemeName: string; Identification: string; Name: string };
  readonly id?: string;
}

/** John pays City Power from Everyday Checking unless told otherwise. */
export function johnInitiation(o: InitiationOverrides = {}) {
  const id = o.id ?? 'instr-1';
  return {
    InstructionIdentification: id,
    EndToEndIdentification: id,
    InstructedAmount: { Amount: o.amount ?? '25.50', Currency: o.currency ?? 'USD' },
    ...(o.debtor === null
      ? {}
      : {
          DebtorAccount: o.debtor ?? {
            SchemeName: 'UK.OBIE.SortCodeAccountNumber',
            Identification: '000123454217',
            Name: 'John Carter',
          },
        }),
    CreditorAccount: o.creditor ?? {
      SchemeName: 'UK.OBIE.SortCodeAccountNumber',
      Identification: '88001234',
      Name: 'City Power',
    },
    RemittanceInformation: { Reference: 'Saldo voice payment' },
  };
}

export const consentBody = (initiation: object) => ({ Data: { Initiation: initiation }, Risk: {} });
export const paymentBody = (consentId: string, initiation: object) => ({
  Data: { ConsentId: consentId, Initiation: initiation },
  Risk: {},
});

/** Consent, then payment, as a connector does it; returns both responses. */
export async function pay(sandbox: RunningSandbox, token: string, initiation: object, key: string) {
  const consent = await sandbox.post(token, `${PIS}/domestic-payment-consents`, consentBody(initiation), `${key}-c`);
  expect(consent.status).toBe(201);
  const payment = await sandbox.post(
    token,
    `${PIS}/domestic-payments`,
    paymentBody(consent.body.Data.ConsentId as string, initiation),
    key,
  );
  return { consent, payment };
}

export async function balancesOf(
  sandbox: RunningSandbox,
  token: string,
  accountId: string,
): Promise<Record<string, { amount: string; indicator: string }>> {
  const response = await sandbox.get(token, `${AIS}/accounts/${accountId}/balances`).expect(200);
  const result: Record<string, { amount: string; indicator: string }> = {};
  for (const b of response.body.Data.Balance as {
    Type: string;
    Amount: { Amount: string };
    CreditDebitIndicator: string;
  }[]) {
    result[b.Type] = { amount: b.Amount.Amount, indicator: b.CreditDebitIndicator };
  }
  return result;
}

/** Every transaction of an account, following Links.Next from the first page. */
export async function walkTransactions(sandbox: RunningSandbox, token: string, firstPath: string) {
  const seen: { TransactionId: string; TransactionInformation?: string; BookingDateTime: string }[] = [];
  let next: string | undefined = firstPath;
  let pages = 0;
  while (next) {
    const url = new URL(next, sandbox.baseUrl);
    expect(url.origin).toBe(sandbox.baseUrl);
    const response = await sandbox.get(token, `${url.pathname}${url.search}`).expect(200);
    seen.push(...(response.body.Data.Transaction as typeof seen));
    next = response.body.Links.Next as string | undefined;
    pages += 1;
    if (pages > 50) throw new Error('Links.Next never ends');
  }
  return { transactions: seen, pages };
}

/** The JSON of a response that must be an OBErrorResponse1. */
export function expectObError(body: unknown, errorCode: string): void {
  expect(body).toEqual(
    expect.objectContaining({
      Code: expect.any(String),
      Message: expect.any(String),
      Errors: expect.arrayContaining([expect.objectContaining({ ErrorCode: errorCode, Message: expect.any(String) })]),
    }),
  );
}
