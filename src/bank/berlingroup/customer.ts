/**
 * Who a Berlin Group customer is. The API does not say (there is no party endpoint), so
 * Saldo knows a customer by the resourceId of their first payment account in resourceId
 * order: stable while that account stays open. Closing it makes the customer new to
 * Saldo (their voice PIN is enrolled again).
 */
export function berlinGroupCustomerId(
  accounts: readonly { readonly id: string; readonly type?: string }[],
): string | undefined {
  return accounts
    .filter((a) => a.type !== 'credit_card')
    .map((a) => a.id)
    .sort()[0];
}
