/**
 * express-openapi-validator compiles a route's schemas on its first request, which for
 * the 530 kB Berlin Group definition takes seconds per route on a busy machine: longer
 * than a connector waits. One request per route, sent once the sandbox listens, pays that
 * before any customer call (the compiled validators are shared by the process). The
 * requests create one consent of the first customer and nothing else.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxFixture } from '../../sandbox/fixture';

export async function warmUp(baseUrl: string, fixture: SandboxFixture): Promise<void> {
  const customer = fixture.customers[0];
  if (!customer) return;
  const headers = (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${customer.accessToken}`,
    'x-request-id': randomUUID(),
    accept: 'application/json',
    'content-type': 'application/json',
    'psu-ip-address': '192.0.2.1',
    ...extra,
  });
  const call = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: headers(init.headers),
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }).then((response) => response.text());

  const consent = JSON.parse(
    await call('/v1/consents', {
      method: 'POST',
      body: {
        access: { allPsd2: 'allAccounts' },
        recurringIndicator: false,
        validUntil: new Date().toISOString().slice(0, 10),
        frequencyPerDay: 100,
        combinedServiceIndicator: false,
      },
    }),
  ) as { consentId?: unknown };
  const consentId = String(consent.consentId);
  const withConsent = { headers: { 'consent-id': consentId } };
  const account = customer.accounts.find((a) => a.type !== 'credit_card');
  const card = customer.accounts.find((a) => a.type === 'credit_card');
  const report = '?bookingStatus=both&dateFrom=2000-01-01';
  const payments = '/v1/payments/sepa-credit-transfers';
  // One at a time: compiling is the work, and a failed answer must not leave others running.
  const calls = [
    () => call(`/v1/consents/${consentId}/status`),
    () => call('/v1/accounts', withConsent),
    account && (() => call(`/v1/accounts/${account.id}/balances`, withConsent)),
    account && (() => call(`/v1/accounts/${account.id}/transactions${report}`, withConsent)),
    () => call('/v1/card-accounts', withConsent),
    card && (() => call(`/v1/card-accounts/${card.id}/balances`, withConsent)),
    card && (() => call(`/v1/card-accounts/${card.id}/transactions${report}`, withConsent)),
    // Refused by the bank (no such currency, no such payment): validated all the same.
    () =>
      call(payments, {
        method: 'POST',
        body: {
          debtorAccount: { bban: '0' },
          instructedAmount: { currency: 'XXX', amount: '1.00' },
          creditorAccount: { bban: '0' },
          creditorName: 'warm-up',
        },
      }),
    () => call(`${payments}/unknown/status`),
    () => call(`${payments}/unknown/authorisations`),
    () => call(`${payments}/unknown/authorisations/unknown`),
  ];
  for (const next of calls) if (next) await next();
}
