/** The spending categories Saldo answers about (README: "Spending questions"). */
export const SPENDING_CATEGORIES = [
  'groceries',
  'eating_out',
  'transport',
  'utilities',
  'shopping',
  'entertainment',
  'health',
  'cash',
] as const;
export type SpendingCategory = (typeof SPENDING_CATEGORIES)[number];
