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
    expect(parseDateSlot('PRESENT_REF', today)).toBeUndefined();
    expect(parseDateSlot('2026-13', today)).toBeUndefined();
    expect(parseDateSlot(undefined, today)).toBeUndefined();
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
