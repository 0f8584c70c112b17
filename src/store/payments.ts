/** Everything the store keeps about voice payments for the core: the state machine and its reads. */
import type { Db } from './db';
import { findPayment, unsettledPayments } from './pending-payments';
import { paymentTransitions } from './payment-transitions';
import { spentOn, type SpendingDay } from './spending';

export function paymentStore(db: Db) {
  return {
    ...paymentTransitions(db),
    find: (paymentId: string, bankId: string, customerId: string) => findPayment(db, paymentId, bankId, customerId),
    unsettled: (bankId: string, customerId: string, now: number) => unsettledPayments(db, bankId, customerId, now),
    spentOn: (key: SpendingDay) => spentOn(db, key),
  };
}

export type PaymentStore = ReturnType<typeof paymentStore>;
