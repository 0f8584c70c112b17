/**
 * The real system one campaign sequence runs against: Saldo's application objects (two, as
 * two processes on one database; either can be restarted), the customer's bank (the
 * in-process sandbox connector, or the Open Banking connector against the sandbox Open
 * Banking server over HTTP), a clock the sequence moves, faults injected into the bank, and
 * a fast-check scheduler that decides in which order the bank's answers arrive when several
 * things happen at once.
 *
 * Each sequence has its own customer (a copy of the fixture's John with ids of its own), so
 * sequences share the database of their engine without sharing any row.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type fc from 'fast-check';
import { createApplication, type Application } from '../../src/app/application';
import {
  PaymentNotSentError,
  type BankConnector,
  type PaymentOrder,
  type PaymentResult,
} from '../../src/bank/connector';
import { createOpenBankingSandbox, type OpenBankingSandbox } from '../../src/bank/openbanking/sandbox';
import {
  loadSandboxFixture,
  withOwnIds,
  type SandboxCustomer,
  type SandboxFixture,
} from '../../src/bank/sandbox/fixture';
import type { Db } from '../../src/store/db';
import { openStore } from '../../src/store/open';
import { TEST_PIN_COST } from '../support/app';

export type ConnectorKind = 'sandbox' | 'openbanking';

/** What the bank does to the next payment sent to it. */
export type PaymentFault =
  /** The order never arrives, and its answer is lost (the bank never heard it). */
  | 'lost_before'
  /** The bank makes the payment, and the answer is lost on the way back. */
  | 'lost_after'
  /** Certain not to reach the bank (Open Banking: its consent fails). */
  | 'not_sent'
  /** The bank turns it down. */
  | 'rejected'
  /** The bank takes it but has not decided yet (in-process bank only). */
  | 'pending';

export const PIN_LIMIT = 3;
export const DAILY_LIMIT_MINOR = 200_000;

// The hand-written month only: the campaign is about payments, and months of history would be
// parsed and seeded again for every sequence.
const base = loadSandboxFixture(undefined, { withHistory: false });
const john = base.customers.find((c) => c.id === 'cust-john') as SandboxCustomer;

/** John, with ids, token and accounts of this sequence's own. */
const customerFor = (n: number): SandboxCustomer =>
  withOwnIds(john, {
    id: `cust-c${n}`,
    accessToken: `campaign-token-${n}`,
    rename: (id) => id.replace('john', `c${n}`),
  });

interface Clock {
  readonly now: () => Date;
  advance(ms: number): void;
}

/** Bank answers held by the scheduler while several things happen at once. */
interface Interleaving {
  install(scheduler: fc.Scheduler): void;
  uninstall(): void;
  /** Awaits `work`, letting the scheduler release the bank's answers it holds. */
  run<T>(work: Promise<T>): Promise<T>;
}

/**
 * The store as the processes use it, counting what is in flight: a held bank answer is let
 * go only once the store has gone quiet, so every other step gets as far as it can first
 * (to its own bank call, or to its answer). How far they get can vary with the machine;
 * what must hold cannot.
 */
function counted(db: Db): { db: Db; quiet(): Promise<void> } {
  let busy = 0;
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    busy++;
    try {
      return await work();
    } finally {
      busy--;
    }
  };
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    db: {
      engine: db.engine,
      query: (sql, params) => track(() => db.query(sql, params)),
      run: (sql, params) => track(() => db.run(sql, params)),
      transaction: (work) => track(() => db.transaction(work)),
      close: () => db.close(),
    },
    async quiet() {
      for (let calm = 0; calm < 3;) {
        await tick();
        calm = busy === 0 ? calm + 1 : 0;
      }
    },
  };
}

function interleaving(quiet: () => Promise<void>): Interleaving & { hold<T>(answer: Promise<T>): Promise<T> } {
  let scheduler: fc.Scheduler | undefined;
  const whenQuiet = async (release: () => Promise<void>) => {
    await quiet();
    await release();
  };
  return {
    install: (s) => void (scheduler = s),
    uninstall: () => void (scheduler = undefined),
    run: (work) => (scheduler ? scheduler.waitFor(work, whenQuiet) : work),
    hold: (answer) => (scheduler ? scheduler.schedule(answer, 'bank answer') : answer),
  };
}

class LostAnswerError extends Error {
  constructor() {
    super('the connection was reset');
    this.name = 'LostAnswerError';
  }
}

/**
 * The in-process bank with a queue of faults for its next payments. A bank keeps its word
 * per idempotency key: a key it already paid is answered with that payment whatever fault
 * is queued, and a key it refused stays refused.
 */
function faultyConnector(
  connector: BankConnector,
  faults: PaymentFault[],
  hold: <T>(answer: Promise<T>) => Promise<T>,
  paidAlready: (idempotencyKey: string) => Promise<boolean>,
): BankConnector {
  const refused = new Set<string>();
  const refusal = (): PaymentResult => ({ status: 'rejected', paymentId: 'bank-refused', reason: 'rejected_by_bank' });
  return {
    ...connector,
    getBalances: (token, accountId) => hold(connector.getBalances(token, accountId)),
    async makePayment(token: string, order: PaymentOrder): Promise<PaymentResult> {
      const fault = faults.shift();
      const key = order.idempotencyKey;
      const send = () => (refused.has(key) ? Promise.resolve(refusal()) : connector.makePayment(token, order));
      const decided = refused.has(key) || (await paidAlready(key));
      // A failure is made when its held answer is let go, not before: a rejected promise the
      // scheduler holds has no handler yet, and Node would report it as unhandled meanwhile.
      const failWith = (held: Promise<unknown>, error: () => Error) => hold(held).then(() => Promise.reject(error()));
      switch (fault) {
        case 'lost_before':
          return failWith(Promise.resolve(), () => new LostAnswerError());
        case 'lost_after':
          return failWith(send(), () => new LostAnswerError());
        case 'not_sent':
          return failWith(Promise.resolve(), () => new PaymentNotSentError('injected'));
        case 'rejected':
          if (!decided) refused.add(key);
          return hold(send());
        case 'pending':
          return hold(
            decided ? send() : Promise.resolve({ status: 'pending', paymentId: key, awaiting: 'customer_approval' }),
          );
        default:
          return hold(send());
      }
    },
  };
}

export interface World {
  readonly connector: ConnectorKind;
  readonly privacyMode: boolean;
  readonly customer: SandboxCustomer;
  readonly clock: Clock;
  readonly interleaving: Interleaving;
  /** The Saldo store both processes share. */
  readonly db: Db;
  /** Where the bank keeps its ledger (and, for Open Banking, its consents and payments). */
  readonly bankDb: Db;
  readonly bankId: string;
  /** The audit rows before this sequence: earlier sequences' are not its business. */
  readonly auditFrom: number;
  process(index: number): Application;
  restart(index: number): Promise<void>;
  inject(fault: PaymentFault): void;
  clearFaults(): void;
  /** Waits for the work both processes started after their answers. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  readonly db: Db;
  readonly sequence: number;
  readonly connector: ConnectorKind;
  readonly privacyMode: boolean;
  readonly start: Date;
}

const dir = mkdtempSync(path.join(tmpdir(), 'saldo-campaign-'));

export async function createWorld(options: WorldOptions): Promise<World> {
  const { db, sequence, connector } = options;
  const customer = customerFor(sequence);
  const fixture: SandboxFixture = { bank: base.bank, customers: [customer] };
  const fixtureFile = path.join(dir, `fixture-${sequence}.json`);
  writeFileSync(fixtureFile, JSON.stringify(fixture));
  let time = options.start.getTime();
  const clock: Clock = { now: () => new Date(time), advance: (ms) => void (time += ms) };
  const store = counted(options.db);
  const order = interleaving(store.quiet);
  const faults: PaymentFault[] = [];
  const bankId = `campaign-${connector}`;

  let bank: { app: OpenBankingSandbox; server: http.Server; db: Db } | undefined;
  let connectorConfig: Record<string, unknown> = { type: 'sandbox', fixture: fixtureFile };
  if (connector === 'openbanking') {
    const bankDb = await openStore('sqlite::memory:');
    const app = createOpenBankingSandbox({
      fixture: { ...fixture, bank: { ...base.bank, id: bankId } },
      db: bankDb,
      now: clock.now,
    });
    await app.ready;
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    bank = { app, server, db: bankDb };
    connectorConfig = {
      type: 'openbanking',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      financialId: 'saldo-campaign',
      locale: 'en-US',
      timeZone: customer.timeZone,
      enrolPinsFrom: fixtureFile,
      // Generous: a busy machine must not turn into lost answers the campaign did not inject.
      resilience: { callTimeoutMs: 5000, readAttempts: 2, breakerFailures: 50, breakerHalfOpenMs: 1000 },
    };
  }
  const configFile = path.join(dir, `banks-${sequence}.json`);
  writeFileSync(
    configFile,
    JSON.stringify({
      banks: [
        {
          id: bankId,
          names: { 'en-US': 'Campaign Bank' },
          connector: connectorConfig,
          limits: { perPayment: '1000.00', perDay: '2000.00' },
          pin: { maxAttempts: PIN_LIMIT },
          privacyMode: options.privacyMode,
        },
      ],
    }),
  );

  const paidAlready = async (key: string) =>
    (await db.query('SELECT status FROM sandbox_payments WHERE bank_id = ? AND idempotency_key = ?', [bankId, key]))
      .length > 0;
  const wrap = (_bank: string, real: BankConnector): BankConnector =>
    connector === 'sandbox' ? faultyConnector(real, faults, order.hold, paidAlready) : holdPayments(real, order.hold);
  const build = () =>
    createApplication(
      { SALDO_CONFIG: configFile, SALDO_VERIFY_REQUESTS: 'false' },
      {
        db: store.db,
        now: clock.now,
        log: pino({ level: 'silent' }),
        phrasing: () => () => 0,
        coalesceConfirmations: false,
        pinHashCost: TEST_PIN_COST,
        wrapConnector: wrap,
      },
    );
  const processes: Application[] = [];
  try {
    processes.push(await build(), await build());
  } catch (error) {
    await Promise.all(processes.map((p) => p.close()));
    if (bank) await stopBank(bank);
    throw error;
  }
  const [watermark] = await db.query<{ id: number | null }>('SELECT MAX(id) AS id FROM audit_log');

  return {
    connector,
    privacyMode: options.privacyMode,
    customer,
    clock,
    interleaving: order,
    db,
    bankDb: bank?.db ?? db,
    bankId,
    auditFrom: Number(watermark?.id ?? 0),
    process: (index) => processes[index] as Application,
    async restart(index) {
      // A process that stops gives its background work time to finish, as a SIGTERM would.
      await (processes[index] as Application).close();
      processes[index] = await build();
    },
    inject(fault) {
      if (connector === 'sandbox') faults.push(fault);
      else bank?.app.faults.add(openBankingFault(fault));
    },
    clearFaults() {
      faults.length = 0;
      bank?.app.faults.clear();
    },
    async settled() {
      await order.run(Promise.all(processes.map((p) => p.settled())));
    },
    async close() {
      await Promise.all(processes.map((p) => p.close()));
      if (bank) await stopBank(bank);
    },
  };
}

async function stopBank(bank: { server: http.Server; db: Db }): Promise<void> {
  bank.server.closeAllConnections();
  await new Promise<void>((resolve) => bank.server.close(() => resolve()));
  await bank.db.close();
}

const PAYMENTS = /\/domestic-payments$/;
const CONSENTS = /\/domestic-payment-consents$/;

/** The same faults, on the wire: the connector asks once more for a lost answer, so twice. */
function openBankingFault(fault: PaymentFault) {
  switch (fault) {
    case 'lost_before':
      return { method: 'POST', path: PAYMENTS, resetConnection: true, times: 2 } as const;
    case 'lost_after':
      return { method: 'POST', path: PAYMENTS, resetConnection: true, afterHandling: true, times: 2 } as const;
    case 'not_sent':
      return { method: 'POST', path: CONSENTS, status: 500, times: 1 } as const;
    case 'rejected':
    case 'pending':
      throw new Error(`the Open Banking sandbox has no '${fault}' fault`);
  }
}

/** The Open Banking connector, with the bank's answers to payments arriving in the scheduler's order. */
function holdPayments(connector: BankConnector, hold: <T>(answer: Promise<T>) => Promise<T>): BankConnector {
  return {
    ...connector,
    makePayment: (token, order) => hold(connector.makePayment(token, order)),
  };
}
