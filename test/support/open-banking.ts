/** Saldo configured with one Open Banking bank: the sandbox Open Banking server over HTTP. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_FIXTURE_PATH } from '../../src/bank/sandbox/fixture';
import {
  AIS,
  JOHN,
  PIS,
  consentBody,
  johnInitiation,
  paymentBody,
  startSandbox,
  type RunningSandbox,
} from '../openbanking-sandbox/helpers';
import { FIXED_NOW } from './app';
import { testHttpApp, type TestHttp } from './http';

export interface OpenBankingSaldo {
  readonly bank: RunningSandbox;
  readonly saldo: TestHttp;
  close(): Promise<void>;
}

/** `now` moves Saldo's clock (the bank keeps its own fixed one). */
export async function saldoOnOpenBanking(
  resilience?: Record<string, number>,
  now: () => Date = () => FIXED_NOW,
  env: NodeJS.ProcessEnv = {},
): Promise<OpenBankingSaldo> {
  const bank = await startSandbox({ now: () => FIXED_NOW });
  await warmValidators(bank);
  const dir = mkdtempSync(path.join(tmpdir(), 'saldo-ob-'));
  const file = path.join(dir, 'saldo.json');
  writeFileSync(
    file,
    JSON.stringify({
      banks: [
        {
          id: 'open-sandbox',
          names: { 'en-US': 'Open Sandbox Bank', 'es-ES': 'Banco Abierto' },
          connector: {
            type: 'openbanking',
            baseUrl: bank.baseUrl,
            financialId: 'saldo-sandbox',
            locale: 'en-US',
            timeZone: 'America/New_York',
            enrolPinsFrom: DEFAULT_FIXTURE_PATH,
            ...(resilience ? { resilience } : {}),
          },
        },
      ],
    }),
  );
  const saldo = await testHttpApp({ env: { ...env, SALDO_CONFIG: file }, overrides: { now } });
  return { bank, saldo, close: () => bank.close() };
}

/**
 * The sandbox compiles its spec validators on first use, which on a busy machine takes longer
 * than a short call timeout: every route Saldo calls is called once directly first (moving no
 * money), so the tests time the connector, not the compilation.
 */
async function warmValidators(bank: RunningSandbox): Promise<void> {
  await bank.get(JOHN, `${AIS}/party`).expect(200);
  await bank.get(JOHN, `${AIS}/accounts`).expect(200);
  for (const account of ['acc-john-chk', 'acc-john-sav', 'acc-john-cc']) {
    await bank.get(JOHN, `${AIS}/accounts/${account}/beneficiaries`).expect(200);
    await bank.get(JOHN, `${AIS}/accounts/${account}/balances`).expect(200);
    await bank.get(JOHN, `${AIS}/accounts/${account}/transactions`).expect(200);
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
}
