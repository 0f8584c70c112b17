/**
 * Privacy mode for the card and the upcoming bills, on Alexa and Google: before the voice
 * PIN no amount is spoken, shown on a card or display, or kept in the session; after it,
 * the question that waited is answered exactly as a bank without privacy mode answers it.
 */
import type { HttpApp } from '../../src/server/app';
import type { IntentName } from '../../src/core/turn';
import { alexaDriver, googleDriver, type Driver } from '../support/drivers';
import { testHttpApp } from '../support/http';
import { privacyModeConfig } from '../support/privacy-bank';

/** Any amount as either locale says or shows it: "$152.00", "€64.99", "64 euros con 99", "64,99 €". */
const AMOUNT = /[$€£]\s?\d|\d\s*(?:euros|€|dólares)|\d,\d{2}\b/;

const CUSTOMERS = {
  'en-US': { token: 'sandbox-token-john', pin: '2468' },
  'es-ES': { token: 'sandbox-token-ana', pin: '4831' },
} as const;

type Platform = 'alexa' | 'google';
const driverFor = (platform: Platform, app: HttpApp, locale: keyof typeof CUSTOMERS): Driver =>
  (platform === 'alexa' ? alexaDriver : googleDriver)(app, { token: CUSTOMERS[locale].token, locale });

let open: HttpApp;
let careful: HttpApp;
beforeAll(async () => {
  open = (await testHttpApp()).app;
  careful = (await testHttpApp({ env: { SALDO_CONFIG: privacyModeConfig() } })).app;
});

describe.each<[IntentName, Platform, keyof typeof CUSTOMERS]>([
  ['GetCardInfo', 'alexa', 'en-US'],
  ['GetCardInfo', 'google', 'en-US'],
  ['GetCardInfo', 'google', 'es-ES'],
  ['GetUpcomingBills', 'alexa', 'en-US'],
  ['GetUpcomingBills', 'google', 'en-US'],
  ['GetUpcomingBills', 'alexa', 'es-ES'],
])('%s on %s in %s, in privacy mode', (intent, platform, locale) => {
  it('tells no amount before the PIN, then answers as without privacy mode', async () => {
    // Both conversations open with a launch, so both answers go on the same way.
    const without = driverFor(platform, open, locale);
    await without.say('Launch');
    const reference = await without.say(intent);
    // The question has amounts to keep: otherwise this would prove nothing.
    expect(reference.raw).toMatch(AMOUNT);

    const customer = driverFor(platform, careful, locale);
    await customer.say('Launch');
    const asked = await customer.say(intent);
    expect(asked.speech).toMatch(/voice PIN|PIN de voz/);
    expect(asked.ended).toBe(false);
    // The whole response: speech, reprompt, card or display text and the session state.
    expect(asked.raw).not.toMatch(AMOUNT);

    const answered = await customer.say('ProvidePin', { pin: { spoken: CUSTOMERS[locale].pin } });
    expect(answered.speech).toBe(reference.speech);
    expect(answered.card).toBe(reference.card);
  });
});

describe('after the PIN', () => {
  it('reads the rest of the bills without asking again', async () => {
    const reference = driverFor('google', open, 'en-US');
    await reference.say('GetUpcomingBills');
    const rest = await reference.say('More');

    const google = driverFor('google', careful, 'en-US');
    await google.say('GetUpcomingBills');
    await google.say('ProvidePin', { pin: { spoken: CUSTOMERS['en-US'].pin } });
    expect((await google.say('More')).speech).toBe(rest.speech);
    expect((await google.say('GetCardInfo')).speech).toMatch(/statement balance of \$\d/);
  });

  it('a wrong PIN tells nothing either', async () => {
    const alexa = driverFor('alexa', careful, 'en-US');
    await alexa.say('GetCardInfo');
    const wrong = await alexa.say('ProvidePin', { pin: { spoken: '1111' } });
    expect(wrong.speech).toContain("That PIN didn't match.");
    expect(wrong.raw).not.toMatch(AMOUNT);
  });
});
