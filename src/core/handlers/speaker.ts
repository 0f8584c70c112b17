/**
 * For a bank that requires a recognised speaker: payments (and, in privacy mode, the PIN
 * that unlocks the customer's money) only for an Alexa voice profile enrolled with the
 * customer's PIN. Anyone else in the room (or on Google, which names no speaker) is told so
 * and nothing happens; the refusal is audited with the person id, so the bank can enrol it
 * if the customer asks.
 */
import type { CustomerTurn } from '../context';
import type { Draft } from '../../voice/draft';
import type { IntentName } from '../turn';

const PAYMENTS: ReadonlySet<IntentName> = new Set(['PayBill', 'TransferMoney', 'ProvidePin']);

/** Undefined when this speaker may go on (or the bank does not ask who speaks). */
export async function unrecognisedSpeaker(ctx: CustomerTurn): Promise<Draft | undefined> {
  const speakers = ctx.deps.speakers;
  if (!speakers) return undefined;
  const { intent, personId, platform } = ctx.turn;
  const { bankId } = ctx.deps.payments;
  if (personId && (await speakers.profiles.isEnrolled(bankId, ctx.customer.id, personId))) return undefined;
  await ctx.deps.payments.audit({
    bankId,
    customerId: ctx.customer.id,
    channel: platform,
    event: 'speaker.unrecognised',
    details: { intent, person: personId ?? 'none' },
  });
  return { speech: ctx.say.speakerNotRecognised({ bankName: ctx.bankName, platform }), session: {}, endSession: true };
}

/** Payments need a recognised speaker; undefined when the turn may go on. */
export async function speakerGate(ctx: CustomerTurn): Promise<Draft | undefined> {
  return PAYMENTS.has(ctx.turn.intent) ? unrecognisedSpeaker(ctx) : undefined;
}
