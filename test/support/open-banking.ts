/** Saldo configured with one Open Banking bank: the sandbox Open Banking server over HTTP. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_FIXTURE_PATH } from '../../src/bank/sandbox/fixture';
import { startSandbox, type RunningSandbox } from '../openbanking-sandbox/helpers';
import { FIXED_NOW } from './app';
import { testHttpApp, type TestHttp } from './http';

export interface OpenBankingSaldo {
  readonly bank: RunningSandbox;
  readonly saldo: TestHttp;
  close(): Promise<void>;
}

/**
 * Resilience for tests that read a lot from the bank at once (months of transactions, three
 * endpoints per account) on a busy shared machine: what is tested is the answer, not speed.
 */
export const PATIENT = { callTimeoutMs: 5000, readAttempts: 2, breakerFailures: 50, breakerHalfOpenMs: 10_000 };

/** `now` moves Saldo's clock (the bank keeps its own fixed one). */
export async function saldoOnOpenBanking(
  resilience?: Record<string, number>,
  now: () => Date = () => FIXED_NOW,
  env: NodeJS.ProcessEnv = {},
): Promise<OpenBankingSaldo> {
  const bank = await startSandbox({ now: () => FIXED_NOW });
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
