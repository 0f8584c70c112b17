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

it('reports standing orders as the spec’s information list (bookingStatus=information), valid against the definition', async () => {
  const consent = await bank.consent(JOHN);
  const report = await bank
    .get(JOHN, '/v1/accounts/acc-john-chk/transactions?bookingStatus=information', consent)
    .expect(200);
  expect(report.body.transactions.booked).toBeUndefined();
  expect(report.body.transactions.information).toEqual([
    expect.objectContaining({
      creditorName: 'Mary Carter',
      transactionAmount: { currency: 'USD', amount: '120.00' },
      bankTransactionCode: 'PMNT-ICDT-STDO',
      // Today is 29 November; the fixture's next payment is 7 December.
      additionalInformationStructured: {
        standingOrderDetails: { startDate: '2026-06-07', frequency: 'Monthly', dayOfExecution: '7' },
      },
    }),
  ]);
  const savings = await bank
    .get(JOHN, '/v1/accounts/acc-john-sav/transactions?bookingStatus=information', consent)
    .expect(200);
  expect(savings.body.transactions.information).toEqual([]);
  // Cards have no standing order report in 1.3.11: the definition refuses the status there.
  await bank.get(JOHN, '/v1/card-accounts/acc-john-cc/transactions?bookingStatus=information', consent).expect(400);
});

it('names the own account on the other side of a transfer, and card purchases by code, as the definition allows', async () => {
  const consent = await bank.consent(JOHN);
  const checking = await bank
    .get(
      JOHN,
      '/v1/accounts/acc-john-chk/transactions?bookingStatus=booked&dateFrom=2026-11-22&dateTo=2026-11-23',
      consent,
    )
    .expect(200);
  // Six days ago: $200.00 to savings, its other leg named by the savings account's number.
  expect(checking.body.transactions.booked).toEqual([
    expect.objectContaining({
      transactionAmount: { currency: 'USD', amount: '-200.00' },
      creditorAccount: { bban: '000987650088' },
    }),
  ]);
  const card = await bank
    .get(
      JOHN,
      '/v1/card-accounts/acc-john-cc/transactions?bookingStatus=booked&dateFrom=2026-10-01&dateTo=2026-10-31',
      consent,
    )
    .expect(200);
  const entries = card.body.cardTransactions.booked as { merchantCategoryCode?: string; invoiced?: boolean }[];
  expect(entries.some((t) => t.merchantCategoryCode === '5999')).toBe(true);
  expect(entries.every((t) => t.invoiced === true)).toBe(true);
  const balances = await bank.get(JOHN, '/v1/card-accounts/acc-john-cc/balances', consent).expect(200);
  expect(balances.body.balances).toContainEqual({
    balanceType: 'closingBooked',
    balanceAmount: { currency: 'USD', amount: '152.00' },
    referenceDate: '2026-11-16',
  });
});
