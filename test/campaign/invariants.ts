/**
 * What must hold after anything a campaign sequence did, checked against the store and the
 * bank's own records (never against what Saldo said about them).
 */
import { DAILY_LIMIT_MINOR, type World } from './world';

interface PaymentRow extends Record<string, unknown> {
  id: string;
  status: string;
  amount_minor: number | null;
  spending_day: string | null;
}

interface AuditRow extends Record<string, unknown> {
  id: number;
  event: string;
  details: string;
}

const TERMINAL_EVENTS: Readonly<Record<string, string>> = {
  executed: 'payment.executed',
  rejected: 'payment.rejected',
  cancelled: 'payment.cancelled',
  expired: 'payment.expired',
  refused: 'payment.refused',
};
const TERMINAL_EVENT_NAMES = new Set(Object.values(TERMINAL_EVENTS));
const APPROVED_STATUSES = new Set(['approved', 'unknown', 'executed', 'rejected']);
const RESERVING_STATUSES = new Set(['approved', 'unknown', 'executed']);

export class InvariantBroken extends Error {
  constructor(what: string, details: unknown) {
    super(`${what}: ${JSON.stringify(details)}`);
    this.name = 'InvariantBroken';
  }
}

function expect(condition: boolean, what: string, details: unknown): void {
  if (!condition) throw new InvariantBroken(what, details);
}

async function payments(world: World): Promise<PaymentRow[]> {
  return world.db.query<PaymentRow>(
    'SELECT id, status, amount_minor, spending_day FROM pending_payments WHERE bank_id = ? AND customer_id = ?',
    [world.bankId, world.customer.id],
  );
}

/** What the bank itself recorded: the Saldo payment each of its payments was made for. */
async function bankPayments(world: World): Promise<Map<string, 'completed' | 'rejected' | 'processing'>> {
  const rows = await world.bankDb.query<{ idempotency_key: string; status: 'completed' | 'rejected' | 'processing' }>(
    'SELECT idempotency_key, status FROM sandbox_payments WHERE customer_id = ?',
    [world.customer.id],
  );
  const byPayment = new Map<string, 'completed' | 'rejected' | 'processing'>();
  for (const row of rows) {
    const id = /saldo-([A-Za-z0-9_-]{22})$/.exec(row.idempotency_key)?.[1];
    expect(id !== undefined, 'the bank holds a payment Saldo did not key', row);
    expect(!byPayment.has(id as string), 'the bank made one Saldo payment twice', row);
    byPayment.set(id as string, row.status);
  }
  return byPayment;
}

async function audit(world: World): Promise<AuditRow[]> {
  return world.db.query<AuditRow>(
    'SELECT id, event, details FROM audit_log WHERE bank_id = ? AND customer_id = ? AND id > ? ORDER BY id',
    [world.bankId, world.customer.id, world.auditFrom],
  );
}

function paymentOf(row: AuditRow): string | undefined {
  return (JSON.parse(row.details) as { payment?: string }).payment;
}

/**
 * `settledEverything`: after the final settlement no payment may be undecided, so the bank
 * and Saldo must agree exactly.
 */
export async function checkInvariants(world: World, settledEverything: boolean): Promise<void> {
  const rows = await payments(world);
  const bank = await bankPayments(world);
  const byId = new Map(rows.map((r) => [r.id, r]));

  // Money: the bank moved exactly the executed payments, each once.
  for (const [id, status] of bank) {
    const saldo = byId.get(id);
    expect(saldo !== undefined, 'the bank paid a payment Saldo never approved', { id });
    if (status === 'completed') {
      expect(['executed', 'approved', 'unknown'].includes(saldo?.status ?? ''), 'the bank paid, Saldo says not', {
        id,
        saldo: saldo?.status,
      });
      if (settledEverything) expect(saldo?.status === 'executed', 'a paid payment was never recorded', { id });
    }
  }
  for (const row of rows) {
    if (row.status === 'executed')
      expect(bank.get(row.id) === 'completed', 'Saldo says executed, the bank never paid it', { id: row.id });
    if (settledEverything)
      expect(row.status !== 'approved' && row.status !== 'unknown', 'a payment was left undecided', row);
  }

  // The day's voice spending: exactly what was executed or is still undecided, within the limit.
  const spending = await world.db.query<{ day: string; total_minor: number }>(
    'SELECT day, total_minor FROM voice_spending WHERE bank_id = ? AND customer_id = ?',
    [world.bankId, world.customer.id],
  );
  const reserved = new Map<string, number>();
  const moved = new Map<string, number>();
  for (const row of rows) {
    if (!RESERVING_STATUSES.has(row.status)) continue;
    const day = row.spending_day ?? '?';
    reserved.set(day, (reserved.get(day) ?? 0) + Number(row.amount_minor));
    if (row.status === 'executed') moved.set(day, (moved.get(day) ?? 0) + Number(row.amount_minor));
  }
  for (const { day, total_minor } of spending) {
    const total = Number(total_minor);
    expect(total >= 0, 'the voice spending counter went negative', { day, total });
    expect(total <= DAILY_LIMIT_MINOR, 'the voice spending counter passed the daily limit', { day, total });
    expect(total === (reserved.get(day) ?? 0), 'the counter is not what was reserved', {
      day,
      total,
      reserved: reserved.get(day) ?? 0,
    });
  }
  for (const [day, amount] of reserved) {
    expect(
      spending.some((s) => s.day === day),
      'a reservation is missing from the counter',
      { day, amount },
    );
  }
  for (const [day, amount] of moved)
    expect(amount <= DAILY_LIMIT_MINOR, 'more was moved by voice in a day than the limit', { day, amount });

  // The audit: every decided payment has exactly one terminal event, and approvals happen once.
  const events = await audit(world);
  const bySuffix = new Map<string, AuditRow[]>();
  for (const event of events) {
    const payment = paymentOf(event);
    if (payment) bySuffix.set(payment, [...(bySuffix.get(payment) ?? []), event]);
  }
  for (const row of rows) {
    const own = bySuffix.get(row.id.slice(-6)) ?? [];
    const terminal = own.filter((e) => TERMINAL_EVENT_NAMES.has(e.event));
    const expected = TERMINAL_EVENTS[row.status];
    if (expected) {
      expect(
        terminal.length === 1 && terminal[0]?.event === expected,
        'a decided payment must have exactly its one terminal audit event',
        { id: row.id.slice(-6), status: row.status, events: own.map((e) => e.event) },
      );
    } else {
      expect(terminal.length === 0, 'an undecided payment has a terminal audit event', {
        id: row.id.slice(-6),
        status: row.status,
        events: own.map((e) => e.event),
      });
    }
    const approvals = own.filter((e) => e.event === 'payment.approved').length;
    expect(approvals === (APPROVED_STATUSES.has(row.status) ? 1 : 0), 'approved a number of times other than once', {
      id: row.id.slice(-6),
      status: row.status,
      approvals,
    });
  }
}

/** The audit rows as they stand, to check later that they only ever grow. */
export async function auditSnapshot(world: World): Promise<string[]> {
  return (await audit(world)).map((row) => JSON.stringify(row));
}

export function expectAppendedTo(before: readonly string[], after: readonly string[]): void {
  const changed = before.findIndex((row, i) => after[i] !== row);
  expect(changed === -1 && after.length >= before.length, 'the audit log changed instead of growing', {
    changed: before[changed],
  });
}
