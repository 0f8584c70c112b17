/**
 * The "voice payments locked" card: a developer's reset command only for the bundled
 * sandbox bank; every other bank's customers are told how to reach their bank.
 */
import { createSandboxConnector } from '../../src/bank/sandbox/connector';
import { loadSandboxFixture } from '../../src/bank/sandbox/fixture';
import { sandboxLedger, seedLedger } from '../../src/bank/sandbox/ledger';
import { paymentDeps } from '../../src/app/application';
import { loadConfig } from '../../src/config';
import { createConversation } from '../../src/core/conversation';
import type { CoreDeps } from '../../src/core/context';
import { pinCredentials } from '../../src/store/pin-credentials';
import { openStore } from '../../src/store/open';
import type { Db } from '../../src/store/db';
import { captureLogs, FIXED_NOW, NO_PIN_CHECKS } from '../support/app';
import { turn } from '../support/turns';

describe('the lockout card', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openStore('sqlite::memory:');
  });
  afterEach(() => db.close());

  async function lockedCardFor(deps: Pick<CoreDeps, 'bankContact' | 'developerHints'>, locale = 'en-US') {
    const fixture = loadSandboxFixture(undefined);
    const now = () => FIXED_NOW;
    await seedLedger(db, fixture);
    const payments = paymentDeps(db, loadConfig({}), fixture.bank.id, now, NO_PIN_CHECKS);
    const credentials = pinCredentials(db);
    await credentials.set(fixture.bank.id, 'cust-john', 'not-a-real-hash', now().getTime());
    for (let i = 0; i < 3; i++) await credentials.recordFailure(fixture.bank.id, 'cust-john', 3, now().getTime());
    const conversation = createConversation(
      {
        connector: createSandboxConnector({ fixture, ledger: sandboxLedger(db, fixture.bank.id), now }),
        bankNames: { 'en-US': 'Acme Bank', 'es-ES': 'Banco Acme' },
        now,
        log: captureLogs('silent').log,
        payments,
        background: (_what, work) => void work(),
        ...deps,
      },
      () => undefined,
    );
    const reply = await conversation.handle(turn('PayBill', { locale, slots: { payee: 'city power', amount: '5' } }));
    return reply?.card;
  }

  it("says a bank's configured contact phrase, and no developer instruction or customer id", async () => {
    const card = await lockedCardFor({ bankContact: { 'en-US': 'call us on 1-800-555-0100' } });
    expect(card?.text).toBe('Reset your voice PIN in the Acme Bank app, or call us on 1-800-555-0100.');
    expect(card?.text).not.toMatch(/npm|cust-john|developer/i);
  });

  it('says the contact phrase in the customer’s language, and never another language’s', async () => {
    const spanish = await lockedCardFor({ bankContact: { 'es-ES': 'llama al 900 123 456' } }, 'es-ES');
    expect(spanish?.text).toBe('Restablece tu PIN de voz en la aplicación de Banco Acme, o llama al 900 123 456.');
    const english = await lockedCardFor({ bankContact: { 'es-ES': 'llama al 900 123 456' } });
    expect(english?.text).toBe("Reset your voice PIN in the Acme Bank app or with your bank's support.");
  });

  it('tells developers of the bundled sandbox bank how to reset', async () => {
    const card = await lockedCardFor({ developerHints: true });
    expect(card?.text).toContain('Sandbox developers: npm run pin -- reset cust-john');
  });
});
