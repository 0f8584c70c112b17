/** Saldo configured with one Open Banking bank: the sandbox Open Banking server over HTTP. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_FIXTURE_PATH } from '../../src/bank/sandbox/fixture';
import {
  AIS,
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

/**
 * Unless a test measures the defaults ('defaults'), the turn gets room on a busy machine, and
 * so do bank calls where the test passes no resilience of its own: such a test is about the
 * conversation, not about time.
 */
/** The configuration's largest call timeout. */
const ROOMY_RESILIENCE = { callTimeoutMs: 5000 } as const;
const ROOMY_TURN_MS = 60_000;

/** `now` moves Saldo's clock (the bank keeps its own fixed one). */
export async function saldoOnOpenBanking(
  resilience: Record<string, number> | 'defaults' | 'roomy' = 'roomy',
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
            ...(resilience === 'defaults'
              ? {}
              : { resilience: resilience === 'roomy' ? ROOMY_RESILIENCE : resilience }),
          },
        },
      ],
    }),
  );
  const saldo = await testHttpApp({
    env: { ...env, SALDO_CONFIG: file },
    overrides: { now, ...(resilience === 'defaults' ? {} : { turnDeadlineMs: ROOMY_TURN_MS }) },
  });
  return { bank, saldo, close: () => bank.close() };
}

/**
 * The sandbox compiles each route's OpenAPI validators on the route's first request, which
 * on a busy machine can outlast a connector's call timeout. One refused request per route
 * (an unknown token changes nothing) compiles them before the test's clock matters.
 */
export async function warmValidators(bank: RunningSandbox): Promise<void> {
  const stranger = 'warm-up-unknown-token';
  const account = `${AIS}/accounts/warm-up`;
  for (const path of [
    `${AIS}/accounts`,
    account,
    `${account}/balances`,
    `${account}/transactions`,
    `${account}/beneficiaries`,
    `${account}/statements`,
    `${account}/scheduled-payments`,
    `${account}/standing-orders`,
    `${account}/direct-debits`,
    `${AIS}/party`,
    `${PIS}/domestic-payment-consents/warm-up`,
    `${PIS}/domestic-payments/warm-up`,
  ])
    await bank.get(stranger, path);
  const initiation = johnInitiation({ id: 'warm-up' });
  await bank.post(stranger, `${PIS}/domestic-payment-consents`, consentBody(initiation), 'warm-up-c');
  await bank.post(stranger, `${PIS}/domestic-payments`, paymentBody('warm-up', initiation), 'warm-up');
  if (bank.app.responseValidationErrors.length > 0)
    throw new Error(`warm-up answers broke the spec: ${JSON.stringify(bank.app.responseValidationErrors)}`);
}
