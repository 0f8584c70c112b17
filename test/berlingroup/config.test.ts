/** SALDO_CONFIG's `berlingroup` connector: defaults for a Spanish bank, and what it refuses. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';

const dir = mkdtempSync(path.join(tmpdir(), 'saldo-bg-config-'));
function load(file: object) {
  const name = path.join(dir, 'saldo.json');
  writeFileSync(name, JSON.stringify(file));
  return loadConfig({ SALDO_CONFIG: name });
}

const bank = (connector: Record<string, unknown>) => ({
  banks: [{ id: 'banco', names: { 'es-ES': 'Banco' }, connector: { type: 'berlingroup', ...connector } }],
});
const minimal = { baseUrl: 'https://hub.example/psd2', tppIpAddress: '192.0.2.10' };

it('serves es-ES in Madrid time with decoupled SCA, 90-day consents and 4 accesses a day by default', () => {
  expect(load(bank(minimal)).banks?.[0]?.connector).toEqual({
    type: 'berlingroup',
    ...minimal,
    locale: 'es-ES',
    timeZone: 'Europe/Madrid',
    consentValidityDays: 90,
    frequencyPerDay: 4,
    sca: 'decoupled',
    paymentProduct: 'sepa-credit-transfers',
    requestIdReplay: false,
    standingOrders: false,
    approvalWaitMs: 3000,
    pollIntervalMs: 500,
    payees: [],
  });
});

it.each([
  ['no PSU-IP-Address to send', { baseUrl: minimal.baseUrl }, 'tppIpAddress'],
  ['a consent longer than PSD2 allows', { ...minimal, consentValidityDays: 181 }, 'consentValidityDays'],
  ['an SCA approach voice cannot host', { ...minimal, sca: 'redirect' }, 'sca'],
  ['a wait longer than a turn', { ...minimal, approvalWaitMs: 5000 }, 'approvalWaitMs'],
  ['a payee without an IBAN', { ...minimal, payees: [{ id: 'x', name: 'X', iban: '1234' }] }, 'iban'],
  ['a hub code with a slash', { ...minimal, aspspCode: 'a/b' }, 'aspspCode'],
])('refuses %s', (_why, connector, field) => {
  expect(() => load(bank(connector))).toThrow(new RegExp(`connector\\.(payees\\.0\\.)?${field}`));
});
