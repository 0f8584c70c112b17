/**
 * Versioned schema migrations, applied in order at start, each once, in a transaction.
 * A migration is SQL for both engines, with the few dialect differences spelled out.
 */
import type { Db } from './db';

interface Dialect {
  readonly autoId: string;
  readonly appendOnly: (table: string) => string[];
  /** The UTC calendar day (YYYY-MM-DD) of a column holding epoch milliseconds. */
  readonly utcDay: (column: string) => string;
}

const dialects: Record<Db['engine'], Dialect> = {
  sqlite: {
    autoId: 'INTEGER PRIMARY KEY AUTOINCREMENT',
    appendOnly: (table) => [
      `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
    ],
    utcDay: (column) => `strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`,
  },
  postgres: {
    autoId: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
    appendOnly: (table) => [
      `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`,
      `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
    ],
    utcDay: (column) => `to_char(to_timestamp(${column} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  },
};

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: (dialect: Dialect) => string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'voice PINs, pending payments, spending, idempotency, audit',
    statements: (d) => [
      `CREATE TABLE pin_credentials (
        bank_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        pin_hash TEXT NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        locked_at BIGINT,
        check_lease_until BIGINT,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (bank_id, customer_id)
      )`,
      `CREATE TABLE pending_payments (
        id TEXT PRIMARY KEY,
        bank_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('bill', 'transfer')),
        status TEXT NOT NULL,
        source_account_id TEXT,
        payee_id TEXT,
        destination_account_id TEXT,
        amount_minor BIGINT,
        currency TEXT,
        channel TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        decided_at BIGINT,
        outcome TEXT
      )`,
      `CREATE INDEX pending_payments_customer ON pending_payments (bank_id, customer_id, created_at)`,
      `CREATE TABLE voice_spending (
        bank_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        day TEXT NOT NULL,
        currency TEXT NOT NULL,
        total_minor BIGINT NOT NULL,
        PRIMARY KEY (bank_id, customer_id, day, currency)
      )`,
      `CREATE TABLE idempotency_records (
        idempotency_key TEXT PRIMARY KEY,
        bank_id TEXT NOT NULL,
        pending_payment_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        outcome TEXT
      )`,
      `CREATE TABLE audit_log (
        id ${d.autoId},
        at BIGINT NOT NULL,
        bank_id TEXT NOT NULL,
        customer_id TEXT,
        channel TEXT,
        event TEXT NOT NULL,
        details TEXT NOT NULL
      )`,
      ...d.appendOnly('audit_log'),
    ],
  },
  {
    version: 2,
    name: 'sandbox bank ledger',
    statements: () => [
      `CREATE TABLE sandbox_balances (
        bank_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        available_minor BIGINT,
        current_minor BIGINT NOT NULL,
        PRIMARY KEY (bank_id, account_id)
      )`,
      `CREATE TABLE sandbox_transactions (
        id TEXT PRIMARY KEY,
        bank_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        booked_at BIGINT NOT NULL,
        description TEXT NOT NULL,
        amount_minor BIGINT NOT NULL,
        currency TEXT NOT NULL,
        credit_debit TEXT NOT NULL CHECK (credit_debit IN ('credit', 'debit')),
        status TEXT NOT NULL CHECK (status IN ('booked', 'pending'))
      )`,
      `CREATE INDEX sandbox_transactions_account ON sandbox_transactions (bank_id, account_id, booked_at)`,
      `CREATE TABLE sandbox_payments (
        bank_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        payment_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('processing', 'completed', 'rejected')),
        result TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (bank_id, idempotency_key)
      )`,
    ],
  },
  {
    version: 3,
    name: 'read approvals for banks in privacy mode',
    statements: () => [
      `CREATE TABLE read_approvals (
        id TEXT PRIMARY KEY,
        bank_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('awaiting_pin', 'approved')),
        request TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
    ],
  },
  {
    version: 4,
    name: 'Open Banking sandbox consents and payment orders',
    statements: () => [
      `CREATE TABLE ob_sandbox_consents (
    bank_id TEXT NOT NULL,
    consent_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_json TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    status_updated_at BIGINT NOT NULL,
    PRIMARY KEY (bank_id, consent_id)
  )`,
      `CREATE UNIQUE INDEX ob_sandbox_consents_key ON ob_sandbox_consents (bank_id, customer_id, idempotency_key)`,
      `CREATE TABLE ob_sandbox_payments (
    bank_id TEXT NOT NULL,
    payment_id TEXT NOT NULL,
    consent_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_json TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    status_updated_at BIGINT NOT NULL,
    PRIMARY KEY (bank_id, payment_id)
  )`,
      `CREATE UNIQUE INDEX ob_sandbox_payments_key ON ob_sandbox_payments (bank_id, customer_id, idempotency_key)`,
    ],
  },
  {
    version: 5,
    name: 'payment state machine: reservation day, attempts and settlement lease; PIN-check lease holder',
    statements: (d) => [
      // The day a payment's spending was reserved on, so it is given back to that day.
      'ALTER TABLE pending_payments ADD COLUMN spending_day TEXT',
      // How many times the payment was handed to the bank: a retry that was "not sent" does
      // not prove that an earlier attempt was not.
      'ALTER TABLE pending_payments ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0',
      // Who is talking to the bank about this payment, and until when.
      'ALTER TABLE pending_payments ADD COLUMN lease_holder TEXT',
      'ALTER TABLE pending_payments ADD COLUMN lease_until BIGINT',
      // Payments approved before this migration: reserved on the day they were decided,
      // handed to the bank once, and free to be settled.
      `UPDATE pending_payments SET spending_day = ${d.utcDay('decided_at')}, attempts = 1 WHERE status = 'approved'`,
      `CREATE INDEX pending_payments_unsettled ON pending_payments (bank_id, customer_id, status)`,
      'ALTER TABLE pin_credentials ADD COLUMN check_lease_holder TEXT',
    ],
  },
  {
    version: 7,
    name: 'voice profiles enrolled with the PIN (Alexa person ids), for banks that require a recognised speaker',
    statements: () => [
      `CREATE TABLE voice_profiles (
        bank_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        person_id TEXT NOT NULL,
        enrolled_at BIGINT NOT NULL,
        PRIMARY KEY (bank_id, customer_id, person_id)
      )`,
    ],
  },
  {
    version: 8,
    name: 'payees enrolled in Saldo (banks without a beneficiaries list) and the payment requests a connector sent',
    statements: () => [
      `CREATE TABLE enrolled_payees (
        bank_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        payee_id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('biller', 'person')),
        aliases TEXT NOT NULL,
        account TEXT NOT NULL,
        enrolled_at BIGINT NOT NULL,
        PRIMARY KEY (bank_id, customer_id, payee_id)
      )`,
      // Written before a payment request leaves, so a lost answer is looked up, never re-sent blindly.
      `CREATE TABLE bank_payment_requests (
        bank_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        payment_product TEXT NOT NULL,
        payment_id TEXT,
        authorisation_id TEXT,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (bank_id, idempotency_key)
      )`,
    ],
  },
  {
    version: 9,
    name: 'payments still to settle, indexed on their own in the order they are settled',
    statements: () => [
      // Every new conversation asks for these: the index holds only undecided payments, so
      // the answer costs the same however many payments a customer has made.
      `CREATE INDEX pending_payments_to_settle ON pending_payments (bank_id, customer_id, created_at)
       WHERE status IN ('approved', 'unknown')`,
    ],
  },
];

/** PostgreSQL advisory lock id guarding migrations: any constant unique to Saldo. */
const MIGRATION_LOCK = 5_417_201;

/** The versions applied, read without a transaction or a lock; none before the first start. */
async function appliedVersions(db: Db): Promise<ReadonlySet<number>> {
  try {
    return new Set(
      (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
    );
  } catch {
    return new Set();
  }
}

export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  // A store already up to date (every start but the first) is only read: no write lock.
  const known = await appliedVersions(db);
  if (migrations.every((migration) => known.has(migration.version))) return [];
  const dialect = dialects[db.engine];
  return db.transaction(async (tx) => {
    // Two processes starting together must not both apply a migration.
    if (db.engine === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
    );
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements(dialect)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
