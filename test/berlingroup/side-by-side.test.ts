/**
 * One deployment serving an Open Banking bank and a Berlin Group bank side by side, each
 * reached by its own Alexa skill over real HTTP: each answers from its own bank, pays
 * through its own API, keeps its own records, and one bank's trouble is not the other's.
 */
import request from 'supertest';
import { alexaDriver } from '../support/drivers';
import { FIXED_NOW } from '../support/app';
import { testHttpApp, type TestHttp } from '../support/http';
import { berlinGroupBank, configFile, ROOMY_TURN_MS } from '../support/berlin-group';
import { startSandbox, type RunningSandbox } from '../openbanking-sandbox/helpers';
import { warmValidators } from '../support/open-banking';
import { DEFAULT_FIXTURE_PATH } from '../../src/bank/sandbox/fixture';
import { startBerlinGroup, WARM_UP_MS, type RunningBerlinGroup } from './helpers';

const OB_SKILL = 'amzn1.ask.skill.open-banking';
const BG_SKILL = 'amzn1.ask.skill.berlin-group';
const CHECKING = { accountType: { spoken: 'checking', id: 'checking' } };

let ob: RunningSandbox;
let bg: RunningBerlinGroup;
let saldo: TestHttp;

beforeAll(async () => {
  [ob, bg] = await Promise.all([startSandbox({ now: () => FIXED_NOW }), startBerlinGroup({ sca: 'exempted' })]);
  await warmValidators(ob);
  const file = configFile([
    {
      id: 'open-sandbox',
      names: { 'en-US': 'Open Sandbox Bank' },
      alexaSkillIds: [OB_SKILL],
      connector: {
        type: 'openbanking',
        baseUrl: ob.baseUrl,
        locale: 'en-US',
        timeZone: 'America/New_York',
        enrolPinsFrom: DEFAULT_FIXTURE_PATH,
        resilience: { callTimeoutMs: 5000 },
      },
    },
    { ...berlinGroupBank(bg), alexaSkillIds: [BG_SKILL] },
  ]);
  saldo = await testHttpApp({
    env: { SALDO_CONFIG: file },
    overrides: { now: () => FIXED_NOW, turnDeadlineMs: ROOMY_TURN_MS },
  });
}, WARM_UP_MS);
afterAll(async () => {
  await Promise.all([ob.close(), bg.close()]);
});

it('answers each skill from its own bank, and pays each through its own API', async () => {
  const onOb = alexaDriver(saldo.app, { token: 'sandbox-token-john', locale: 'en-US', skillId: OB_SKILL });
  const onBg = alexaDriver(saldo.app, { token: 'sandbox-token-ana', locale: 'es-ES', skillId: BG_SKILL });
  expect((await onOb.say('GetBalance', CHECKING)).speech).toContain('$1,234.56');
  expect(
    (await onBg.say('GetBalance', { accountType: { spoken: 'cuenta corriente', id: 'checking' } })).speech,
  ).toContain('2540 euros con 18 céntimos');

  await onBg.say('PayBill', {
    payee: { spoken: 'iberdrola' },
    amount: { spoken: '30' },
    fromAccount: { spoken: 'cuenta corriente', id: 'checking' },
  });
  expect((await onBg.say('ProvidePin', { pin: { spoken: '4831' } })).speech).toContain('Iberdrola');
  await onOb.say('PayBill', {
    payee: { spoken: 'city power' },
    amount: { spoken: '20' },
    fromAccount: { spoken: 'checking', id: 'checking' },
  });
  expect((await onOb.say('ProvidePin', { pin: { spoken: '2468' } })).speech).toContain('City Power');

  expect(bg.app.payments()).toHaveLength(1);
  expect(await ob.db.query('SELECT status FROM ob_sandbox_payments')).toHaveLength(1);
  const rows = await saldo.application.db.query<{ bank_id: string; customer_id: string; status: string }>(
    'SELECT bank_id, customer_id, status FROM pending_payments ORDER BY bank_id',
  );
  expect(rows).toEqual([
    { bank_id: 'banco-berlin', customer_id: 'acc-ana-chk', status: 'executed' },
    { bank_id: 'open-sandbox', customer_id: 'cust-john', status: 'executed' },
  ]);
  const requests = await saldo.application.db.query<{ bank_id: string }>('SELECT bank_id FROM bank_payment_requests');
  expect(requests).toEqual([{ bank_id: 'banco-berlin' }]);
});

it("keeps one bank's failure to itself: readiness, breaker and answers", async () => {
  bg.app.faults.set({ path: /\/v1\//, status: 503 });
  try {
    const ready = await request(saldo.app).get('/readyz');
    expect(ready.body.checks).toEqual({
      store: 'ok',
      'bank:open-sandbox': 'ok',
      'bank:banco-berlin': expect.not.stringMatching(/^ok$/),
    });
    const onBg = alexaDriver(saldo.app, { token: 'sandbox-token-john', locale: 'en-US', skillId: BG_SKILL });
    expect((await onBg.say('GetBalance', { accountType: { spoken: 'savings', id: 'savings' } })).speech).toContain(
      "can't reach Berlin Bank",
    );
    const onOb = alexaDriver(saldo.app, { token: 'sandbox-token-john', locale: 'en-US', skillId: OB_SKILL });
    expect((await onOb.say('GetBalance', { accountType: { spoken: 'savings', id: 'savings' } })).speech).toContain(
      '$8,020.00',
    );
  } finally {
    bg.app.faults.clear();
  }
});
