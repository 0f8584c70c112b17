/** The amount a customer said: whole units in `amount` plus optional `cents` (Alexa has no money slot). */
import { currencyExponent, fromUnitsAndCents, type Money, parseDecimal } from '../../money';
import type { SlotValue } from '../../shared/slots';

export type SpokenAmount =
  { readonly kind: 'amount'; readonly money: Money } | { readonly kind: 'missing' } | { readonly kind: 'invalid' };

const WHOLE = /^\d{1,12}$/;
/** Google and some Alexa locales deliver "45.2" in one number. */
const DECIMAL = /^\d{1,12}[.,]\d{1,2}$/;

export function amountFromSlots(
  amount: SlotValue | undefined,
  cents: SlotValue | undefined,
  currency: string,
): SpokenAmount {
  const units = amount?.spoken?.trim();
  if (!units) return { kind: 'missing' };
  try {
    let money: Money;
    if (WHOLE.test(units)) {
      const centsText = cents?.spoken?.trim();
      const centsValue = centsText && /^\d{1,2}$/.test(centsText) ? Number(centsText) : 0;
      if (centsText && !/^\d{1,2}$/.test(centsText)) return { kind: 'invalid' };
      money = fromUnitsAndCents(Number(units), currencyExponent(currency) === 0 ? 0 : centsValue, currency);
    } else if (DECIMAL.test(units)) {
      money = parseDecimal(units.replace(',', '.'), currency);
    } else {
      return { kind: 'invalid' };
    }
    return money.minor > 0 ? { kind: 'amount', money } : { kind: 'invalid' };
  } catch {
    return { kind: 'invalid' };
  }
}
