/** The environment's values as people type them. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';

describe('SALDO_VERIFY_REQUESTS', () => {
  it.each([
    ['TRUE', true],
    ['True', true],
    ['YES', true],
    ['1', true],
    ['False', false],
    ['FALSE', false],
    ['No', false],
    ['0', false],
  ])('accepts %s in any case', (value, expected) => {
    expect(loadConfig({ SALDO_VERIFY_REQUESTS: value }).verifyRequests).toBe(expected);
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => loadConfig({ SALDO_VERIFY_REQUESTS: 'perhaps' })).toThrow(/SALDO_VERIFY_REQUESTS: /);
  });
});

describe('SALDO_PIN_CPU_SHARE', () => {
  it('is 8 % of a core unless set', () => {
    expect(loadConfig({}).pinCpuShare).toBe(0.08);
    expect(loadConfig({ SALDO_PIN_CPU_SHARE: '0.25' }).pinCpuShare).toBe(0.25);
  });

  it.each(['0', '0.001', '1.5', 'half'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ SALDO_PIN_CPU_SHARE: value })).toThrow(/SALDO_PIN_CPU_SHARE: /);
  });
});

describe('${VAR:-default} in SALDO_CONFIG', () => {
  const file = path.resolve(__dirname, '../../config/open-banking-sandbox.yaml');
  const baseUrl = (env: NodeJS.ProcessEnv) => {
    const bank = loadConfig({ SALDO_CONFIG: file, ...env }).banks?.[0];
    return bank?.connector.type === 'openbanking' ? bank.connector.baseUrl : undefined;
  };

  it('takes the default when the variable is unset or blank', () => {
    expect(baseUrl({})).toBe('http://127.0.0.1:3100');
    expect(baseUrl({ BANK_SANDBOX_URL: '' })).toBe('http://127.0.0.1:3100');
  });

  it("takes the environment's value when set", () => {
    expect(baseUrl({ BANK_SANDBOX_URL: 'http://bank-sandbox:3100' })).toBe('http://bank-sandbox:3100');
  });

  it('refuses a variable that is unset and has no default, naming it and the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'saldo-subst-'));
    const bare = path.join(dir, 'banks.json');
    writeFileSync(
      bare,
      JSON.stringify({
        banks: [{ id: 'b', names: { 'en-US': 'B' }, connector: { type: 'sandbox', fixture: '${FIXTURE}' } }],
      }),
    );
    expect(() => loadConfig({ SALDO_CONFIG: bare })).toThrow(/SALDO_CONFIG .*banks\.json: \$\{FIXTURE\} is not set/);
    expect(loadConfig({ SALDO_CONFIG: bare, FIXTURE: 'mine.json' }).banks?.[0]?.connector).toEqual({
      type: 'sandbox',
      fixture: 'mine.json',
    });
  });
});
