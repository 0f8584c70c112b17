/** Masking of identifiers and cleaning of bank-written text before anyone hears it. */

/**
 * Card numbers and account numbers: runs of six or more digits, possibly grouped with
 * spaces or dashes, wherever they sit: glued to letters or underscores
 * ("ref_000123454217", "REF5454…") as much as between spaces.
 */
const CARD_OR_ACCOUNT_RUN = /(?<!\d)\d(?:[ -]?\d){5,}(?!\d)/g;
/**
 * IBANs standing as a word of their own (after a space, "_" or punctuation), in electronic
 * form or printed in groups of four separated by spaces or dashes (so the words after one
 * are not taken for its last group). One glued to a prefix ("REFES91…") loses its digits
 * to the rule above.
 */
const IBAN =
  /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?:[ -][A-Z0-9]{4}){2,7}(?:[ -][A-Z0-9]{1,4})?)(?![A-Z0-9])/gi;
const TERMINAL_PREFIXES = /^(?:POS|DEBIT CARD PURCHASE|CARD PURCHASE|ACH|CHECKCARD)\b[\s:-]*/i;

/** "SHELL OIL" → "Shell Oil"; tokens like "AT&T" or "7-ELEVEN" stay as written. */
function titleCaseShouting(text: string): string {
  if (text !== text.toUpperCase() || !/\p{Lu}/u.test(text)) return text;
  return text
    .split(' ')
    .map((word) => (/^[\p{L}']+$/u.test(word) ? word.charAt(0) + word.slice(1).toLowerCase() : word))
    .join(' ');
}

/**
 * A transaction description fit to be spoken: card numbers, IBANs and long digit runs
 * are removed, terminal prefixes dropped, shouting turned into title case.
 */
export function cleanDescription(description: string): string {
  const cleaned = description
    .replace(IBAN, ' ')
    .replace(CARD_OR_ACCOUNT_RUN, ' ')
    .replace(/[^\p{L}\p{N}\s&'.,/-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(TERMINAL_PREFIXES, '')
    .trim();
  return titleCaseShouting(cleaned);
}

/**
 * What a customer said, fit for a log line: anything shaped like an account number,
 * card number or IBAN becomes "[number]" (people do read numbers out to a speaker).
 */
export function maskForLog(spoken: string): string {
  return spoken.replace(IBAN, '[number]').replace(CARD_OR_ACCOUNT_RUN, '[number]');
}

/** The most of what a customer said that Saldo repeats back. */
const MAX_HEARD_BACK_LENGTH = 60;

/**
 * What the customer said, fit to be repeated back ("I couldn't find a payee called …"):
 * numbers and IBANs dropped as in a description, at most a few words. Undefined when
 * nothing worth repeating is left.
 */
export function heardBack(said: string): string | undefined {
  const cleaned = cleanDescription(said);
  if (cleaned.length <= MAX_HEARD_BACK_LENGTH) return cleaned || undefined;
  const cut = cleaned.slice(0, MAX_HEARD_BACK_LENGTH);
  const words = cut.slice(0, Math.max(cut.lastIndexOf(' '), 0)).trim();
  return words || undefined;
}
