/**
 * PIN checks beyond the PIN workers' CPU budget: a PIN that cannot be checked in time is
 * asked for again, with nothing counted against the customer and nothing paid. John's PIN
 * is 2468.
 */
import { pinCredentials } from '../../src/store/pin-credentials';
import { testSaldo, type TestSaldo } from '../support/app';
import { JOHN, settingsFor } from '../alexa/helpers';
import {
  auditEventsOf,
  countPaymentsExecuted,
  fromCustomer,
  invoke,
  paymentRequestsFor,
  pendingStatuses,
  ssmlOf,
} from './helpers';

const r = paymentRequestsFor(settingsFor('en-US'));
const DEFERRED =
  'Sorry, I couldn&apos;t get to your PIN just then. Please say it again in a moment. What&apos;s your voice PIN?';

/**
 * Saldo with SALDO_PIN_CPU_SHARE as given and no burst, as though the skill were busy
 * answering all along; PINs hashed at a cost the thread's CPU clock (which moves in
 * scheduler ticks) sees, tens of milliseconds.
 */
const busySaldo = (share: string) =>
  testSaldo(
    { SALDO_PIN_CPU_SHARE: share },
    {
      pinHashCost: { log2N: 14, r: 8, p: 1 },
      pinWorkers: { burstMs: 0, maxWaitMs: 50, shareMeter: (cpuShare) => () => cpuShare },
    },
  );

/** John pays City Power, then Verizon, $10 each, one right after the other. */
async function twoPayments(saldo: TestSaldo) {
  const pay = async (payee: string) => {
    const readBack = await invoke(
      saldo.handler,
      fromCustomer(JOHN, r.payBill({ payee, amount: '10' }), { isNew: true }),
    );
    const attributes = readBack.sessionAttributes ?? {};
    const pin = fromCustomer(JOHN, r.pin('2468'), { isNew: false, attributes });
    const answer = await invoke(saldo.handler, pin);
    return { attributes, requestId: pin.request.requestId, answer };
  };
  return [await pay('city power'), await pay('verizon')] as const;
}

const PAID = /^Done\. I&apos;ve paid \$10\.00 to /;

describe('a PIN check the CPU budget cannot start in time (en-US, John)', () => {
  // The least share there is: after one check, paying it back takes seconds, well past the wait.
  const saldo = busySaldo('0.01');

  it('asks for the PIN again, counts no attempt and pays nothing; the first check paid', async () => {
    const [first, second] = await twoPayments(saldo);
    expect(ssmlOf(first.answer)).toMatch(PAID);
    expect(ssmlOf(second.answer)).toBe(DEFERRED);
    expect(second.answer.response.shouldEndSession).toBe(false);
    expect(second.answer.sessionAttributes).toEqual({ payment: second.attributes.payment });

    // Operators hear of it, by the request that was asked again: the workers are at their budget.
    const warnings = saldo.logs.lines.filter((line) => line.includes('no PIN check could start in time'));
    expect(warnings.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 40, requestId: second.requestId }),
    ]);
    expect(warnings.join()).not.toContain('2468');

    expect(await countPaymentsExecuted(saldo)).toBe(1);
    expect((await pendingStatuses(saldo, 'cust-john')).map((p) => p.status)).toEqual(['executed', 'awaiting_pin']);
    expect(await auditEventsOf(saldo, 'cust-john')).not.toContain('pin.failed');
    const { db } = await saldo.application;
    expect(await pinCredentials(db).status('sandbox', 'cust-john')).toMatchObject({ failures: 0 });
  });
});

describe('SALDO_PIN_CPU_SHARE=1: a whole core, busy or not (en-US, John)', () => {
  const saldo = busySaldo('1');

  it('checks the second PIN right after the first: a check earns its own time as it runs', async () => {
    const [first, second] = await twoPayments(saldo);
    expect(ssmlOf(first.answer)).toMatch(PAID);
    expect(ssmlOf(second.answer)).toMatch(PAID);
    expect(await countPaymentsExecuted(saldo)).toBe(2);
  });
});
