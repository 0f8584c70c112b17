import fc from 'fast-check';
import { fromUnitsAndCents, parseDecimal, toDecimal } from '../../src/money';
import { moneyText } from '../../src/voice/format';
import { esES } from '../../src/voice/locales/es-ES';

describe('money', () => {
  it('parses decimal strings exactly into minor units', () => {
    expect(parseDecimal('1234.56', 'USD')).toEqual({ minor: 123456, currency: 'USD' });
    expect(parseDecimal('0.1', 'EUR')).toEqual({ minor: 10, currency: 'EUR' });
    expect(parseDecimal('500', 'JPY')).toEqual({ minor: 500, currency: 'JPY' });
    expect(() => parseDecimal('1.234', 'USD')).toThrow();
    expect(() => parseDecimal('-5.00', 'USD')).toThrow();
    expect(() => parseDecimal('1e3', 'USD')).toThrow();
  });

  it('round-trips any amount through its decimal string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (minor) => {
        expect(parseDecimal(toDecimal({ minor, currency: 'USD' }), 'USD').minor).toBe(minor);
      }),
    );
  });

  it('builds amounts from whole units and cents as Alexa slots deliver them', () => {
    expect(fromUnitsAndCents(45, 20, 'USD')).toEqual({ minor: 4520, currency: 'USD' });
    expect(() => fromUnitsAndCents(45, 100, 'USD')).toThrow();
    expect(() => fromUnitsAndCents(-1, 0, 'USD')).toThrow();
  });

  it('formats without floating-point error', () => {
    expect(moneyText({ minor: 123456, currency: 'USD' }, 'en-US')).toBe('$1,234.56');
    expect(moneyText({ minor: 900719925474099, currency: 'USD' }, 'en-US')).toBe('$9,007,199,254,740.99');
    expect(moneyText({ minor: 254018, currency: 'EUR' }, 'es-ES')).toBe('2540,18\u00a0€');
  });

  it('speaks euros with céntimos in Spanish', () => {
    expect(esES.money({ minor: 254018, currency: 'EUR' }).ssml).toBe('2540 euros con 18 céntimos');
    expect(esES.money({ minor: 100, currency: 'EUR' }).ssml).toBe('1 euro');
    expect(esES.money({ minor: 1020000, currency: 'EUR' }).ssml).toBe('10.200 euros');
    expect(esES.money({ minor: 1020000, currency: 'EUR' }).text).toBe('10.200,00\u00a0€');
  });
});
