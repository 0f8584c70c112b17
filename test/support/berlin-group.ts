/** Saldo configured with Berlin Group banks: the sandbox Berlin Group server over HTTP. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_FIXTURE_PATH } from '../../src/bank/sandbox/fixture';
import type { BerlinGroupSandboxOptions } from '../../src/bank/berlingroup/sandbox';
import { startBerlinGroup, type RunningBerlinGroup } from '../berlingroup/helpers';
import { FIXED_NOW } from './app';
import { testHttpApp, type TestHttp } from './http';

/** These tests are about the conversation, not about time: a busy machine gets room. */
export const ROOMY_TURN_MS = 60_000;

export interface BerlinGroupSaldo {
  readonly bank: RunningBerlinGroup;
  readonly saldo: TestHttp;
  close(): Promise<void>;
}

/** A Berlin Group bank entry of SALDO_CONFIG for a running sandbox. */
export function berlinGroupBank(bank: RunningBerlinGroup, connector: Record<string, unknown> = {}) {
  return {
    id: 'banco-berlin',
    names: { 'es-ES': 'Banco Berlín', 'en-US': 'Berlin Bank' },
    connector: {
      type: 'berlingroup',
      baseUrl: bank.baseUrl,
      tppIpAddress: '192.0.2.10',
      requestIdReplay: true,
      standingOrders: true,
      consentValidityDays: 30,
      frequencyPerDay: 50,
      approvalWaitMs: 400,
      pollIntervalMs: 50,
      enrolPinsFrom: DEFAULT_FIXTURE_PATH,
      // The sandbox's first answers, while its validator warms up, can take seconds on a busy machine.
      resilience: { callTimeoutMs: 5000 },
      payees: [
        {
          id: 'iberdrola',
          name: 'Iberdrola',
          iban: 'ES6000491500051234567892',
          aliases: ['la luz', 'luz', 'electricidad', 'recibo de la luz'],
        },
      ],
      ...connector,
    },
  };
}

export function configFile(banks: readonly object[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'saldo-bg-')), 'saldo.json');
  writeFileSync(file, JSON.stringify({ banks }));
  return file;
}

export async function saldoOnBerlinGroup(
  options: { sandbox?: Partial<BerlinGroupSandboxOptions>; connector?: Record<string, unknown> } = {},
): Promise<BerlinGroupSaldo> {
  const bank = await startBerlinGroup(options.sandbox);
  const file = configFile([berlinGroupBank(bank, options.connector)]);
  const saldo = await testHttpApp({
    env: { SALDO_CONFIG: file },
    overrides: { now: () => FIXED_NOW, turnDeadlineMs: ROOMY_TURN_MS },
  });
  return { bank, saldo, close: () => bank.close() };
}
