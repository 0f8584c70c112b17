/** Which of the customer's accounts a spoken account type means. */
import type { Account } from '../bank/connector';
import { ACCOUNT_KIND_IDS, accountKindFromWords, normaliseSpoken } from './vocabulary';
import type { AccountKind } from '../shared/accounts';
import type { SlotValue } from '../shared/slots';

export type AccountChoice =
  | { readonly kind: 'found'; readonly account: Account }
  | { readonly kind: 'ambiguous'; readonly options: readonly Account[] }
  | { readonly kind: 'none'; readonly requested: AccountKind }
  | { readonly kind: 'unspecified' };

function isAccountKind(id: string | undefined): id is AccountKind {
  return id !== undefined && (ACCOUNT_KIND_IDS as readonly string[]).includes(id);
}

function nicknameMatches(account: Account, spoken: string): boolean {
  if (!account.nickname) return false;
  const nickname = normaliseSpoken(account.nickname);
  return nickname === spoken || nickname.includes(spoken) || spoken.includes(nickname);
}

export function resolveAccount(
  accounts: readonly Account[],
  slot: SlotValue | undefined,
  locale: string,
): AccountChoice {
  const spoken = slot?.spoken ? normaliseSpoken(slot.spoken) : '';
  if (!slot || (!spoken && !slot.resolvedId)) return { kind: 'unspecified' };

  const byNickname = spoken ? accounts.filter((a) => nicknameMatches(a, spoken)) : [];
  if (byNickname.length === 1) return { kind: 'found', account: byNickname[0] as Account };

  const requested = isAccountKind(slot.resolvedId) ? slot.resolvedId : accountKindFromWords(spoken, locale);
  if (!requested) return { kind: 'unspecified' };
  const ofKind = accounts.filter((a) => a.kind === requested);
  if (ofKind.length === 0) return { kind: 'none', requested };
  if (ofKind.length === 1) return { kind: 'found', account: ofKind[0] as Account };
  const narrowed = byNickname.filter((a) => a.kind === requested);
  if (narrowed.length === 1) return { kind: 'found', account: narrowed[0] as Account };
  return { kind: 'ambiguous', options: ofKind };
}
