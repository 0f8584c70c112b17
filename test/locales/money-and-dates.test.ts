/**
 * Money and dates as each new locale says and writes them: pounds and pence for a Briton,
 * dólares con centavos for US Spanish, the day before the month in both.
 */
import type { Money } from '../../src/money';
import { enGB } from '../../src/voice/locales/en-GB';
import { esUS } from '../../src/voice/locales/es-US';
import { digits } from '../../src/voice/spoken';
import { accountKindFromWords } from '../../src/core/vocabulary';

const TODAY = '2026-11-29'; // a Sunday

const gbp = (minor: number): Money => ({ minor, currency: 'GBP' });
const usd = (minor: number): Money => ({ minor, currency: 'USD' });

describe('en-GB money', () => {
  it.each([
    [123456, '1,234 pounds and 56 pence', '£1,234.56'],
    [4520, '45 pounds and 20 pence', '£45.20'],
    [101, '1 pound and 1 penny', '£1.01'],
    [100, '1 pound', '£1.00'],
    [50, '50 pence', '£0.50'],
    [1, '1 penny', '£0.01'],
    [-4520, 'minus 45 pounds and 20 pence', '-£45.20'],
  ])('GBP %i minor units: says "%s", shows "%s"', (minor, speech, text) => {
    expect(enGB.money(gbp(minor))).toEqual({ ssml: speech, text });
  });

  it('reads other currencies as written, in British style ("US$1,234.56", "€45.20")', () => {
    expect(enGB.money(usd(123456))).toEqual({ ssml: 'US$1,234.56', text: 'US$1,234.56' });
    expect(enGB.money({ minor: 4520, currency: 'EUR' })).toEqual({ ssml: '€45.20', text: '€45.20' });
  });
});

describe('es-US money', () => {
  it.each([
    [4520, '45 dólares con 20 centavos', '$45.20'],
    [95025, '950 dólares con 25 centavos', '$950.25'],
    [90505, '905 dólares con 5 centavos', '$905.05'],
    [123456, '1,234 dólares con 56 centavos', '$1,234.56'],
    [101, '1 dólar con 1 centavo', '$1.01'],
    [500, '5 dólares', '$5.00'],
    [75, '75 centavos', '$0.75'],
    [-4520, 'menos 45 dólares con 20 centavos', '-$45.20'],
  ])('USD %i minor units: says "%s", shows "%s"', (minor, speech, text) => {
    expect(esUS.money(usd(minor))).toEqual({ ssml: speech, text });
  });

  it('says pesos for MXN and reads an unknown currency as written', () => {
    expect(esUS.money({ minor: 25050, currency: 'MXN' }).ssml).toBe('250 pesos con 50 centavos');
    expect(esUS.money({ minor: 1200, currency: 'JPY' }).ssml).toBe(esUS.money({ minor: 1200, currency: 'JPY' }).text);
  });
});

describe('dates relative to Sunday 29 November 2026', () => {
  it.each([
    [TODAY, 'today', 'hoy'],
    ['2026-11-28', 'yesterday', 'ayer'],
    ['2026-11-30', 'tomorrow', 'mañana'],
    ['2026-11-24', 'on Tuesday', 'el martes'],
    ['2026-11-03', 'on 3 November', 'el 3 de noviembre'],
    ['2026-12-11', 'on 11 December', 'el 11 de diciembre'],
    ['2025-11-03', 'on 3 November 2025', 'el 3 de noviembre de 2025'],
  ])('%s: en-GB "%s", es-US "%s"', (date, british, usSpanish) => {
    expect(enGB.day(date, TODAY).text).toBe(british);
    expect(esUS.day(date, TODAY).text).toBe(usSpanish);
  });
});

describe('account labels and kind names', () => {
  it('en-GB: "current account ending in 4217", the digits read one by one', () => {
    expect(enGB.accountLabel(enGB.kindNames.checking, digits('4217'))).toEqual({
      ssml: 'current account ending in <say-as interpret-as="digits">4217</say-as>',
      text: 'current account ending in 4217',
    });
    expect(enGB.kindNames).toEqual({
      checking: 'current account',
      savings: 'savings',
      credit_card: 'credit card',
      other: 'account',
    });
  });

  it('en-GB does not say "a current account account"', () => {
    const available = enGB.accountLabel(enGB.kindNames.savings, digits('0088'));
    expect(enGB.noAccountOfKind({ kind: enGB.kindNames.checking, available }).text).toMatch(
      /^I couldn't find a current account\. /,
    );
    expect(enGB.noAccountOfKind({ kind: enGB.kindNames.savings, available }).text).toMatch(
      /^I couldn't find a savings account\. /,
    );
    expect(enGB.noAccountOfKind({ kind: enGB.kindNames.credit_card, available }).text).toMatch(
      /^I couldn't find a credit card\. /,
    );
  });

  it('es-US: "cuenta de cheques que termina en 4217"', () => {
    expect(esUS.accountLabel(esUS.kindNames.checking, digits('4217')).text).toBe(
      'cuenta de cheques que termina en 4217',
    );
    expect(esUS.kindNames).toEqual({
      checking: 'cuenta de cheques',
      savings: 'cuenta de ahorros',
      credit_card: 'tarjeta de crédito',
      other: 'cuenta',
    });
  });

  it('es-US reads a credit as a depósito', () => {
    const line = esUS.transactionLine({
      day: esUS.day('2026-11-27', TODAY),
      amount: esUS.money(usd(185000)),
      description: 'Nómina Acme',
      pending: false,
      credit: true,
    });
    expect(line.text).toBe('El viernes: depósito de $1,850.00 de Nómina Acme.');
    expect(line.ssml).toBe('El viernes: depósito de 1,850 dólares de Nómina Acme.');
  });

  it('en-GB free text names the kinds the catalogue says', () => {
    expect(accountKindFromWords('current account', 'en-GB')).toBe('checking');
    expect(accountKindFromWords('savings account', 'en-GB')).toBe('savings');
    expect(accountKindFromWords('credit card', 'en-GB')).toBe('credit_card');
  });

  // The name es-US says must also be understood without entity resolution (Google free text).
  it('es-US free text "cuenta de cheques" is the checking account', () => {
    expect(accountKindFromWords('cuenta de cheques', 'es-US')).toBe('checking');
  });

  it('es-US free text names savings and the card', () => {
    expect(accountKindFromWords('cuenta de ahorros', 'es-US')).toBe('savings');
    expect(accountKindFromWords('tarjeta de crédito', 'es-US')).toBe('credit_card');
  });
});
