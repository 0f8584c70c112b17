/** The environment's values as people type them. */
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
