/**
 * Locales Saldo has no catalogue for are answered in the nearest one, deliberately (the
 * README's table), on both platforms; money is always said in the account's currency.
 */
import type { HttpApp } from '../../src/server/app';
import { alexaDriver, googleDriver } from '../support/drivers';
import { testHttpApp } from '../support/http';

describe('the nearest supported locale', () => {
  let app: HttpApp;
  beforeAll(async () => {
    ({ app } = await testHttpApp());
  });

  it.each([
    ['es-MX', 'alexa', 'cuenta de cheques que termina en 4217', '1,234 dólares con 56 centavos'],
    ['es-419', 'google', 'cuenta de cheques que termina en 4217', '1,234 dólares con 56 centavos'],
    ['es-AR', 'google', 'cuenta de cheques que termina en 4217', '1,234 dólares con 56 centavos'],
    ['en-CA', 'alexa', 'checking ending in 4217', '$1,234.56'],
    ['en-AU', 'alexa', 'current account ending in 4217', 'US$1,234.56'],
    ['en-IN', 'alexa', 'current account ending in 4217', 'US$1,234.56'],
  ] as const)('%s on %s: John hears %s, in dollars', async (locale, platform, account, money) => {
    const driver = (platform === 'alexa' ? alexaDriver : googleDriver)(app, { token: 'sandbox-token-john', locale });
    const heard = await driver.say('GetBalance', { accountType: { spoken: 'checking', id: 'checking' } });
    expect(heard.speech).toContain(account);
    expect(heard.speech).toContain(money);
    expect(heard.speech).not.toMatch(/€|euro/);
  });

  it('says euros for a euro account whatever the locale (Ana, asking in en-US and es-MX)', async () => {
    const english = alexaDriver(app, { token: 'sandbox-token-ana', locale: 'en-US' });
    expect((await english.say('GetBalance', { accountType: { spoken: 'checking', id: 'checking' } })).speech).toMatch(
      /€/,
    );
    const mexican = alexaDriver(app, { token: 'sandbox-token-ana', locale: 'es-MX' });
    const heard = await mexican.say('GetBalance', { accountType: { spoken: 'cheques', id: 'checking' } });
    expect(heard.speech).toMatch(/euros/);
    expect(heard.speech).not.toMatch(/dólares|\$/);
  });
});
