/**
 * Merchant names from transaction descriptions as card terminals write them, and the
 * customer's spoken name matched against them: "SQ *BLUE BOTTLE COFFEE" is Blue Bottle
 * Coffee, "STARBUCKS #1234" and "STARBUCKS 0456" are both Starbucks, "AMZN MKTP US*2K4L5"
 * is Amazon. Store numbers, references and card numbers never survive normalisation.
 */
import { distance } from 'fastest-levenshtein';
import type { Transaction } from '../../bank/connector';
import { cleanDescription } from '../../voice/mask';

/** Lower case, no accents, letters and digits only, single spaces: how names are compared. */
export function comparable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Card processors that write "<PROCESSOR> *<MERCHANT>": the merchant is after the star. */
const PROCESSORS = new Set(['SQ', 'TST', 'SP', 'PAYPAL', 'PP', 'IZ', 'SUMUP', 'ZETTLE', 'GOOGLE', 'APPLE']);
/** Words that name no merchant: shortened marketplaces, company forms, billing words. */
const NOISE = new Set([
  'MKTP',
  'MKTPLACE',
  'MARKETPLACE',
  'INC',
  'LLC',
  'LTD',
  'SL',
  'SA',
  'STORES',
  'STORE',
  'BILL',
  'PAYMT',
  'PAYMENT',
  'CLIENTES',
  'ONLINE',
  'US',
  'UK',
]);
const ALIASES: Readonly<Record<string, string>> = { AMZN: 'AMAZON', WHOLEFDS: 'WHOLE FOODS' };

/** The merchant's name fit to be spoken, or the cleaned description when it names none. */
export function merchantName(transaction: Pick<Transaction, 'description' | 'merchantName'>): string {
  const raw = (transaction.merchantName ?? transaction.description).toUpperCase();
  const star = raw.indexOf('*');
  let name = raw;
  if (star >= 0) {
    const before = raw.slice(0, star).trim();
    name = PROCESSORS.has(before) ? raw.slice(star + 1) : before || raw.slice(star + 1);
  }
  const words: string[] = [];
  for (const word of cleanDescription(name.replace(/\//g, ' '))
    .toUpperCase()
    // Web addresses lose their domain: NETFLIX.COM, AMAZON.ES, AMAZON.CO.UK.
    .replace(/\.(COM|ES|CO\.UK|NET|ORG)\b/g, ' ')
    .split(/\s+/)) {
    if (!word || NOISE.has(word)) continue;
    // A card network's descriptor is the name, a store number, then where: "TRADER JOE'S 932
    // NEW YORK NY" is Trader Joe's. Numbers before the name (a terminal, a card) are skipped.
    if (/\d/.test(word)) {
      if (words.length > 0) break;
      continue;
    }
    words.push(ALIASES[word] ?? word);
  }
  const cleaned = words.join(' ').trim();
  return cleanDescription(cleaned || cleanDescription(raw)) || cleanDescription(raw);
}

/** How well what the customer said names a merchant: 1 the same, 0.9 all its words, else spelling. */
function score(said: string, merchant: string): number {
  if (said === merchant) return 1;
  const saidWords = said.split(' ');
  const merchantWords = merchant.split(' ');
  if (saidWords.every((w) => merchantWords.includes(w)) || merchantWords.every((w) => saidWords.includes(w)))
    return 0.9;
  const a = said.replace(/ /g, '');
  const b = merchant.replace(/ /g, '');
  if (a === b) return 0.95;
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 0 : 1 - distance(a, b) / longer;
}

const ARTICLES = /^(?:at |in |from |on |the |el |la |los |las |en |de |del )+/;
const FUZZY_THRESHOLD = 0.8;

/**
 * The merchant names (as `merchantName` gives them) that what the customer said means:
 * every name holding all the words said (all of Amazon's), else the closest spelling
 * when close enough ("star bucks", "mercadonna"), else none.
 */
export function matchMerchants(said: string, names: Iterable<string>): string[] {
  const wanted = comparable(said).replace(ARTICLES, '');
  if (!wanted) return [];
  const scored = [...new Set(names)].map((name) => ({ name, score: score(wanted, comparable(name)) }));
  const whole = scored.filter((s) => s.score >= 0.9).map((s) => s.name);
  if (whole.length > 0) return whole;
  const best = scored.reduce<{ name: string; score: number } | undefined>(
    (top, s) => (s.score >= FUZZY_THRESHOLD && (!top || s.score > top.score) ? s : top),
    undefined,
  );
  return best ? [best.name] : [];
}
