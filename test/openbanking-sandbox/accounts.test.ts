/** Account Information over real HTTP, with request and response validation on. */
import { AIS, ANA, JOHN, expectObError, startSandbox, type RunningSandbox } from './helpers';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
afterEach(() => expect(sandbox.app.responseValidationErrors).toEqual([]));

describe('GET /accounts', () => {
  it("lists the customer's accounts as OBAccount6 records", async () => {
    const response = await sandbox
      .get(JOHN, `${AIS}/accounts`)
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(response.body.Data.Account).toEqual([
      {
        AccountId: 'acc-john-chk',
        Status: 'Enabled',
        Currency: 'USD',
        AccountType: 'Personal',
        AccountSubType: 'CurrentAccount',
        Nickname: 'Everyday Checking',
        Account: [{ SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '000123454217', Name: 'John Carter' }],
      },
      {
        AccountId: 'acc-john-sav',
        Status: 'Enabled',
        Currency: 'USD',
        AccountType: 'Personal',
        AccountSubType: 'Savings',
        Nickname: 'Rainy Day Savings',
        Account: [{ SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '000987650088', Name: 'John Carter' }],
      },
      {
        AccountId: 'acc-john-cc',
        Status: 'Enabled',
        Currency: 'USD',
        AccountType: 'Personal',
        AccountSubType: 'CreditCard',
        Nickname: 'Travel Rewards Card',
        Account: [{ SchemeName: 'UK.OBIE.PAN', Identification: '5454545454545454', Name: 'John Carter' }],
      },
    ]);
    expect(response.body.Links).toEqual({ Self: `${sandbox.baseUrl}${AIS}/accounts` });
    expect(response.body.Meta).toEqual({ TotalPages: 1 });
  });

  it('identifies IBAN-shaped numbers as UK.OBIE.IBAN', async () => {
    const response = await sandbox.get(ANA, `${AIS}/accounts`).expect(200);
    const schemes = (
      response.body.Data.Account as { AccountId: string; Account: { SchemeName: string; Identification: string }[] }[]
    ).map((a) => [a.AccountId, a.Account[0]?.SchemeName, a.Account[0]?.Identification]);
    expect(schemes).toEqual([
      ['acc-ana-chk', 'UK.OBIE.IBAN', 'ES9121000418450200051332'],
      ['acc-ana-sav', 'UK.OBIE.IBAN', 'ES7921000813610123456789'],
      ['acc-ana-cc', 'UK.OBIE.PAN', '4000001234567899'],
    ]);
  });

  it('echoes x-fapi-interaction-id, or mints one', async () => {
    const echoed = await sandbox
      .get(JOHN, `${AIS}/accounts`)
      .set('x-fapi-interaction-id', '93bac548-d2de-4546-b106-880a5018460d')
      .expect(200);
    expect(echoed.headers['x-fapi-interaction-id']).toBe('93bac548-d2de-4546-b106-880a5018460d');
    const minted = await sandbox.get(JOHN, `${AIS}/accounts`).expect(200);
    expect(minted.headers['x-fapi-interaction-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('authorisation', () => {
  it.each([
    ['no Authorization header', undefined],
    ['an unknown token', 'Bearer not-a-customer-token'],
    ['a non-bearer scheme', 'Basic c2FuZGJveC10b2tlbi1qb2hu'],
  ])('answers 401 without a body for %s', async (_name, authorization) => {
    const test = sandbox.get(JOHN, `${AIS}/accounts`);
    if (authorization === undefined) test.unset('Authorization');
    else test.set('Authorization', authorization);
    const response = await test.expect(401);
    expect(response.text).toBe('');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.headers['x-fapi-interaction-id']).toBeDefined();
  });

  it("refuses another customer's account with 403 and an OBErrorResponse1", async () => {
    for (const path of ['', '/balances', '/transactions', '/beneficiaries', '/statements']) {
      const response = await sandbox.get(JOHN, `${AIS}/accounts/acc-ana-chk${path}`).expect(403);
      expectObError(response.body, 'UK.OBIE.Resource.NotFound');
      expect(JSON.stringify(response.body)).not.toContain('ES91');
    }
    const unknown = await sandbox.get(JOHN, `${AIS}/accounts/acc-nobody`).expect(403);
    expectObError(unknown.body, 'UK.OBIE.Resource.NotFound');
  });
});

describe('GET /accounts/{AccountId}', () => {
  it('returns the one account', async () => {
    const response = await sandbox.get(ANA, `${AIS}/accounts/acc-ana-sav`).expect(200);
    expect(response.body.Data.Account).toHaveLength(1);
    expect(response.body.Data.Account[0]).toMatchObject({
      AccountId: 'acc-ana-sav',
      AccountSubType: 'Savings',
      Currency: 'EUR',
      Nickname: 'Cuenta Ahorro',
    });
    expect(response.body.Links.Self).toBe(`${sandbox.baseUrl}${AIS}/accounts/acc-ana-sav`);
  });
});

describe('GET /accounts/{AccountId}/balances', () => {
  it('gives a deposit account InterimAvailable and InterimBooked credits', async () => {
    const response = await sandbox.get(JOHN, `${AIS}/accounts/acc-john-chk/balances`).expect(200);
    expect(response.body.Data.Balance).toEqual([
      {
        AccountId: 'acc-john-chk',
        CreditDebitIndicator: 'Credit',
        Type: 'InterimAvailable',
        DateTime: '2025-03-12T11:00:00-04:00',
        Amount: { Amount: '1234.56', Currency: 'USD' },
      },
      {
        AccountId: 'acc-john-chk',
        CreditDebitIndicator: 'Credit',
        Type: 'InterimBooked',
        DateTime: '2025-03-12T11:00:00-04:00',
        Amount: { Amount: '1302.11', Currency: 'USD' },
      },
    ]);
  });

  it('gives a card what is owed as an InterimBooked debit with its credit line', async () => {
    const response = await sandbox.get(JOHN, `${AIS}/accounts/acc-john-cc/balances`).expect(200);
    expect(response.body.Data.Balance).toEqual([
      {
        AccountId: 'acc-john-cc',
        CreditDebitIndicator: 'Debit',
        Type: 'InterimBooked',
        DateTime: '2025-03-12T11:00:00-04:00',
        Amount: { Amount: '642.10', Currency: 'USD' },
        CreditLine: [{ Included: false, Type: 'Credit', Amount: { Amount: '5000.00', Currency: 'USD' } }],
      },
    ]);
  });

  it("writes the date-time in the customer's own offset", async () => {
    const response = await sandbox.get(ANA, `${AIS}/accounts/acc-ana-chk/balances`).expect(200);
    expect(response.body.Data.Balance[0].DateTime).toBe('2025-03-12T16:00:00+01:00');
  });
});

describe('GET /accounts/{AccountId}/beneficiaries', () => {
  it('lists the saved payees with their accounts and spoken aliases', async () => {
    const response = await sandbox.get(JOHN, `${AIS}/accounts/acc-john-chk/beneficiaries`).expect(200);
    expect(response.body.Data.Beneficiary).toEqual([
      {
        AccountId: 'acc-john-chk',
        BeneficiaryId: 'payee-john-power',
        BeneficiaryType: 'Trusted',
        Reference: 'City Power',
        CreditorAccount: {
          SchemeName: 'UK.OBIE.SortCodeAccountNumber',
          Identification: '88001234',
          Name: 'City Power',
        },
        SupplementaryData: {
          saldoAliases: ['power company', 'electric company', 'electricity', 'power bill'],
          saldoPayeeKind: 'biller',
        },
      },
      {
        AccountId: 'acc-john-chk',
        BeneficiaryId: 'payee-john-phone',
        BeneficiaryType: 'Trusted',
        Reference: 'Verizon',
        CreditorAccount: { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '77005678', Name: 'Verizon' },
        SupplementaryData: { saldoAliases: ['phone company', 'phone bill', 'cell phone'], saldoPayeeKind: 'biller' },
      },
      {
        AccountId: 'acc-john-chk',
        BeneficiaryId: 'payee-john-mom',
        BeneficiaryType: 'Trusted',
        Reference: 'Mary Carter',
        CreditorAccount: {
          SchemeName: 'UK.OBIE.SortCodeAccountNumber',
          Identification: '000555501234',
          Name: 'Mary Carter',
        },
        SupplementaryData: {
          saldoAliases: ['mom', 'my mom', 'mary', 'mum', 'my mum', 'mamá', 'mi mamá'],
          saldoPayeeKind: 'person',
        },
      },
    ]);
  });

  it('names IBAN payees by IBAN', async () => {
    const response = await sandbox.get(ANA, `${AIS}/accounts/acc-ana-chk/beneficiaries`).expect(200);
    expect(
      response.body.Data.Beneficiary.map(
        (b: { CreditorAccount: { SchemeName: string } }) => b.CreditorAccount.SchemeName,
      ),
    ).toEqual(['UK.OBIE.IBAN', 'UK.OBIE.IBAN', 'UK.OBIE.IBAN']);
  });
});

describe('GET /accounts/{AccountId}/statements', () => {
  it("gives a card's minimum payment due and its due date in the spec's namespaced codes", async () => {
    const response = await sandbox.get(JOHN, `${AIS}/accounts/acc-john-cc/statements`).expect(200);
    const [statement, ...others] = response.body.Data.Statement;
    expect(others).toEqual([]);
    expect(statement).toMatchObject({
      AccountId: 'acc-john-cc',
      Type: 'RegularPeriodic',
      StatementAmount: expect.arrayContaining([
        {
          CreditDebitIndicator: 'Debit',
          Type: 'UK.OBIE.MinimumPaymentDue',
          Amount: { Amount: '35.00', Currency: 'USD' },
        },
        { CreditDebitIndicator: 'Credit', Type: 'UK.OBIE.CreditLimit', Amount: { Amount: '5000.00', Currency: 'USD' } },
      ]),
      // paymentDueInDays 12 from John's today (2025-03-12).
      StatementDateTime: [{ DateTime: '2025-03-24T00:00:00-04:00', Type: 'UK.OBIE.PaymentDue' }],
    });
    expect(statement.EndDateTime < statement.StatementDateTime[0].DateTime).toBe(true);
  });

  it('has no statements for deposit accounts', async () => {
    const response = await sandbox.get(JOHN, `${AIS}/accounts/acc-john-chk/statements`).expect(200);
    expect(response.body.Data.Statement).toEqual([]);
  });

  it('filters by statement date-time (query values URL-encoded, as OpenAPI requires)', async () => {
    const none = await sandbox
      .get(ANA, `${AIS}/accounts/acc-ana-cc/statements?fromStatementDateTime=2030-01-01T00%3A00%3A00Z`)
      .expect(200);
    expect(none.body.Data.Statement).toEqual([]);
    const some = await sandbox
      .get(
        ANA,
        `${AIS}/accounts/acc-ana-cc/statements?${new URLSearchParams({ fromStatementDateTime: '2025-01-01T00:00:00' })}`,
      )
      .expect(200);
    expect(some.body.Data.Statement).toHaveLength(1);
    expect(some.body.Data.Statement[0].StatementDateTime).toEqual([
      { DateTime: '2025-03-21T00:00:00+01:00', Type: 'UK.OBIE.PaymentDue' },
    ]);
  });
});

describe('GET /party', () => {
  it('names the customer the token belongs to', async () => {
    const response = await sandbox.get(ANA, `${AIS}/party`).expect(200);
    expect(response.body.Data.Party).toEqual({ PartyId: 'cust-ana', PartyType: 'Sole', Name: 'Ana García' });
  });
});

describe('routes outside the sandbox', () => {
  it('answers an unknown path with 404 and no body', async () => {
    const response = await sandbox.get(JOHN, `${AIS}/no-such-thing`).expect(404);
    expect(response.text).toBe('');
  });

  it('answers a method the spec does not have with 405', async () => {
    const response = await sandbox.post(JOHN, `${AIS}/accounts`, {}).expect(405);
    expect(response.headers.allow).toContain('GET');
  });
});
