/** Messages heard every day come in several phrasings: stable for a customer within a day. */
import { catalogueFor } from '../../src/voice/locales';
import { dailyPhrasing, withVariety } from '../../src/voice/locales/variety';

const welcomeOn = (seed: string) =>
  withVariety(catalogueFor('en-US'), dailyPhrasing(seed)).welcome('Sandbox Bank').text;

describe('phrasing variety', () => {
  it('says the same thing to one customer all day', () => {
    expect(welcomeOn('token-a|2026-11-29')).toBe(welcomeOn('token-a|2026-11-29'));
  });

  it('varies across days and customers, always naming the bank and asking a question', () => {
    const heard = new Set<string>();
    for (let day = 1; day <= 28; day++) heard.add(welcomeOn(`token-a|2026-02-${String(day).padStart(2, '0')}`));
    for (const customer of ['b', 'c', 'd', 'e', 'f']) heard.add(welcomeOn(`token-${customer}|2026-11-29`));
    expect(heard.size).toBe(catalogueFor('en-US').variants.welcome);
    for (const welcome of heard) {
      expect(welcome).toContain('Welcome to Sandbox Bank');
      expect(welcome.endsWith('?')).toBe(true);
    }
  });

  it.each(['en-US', 'en-GB', 'es-ES', 'es-US'])('%s has several phrasings of what people hear most', (locale) => {
    const { variants } = catalogueFor(locale);
    expect(variants.welcome).toBeGreaterThan(1);
    expect(variants.anythingElse).toBeGreaterThan(1);
    expect(variants.goodbye).toBeGreaterThan(1);
    expect(variants.done).toBeGreaterThan(1);
  });
});
