/**
 * The composition root: configuration in, the running parts out. Everything is built
 * here once at start and passed down; nothing below reaches for globals.
 */
import type { Logger } from 'pino';
import type { BankConnector } from '../bank/connector';
import { createSandboxConnector } from '../bank/sandbox/connector';
import { loadSandboxFixture } from '../bank/sandbox/fixture';
import { sandboxLedger, seedLedger } from '../bank/sandbox/ledger';
import { type Config, loadConfig } from '../config';
import { createConversation, type Conversation } from '../core/conversation';
import { PENDING_TTL_MS, type PaymentDeps } from '../core/payments/deps';
import { enrolMissingPins } from '../security/enrol';
import { pinChecker } from '../security/voice-pin';
import { auditLog } from '../store/audit';
import type { Db } from '../store/db';
import { openStore } from '../store/open';
import { pendingPayments } from '../store/pending-payments';
import { pinCredentials } from '../store/pin-credentials';
import { voiceSpending } from '../store/spending';
import { createLogger } from './logger';

export interface Bank {
  readonly id: string;
  readonly connector: BankConnector;
  readonly names: Readonly<Record<string, string>>;
}

export interface Application {
  readonly config: Config;
  readonly log: Logger;
  readonly db: Db;
  readonly bank: Bank;
  readonly conversation: Conversation;
  /** What /readyz checks: each must answer without throwing. */
  readonly readiness: Readonly<Record<string, () => Promise<void>>>;
  close(): Promise<void>;
}

export interface ApplicationOverrides {
  readonly log?: Logger;
  readonly now?: () => Date;
  /** A bank other than the sandbox (its PINs are enrolled by the bank, not here). */
  readonly bank?: Bank;
}

/** The sandbox bank on the store's ledger, with its customers' voice PINs enrolled. */
async function sandboxBank(config: Config, db: Db, now: () => Date): Promise<Bank> {
  const fixture = loadSandboxFixture(config.sandboxFixture);
  await seedLedger(db, fixture);
  await enrolMissingPins(
    pinCredentials(db),
    fixture.bank.id,
    fixture.customers.map((c) => ({ customerId: c.id, pin: c.voicePin })),
    now().getTime(),
  );
  return {
    id: fixture.bank.id,
    connector: createSandboxConnector({ fixture, ledger: sandboxLedger(db, fixture.bank.id), now }),
    names: fixture.bank.names,
  };
}

/** Everything the payment capabilities keep in the store, for one bank. */
export function paymentDeps(
  db: Db,
  config: Pick<Config, 'pinMaxAttempts' | 'paymentLimit' | 'dailyLimit'>,
  bankId: string,
  now: () => Date,
): PaymentDeps {
  const audit = auditLog(db, now);
  return {
    bankId,
    pending: pendingPayments(db),
    spending: voiceSpending(db),
    pins: pinChecker({ credentials: pinCredentials(db), audit, now, maxAttempts: config.pinMaxAttempts }),
    audit,
    limits: { perPayment: config.paymentLimit, perDay: config.dailyLimit },
    pendingTtlMs: PENDING_TTL_MS,
  };
}

export async function createApplication(env: NodeJS.ProcessEnv, overrides: ApplicationOverrides = {}): Promise<Application> {
  const config = loadConfig(env);
  const log = overrides.log ?? createLogger(config.logLevel);
  const now = overrides.now ?? (() => new Date());
  const db = await openStore(config.databaseUrl);
  try {
    const bank = overrides.bank ?? (await sandboxBank(config, db, now));
    const payments = paymentDeps(db, config, bank.id, now);
    const { audit } = payments;
    const conversation = createConversation({ connector: bank.connector, bankNames: bank.names, now, log, payments }, (event) => {
      log.warn({ securityEvent: event }, 'security event: outgoing text redacted');
      audit({ bankId: bank.id, customerId: event.customerId, channel: event.channel, event: 'security.redaction', details: { field: event.field, identifier: event.identifierHint } }).catch(
        (error: unknown) => log.error({ reason: String(error) }, 'could not audit a security event'),
      );
    });
    const readiness = {
      store: async () => void (await db.query('SELECT 1')),
      bank: () => bank.connector.ping(),
    };
    return { config, log, db, bank, conversation, readiness, close: () => db.close() };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
