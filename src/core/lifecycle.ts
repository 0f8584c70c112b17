/**
 * Alexa's skill lifecycle events: a customer enabled or disabled the skill, linked an
 * account, or changed its permissions. They arrive without a session and get no spoken
 * answer. Each is audited; disabling the skill also closes what the customer left open —
 * payments still waiting for a PIN are cancelled, privacy-mode approvals withdrawn — and
 * asks the bank once more about payments whose outcome was lost, so their records are
 * final. Nothing is erased: the audit log is the bank's record (erasure is the bank's call,
 * with `npm run pin -- forget`).
 */
import type { AuditEvent } from '../store/audit';
import type { CoreDeps } from './context';
import { customerBank, disclosure } from './customer-bank';
import { settleLostPayments } from './payments/reconcile';

export type SkillEventKind = 'enabled' | 'disabled' | 'account_linked' | 'permissions_changed';

export interface SkillEvent {
  readonly kind: SkillEventKind;
  readonly platform: 'alexa' | 'google';
  readonly requestId: string;
  /** The linked account's token, when the event carries one. */
  readonly accessToken?: string;
}

const AUDITED: Readonly<Record<SkillEventKind, AuditEvent | undefined>> = {
  enabled: 'skill.enabled',
  disabled: 'skill.disabled',
  account_linked: 'skill.account_linked',
  // Saldo asks for no Alexa permissions: nothing of theirs to record.
  permissions_changed: undefined,
};

export async function onSkillEvent(deps: CoreDeps, event: SkillEvent): Promise<void> {
  const customer = event.accessToken ? await deps.connector.identify(event.accessToken) : undefined;
  const audited = AUDITED[event.kind];
  const actor = {
    bankId: deps.payments.bankId,
    customerId: customer?.id,
    channel: event.platform,
    now: deps.now().getTime(),
  };
  if (audited) await deps.payments.audit({ ...actor, event: audited, details: { identified: customer !== undefined } });
  deps.log.info({ requestId: event.requestId, event: event.kind, identified: customer !== undefined }, 'skill event');
  if (event.kind !== 'disabled' || !customer || !event.accessToken) return;
  const known = { ...actor, customerId: customer.id };
  await deps.payments.store.cancelAllOpen(known, 'skill_disabled');
  await deps.privacy?.approvals.revokeAll(known, 'skill_disabled');
  const bank = customerBank(deps.connector, event.accessToken)(disclosure(false));
  const ctx = { deps, customer, bank, turn: { platform: event.platform } };
  deps.background('settle lost payments of a disabled skill', () => settleLostPayments(ctx));
}
