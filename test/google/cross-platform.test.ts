/**
 * One table of scripted conversations, run through both adapters against the same
 * core. Each turn lists facts the reply must state and must not state; the two
 * platforms must also say the same thing, except where a turn names the platform's own
 * companion app. A divergence fails the build.
 */
import type { IntentName } from '../../src/core/turn';
import { alexaDriver, googleDriver, type Driver, type Heard, type Slots } from '../support/drivers';
import { testHttpApp } from '../support/http';

interface ScriptTurn {
  readonly intent: IntentName;
  readonly slots?: Slots;
  readonly says: readonly string[];
  readonly never?: readonly string[];
  readonly ends?: boolean;
  readonly linkAccount?: boolean;
  /** Wording that names the platform (its app, its linking flow) may differ. */
  readonly platformWording?: boolean;
}

interface Script {
  readonly name: string;
  readonly token?: string;
  readonly locale: string;
  readonly turns: readonly ScriptTurn[];
}

const JOHN = 'sandbox-token-john';
const ANA = 'sandbox-token-ana';
const JOHN_SECRETS = ['000123454217', '5454545454545454', '88001234', JOHN, '2468'];
const ANA_SECRETS = ['ES9121000418450200051332', '4000001234567899', 'ES6000491500051234567892', ANA, '4831'];

const scripts: readonly Script[] = [
  {
    name: 'balances',
    token: JOHN,
    locale: 'en-US',
    turns: [
      { intent: 'Launch', says: ['Welcome to Sandbox Bank', '?'], ends: false },
      {
        intent: 'GetBalance',
        slots: { accountType: { spoken: 'checking', id: 'checking' } },
        says: ['checking ending in 4217', '$1,234.56', '$1,302.11'],
        never: JOHN_SECRETS,
        ends: false,
      },
      {
        intent: 'GetBalance',
        slots: { accountType: { spoken: 'credit card', id: 'credit_card' } },
        says: ['You owe $642.10', '$35.00', 'December 11'],
        never: JOHN_SECRETS,
        ends: false,
      },
      {
        intent: 'GetBalance',
        says: [
          'Checking ending in 4217: $1,234.56 available',
          'Savings ending in 0088: $8,020.00',
          'Credit card ending in 5454: $642.10 owed',
        ],
        never: JOHN_SECRETS,
        ends: false,
      },
      { intent: 'Cancel', says: ['Goodbye'], ends: true },
    ],
  },
  {
    name: 'transactions',
    token: JOHN,
    locale: 'en-US',
    turns: [
      {
        intent: 'GetTransactions',
        says: [
          'Today, pending: $5.75 at Starbucks',
          'Yesterday: $82.14 at Whole Foods Market',
          'Would you like to hear more?',
        ],
        ends: false,
      },
      { intent: 'More', says: ['$41.20 at Shell Oil 5731', 'Netflix'], never: [...JOHN_SECRETS, 'POS'], ends: false },
      { intent: 'Repeat', says: ['Shell Oil 5731', 'Netflix'], ends: false },
      { intent: 'No', says: ['Goodbye'], ends: true },
    ],
  },
  {
    name: 'a payment with the voice PIN',
    token: JOHN,
    locale: 'en-US',
    turns: [
      {
        intent: 'PayBill',
        slots: {
          payee: { spoken: 'city power', id: 'payee-john-power' },
          amount: { spoken: '45' },
          cents: { spoken: '20' },
          fromAccount: { spoken: 'checking', id: 'checking' },
        },
        says: ["You're paying $45.20 to City Power from your checking ending in 4217", 'voice PIN?'],
        never: JOHN_SECRETS,
        ends: false,
      },
      { intent: 'Yes', says: ['rather than a yes'], ends: false },
      {
        intent: 'ProvidePin',
        slots: { pin: { spoken: '2468' } },
        says: ["I've paid $45.20 to City Power", 'Your available balance is now $1,189.36'],
        never: JOHN_SECRETS,
        ends: false,
      },
      {
        intent: 'GetBalance',
        slots: { accountType: { spoken: 'checking', id: 'checking' } },
        says: ['$1,189.36'],
        ends: false,
      },
    ],
  },
  {
    name: 'lockout after three wrong PINs',
    token: JOHN,
    locale: 'en-US',
    turns: [
      {
        intent: 'PayBill',
        slots: { payee: { spoken: 'the phone company' }, amount: { spoken: '20' } },
        says: ['$20.00 to Verizon', 'checking ending in 4217'],
        ends: false,
      },
      {
        intent: 'ProvidePin',
        slots: { pin: { spoken: '1111' } },
        says: ["That PIN didn't match", '2 tries left'],
        never: ['1111'],
        ends: false,
      },
      { intent: 'ProvidePin', slots: { pin: { spoken: '2222' } }, says: ['1 try left'], ends: false },
      {
        intent: 'ProvidePin',
        slots: { pin: { spoken: '3333' } },
        says: ["I've locked voice payments", 'reset your voice PIN'],
        ends: true,
        platformWording: true,
      },
      {
        intent: 'PayBill',
        slots: { payee: { spoken: 'verizon', id: 'payee-john-phone' }, amount: { spoken: '5' } },
        says: ['Voice payments are locked'],
        never: ['PIN?'],
        ends: true,
        platformWording: true,
      },
    ],
  },
  {
    name: 'an unlinked user',
    locale: 'en-US',
    turns: [
      {
        intent: 'GetBalance',
        says: ['link your bank account'],
        never: ['$'],
        ends: true,
        linkAccount: true,
        platformWording: true,
      },
      { intent: 'Help', says: ['I can tell you a balance'], ends: false },
    ],
  },
  {
    name: 'Spanish',
    token: ANA,
    locale: 'es-ES',
    turns: [
      { intent: 'Launch', says: ['Banco Sandbox', '¿Qué quieres hacer?'], ends: false },
      {
        intent: 'GetBalance',
        slots: { accountType: { spoken: 'cuenta corriente', id: 'checking' } },
        says: ['cuenta corriente terminada en 1332', '2540 euros con 18 céntimos'],
        never: ANA_SECRETS,
        ends: false,
      },
      {
        intent: 'PayBill',
        slots: { payee: { spoken: 'la luz' }, amount: { spoken: '30' } },
        says: [
          'Vas a pagar 30 euros a Iberdrola desde tu cuenta corriente terminada en 1332',
          '¿cuál es tu PIN de voz',
        ],
        never: ANA_SECRETS,
        ends: false,
      },
      {
        intent: 'ProvidePin',
        slots: { pin: { spoken: '4831' } },
        says: ['He pagado 30 euros a Iberdrola', '2510 euros con 18 céntimos'],
        never: ANA_SECRETS,
        ends: false,
      },
      { intent: 'Cancel', says: ['Hasta luego'], ends: true },
    ],
  },
];

async function play(driver: Driver, script: Script): Promise<Heard[]> {
  const heard: Heard[] = [];
  for (const [i, turn] of script.turns.entries()) {
    const reply = await driver.say(turn.intent, turn.slots);
    const where = `${driver.platform} · ${script.name} · turn ${i + 1} (${turn.intent}): "${reply.speech}"`;
    for (const fact of turn.says)
      if (!reply.speech.includes(fact)) throw new Error(`${where} does not state "${fact}"`);
    for (const secret of turn.never ?? [])
      if (reply.raw.includes(secret) || reply.speech.includes(secret)) throw new Error(`${where} leaks "${secret}"`);
    if (turn.ends !== undefined && reply.ended !== turn.ends)
      throw new Error(`${where} ${reply.ended ? 'ends' : 'keeps'} the conversation`);
    if ((turn.linkAccount ?? false) !== reply.linkAccount)
      throw new Error(`${where} link-account prompt: ${reply.linkAccount}`);
    heard.push(reply);
  }
  return heard;
}

describe.each(scripts.map((s) => [s.name, s] as const))(
  'the same conversation on Alexa and Google: %s',
  (_name, script) => {
    it('states the facts on both platforms, and both say the same', async () => {
      // Each platform gets a bank of its own, so both start from the same money.
      const alexa = alexaDriver((await testHttpApp()).app, script);
      const google = googleDriver((await testHttpApp()).app, script);
      const onAlexa = await play(alexa, script);
      const onGoogle = await play(google, script);
      script.turns.forEach((turn, i) => {
        if (turn.platformWording) return;
        // References are random per payment; everything else must match word for word.
        const same = (text: string) => text.replace(/reference ends in \w+|referencia termina en \w+/g, 'reference');
        expect(same(onGoogle[i]!.speech)).toBe(same(onAlexa[i]!.speech));
      });
    });
  },
);

describe('one bank, two platforms', () => {
  it('a payment spoken on Google moves money once, and Alexa hears the new balance', async () => {
    const { app, application } = await testHttpApp();
    const google = googleDriver(app, { token: JOHN, locale: 'en-US' });
    await google.say('PayBill', {
      payee: { spoken: 'city power', id: 'payee-john-power' },
      amount: { spoken: '45' },
      cents: { spoken: '20' },
    });
    const first = await google.say('ProvidePin', { pin: { spoken: '2468' } });
    expect(first.speech).toContain('$1,189.36');
    const entries = await application.db.query(
      "SELECT id FROM sandbox_transactions WHERE description = 'Payment to City Power'",
    );
    expect(entries).toHaveLength(1);
    const alexa = alexaDriver(app, { token: JOHN, locale: 'en-US' });
    expect((await alexa.say('GetBalance', { accountType: { spoken: 'checking', id: 'checking' } })).speech).toContain(
      'available balance of $1,189.36',
    );
  });
});
