/**
 * Fault injection: each kind of fault, before and after the bank handles the request,
 * its expiry, and the /__faults admin endpoint (only when enabled).
 */
import http from 'node:http';
import request from 'supertest';
import { FaultPlan } from '../../src/bank/openbanking/sandbox';
import {
  AIS,
  JOHN,
  PIS,
  balancesOf,
  consentBody,
  johnInitiation,
  paymentBody,
  startSandbox,
  type RunningSandbox,
} from './helpers';

interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  readonly ms: number;
}

/** One HTTP call with a client-side timeout, as a connector makes it. */
function call(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  options: { body?: unknown; idempotencyKey?: string; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const started = Date.now();
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { authorization: `Bearer ${JOHN}`, accept: 'application/json' };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['x-jws-signature'] = 'unsigned..';
  }
  if (options.idempotencyKey) headers['x-idempotency-key'] = options.idempotencyKey;
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${sandbox.baseUrl}${path}`,
      { method, headers, signal: AbortSignal.timeout(options.timeoutMs ?? 5000), agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: Date.now() - started,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const faults = new FaultPlan();
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ faults });
  // Compile the validators before timing anything.
  await sandbox.get(JOHN, `${AIS}/accounts`).expect(200);
  await sandbox
    .post(JOHN, `${PIS}/domestic-payment-consents`, consentBody(johnInitiation({ id: 'warm-up' })), 'warm-up')
    .expect(201);
});
afterAll(() => sandbox.close());
afterEach(() => {
  faults.clear();
  expect(sandbox.app.responseValidationErrors).toEqual([]);
});

describe('before handling', () => {
  it('delays the answer by latencyMs', async () => {
    faults.set({ path: /\/accounts$/, latencyMs: 300 });
    const answer = await call(sandbox, 'GET', `${AIS}/accounts`);
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeGreaterThanOrEqual(290);
    expect(JSON.parse(answer.text).Data.Account).toHaveLength(3);
  });

  it('answers with an error status, then expires after `times`', async () => {
    faults.set({ method: 'GET', path: /\/balances$/, status: 503, times: 2 });
    const path = `${AIS}/accounts/acc-john-chk/balances`;
    const first = await call(sandbox, 'GET', path);
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('1');
    expect(JSON.parse(first.text).Errors[0].ErrorCode).toBe('UK.OBIE.UnexpectedError');
    expect((await call(sandbox, 'GET', path)).status).toBe(503);
    expect((await call(sandbox, 'GET', path)).status).toBe(200);
    expect(faults.active).toEqual([]);
  });

  it('matches on method and path only', async () => {
    faults.set({ method: 'POST', path: /domestic-payments$/, status: 500 });
    expect((await call(sandbox, 'GET', `${AIS}/accounts`)).status).toBe(200);
    expect((await call(sandbox, 'GET', `${AIS}/accounts/acc-john-chk/transactions`)).status).toBe(200);
    expect(faults.active).toHaveLength(1);
  });

  it('sends malformed JSON', async () => {
    faults.set({ path: /\/accounts$/, malformedJson: true });
    const answer = await call(sandbox, 'GET', `${AIS}/accounts`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/application\/json/);
    expect(() => JSON.parse(answer.text)).toThrow();
  });

  it('resets the connection', async () => {
    faults.set({ path: /\/accounts$/, resetConnection: true, times: 1 });
    await expect(call(sandbox, 'GET', `${AIS}/accounts`)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await call(sandbox, 'GET', `${AIS}/accounts`)).status).toBe(200);
  });

  it('does nothing to a payment it stops before handling', async () => {
    const initiation = johnInitiation({ amount: '6.00', id: 'before-reset' });
    const consent = JSON.parse(
      (
        await call(sandbox, 'POST', `${PIS}/domestic-payment-consents`, {
          body: consentBody(initiation),
          idempotencyKey: 'before-reset-c',
        })
      ).text,
    );
    const before = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    faults.set({ method: 'POST', path: /\/domestic-payments$/, resetConnection: true, times: 1 });
    await expect(
      call(sandbox, 'POST', `${PIS}/domestic-payments`, {
        body: paymentBody(consent.Data.ConsentId, initiation),
        idempotencyKey: 'before-reset',
      }),
    ).rejects.toThrow();
    expect(await balancesOf(sandbox, JOHN, 'acc-john-chk')).toEqual(before);
  });
});

describe('after handling: the work is done, the answer goes wrong', () => {
  async function consentFor(initiation: object, key: string): Promise<string> {
    const answer = await call(sandbox, 'POST', `${PIS}/domestic-payment-consents`, {
      body: consentBody(initiation),
      idempotencyKey: `${key}-c`,
    });
    expect(answer.status).toBe(201);
    return JSON.parse(answer.text).Data.ConsentId as string;
  }

  it('drops the connection after executing the payment; a retry with the same key gets the payment, paid once', async () => {
    const initiation = johnInitiation({ amount: '11.00', id: 'after-reset' });
    const consentId = await consentFor(initiation, 'after-reset');
    const before = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    faults.set({ method: 'POST', path: /\/domestic-payments$/, resetConnection: true, afterHandling: true, times: 1 });
    await expect(
      call(sandbox, 'POST', `${PIS}/domestic-payments`, {
        body: paymentBody(consentId, initiation),
        idempotencyKey: 'after-reset',
      }),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    const moved = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    expect(Number(before.InterimBooked?.amount) - Number(moved.InterimBooked?.amount)).toBeCloseTo(11, 2);

    const retry = await call(sandbox, 'POST', `${PIS}/domestic-payments`, {
      body: paymentBody(consentId, initiation),
      idempotencyKey: 'after-reset',
    });
    expect(retry.status).toBe(201);
    expect(JSON.parse(retry.text).Data).toMatchObject({ ConsentId: consentId, Status: 'AcceptedSettlementCompleted' });
    expect(await balancesOf(sandbox, JOHN, 'acc-john-chk')).toEqual(moved);
  });

  it('answers after the client gave up; the payment was made', async () => {
    const initiation = johnInitiation({ amount: '12.00', id: 'after-late' });
    const consentId = await consentFor(initiation, 'after-late');
    const before = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    faults.set({ method: 'POST', path: /\/domestic-payments$/, latencyMs: 1500, afterHandling: true, times: 1 });
    await expect(
      call(sandbox, 'POST', `${PIS}/domestic-payments`, {
        body: paymentBody(consentId, initiation),
        idempotencyKey: 'after-late',
        timeoutMs: 300,
      }),
    ).rejects.toThrow(/aborted|timeout/i);
    const moved = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    expect(Number(before.InterimBooked?.amount) - Number(moved.InterimBooked?.amount)).toBeCloseTo(12, 2);
    const retry = await call(sandbox, 'POST', `${PIS}/domestic-payments`, {
      body: paymentBody(consentId, initiation),
      idempotencyKey: 'after-late',
    });
    expect(retry.status).toBe(201);
    expect(await balancesOf(sandbox, JOHN, 'acc-john-chk')).toEqual(moved);
  });

  it('answers 500 although the payment was made', async () => {
    const initiation = johnInitiation({ amount: '13.00', id: 'after-500' });
    const consentId = await consentFor(initiation, 'after-500');
    const before = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    faults.set({ method: 'POST', path: /\/domestic-payments$/, status: 500, afterHandling: true, times: 1 });
    const answer = await call(sandbox, 'POST', `${PIS}/domestic-payments`, {
      body: paymentBody(consentId, initiation),
      idempotencyKey: 'after-500',
    });
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text).Code).toBe('500 Fault');
    const moved = await balancesOf(sandbox, JOHN, 'acc-john-chk');
    expect(Number(before.InterimBooked?.amount) - Number(moved.InterimBooked?.amount)).toBeCloseTo(13, 2);
  });

  it('truncates the real answer into malformed JSON', async () => {
    faults.set({ path: /\/accounts$/, malformedJson: true, afterHandling: true });
    const answer = await call(sandbox, 'GET', `${AIS}/accounts`);
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith('{"Data":{"Account":[')).toBe(true);
    expect(() => JSON.parse(answer.text)).toThrow();
  });
});

describe('the /__faults admin endpoint', () => {
  it('is not served unless enabled', async () => {
    const plain = await startSandbox({ faultAdmin: false });
    try {
      await plain.post(JOHN, '/__faults', { status: 503 }).expect(404);
    } finally {
      await plain.close();
    }
  });

  it('is served when BANK_SANDBOX_FAULTS=true: POST adds a rule, DELETE clears', async () => {
    const previous = process.env.BANK_SANDBOX_FAULTS;
    process.env.BANK_SANDBOX_FAULTS = 'true';
    const admin = await startSandbox();
    try {
      await admin
        .post(JOHN, '/__faults', { method: 'GET', path: '/balances$', status: 503, times: 5 })
        .expect(201, { rules: 1 });
      await admin.post(JOHN, '/__faults', { path: '(', status: 503 }).expect(400);
      await admin.post(JOHN, '/__faults', { status: 'soon' }).expect(400);
      await admin.get(JOHN, `${AIS}/accounts/acc-john-chk/balances`).expect(503);
      const listed = await admin.get(JOHN, '/__faults').expect(200);
      expect(listed.body.rules).toEqual([{ method: 'GET', path: '\\/balances$', status: 503, times: 5 }]);
      await request(admin.server).delete('/__faults').expect(204);
      expect((await admin.get(JOHN, '/__faults').expect(200)).body.rules).toEqual([]);
      await admin.get(JOHN, `${AIS}/accounts/acc-john-chk/balances`).expect(200);
    } finally {
      await admin.close();
      if (previous === undefined) delete process.env.BANK_SANDBOX_FAULTS;
      else process.env.BANK_SANDBOX_FAULTS = previous;
    }
  });
});
