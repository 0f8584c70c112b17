import { parseDateSlot } from '../../src/core/date-range';
import { enUS } from '../../src/voice/locales/en-US';
import { esES } from '../../src/voice/locales/es-ES';

const today = '2026-11-29'; // a Sunday

describe('date slots', () => {
  it('reads a day, a week, a weekend and a month', () => {
    expect(parseDateSlot('2026-11-27', today)).toEqual({ from: '2026-11-27', to: '2026-11-27' });
    expect(parseDateSlot('2026-W48', today)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(parseDateSlot('2026-W48-WE', today)).toEqual({ from: '2026-11-28', to: '2026-11-29' });
    expect(parseDateSlot('2026-11', today)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('takes "Monday" (which Alexa resolves to the coming one) as the last Monday', () => {
    expect(parseDateSlot('2026-11-30', today)).toEqual({ from: '2026-11-23', to: '2026-11-23' });
  });

  it('ignores what it cannot read', () => {
    expect(parseDateSlot('2026-13', today)).toBeUndefined();
    expect(parseDateSlot('XXXX-XX-XX', today)).toBeUndefined();
    expect(parseDateSlot('2026-11-31', today)).toBeUndefined();
    expect(parseDateSlot(undefined, today)).toBeUndefined();
  });
});

describe('date slots for a question about the past', () => {
  it.each([
    ['"December" said in November', '2026-12', { from: '2025-12-01', to: '2025-12-31' }],
    ['"Christmas"', '2026-12-25', { from: '2025-12-25', to: '2025-12-25' }],
    ['"this winter"', '2026-WI', { from: '2025-12-01', to: '2026-02-28' }],
    ['"last winter"', '2025-WI', { from: '2025-12-01', to: '2026-02-28' }],
    ['"this fall"', '2026-FA', { from: '2026-09-01', to: '2026-11-30' }],
    ['"this spring"', '2026-SP', { from: '2026-03-01', to: '2026-05-31' }],
    ['"summer" said in November (Alexa: the coming one)', '2027-SU', { from: '2026-06-01', to: '2026-08-31' }],
    ['"this year"', '2026', { from: '2026-01-01', to: '2026-12-31' }],
    ['"last year"', '2025', { from: '2025-01-01', to: '2025-12-31' }],
    ['"the twenties"', '202X', { from: '2020-01-01', to: '2029-12-31' }],
    ['"the nineties"', '199X', { from: '1990-01-01', to: '1999-12-31' }],
    ['"now"', 'PRESENT_REF', { from: today, to: today }],
    ['"this weekend" said on a weekday', '2026-W49-WE', { from: '2026-11-28', to: '2026-11-29' }],
  ])('%s (%s) is the matching past period', (_said, value, range) => {
    expect(parseDateSlot(value, today)).toEqual(range);
  });

  it.each([
    ['"next week"', '2026-W50'],
    ['"next year"', '2027'],
    ['"in 2030"', '2030'],
    ['"the thirties"', '203X'],
    ['a day more than a year ahead', '2028-01-15'],
    ['a month more than a year ahead', '2028-03'],
  ])('%s (%s) can only be answered "I can only look back"', (_said, value) => {
    expect(parseDateSlot(value, today)).toBe('future');
  });
});

describe('periods', () => {
  it.each([
    [{ from: '2026-11-01', to: '2026-11-30' }, 'in November', 'en noviembre'],
    [{ from: '2025-12-01', to: '2025-12-31' }, 'in December 2025', 'en diciembre de 2025'],
    [{ from: '2025-01-01', to: '2025-12-31' }, 'in 2025', 'en 2025'],
    [
      { from: '2026-11-16', to: '2026-11-22' },
      'between November 16 and November 22',
      'entre el 16 de noviembre y el 22 de noviembre',
    ],
    [{ from: '2026-11-27', to: '2026-11-27' }, 'on Friday', 'el viernes'],
  ])('%j', (range, english, spanish) => {
    expect(enUS.period(range, today).text).toBe(english);
    expect(esES.period(range, today).text).toBe(spanish);
  });
});

describe('relative days', () => {
  it.each([
    ['2026-11-29', 'today', 'hoy'],
    ['2026-11-28', 'yesterday', 'ayer'],
    ['2026-11-27', 'on Friday', 'el viernes'],
    ['2026-11-03', 'on November 3', 'el 3 de noviembre'],
    ['2025-11-03', 'on November 3, 2025', 'el 3 de noviembre de 2025'],
    ['2026-12-11', 'on December 11', 'el 11 de diciembre'],
  ])('%s', (date, english, spanish) => {
    expect(enUS.day(date, today).text).toBe(english);
    expect(esES.day(date, today).text).toBe(spanish);
  });
});
