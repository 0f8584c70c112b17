/** The slots (Google: intent parameters) every platform fills under the same names. */
export const SLOT_NAMES = [
  'accountType',
  'count',
  'date',
  'payee',
  'amount',
  'cents',
  'fromAccount',
  'toAccount',
  'pin',
  'merchant',
  'category',
  'since',
] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

export interface SlotValue {
  /** What the user said, as the platform recognised it. */
  readonly spoken?: string;
  /** The slot type's value id from entity resolution, when it matched one. */
  readonly resolvedId?: string;
}
