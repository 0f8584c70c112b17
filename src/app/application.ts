/**
 * The composition root: configuration in, the running parts out. Everything is built
 * here once at start and passed down; nothing below reaches for globals. Each bank gets
 * its own connector, limits, PIN policy and conversation over the one shared store,
 * where every row carries its bank's id.
 */
import { readFileSync } from 'node:fs';
import type { DestinationStream, Logger } from 'pino';
import type { BankConnector } from '../bank/connector';
import { createSandboxConnector } from '../bank/sandbox/connector';
import { loadSandboxFixture, type SandboxFixture } from '../bank/sandbox/fixture';
import { sandboxLedger, seedLedger } from '../bank/sandbox/ledger';
import { ZodError } from 'zod';
import { type BankConfig, type Config, ConfigError, loadConfig } from '../config';
import type { CoreDeps } from '../core/context';
import { createConversation, type Conversation } from '../core/conversation';
import { PAYMENT_LEASE_MS, PENDING_TTL_MS, type PaymentDeps } from '../core/payments/deps';
import { inFlight, noCoalescing } from '../core/payments/in-flight';
import type { DeriveKey, PinHashCost } from '../security/pin-hash';
import { backgroundWork } from './background';
import { enrolMissingPins } from '../security/enrol';
import { pinChecker } from '../security/voice-pin';
import { pinWorkers, type PinWorkerOptions } from '../security/pin-workers';
import { auditLog } from '../store/audit';
import { bankPaymentRequests } from '../store/bank-payment-requests';
import { enrolledPayees } from '../store/enrolled-payees';
import { berlinGroupCustomerId } from '../bank/berlingroup/customer';
import type { Db } from '../store/db';
import { describeDatabaseUrl, openStore } from '../store/open';
import { pinCredentials } from '../store/pin-credentials';
import { readApprovals } from '../store/read-approvals';
import { paymentStore } from '../store/payments';
import { voiceProfiles } from '../store/voice-profiles';
import { createLogger } from './logger';
import { describeIssues } from '../shared/schema-issue';
import { createMetrics, type Metrics } from './metrics';

/** A bank as Saldo serves it: its connector, its conversation, and the ids routed to it. */
export interface BankRuntime {
  readonly id: string;
  readonly connector: BankConnector;
  readonly names: Readonly<Record<string, string>>;
  readonly conversation: Conversation;
  readonly alexaSkillIds: readonly string[];
  readonly googleProjectIds: readonly string[];
}

export interface Application {
  readonly config: Config;
  readonly log: Logger;
  readonly db: Db;
  readonly banks: readonly BankRuntime[];
  /** The first bank: served when a request names no bank (local tools) and only one is configured. */
  readonly bank: BankRuntime;
  /** The first bank's conversation. */
  readonly conversation: Conversation;
  /** What /readyz checks: each must answer without throwing. */
  readonly readiness: Readonly<Record<string, () => Promise<void>>>;
  readonly metrics: Metrics;
  /** Resolves once the work started after answers (settling lost payments) is done. */
  settled(): Promise<void>;
  /** Waits for that work, then closes the store (unless it was handed in). */
  close(): Promise<void>;
}

export interface ApplicationOverrides {
  readonly log?: Logger;
  /** Where the application's own logger writes (default: standard output, synchronously). */
  readonly logDestination?: DestinationStream;
  readonly now?: () => Date;
  /** Which phrasing of a varied message to say (tests pin the plain one). */
  readonly phrasing?: CoreDeps['phrasing'];
  /** How long a turn may wait on the bank (tests that are not about time give a busy machine room). */
  readonly turnDeadlineMs?: CoreDeps['turnDeadlineMs'];
  /** How long a launch waits for the customer's merchants before it answers without them. */
  readonly merchantReadBudgetMs?: CoreDeps['merchantReadBudgetMs'];
  /** A store already open, shared as two processes share one database; this application does not close it. */
  readonly db?: Db;
  /** Whether identical concurrent confirmations share one answer (default true; campaigns race the store). */
  readonly coalesceConfirmations?: boolean;
  /** How the sandbox's PINs are hashed at enrolment (tests that check thousands of PINs use a cheap cost). */
  readonly pinHashCost?: PinHashCost;
  /** The PIN workers' CPU budget beyond SALDO_PIN_CPU_SHARE (tests make it tiny to see checks deferred). */
  readonly pinWorkers?: PinWorkerOptions;
  /** Wraps each bank's connector (tests inject faults this way). */
  readonly wrapConnector?: (bankId: string, connector: BankConnector) => BankConnector;
}

/** Everything the payment capabilities keep in the store, for one bank. */
export function paymentDeps(
  db: Db,
  config: Pick<Config, 'pinMaxAttempts' | 'paymentLimit' | 'dailyLimit'>,
  bankId: string,
  now: () => Date,
  /** Where PIN checks' scrypt runs: the process's PIN workers, shared by every bank. */
  derive: DeriveKey,
  coalesceConfirmations = true,
): PaymentDeps {
  const audit = auditLog(db, now);
  return {
    bankId,
    store: paymentStore(db),
    pins: pinChecker({
      credentials: pinCredentials(db),
      audit,
      now,
      maxAttempts: config.pinMaxAttempts,
      derive,
    }),
    audit,
    limits: { perPayment: config.paymentLimit, perDay: config.dailyLimit },
    pendingTtlMs: PENDING_TTL_MS,
    leaseMs: PAYMENT_LEASE_MS,
    confirmations: coalesceConfirmations ? inFlight() : noCoalescing(),
  };
}

/** Without SALDO_CONFIG: one sandbox bank, configured from the environment as always. */
function defaultBanks(config: Config, fixtureAt: FixtureLoader): BankConfig[] {
  const fixture = fixtureAt(config.sandboxFixture, 'SALDO_FIXTURE');
  return [
    {
      id: fixture.bank.id,
      names: fixture.bank.names,
      alexaSkillIds: config.alexaSkillId ? [config.alexaSkillId] : [],
      googleProjectIds: config.googleProjectId ? [config.googleProjectId] : [],
      locales: ['en-US', 'en-GB', 'es-ES', 'es-US'],
      connector: { type: 'sandbox', fixture: config.sandboxFixture },
      privacyMode: false,
      requireRecognizedSpeaker: false,
    },
  ];
}

/**
 * Each fixture file is read and validated once per start, however many banks use it.
 * A fixture that cannot be loaded is reported under the setting that named it.
 */
type FixtureLoader = (file: string | undefined, setting: string) => SandboxFixture;

function fixtureLoader(): FixtureLoader {
  const loaded = new Map<string | undefined, SandboxFixture>();
  return (file, setting) => {
    let fixture = loaded.get(file);
    if (!fixture) {
      try {
        fixture = loadSandboxFixture(file);
      } catch (error) {
        throw new ConfigError(`${setting} ${file ?? '(bundled fixture)'}: ${describeFixtureError(error)}`);
      }
      loaded.set(file, fixture);
    }
    return fixture;
  };
}

function describeFixtureError(error: unknown): string {
  if (error instanceof ZodError) return describeIssues(error.issues, '(file)');
  return error instanceof Error ? error.message : String(error);
}

/** Opens DATABASE_URL's store; a failure names the variable (and never its password). */
async function openConfiguredStore(databaseUrl: string, log?: Logger): Promise<Db> {
  const where = describeDatabaseUrl(databaseUrl);
  try {
    return await openStore(databaseUrl, (applied) =>
      log?.info(
        { store: where, migrationsApplied: applied },
        `store ${where}; ${applied.length > 0 ? `applied migrations ${applied.join(', ')}` : 'schema up to date'}`,
      ),
    );
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ECONNREFUSED' ? 'connection refused' : error instanceof Error ? error.message : String(error);
    throw new ConfigError(`DATABASE_URL ${where}: ${reason}`);
  }
}

async function enrolFixturePins(
  db: Db,
  bankId: string,
  fixture: SandboxFixture,
  now: () => Date,
  cost?: PinHashCost,
): Promise<void> {
  await enrolMissingPins(
    pinCredentials(db),
    bankId,
    fixture.customers.map((c) => ({ customerId: c.id, pin: c.voicePin })),
    now().getTime(),
    cost,
  );
}

async function connectorFor(
  bank: BankConfig,
  db: Db,
  log: Logger,
  now: () => Date,
  fixtureAt: FixtureLoader,
  pinHashCost?: PinHashCost,
): Promise<BankConnector> {
  const connector = bank.connector;
  if (connector.type === 'sandbox') {
    const fixture = fixtureAt(connector.fixture, `SALDO_CONFIG bank ${bank.id} connector.fixture`);
    await seedLedger(db, fixture, bank.id);
    await enrolFixturePins(db, bank.id, fixture, now, pinHashCost);
    return createSandboxConnector({ fixture, ledger: sandboxLedger(db, bank.id), bankId: bank.id, now });
  }
  const read = (file?: string) => (file ? readFileSync(file, 'utf8') : undefined);
  const tls = connector.tls && {
    ca: read(connector.tls.caFile),
    cert: read(connector.tls.certFile),
    key: read(connector.tls.keyFile),
    rejectUnauthorized: connector.tls.rejectUnauthorized,
  };
  if (connector.type === 'berlingroup') {
    if (connector.enrolPinsFrom) {
      // Berlin Group knows a customer by their first payment account's resourceId.
      const fixture = fixtureAt(connector.enrolPinsFrom, `SALDO_CONFIG bank ${bank.id} connector.enrolPinsFrom`);
      const customers = fixture.customers.map((c) => ({ ...c, id: berlinGroupCustomerId(c.accounts) ?? c.id }));
      await enrolFixturePins(db, bank.id, { ...fixture, customers }, now, pinHashCost);
    }
    // Loaded only where a bank speaks Berlin Group.
    const { createBerlinGroupConnector } = await import('../bank/berlingroup/connector');
    const payees = enrolledPayees(db);
    return createBerlinGroupConnector({
      ...connector,
      id: bank.id,
      tls,
      enrolledPayees: (customerId) => payees.list(bank.id, customerId),
      requests: bankPaymentRequests(db, bank.id),
      log: log.child({ bank: bank.id }),
      now,
    });
  }
  if (connector.enrolPinsFrom)
    await enrolFixturePins(
      db,
      bank.id,
      fixtureAt(connector.enrolPinsFrom, `SALDO_CONFIG bank ${bank.id} connector.enrolPinsFrom`),
      now,
      pinHashCost,
    );
  // Loaded only where a bank speaks Open Banking.
  const { createOpenBankingConnector } = await import('../bank/openbanking/connector');
  return createOpenBankingConnector({
    id: bank.id,
    baseUrl: connector.baseUrl,
    financialId: connector.financialId,
    tls,
    locale: connector.locale,
    timeZone: connector.timeZone,
    resilience: connector.resilience,
    log: log.child({ bank: bank.id }),
    now,
  });
}

export async function createApplication(
  env: NodeJS.ProcessEnv,
  overrides: ApplicationOverrides = {},
): Promise<Application> {
  const config = loadConfig(env);
  const log = overrides.log ?? createLogger(config.logLevel, overrides.logDestination);
  const now = overrides.now ?? (() => new Date());
  if (config.banks) {
    const ignored = [config.alexaSkillId && 'ALEXA_SKILL_ID', config.googleProjectId && 'GOOGLE_PROJECT_ID'].filter(
      Boolean,
    );
    if (ignored.length > 0)
      log.warn(
        { ignored },
        `${ignored.join(' and ')} ignored: with SALDO_CONFIG each bank lists its own alexaSkillIds and googleProjectIds`,
      );
  }
  const db = overrides.db ?? (await openConfiguredStore(config.databaseUrl, log));
  const closeStore = () => (overrides.db ? Promise.resolve() : db.close());
  const background = backgroundWork(log);
  // One pool for every bank, so that the CPU budget for PIN checks is the process's.
  const pinPool = pinWorkers({ cpuShare: config.pinCpuShare, ...overrides.pinWorkers });
  let closing: Promise<void> | undefined;
  try {
    const metrics = createMetrics();
    const banks: BankRuntime[] = [];
    const fixtureAt = fixtureLoader();
    for (const bank of config.banks ?? defaultBanks(config, fixtureAt)) {
      const built = await connectorFor(bank, db, log, now, fixtureAt, overrides.pinHashCost);
      const raw = overrides.wrapConnector ? overrides.wrapConnector(bank.id, built) : built;
      if ('circuit' in raw && typeof raw.circuit === 'function')
        metrics.watchCircuit(bank.id, raw.circuit as () => string);
      const connector = metrics.instrument(raw);
      const payments = paymentDeps(
        db,
        {
          pinMaxAttempts: bank.pin?.maxAttempts ?? config.pinMaxAttempts,
          paymentLimit: bank.limits?.perPayment ?? config.paymentLimit,
          dailyLimit: bank.limits?.perDay ?? config.dailyLimit,
        },
        bank.id,
        now,
        pinPool.derive,
        overrides.coalesceConfirmations,
      );
      const privacy = bank.privacyMode ? { approvals: readApprovals(db) } : undefined;
      const speakers = bank.requireRecognizedSpeaker ? { profiles: voiceProfiles(db) } : undefined;
      const conversation = createConversation(
        {
          connector,
          bankNames: bank.names,
          bankContact: bank.contact,
          locales: bank.locales,
          // Only the bundled sandbox bank tells its developers how to unlock a customer.
          developerHints: bank.connector.type === 'sandbox',
          now,
          log,
          payments,
          privacy,
          background: background.run,
          speakers,
          phrasing: overrides.phrasing,
          turnDeadlineMs: overrides.turnDeadlineMs,
          merchantReadBudgetMs: overrides.merchantReadBudgetMs,
        },
        (event) => {
          log.warn({ securityEvent: event, bank: bank.id }, 'security event: outgoing text redacted');
          payments
            .audit({
              bankId: bank.id,
              customerId: event.customerId,
              channel: event.channel,
              event: 'security.redaction',
              details: { field: event.field, identifier: event.identifierHint },
            })
            .catch((error: unknown) => log.error({ reason: String(error) }, 'could not audit a security event'));
        },
      );
      banks.push({
        id: bank.id,
        names: bank.names,
        connector,
        conversation,
        alexaSkillIds: bank.alexaSkillIds,
        googleProjectIds: bank.googleProjectIds,
      });
    }
    const readiness: Record<string, () => Promise<void>> = { store: async () => void (await db.query('SELECT 1')) };
    for (const bank of banks) readiness[`bank:${bank.id}`] = () => bank.connector.ping();
    const first = banks[0]!;
    return {
      config,
      log,
      db,
      banks,
      bank: first,
      conversation: first.conversation,
      readiness,
      metrics,
      settled: background.settled,
      close: () =>
        (closing ??= (async () => {
          await background.settled();
          await pinPool.close();
          await closeStore();
        })()),
    };
  } catch (error) {
    await pinPool.close();
    await closeStore().catch(() => undefined);
    throw error;
  }
}
