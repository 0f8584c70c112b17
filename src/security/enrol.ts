/** Enrols voice PINs that are not enrolled yet (a PIN changed since is kept). */
import type { PinCredentials } from '../store/pin-credentials';
import { hashPin, type PinHashCost } from './pin-hash';

export async function enrolMissingPins(
  credentials: PinCredentials,
  bankId: string,
  customers: ReadonlyArray<{ readonly customerId: string; readonly pin: string }>,
  now: number,
  cost?: PinHashCost,
): Promise<number> {
  const missing = [];
  for (const customer of customers) {
    if (!(await credentials.status(bankId, customer.customerId)).enrolled) missing.push(customer);
  }
  const enrolled = await Promise.all(
    missing.map(async (c) => credentials.enrolIfAbsent(bankId, c.customerId, await hashPin(c.pin, cost), now)),
  );
  return enrolled.filter(Boolean).length;
}
