/** The kinds of money that leaves an account on its own, as banks report them and the customer hears them. */
export const UPCOMING_KINDS = ['scheduled', 'standing_order', 'direct_debit'] as const;
export type UpcomingKind = (typeof UPCOMING_KINDS)[number];
