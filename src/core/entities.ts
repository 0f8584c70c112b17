/**
 * Each customer's own words as dynamic entities: their saved payees (the bank's name and
 * their nicknames), the nicknames of their accounts and the merchants they spend at, sent
 * to the platform on the first turn of a session so that the shipped model needs no
 * customer's data. Entity ids are
 * opaque and per customer (a hash, never a bank id or an account number); a slot that comes
 * back with one is turned into the bank's payee id or the account's own words here, before
 * any handler sees it, and an id of anyone else's entity is dropped.
 */
import { createHash } from 'node:crypto';
import type { Account, Payee } from '../bank/connector';
import type { DynamicEntities, EntityValue } from '../shared/entities';
import type { SlotName, SlotValue } from '../shared/slots';
import type { Turn } from './turn';

const PAYEE_TYPE = 'PAYEE';
const ACCOUNT_TYPE = 'ACCOUNT_TYPE';
const MERCHANT_TYPE = 'MERCHANT';
/** At most this many values per type in one directive, and synonyms per value. */
const MAX_ENTITY_VALUES = 100;
const MAX_ENTITY_SYNONYMS = 20;

const ACCOUNT_SLOTS: readonly SlotName[] = ['accountType', 'fromAccount', 'toAccount'];

const ID_PREFIX = { payee: 'p', account: 'a', merchant: 'm' } as const;

/** "p-…", "a-…" or "m-…": opaque, stable for one customer's payee, account or merchant, different for anyone else's. */
export function entityId(customerId: string, kind: keyof typeof ID_PREFIX, id: string): string {
  const digest = createHash('sha256')
    .update(`saldo-entity\u0000${customerId}\u0000${kind}\u0000${id}`)
    .digest('base64url');
  return `${ID_PREFIX[kind]}-${digest.slice(0, 16)}`;
}

function distinct(words: readonly string[], except: string): string[] {
  const seen = new Set([except.trim().toLowerCase()]);
  const out: string[] = [];
  for (const word of words) {
    const key = word.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(word.trim());
  }
  return out.slice(0, MAX_ENTITY_SYNONYMS);
}

/**
 * `merchants`, distinct and most visited first, as `merchantName` gives them: the words said come back
 * to the spending question as said (it matches them against the bank's records), so a
 * merchant's id is never turned back into anything.
 */
export function customerEntities(
  customerId: string,
  payees: readonly Payee[],
  accounts: readonly Account[],
  merchants: readonly string[] = [],
): DynamicEntities {
  const payeeValues: EntityValue[] = payees.slice(0, MAX_ENTITY_VALUES).map((payee) => ({
    id: entityId(customerId, 'payee', payee.id),
    value: payee.name,
    synonyms: distinct(payee.aliases, payee.name),
  }));
  const accountValues: EntityValue[] = accounts
    .filter((account): account is Account & { nickname: string } => Boolean(account.nickname?.trim()))
    .slice(0, MAX_ENTITY_VALUES)
    .map((account) => ({ id: entityId(customerId, 'account', account.id), value: account.nickname, synonyms: [] }));
  // Alexa takes at most MAX_ENTITY_VALUES values in one directive, all types together:
  // merchants get what payees and nicknames leave.
  const merchantValues: EntityValue[] = merchants
    .slice(0, Math.max(MAX_ENTITY_VALUES - payeeValues.length - accountValues.length, 0))
    .map((name) => ({ id: entityId(customerId, 'merchant', name.toLowerCase()), value: name, synonyms: [] }));
  return [
    ...(payeeValues.length > 0 ? [{ name: PAYEE_TYPE, values: payeeValues }] : []),
    ...(accountValues.length > 0 ? [{ name: ACCOUNT_TYPE, values: accountValues }] : []),
    ...(merchantValues.length > 0 ? [{ name: MERCHANT_TYPE, values: merchantValues, extendsModel: true }] : []),
  ];
}

function isEntityId(value: SlotValue | undefined, prefix: 'p-' | 'a-'): value is SlotValue & { resolvedId: string } {
  return value?.resolvedId?.startsWith(prefix) === true;
}

/** Whether any slot of the turn carries a dynamic entity id (so the payees or accounts are needed). */
export function namesEntities(turn: Turn): { readonly payee: boolean; readonly account: boolean } {
  return {
    payee: isEntityId(turn.slots.payee, 'p-'),
    account: ACCOUNT_SLOTS.some((name) => isEntityId(turn.slots[name], 'a-')),
  };
}

/**
 * The turn with dynamic entity ids replaced: a payee's by the bank's payee id, an account's
 * by its nickname as the words said and its kind as the resolution (which the account
 * matching takes as that account). An id that is none of this customer's is dropped, and
 * the words said are matched as usual.
 */
export function withBankIds(
  turn: Turn,
  customerId: string,
  payees: readonly Payee[],
  accounts: readonly Account[],
): Turn {
  return { ...turn, slots: slotsWithBankIds(turn.slots, customerId, payees, accounts) };
}

export function slotsWithBankIds(
  said: Turn['slots'],
  customerId: string,
  payees: readonly Payee[],
  accounts: readonly Account[],
): Turn['slots'] {
  const slots = { ...said };
  const payee = slots.payee;
  if (isEntityId(payee, 'p-')) {
    const found = payees.find((candidate) => entityId(customerId, 'payee', candidate.id) === payee.resolvedId);
    slots.payee = found ? { spoken: payee.spoken ?? found.name, resolvedId: found.id } : { spoken: payee.spoken };
  }
  for (const name of ACCOUNT_SLOTS) {
    const value = slots[name];
    if (!isEntityId(value, 'a-')) continue;
    const found = accounts.find((candidate) => entityId(customerId, 'account', candidate.id) === value.resolvedId);
    slots[name] = found?.nickname ? { spoken: found.nickname, resolvedId: found.kind } : { spoken: value.spoken };
  }
  return slots;
}
