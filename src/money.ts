/**
 * Money as integer minor units with its ISO 4217 currency. Never a float: amounts
 * enter as decimal strings (bank APIs) or whole units plus cents (voice slots).
 */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

const exponentCache = new Map<string, number>();

/** Digits after the decimal point for a currency (2 for USD/EUR, 0 for JPY). */
export function currencyExponent(currency: string): number {
  let exponent = exponentCache.get(currency);
  if (exponent === undefined) {
    exponent =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponentCache.set(currency, exponent);
  }
  return exponent;
}

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,5}))?$/;

/** Parses an unsigned decimal string ("1234.56") exactly; throws on anything else. */
export function parseDecimal(amount: string, currency: string): Money {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new Error(`not an unsigned decimal amount`);
  const exponent = currencyExponent(currency);
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(exponent, '0');
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) {
    throw new Error(`more decimal places than ${currency} has`);
  }
  const minor = Number(whole) * 10 ** exponent + Number(fraction.slice(0, exponent) || '0');
  if (!Number.isSafeInteger(minor)) throw new Error('amount out of range');
  return { minor, currency };
}

/** Minor units as an exact decimal string ("123456" USD → "1234.56"). */
export function toDecimal(money: Money): string {
  const exponent = currencyExponent(money.currency);
  const sign = money.minor < 0 ? '-' : '';
  const digits = Math.abs(money.minor)
    .toString()
    .padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Whole units plus cents, as Alexa's number slots deliver them. */
export function fromUnitsAndCents(units: number, cents: number, currency: string): Money {
  const exponent = currencyExponent(currency);
  if (!Number.isSafeInteger(units) || units < 0) throw new Error('whole units must be a non-negative integer');
  if (!Number.isInteger(cents) || cents < 0 || cents >= 10 ** exponent) throw new Error('cents out of range');
  return { minor: units * 10 ** exponent + cents, currency };
}
