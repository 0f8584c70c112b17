/**
 * For a bank in privacy mode: a customer's voice PIN unlocks balances and transactions
 * for one conversation. The approval lives here, server-side, behind an opaque id; the
 * request that asked for it is kept so it can be answered once the PIN is right.
 */
import { appendAudit } from './audit';
import { queryOne, type Db } from './db';
import type { Actor } from './payment-transitions';
import { newPendingId } from './pending-payments';

export interface ReadApproval {
  readonly id: string;
  readonly status: 'awaiting_pin' | 'approved';
  /** The intent and slots that waited for the PIN (no secrets: accounts, counts, dates). */
  readonly request: string;
  readonly expiresAt: number;
}

interface ApprovalRow extends Record<string, unknown> {
  id: string;
  status: 'awaiting_pin' | 'approved';
  request: string;
  expires_at: number;
}

export function readApprovals(db: Db) {
  return {
    async create(
      bankId: string,
      customerId: string,
      request: string,
      now: number,
      ttlMs: number,
    ): Promise<ReadApproval> {
      const id = newPendingId();
      await db.run(
        "INSERT INTO read_approvals (id, bank_id, customer_id, status, request, created_at, expires_at) VALUES (?, ?, ?, 'awaiting_pin', ?, ?, ?)",
        [id, bankId, customerId, request, now, now + ttlMs],
      );
      return { id, status: 'awaiting_pin', request, expiresAt: now + ttlMs };
    },

    /** Only the customer's own, unexpired approval. */
    async find(id: string, bankId: string, customerId: string, now: number): Promise<ReadApproval | undefined> {
      const row = await queryOne<ApprovalRow>(
        db,
        'SELECT id, status, request, expires_at FROM read_approvals WHERE id = ? AND bank_id = ? AND customer_id = ? AND expires_at > ?',
        [id, bankId, customerId, now],
      );
      return row && { id: row.id, status: row.status, request: row.request, expiresAt: Number(row.expires_at) };
    },

    async approve(id: string): Promise<void> {
      await db.run("UPDATE read_approvals SET status = 'approved' WHERE id = ?", [id]);
    },

    /** Withdraws every approval of the customer (awaiting or given), audited with how many. */
    revokeAll(actor: Actor, reason: string): Promise<number> {
      return db.transaction(async (tx) => {
        const revoked = await tx.run('DELETE FROM read_approvals WHERE bank_id = ? AND customer_id = ?', [
          actor.bankId,
          actor.customerId,
        ]);
        await appendAudit(
          tx,
          { ...actor, event: 'privacy.revoked', details: { approvals: revoked, reason } },
          actor.now,
        );
        return revoked;
      });
    },
  };
}

export type ReadApprovals = ReturnType<typeof readApprovals>;
