/**
 * Saldo on an Open Banking bank that misbehaves (the sandbox's fault plan, over real
 * HTTP): slow answers, 5xx, garbage, dropped connections, a tripped circuit breaker, lost
 * payment answers and revoked tokens. Every turn ends in a clear spoken answer, well
 * inside Alexa's 8 s, with the right audit record, and money moves at most once.
 *
 * Elapsed times are measured around a turn only to check the answer came back within the
 * deadline budget, not as performance claims.
 */
import type { IncomingMessage } from 'node:http';
import request from 'supertest';
import { alexaEnvelope } from '../support/alexa-requests';
import { ssmlToText } from '../support/drivers';
import { saldoOnOpenBanking, type OpenBankingSaldo } from '../support/open-banking';
import { AIS, JOHN, PIS, consentBody, johnInitiation, paymentBody } from '../openbanking-sandbox/helpers';

const BANK = 'Open Sandbox Bank';
const APOLOGY = `Sorry, I can't reach ${BANK} right now. Please try again in a few minutes.`;
const OUTCOME_UNKNOWN = `I couldn't get an answer from ${BANK} about that payment yet. It won't be sent twice.`;
const LINK_ACCOUNT = `To use ${BANK}, please link your bank account.`;
const CHECKING_BALANCE =
  'Your checking ending in 4217 has an available balance of $1,234.56. The current balance is $1,302.11.';
const CHECKING = { accountType: { value: 'checking', id: 'checking' } };
const BALANCES = /\/accounts\/[^/]+\/balances$/;
const PAYMENTS = /\/domestic-payments$/;
const CONSENTS = /\/domestic-payment-consents$/;

/** Small values, so a test of timeouts and the breaker takes a second, not a minute. */
const FAST = { callTimeoutMs: 400, readAttempts: 2, breakerFailures: 5, breakerHalfOpenMs: 1000 };

interface Heard {
  readonly speech: string;
  readonly ended: boolean;
  readonly linkAccount: boolean;
  /** Session attributes the reply carries (what the next request of the session sends back). */
  readonly attributes: Record<string, unknown>;
  readonly raw: string;
  /** Wall-clock time of the whole HTTP turn. */
  readonly ms: number;
}

const ALEXA_INTENTS: Record<string, string> = {
  GetBalance: 'GetBalanceIntent',
  PayBill: 'PayBillIntent',
  ProvidePin: 'ProvidePinIntent',
};

/** One Alexa turn; `attributes` are the session's (so a turn can be replayed with an earlier session). */
async function say(
  ob: OpenBankingSaldo,
  intent: keyof typeof ALEXA_INTENTS,
  slots: Record<string, { value: string; id?: string }> = {},
  session: { attributes?: Record<string, unknown>; token?: string } = {},
): Promise<Heard> {
  const envelope = alexaEnvelope({
    intent: ALEXA_INTENTS[intent],
    slots,
    token: session.token ?? JOHN,
    locale: 'en-US',
    attributes: session.attributes ?? {},
    newSession: session.attributes === undefined,
  });
  const started = Date.now();
  const res = await request(ob.saldo.app)
    .post('/alexa')
    .set('content-type', 'application/json')
    .send(JSON.stringify(envelope));
  const ms = Date.now() - started;
  if (res.status !== 200) throw new Error(`alexa answered ${res.status}: ${res.text}`);
  const body = res.body as {
    response: { outputSpeech?: { ssml?: string }; shouldEndSession?: boolean; card?: { type: string } };
    sessionAttributes?: Record<string, unknown>;
  };
  return {
    speech: ssmlToText(body.response.outputSpeech?.ssml ?? ''),
    ended: body.response.shouldEndSession !== false,
    linkAccount: body.response.card?.type === 'LinkAccount',
    attributes: body.sessionAttributes ?? {},
    raw: res.text,
    ms,
  };
}

const balance = (ob: OpenBankingSaldo) => say(ob, 'GetBalance', CHECKING);

interface BankRequest {
  readonly method: string;
  readonly path: string;
  readonly key?: string;
}

/** Every request that reaches the bank's HTTP server (a listener beside the sandbox's own). */
function recordBankRequests(ob: OpenBankingSaldo): BankRequest[] {
  const seen: BankRequest[] = [];
  ob.bank.server.on('request', (req: IncomingMessage) => {
    const key = req.headers['x-idempotency-key'];
    seen.push({
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://bank').pathname,
      key: typeof key === 'string' ? key : undefined,
    });
  });
  return seen;
}

/**
 * The sandbox compiles its spec validators on first use: every route Saldo will call is
 * called once directly (moving no money), then one turn loads John's profile into the
 * connector's cache, so the short call timeouts below time the faults, not the warm-up.
 */
async function warmUp(ob: OpenBankingSaldo): Promise<void> {
  const { bank } = ob;
  await bank.get(JOHN, `${AIS}/party`).expect(200);
  await bank.get(JOHN, `${AIS}/accounts`).expect(200);
  for (const account of ['acc-john-chk', 'acc-john-sav', 'acc-john-cc']) {
    await bank.get(JOHN, `${AIS}/accounts/${account}/beneficiaries`).expect(200);
    await bank.get(JOHN, `${AIS}/accounts/${account}/balances`).expect(200);
  }
  await bank.get(JOHN, `${AIS}/accounts/acc-john-cc/statements`).expect(200);
  await bank
    .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(johnInitiation({ id: 'warm-up' })), 'warm-up-c')
    .expect(201);
  // An unknown consent: validated, refused, nothing paid.
  await bank
    .post(
      JOHN,
      `${PIS}/domestic-payments`,
      paymentBody('pdc-no-such-consent', johnInitiation({ id: 'warm-up' })),
      'warm-up',
    )
    .expect(400);
  expect(await bank.db.query('SELECT payment_id FROM ob_sandbox_payments')).toEqual([]);
  expect((await balance(ob)).speech).toBe(CHECKING_BALANCE);
}

async function auditEvents(ob: OpenBankingSaldo): Promise<{ event: string; details: Record<string, unknown> }[]> {
  const rows = await ob.saldo.application.db.query<{ event: string; details: string }>(
    "SELECT event, details FROM audit_log WHERE bank_id = 'open-sandbox' ORDER BY id",
  );
  return rows.map((r) => ({ event: r.event, details: JSON.parse(r.details) as Record<string, unknown> }));
}

/** Rows the bank holds for payments: payment orders, ledger executions and ledger debits. */
async function moneyMoved(ob: OpenBankingSaldo) {
  const { db } = ob.bank;
  return {
    orders: await db.query<{ status: string; idempotency_key: string }>(
      'SELECT status, idempotency_key FROM ob_sandbox_payments',
    ),
    ledgerPayments: (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM sandbox_payments'))[0]?.n,
    ledgerDebits: (
      await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM sandbox_transactions WHERE credit_debit = 'debit'")
    )[0]?.n,
  };
}

/** John pays City Power $45.20 from checking: the read-back, and the session that awaits the PIN. */
async function payCityPower(ob: OpenBankingSaldo): Promise<Heard> {
  const readBack = await say(ob, 'PayBill', {
    payee: { value: 'the power company' },
    amount: { value: '45' },
    cents: { value: '20' },
    fromAccount: { value: 'checking', id: 'checking' },
  });
  expect(readBack.speech).toContain("You're paying $45.20 to City Power from your checking ending in 4217.");
  expect(readBack.ended).toBe(false);
  expect(readBack.attributes).toEqual(expect.objectContaining({ payment: expect.any(String) }));
  return readBack;
}

const PIN = { pin: { value: '2468' } };
const PAID = "Done. I've paid $45.20 to City Power from your checking ending in 4217.";
const BALANCE_AFTER = 'Your available balance is now $1,189.36.';

/** No figures, no identifiers in an apology. */
function expectNoAccountDetails(heard: Heard): void {
  expect(heard.speech).not.toMatch(/\$|4217|1,234/);
  expect(heard.raw).not.toContain(JOHN);
}

describe('a slow bank, with the default resilience (2 s per call, one retry)', () => {
  let ob: OpenBankingSaldo;

  beforeAll(async () => {
    ob = await saldoOnOpenBanking('defaults');
    await warmUp(ob);
  });
  afterAll(() => ob.close());
  afterEach(() => {
    ob.bank.app.faults.clear();
    expect(ob.bank.app.responseValidationErrors).toEqual([]);
  });

  it('apologises well inside 8 s when every read takes 10 s', async () => {
    ob.bank.app.faults.set({ method: 'GET', latencyMs: 10_000 });
    const heard = await balance(ob);
    expect(heard.speech).toBe(APOLOGY);
    expect(heard.ended).toBe(true);
    expectNoAccountDetails(heard);
    // Two 2 s attempts and a backoff: about 4.2 s; the turn's own deadline is 6 s.
    expect(heard.ms).toBeLessThan(7000);
    expect(heard.ms).toBeGreaterThanOrEqual(3900);
    expect(await auditEvents(ob)).toEqual([]);
  });

  it('still answers when the bank is slow but within the call timeout', async () => {
    ob.bank.app.faults.set({ method: 'GET', latencyMs: 200 });
    const heard = await balance(ob);
    expect(heard.speech).toBe(CHECKING_BALANCE);
    expect(heard.ms).toBeGreaterThanOrEqual(190);
  });
});

describe('a failing bank, with short timeouts (400 ms per call, one retry)', () => {
  let ob: OpenBankingSaldo;
  let seen: BankRequest[];

  beforeAll(async () => {
    ob = await saldoOnOpenBanking(FAST);
    await warmUp(ob);
    seen = recordBankRequests(ob);
  });
  afterAll(() => ob.close());
  beforeEach(() => {
    seen.length = 0;
  });
  afterEach(async () => {
    ob.bank.app.faults.clear();
    expect(ob.bank.app.responseValidationErrors).toEqual([]);
    // Reads never write to the audit log; nothing here moved money.
    expect(await auditEvents(ob)).toEqual([]);
    expect(await moneyMoved(ob)).toEqual({ orders: [], ledgerPayments: 0, ledgerDebits: 0 });
  });

  const balanceCalls = () => seen.filter((r) => r.method === 'GET' && BALANCES.test(r.path)).length;

  it('apologises quickly when reads outlast the call timeout', async () => {
    ob.bank.app.faults.set({ method: 'GET', latencyMs: 10_000 });
    const heard = await balance(ob);
    expect(heard.speech).toBe(APOLOGY);
    // Two 400 ms attempts and a backoff.
    expect(heard.ms).toBeLessThan(2000);
    expect(balanceCalls()).toBe(2);
  });

  it('retries a single 500 on balances and speaks the balance', async () => {
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, status: 500, times: 1 });
    const heard = await balance(ob);
    expect(heard.speech).toBe(CHECKING_BALANCE);
    expect(balanceCalls()).toBe(2);
  });

  it('apologises when balances keep answering 500', async () => {
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, status: 500 });
    const heard = await balance(ob);
    expect(heard.speech).toBe(APOLOGY);
    expectNoAccountDetails(heard);
    expect(balanceCalls()).toBe(2);
  });

  it('retries malformed JSON once and speaks the balance', async () => {
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, malformedJson: true, times: 1 });
    const heard = await balance(ob);
    expect(heard.speech).toBe(CHECKING_BALANCE);
    expect(balanceCalls()).toBe(2);
  });

  it('apologises when the JSON is always malformed', async () => {
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, malformedJson: true });
    const heard = await balance(ob);
    expect(heard.speech).toBe(APOLOGY);
    expectNoAccountDetails(heard);
    expect(balanceCalls()).toBe(2);
  });

  it('retries a reset connection once and speaks the balance', async () => {
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, resetConnection: true, times: 1 });
    const heard = await balance(ob);
    expect(heard.speech).toBe(CHECKING_BALANCE);
    expect(balanceCalls()).toBe(2);
  });

  it('apologises when every connection is reset', async () => {
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, resetConnection: true });
    const heard = await balance(ob);
    expect(heard.speech).toBe(APOLOGY);
    expectNoAccountDetails(heard);
    expect(balanceCalls()).toBe(2);
  });

  it('sends an unknown token to link the account', async () => {
    const heard = await say(ob, 'GetBalance', CHECKING, { token: 'sandbox-token-nobody' });
    expect(heard.speech).toContain(LINK_ACCOUNT);
    expect(heard.linkAccount).toBe(true);
    expect(heard.raw).not.toContain('sandbox-token-nobody');
  });

  it('sends a token the bank has revoked (401 after the profile was cached) to link the account', async () => {
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, status: 401 });
    const heard = await balance(ob);
    expect(heard.speech).toContain(LINK_ACCOUNT);
    expect(heard.linkAccount).toBe(true);
    // A 401 is not worth a retry.
    expect(balanceCalls()).toBe(1);
  });
});

describe('the circuit breaker (4 consecutive failures, half-open after 1 s)', () => {
  let ob: OpenBankingSaldo;
  let seen: BankRequest[];

  beforeAll(async () => {
    ob = await saldoOnOpenBanking({ ...FAST, breakerFailures: 4 });
    await warmUp(ob);
    seen = recordBankRequests(ob);
  });
  afterAll(() => ob.close());

  it('fails fast while open, and answers again once the bank is back', async () => {
    ob.bank.app.faults.set({ method: 'GET', path: BALANCES, status: 503 });
    // Two turns, two attempts each: the fourth consecutive failure opens the circuit.
    expect((await balance(ob)).speech).toBe(APOLOGY);
    expect((await balance(ob)).speech).toBe(APOLOGY);
    expect(seen).toHaveLength(4);

    const fast = await balance(ob);
    expect(fast.speech).toBe(APOLOGY);
    expect(fast.ms).toBeLessThan(200);
    expect(seen).toHaveLength(4); // the bank was not called

    ob.bank.app.faults.clear();
    // Still open: the bank's recovery is not seen before the half-open delay.
    expect((await balance(ob)).speech).toBe(APOLOGY);
    expect(seen).toHaveLength(4);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const back = await balance(ob);
    expect(back.speech).toBe(CHECKING_BALANCE);
    expect(seen).toHaveLength(5);
    expect((await balance(ob)).speech).toBe(CHECKING_BALANCE);
    expect(await auditEvents(ob)).toEqual([]);
    expect(ob.bank.app.responseValidationErrors).toEqual([]);
  });
});

describe('a payment whose answer is late (400 ms per call)', () => {
  let ob: OpenBankingSaldo;
  let seen: BankRequest[];

  beforeEach(async () => {
    ob = await saldoOnOpenBanking(FAST);
    await warmUp(ob);
    seen = recordBankRequests(ob);
  });
  afterEach(async () => {
    expect(ob.bank.app.responseValidationErrors).toEqual([]);
    await ob.close();
  });

  const paymentPosts = () => seen.filter((r) => r.method === 'POST' && PAYMENTS.test(r.path));

  it('asks again with the same idempotency key and gets the first result: paid once', async () => {
    const readBack = await payCityPower(ob);
    // The bank executes the payment, then its answer arrives after the call timeout, once.
    ob.bank.app.faults.set({ method: 'POST', path: PAYMENTS, afterHandling: true, latencyMs: 3000, times: 1 });
    const paid = await say(ob, 'ProvidePin', PIN, { attributes: readBack.attributes });
    expect(paid.speech).toContain(PAID);
    expect(paid.speech).toContain(BALANCE_AFTER);
    expect(paid.ms).toBeLessThan(6000);

    const posts = paymentPosts();
    expect(posts).toHaveLength(2);
    expect(posts[0]?.key).toMatch(/^saldo-.+/);
    expect(posts[1]?.key).toBe(posts[0]?.key);

    const moved = await moneyMoved(ob);
    expect(moved).toEqual({
      orders: [{ status: 'AcceptedSettlementCompleted', idempotency_key: posts[0]?.key }],
      ledgerPayments: 1,
      ledgerDebits: 1,
    });
    expect((await auditEvents(ob)).map((a) => a.event)).toEqual([
      'payment.requested',
      'payment.approved',
      'payment.executed',
    ]);
    expect((await balance(ob)).speech).toContain('$1,189.36');
  });

  /** The read-back, then a confirmation whose payment answers are all lost (the bank executed it). */
  async function paymentWithLostAnswers(): Promise<{ readBack: Heard; unknown: Heard; key: string | undefined }> {
    const readBack = await payCityPower(ob);
    ob.bank.app.faults.set({ method: 'POST', path: PAYMENTS, afterHandling: true, latencyMs: 3000, times: 50 });
    const unknown = await say(ob, 'ProvidePin', PIN, { attributes: readBack.attributes });
    ob.bank.app.faults.clear();
    return { readBack, unknown, key: paymentPosts()[0]?.key };
  }

  it("says it won't be sent twice when every answer is lost, and pays once", async () => {
    const { unknown, key } = await paymentWithLostAnswers();
    expect(unknown.speech).toContain(OUTCOME_UNKNOWN);
    expect(unknown.speech).not.toContain('Done');
    expect(unknown.ms).toBeLessThan(6000);
    // Asked twice, both times with the payment's own key; the bank executed it once.
    const posts = paymentPosts();
    expect(posts).toHaveLength(2);
    expect(key).toMatch(/^saldo-.+/);
    expect(posts[1]?.key).toBe(key);
    expect(await moneyMoved(ob)).toEqual({
      orders: [{ status: 'AcceptedSettlementCompleted', idempotency_key: key }],
      ledgerPayments: 1,
      ledgerDebits: 1,
    });
    const audit = await auditEvents(ob);
    expect(audit.map((a) => a.event)).toEqual(['payment.requested', 'payment.approved', 'payment.outcome_unknown']);
    expect(audit[2]?.details).toEqual(
      expect.objectContaining({ amountMinor: 4520, currency: 'USD', reason: 'answer_lost', error: 'BankNetworkError' }),
    );
    // Money moved exactly once: 1,234.56 - 45.20.
    expect((await balance(ob)).speech).toContain('available balance of $1,189.36');
  });

  /*
   * Re-sending the consent with the same key returns the first consent, which the executed
   * payment has made 'Consumed': the connector goes on to the payment, whose same key
   * returns the payment already made.
   */
  it('the next confirmation after a lost answer hears the payment was made', async () => {
    const { readBack, unknown, key } = await paymentWithLostAnswers();
    expect(unknown.speech).toContain(OUTCOME_UNKNOWN);

    // The bank is back; the confirmation is said again (the session that awaited the PIN).
    seen.length = 0;
    const settled = await say(ob, 'ProvidePin', PIN, { attributes: readBack.attributes });
    expect(settled.speech).not.toContain('Nothing was sent');
    expect(settled.speech).toContain(PAID);
    expect(settled.speech).toContain(BALANCE_AFTER);
    expect(paymentPosts().map((p) => p.key)).toEqual([key]);
    expect(await moneyMoved(ob)).toEqual({
      orders: [{ status: 'AcceptedSettlementCompleted', idempotency_key: key }],
      ledgerPayments: 1,
      ledgerDebits: 1,
    });
    expect((await auditEvents(ob)).map((a) => a.event)).toEqual([
      'payment.requested',
      'payment.approved',
      'payment.outcome_unknown',
      'payment.executed',
    ]);
    expect((await balance(ob)).speech).toContain('available balance of $1,189.36');
  });

  it('moves no money when the consent request fails with a 500, and says so clearly', async () => {
    const readBack = await payCityPower(ob);
    ob.bank.app.faults.set({ method: 'POST', path: CONSENTS, status: 500 });
    const heard = await say(ob, 'ProvidePin', PIN, { attributes: readBack.attributes });
    // No consent, no payment order: certain that nothing was sent, and said so.
    expect(heard.speech).toContain(
      "Sorry, I couldn't reach Open Sandbox Bank to make that payment, so nothing was sent.",
    );
    expect(heard.ms).toBeLessThan(6000);
    // A payment is never retried blindly: one consent attempt, no payment order.
    expect(seen.filter((r) => r.method === 'POST' && CONSENTS.test(r.path))).toHaveLength(1);
    expect(paymentPosts()).toHaveLength(0);
    expect(await moneyMoved(ob)).toEqual({ orders: [], ledgerPayments: 0, ledgerDebits: 0 });
    const audit = await auditEvents(ob);
    expect(audit.map((a) => a.event)).toEqual(['payment.requested', 'payment.approved', 'payment.rejected']);
    expect(audit[2]?.details).toEqual(expect.objectContaining({ reason: 'not_sent' }));
    ob.bank.app.faults.clear();
    expect((await balance(ob)).speech).toBe(CHECKING_BALANCE);
  });
});

describe('readiness of an Open Banking bank', () => {
  let ob: OpenBankingSaldo;
  beforeAll(async () => {
    ob = await saldoOnOpenBanking(FAST);
  });
  afterAll(() => ob.close());

  it('/readyz counts a bank answering 5xx as not ready, and a 4xx to its probe as ready', async () => {
    expect((await request(ob.saldo.app).get('/readyz')).status).toBe(200);
    ob.bank.app.faults.set({ method: 'GET', status: 503 });
    const down = await request(ob.saldo.app).get('/readyz');
    expect(down.status).toBe(503);
    expect(down.body.checks).toMatchObject({ store: 'ok', 'bank:open-sandbox': 'unreachable' });
  });
});
