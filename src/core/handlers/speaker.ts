/**
 * For a bank that requires a recognised speaker: payments (and, in privacy mode, reads)
 * only for an Alexa voice profile enrolled with the customer's PIN. Anyone else in the
 * room (or on Google, which names no speaker) is told so and nothing happens; the refusal
 * is audited with the person id, so the bank can enrol it if the customer asks.
 */
import type { CustomerTurn } from '../context';
import type { Draft } from '../../voice/draft';
import type { IntentName } from '../turn';

const PAYMENTS: ReadonlySet<IntentName> = new Set(['PayBill', 'TransferMoney', 'ProvidePin']);
const READS: ReadonlySet<IntentName> = new Set(['GetBalance', 'GetTransactions', 'More', 'Repeat', 'Yes']);

/** Undefined when the turn may go on. */
export async function speakerGate(ctx: CustomerTurn): Promise<Draft | undefined> {
  const speakers = ctx.deps.speakers;
  const { intent, personId, platform } = ctx.turn;
  if (!speakers || !(PAYMENTS.has(intent) || (ctx.deps.privacy && READS.has(intent)))) return undefined;
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
