/**
 * The spending categories Saldo answers about, assigned from the card network's merchant
 * category code (ISO 18245) when the bank reports one, else from a keyword table over the
 * description (README: "Spending questions" lists both tables).
 */
import type { Transaction } from '../../bank/connector';
import type { SpendingCategory } from '../../shared/spending';
import { comparable } from './merchants';

/** Inclusive ranges of merchant category codes; the first matching row wins. */
const MCC_TABLE: readonly (readonly [number, number, SpendingCategory])[] = [
  [5411, 5411, 'groceries'],
  [5422, 5499, 'groceries'],
  [5811, 5814, 'eating_out'],
  [3000, 3299, 'transport'],
  [4011, 4131, 'transport'],
  [4411, 4411, 'transport'],
  [4511, 4511, 'transport'],
  [4784, 4789, 'transport'],
  [5511, 5599, 'transport'],
  [7511, 7523, 'transport'],
  [4812, 4816, 'utilities'],
  [4900, 4900, 'utilities'],
  [4899, 4899, 'entertainment'],
  [5815, 5818, 'entertainment'],
  [7832, 7841, 'entertainment'],
  [7911, 7999, 'entertainment'],
  [5122, 5122, 'health'],
  [5912, 5912, 'health'],
  [8011, 8099, 'health'],
  [6010, 6011, 'cash'],
  [5200, 5399, 'shopping'],
  [5600, 5799, 'shopping'],
  [5900, 5999, 'shopping'],
];

export function categoryOfCode(code: string): SpendingCategory | undefined {
  const value = Number(code);
  if (!/^\d{3,4}$/.test(code)) return undefined;
  return MCC_TABLE.find(([from, to]) => value >= from && value <= to)?.[2];
}

/**
 * Words in a description (accents and case ignored, whole words) for banks that send no
 * category code. Checked in this order; the first category with a matching word wins.
 */
const KEYWORD_TABLE: Readonly<Record<SpendingCategory, readonly string[]>> = {
  cash: ['atm', 'cash withdrawal', 'cajero', 'retirada de efectivo', 'reintegro'],
  groceries: [
    'whole foods',
    'trader joe',
    'safeway',
    'kroger',
    'aldi',
    'lidl',
    'tesco',
    'sainsbury',
    'asda',
    'waitrose',
    'mercadona',
    'carrefour',
    'eroski',
    'supermarket',
    'supermercado',
    'grocery',
    'groceries',
  ],
  eating_out: [
    'starbucks',
    'coffee',
    'cafe',
    'cafeteria',
    'restaurant',
    'restaurante',
    'chipotle',
    'mcdonald',
    'burger',
    'pizza',
    'telepizza',
    'pret a manger',
    'shake shack',
    'deliveroo',
    'doordash',
    'just eat',
  ],
  transport: [
    'uber',
    'lyft',
    'cabify',
    'taxi',
    'shell',
    'repsol',
    'cepsa',
    'chevron',
    'exxon',
    'gasolinera',
    'renfe',
    'metro',
    'mta',
    'tfl',
    'parking',
    'delta air',
    'iberia',
    'ryanair',
  ],
  utilities: [
    'city power',
    'electric',
    'electricity',
    'power',
    'water',
    'iberdrola',
    'endesa',
    'naturgy',
    'con edison',
    'british gas',
    'verizon',
    'movistar',
    'vodafone',
    'comcast',
  ],
  entertainment: ['netflix', 'spotify', 'cinema', 'cines', 'theatre', 'theater', 'amc', 'odeon', 'disney', 'hbo'],
  health: ['pharmacy', 'farmacia', 'cvs', 'walgreens', 'boots', 'doctor', 'dental', 'clinic', 'clinica', 'hospital'],
  shopping: ['amazon', 'target', 'walmart', 'zara', 'el corte ingles', 'ikea', 'primark', 'best buy'],
};

const KEYWORD_PATTERNS = (Object.entries(KEYWORD_TABLE) as [SpendingCategory, readonly string[]][]).map(
  ([category, words]) => [category, new RegExp(`(?:^| )(?:${words.join('|')})(?: |$)`)] as const,
);

export function categoryOfDescription(description: string): SpendingCategory | undefined {
  const words = comparable(description);
  return KEYWORD_PATTERNS.find(([, pattern]) => pattern.test(words))?.[0];
}

/** The bank's code first; the keyword table only when there is none. */
export function categoryOf(transaction: Transaction): SpendingCategory | undefined {
  if (transaction.merchantCategoryCode) return categoryOfCode(transaction.merchantCategoryCode);
  return categoryOfDescription(transaction.merchantName ?? transaction.description);
}
