/**
 * The Berlin Group sandbox bank against the official 1.3.11 definition: what it serves is
 * valid, what breaks the definition is refused, and consents limit what they grant.
 */
import { ANA, JOHN, startBerlinGroup, WARM_UP_MS, type RunningBerlinGroup } from './helpers';

let bank: RunningBerlinGroup;

beforeAll(async () => {
  bank = await startBerlinGroup({ pageSize: 4 });
}, WARM_UP_MS);
afterAll(() => bank.close());
afterEach(() => expect(bank.app.responseValidationErrors).toEqual([]));

it("lists Ana's EUR accounts by IBAN and her card by masked PAN, with balances", async () => {
  const consent = await bank.consent(ANA);
  const accounts = await bank.get(ANA, '/v1/accounts?withBalance=true', consent).expect(200);
  expect(accounts.body.accounts).toEqual([
    expect.objectContaining({
      resourceId: 'acc-ana-chk',
      iban: 'ES9121000418450200051332',
      currency: 'EUR',
      cashAccountType: 'CACC',
    }),
    expect.objectContaining({ resourceId: 'acc-ana-sav', cashAccountType: 'SVGS' }),
  ]);
  expect(accounts.body.accounts[0].balances).toEqual([
    expect.objectContaining({ balanceType: 'interimAvailable', balanceAmount: { currency: 'EUR', amount: '2540.18' } }),
    expect.objectContaining({ balanceType: 'interimBooked', balanceAmount: { currency: 'EUR', amount: '2540.18' } }),
  ]);
  const cards = await bank.get(ANA, '/v1/card-accounts', consent).expect(200);
  expect(cards.body.cardAccounts).toEqual([
    expect.objectContaining({ resourceId: 'acc-ana-cc', maskedPan: '400000******7899', debitAccounting: true }),
  ]);
  expect(JSON.stringify(cards.body)).not.toContain('4000001234567899');
});

it('pages transactions with the spec’s entryReferenceFrom cursor until no next link', async () => {
  const consent = await bank.consent(JOHN);
  let path: string | undefined = '/v1/accounts/acc-john-chk/transactions?bookingStatus=both&dateFrom=2026-08-01';
  const ids: string[] = [];
  let pages = 0;
  while (path) {
    const page = await bank.get(JOHN, path, consent).expect(200);
    const report = page.body.transactions as {
      booked: { transactionId: string }[];
      pending: { transactionId: string }[];
      _links: { next?: { href: string } };
    };
    ids.push(...report.pending.map((t) => t.transactionId), ...report.booked.map((t) => t.transactionId));
    path = report._links.next?.href.replace(/^\/psd2/, '');
    pages += 1;
  }
  expect(pages).toBeGreaterThan(1);
  expect(new Set(ids).size).toBe(ids.length);
});

it('refuses a request the definition forbids: no X-Request-ID, no Consent-ID, a bad IBAN', async () => {
  const consent = await bank.consent(ANA);
  const noConsent = await bank.get(ANA, '/v1/accounts').expect(400);
  expect(noConsent.body.tppMessages[0].code).toBe('FORMAT_ERROR');
  await bank.get(ANA, '/v1/accounts', consent).set('X-Request-ID', 'not-a-uuid').expect(400);
  const badIban = await bank.post(ANA, '/v1/payments/sepa-credit-transfers', {
    debtorAccount: { iban: 'ES91 2100' },
    instructedAmount: { currency: 'EUR', amount: '10.00' },
    creditorAccount: { iban: 'ES6000491500051234567892' },
    creditorName: 'Iberdrola',
  });
  expect(badIban.status).toBe(400);
});

it('counts accesses without the customer present against frequencyPerDay, then answers 429 ACCESS_EXCEEDED', async () => {
  const consent = await bank.consent(ANA, 2);
  await bank.get(ANA, '/v1/accounts/acc-ana-chk/balances', consent).expect(200);
  await bank.get(ANA, '/v1/accounts/acc-ana-chk/balances', consent).expect(200);
  const third = await bank.get(ANA, '/v1/accounts/acc-ana-chk/balances', consent).expect(429);
  expect(third.body.tppMessages[0].code).toBe('ACCESS_EXCEEDED');
  // With the customer present (PSU-IP-Address), the limit does not apply.
  await bank.get(ANA, '/v1/accounts/acc-ana-chk/balances', consent).set('PSU-IP-Address', '192.0.2.10').expect(200);
});

it('refuses an expired consent with CONSENT_EXPIRED, and another customer’s with CONSENT_INVALID', async () => {
  const consent = await bank.consent(ANA);
  const john = await bank.get(JOHN, '/v1/accounts', consent).expect(401);
  expect(john.body.tppMessages[0].code).toBe('CONSENT_INVALID');
  bank.app.expireConsents('cust-ana');
  const expired = await bank.get(ANA, '/v1/accounts', consent).expect(401);
  expect(expired.body.tppMessages[0].code).toBe('CONSENT_EXPIRED');
  expect((await bank.get(ANA, `/v1/consents/${consent}/status`).expect(200)).body).toEqual({
    consentStatus: 'expired',
  });
});
