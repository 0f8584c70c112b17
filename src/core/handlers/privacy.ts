/**
 * Privacy mode, for banks whose customers share their speakers: balances and
 * transactions are told only after the voice PIN, once per conversation. The approval is
 * kept server-side; the session carries its opaque id, which is checked on every read.
 */
import { z } from 'zod';
import { PIN_PATTERN } from '../../security/pin-hash';
import { PinCheckBusyError } from '../../security/voice-pin';
import { answer, ask } from '../answers';
import type { CustomerTurn } from '../context';
import type { Draft } from '../../voice/draft';
import { sessionStateSchema } from '../../shared/session';
import type { IntentName, Turn } from '../turn';
import { lockedDraft } from './pay';

/** Intents that would tell account details. */
const READS: ReadonlySet<IntentName> = new Set(['GetBalance', 'GetTransactions', 'More', 'Repeat']);

/** "Yes" reads on when it answers "would you like to hear more?". */
function tellsAccountDetails(turn: Turn): boolean {
  return (
    READS.has(turn.intent) ||
    (turn.intent === 'Yes' && turn.session.more !== undefined && turn.session.payment === undefined)
  );
}
export const READ_APPROVAL_TTL_MS = 5 * 60 * 1000;

/** What waited for the PIN: the intent, its account/count/date slots and the list being read. */
const waitingRequest = z.object({
  intent: z.enum(['GetBalance', 'GetTransactions', 'More', 'Repeat', 'Yes']),
  slots: z.partialRecord(
    z.enum(['accountType', 'count', 'date']),
    z.object({ spoken: z.string().max(200).optional(), resolvedId: z.string().max(64).optional() }),
  ),
  session: sessionStateSchema.pick({ more: true, last: true }),
});

function waitingFor(turn: Turn): string {
  const { accountType, count, date } = turn.slots;
  const slots = Object.fromEntries(
    Object.entries({ accountType, count, date }).filter(([, value]) => value !== undefined),
  );
  return JSON.stringify({ intent: turn.intent, slots, session: { more: turn.session.more, last: turn.session.last } });
}

/** Undefined when the turn may go on: not a read, no privacy mode, or already approved. */
export async function privacyGate(ctx: CustomerTurn): Promise<Draft | undefined> {
  const privacy = ctx.deps.privacy;
  if (!privacy || !tellsAccountDetails(ctx.turn)) return undefined;
  const now = ctx.deps.now().getTime();
  const { bankId, pins } = ctx.deps.payments;
  const id = ctx.turn.session.readApproval;
  const approval = id ? await privacy.approvals.find(id, bankId, ctx.customer.id, now) : undefined;
  if (approval?.status === 'approved') return undefined;
  if (await pins.isLocked(bankId, ctx.customer.id)) return lockedDraft(ctx, false);
  const created = await privacy.approvals.create(
    bankId,
    ctx.customer.id,
    waitingFor(ctx.turn),
    now,
    READ_APPROVAL_TTL_MS,
  );
  return ask(ctx.say.privacyPin(), { readApproval: created.id }, undefined, ['cancel']);
}

/**
 * The PIN for a waiting read: checked like a payment PIN (same counter, same lockout),
 * then the waiting request is answered. Undefined when no read is waiting.
 */
export async function approveRead(
  ctx: CustomerTurn,
  answerRequest: (turn: Turn) => Promise<Draft>,
): Promise<Draft | undefined> {
  const privacy = ctx.deps.privacy;
  const id = ctx.turn.session.readApproval;
  if (!privacy || !id || ctx.turn.session.payment) return undefined;
  const { bankId, pins } = ctx.deps.payments;
  const approval = await privacy.approvals.find(id, bankId, ctx.customer.id, ctx.deps.now().getTime());
  if (!approval || approval.status !== 'awaiting_pin') return undefined;
  const pin = ctx.turn.slots.pin?.spoken?.trim() ?? '';
  if (!PIN_PATTERN.test(pin)) return ask(ctx.say.pinFormat(), { readApproval: id });
  const waiting = waitingRequest.safeParse(JSON.parse(approval.request));
  if (!waiting.success) return answer(ctx, ctx.say.nothingToRepeat(), {});
  try {
    const check = await pins.exclusive(bankId, ctx.customer.id, () =>
      pins.check(bankId, ctx.customer.id, pin, ctx.turn.platform),
    );
    switch (check.kind) {
      case 'wrong':
        return ask(ctx.say.pinWrong(check.triesLeft), { readApproval: id }, undefined, ['cancel']);
      case 'locked':
        return lockedDraft(ctx, check.justLocked);
      case 'not-enrolled':
        return answer(ctx, ctx.say.pinNotEnrolled(ctx.bankName), {});
      case 'ok':
        break;
    }
  } catch (error) {
    if (error instanceof PinCheckBusyError) return ask(ctx.say.pinBusy(), { readApproval: id });
    throw error;
  }
  await privacy.approvals.approve(id);
  const { intent, slots, session } = waiting.data;
  return answerRequest({ ...ctx.turn, intent, slots, session: { ...session, readApproval: id } });
}
