/**
 * Privacy mode, for banks whose customers share their speakers: no amount of the
 * customer's money is told before the voice PIN, once per conversation. Which requests
 * need it is not listed here: any request that reaches for a balance or a transaction
 * before the PIN meets PrivateUntilPinError (see customer-bank.ts), and is kept
 * server-side, behind an opaque id in the session, until the PIN is right.
 */
import * as z from 'zod';
import { PIN_PATTERN } from '../../security/pin-hash';
import { sessionStateSchema } from '../../shared/session';
import { SLOT_NAMES } from '../../shared/slots';
import type { Draft } from '../../voice/draft';
import { answer, ask } from '../answers';
import type { CoreDeps, CustomerTurn } from '../context';
import { INTENT_NAMES, type Turn } from '../turn';
import { askPinAgain, lockedDraft } from './pay';
import { unrecognisedSpeaker } from './speaker';

const READ_APPROVAL_TTL_MS = 5 * 60 * 1000;

/** A request that can wait for the PIN: anything but the PIN itself. */
const WAITING_INTENTS = INTENT_NAMES.filter((intent) => intent !== 'ProvidePin' && intent !== 'SessionEnded');
const KEPT_SLOTS = SLOT_NAMES.filter((slot) => slot !== 'pin');

/** What waited for the PIN: the intent, its slots (never a PIN) and the list being read. */
const waitingRequest = z.object({
  intent: z.enum(WAITING_INTENTS as [string, ...string[]]).transform((intent) => intent as Turn['intent']),
  slots: z.partialRecord(
    z.enum(KEPT_SLOTS as [string, ...string[]]),
    z.object({ spoken: z.string().max(200).optional(), resolvedId: z.string().max(64).optional() }),
  ),
  session: sessionStateSchema.pick({ more: true, last: true, bills: true }),
});

function waitingFor(turn: Turn): string {
  const slots = Object.fromEntries(Object.entries(turn.slots).filter(([name]) => name !== 'pin'));
  return JSON.stringify({
    intent: turn.intent,
    slots,
    session: { more: turn.session.more, last: turn.session.last, bills: turn.session.bills },
  });
}

/** Whether this conversation already gave its PIN for the customer's money. */
export async function readsApproved(deps: CoreDeps, turn: Turn, customerId: string): Promise<boolean> {
  const privacy = deps.privacy;
  if (!privacy) return true;
  const id = turn.session.readApproval;
  if (!id) return false;
  const approval = await privacy.approvals.find(id, deps.payments.bankId, customerId, deps.now().getTime());
  return approval?.status === 'approved';
}

/** A request that would tell the customer's money before the PIN: it waits, and the PIN is asked for. */
export async function askPinFirst(ctx: CustomerTurn): Promise<Draft> {
  const privacy = ctx.deps.privacy;
  const { bankId, pins } = ctx.deps.payments;
  if (!privacy) throw new Error('only a bank in privacy mode keeps amounts until the PIN');
  if (await pins.isLocked(bankId, ctx.customer.id)) return lockedDraft(ctx, false);
  const unrecognised = await unrecognisedSpeaker(ctx);
  if (unrecognised) return unrecognised;
  const now = ctx.deps.now().getTime();
  const created = await privacy.approvals.create(
    bankId,
    ctx.customer.id,
    waitingFor(ctx.turn),
    now,
    READ_APPROVAL_TTL_MS,
  );
  return ask(ctx.say.privacyPin(), { readApproval: created.id }, 'pin', ['cancel']);
}

/**
 * The PIN for a waiting request: checked like a payment PIN (same counter, same lockout),
 * then the waiting request is answered with the customer's money told. Undefined when no
 * request is waiting.
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
  if (approval?.status !== 'awaiting_pin') return undefined;
  const pin = ctx.turn.slots.pin?.spoken?.trim() ?? '';
  if (!PIN_PATTERN.test(pin)) return ask(ctx.say.pinFormat(), { readApproval: id }, 'pin');
  const waiting = waitingRequest.safeParse(JSON.parse(approval.request));
  if (!waiting.success) return answer(ctx, ctx.say.nothingToRepeat(), {});
  try {
    const check = await pins.exclusive(bankId, ctx.customer.id, () =>
      pins.check(bankId, ctx.customer.id, pin, ctx.turn.platform),
    );
    switch (check.kind) {
      case 'wrong':
        return ask(ctx.say.pinWrong(check.triesLeft), { readApproval: id }, 'pin', ['cancel']);
      case 'locked':
        return lockedDraft(ctx, check.justLocked);
      case 'not-enrolled':
        return answer(ctx, ctx.say.pinNotEnrolled(ctx.bankName), {});
      case 'ok':
        break;
    }
  } catch (error) {
    return askPinAgain(ctx, error, { readApproval: id });
  }
  await privacy.approvals.approve(id);
  const { intent, slots, session } = waiting.data;
  return answerRequest({ ...ctx.turn, intent, slots, session: { ...session, readApproval: id } });
}
