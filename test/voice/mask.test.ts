import fc from 'fast-check';
import { cleanDescription, heardBack, maskForLog } from '../../src/voice/mask';

describe('cleanDescription', () => {
  it.each([
    ['POS 5454545454545454 SHELL OIL 5731', 'Shell Oil 5731'],
    ["Trader Joe's", "Trader Joe's"],
    ['AT&T', 'AT&T'],
    ['Transfer to ES91 2100 0418 4502 0005 1332', 'Transfer to'],
    ['Card 4000-0012-3456-7899 refund', 'Card refund'],
    ['Bizum Laura Martínez', 'Bizum Laura Martínez'],
    ['Payroll Acme Corp', 'Payroll Acme Corp'],
  ])('%s → %s', (raw, spoken) => {
    expect(cleanDescription(raw)).toBe(spoken);
  });

  it('never leaves a run of six or more digits, however grouped', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (raw) => {
        expect(cleanDescription(raw)).not.toMatch(/\d(?:[ -]?\d){5,}/);
      }),
      { numRuns: 500 },
    );
  });

  it('removes IBANs in print and electronic form', () => {
    const iban = fc
      .tuple(
        fc.constantFrom('ES', 'GB', 'DE'),
        fc.integer({ min: 10, max: 99 }),
        fc.stringMatching(/^[A-Z0-9]{11,30}$/),
      )
      .map(([c, d, rest]) => `${c}${d}${rest}`);
    fc.assert(
      fc.property(iban, fc.boolean(), (value, spaced) => {
        const printed = spaced ? value.replace(/(.{4})(?!$)/g, '$1 ') : value;
        const cleaned = cleanDescription(`Payment to ${printed} thanks`).replace(/\s/g, '');
        expect(cleaned).not.toContain(value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('masking where banks really put numbers', () => {
  it.each([
    ['Payment ref_000123454217', 'Payment ref'],
    ['REF5454545454545454 refund', 'REF refund'],
    ['Transfer to ES91-2100-0418-4502-0005-1332 thanks', 'Transfer to thanks'],
    ['Transfer ref_ES91-2100-0418-4502-0005-1332', 'Transfer ref'],
    ['REFES9121000418450200051332', 'Refes'],
    ['TRANSFER TO ES91 2100 0418 4502 0005 1332 THANKS', 'Transfer To Thanks'],
    ['Card 4000-0012-3456-7899_x', 'Card x'],
  ])('%s → %s', (raw, spoken) => {
    expect(cleanDescription(raw)).toBe(spoken);
  });

  it('keeps words that merely start like an IBAN', () => {
    expect(cleanDescription('Order abc12 and more words')).toBe('Order abc12 and more words');
  });

  it('masks them for the logs too', () => {
    expect(maskForLog('ref_000123454217')).toBe('ref_[number]');
    expect(maskForLog('ES91-2100-0418-4502-0005-1332')).toBe('[number]');
  });
});

describe('heardBack', () => {
  it.each([
    ['city powr', 'city powr'],
    ['88001234', undefined],
    ['ES38 0182 4321 5602 0098 7654', undefined],
    ['pay ref_000123454217 please', 'pay ref please'],
    [`${'verylongname '.repeat(10)}`, 'verylongname verylongname verylongname verylongname'],
    ['x'.repeat(16_000), undefined],
  ])('%s → %s', (said, heard) => {
    expect(heardBack(said)).toBe(heard);
  });
});
