/**
 * `npm run pin -- <set|reset|status|forget> <customerId> [--bank <id>] [--person <personId>]`
 *
 * set     reads a new four-digit PIN from standard input (not echoed on a terminal),
 *         stores its salted scrypt hash and clears any lockout; with --person, also
 *         enrols that Alexa voice profile (for banks that require a recognised speaker);
 * reset   clears the failure counter and the lockout, keeping the PIN;
 * status  says whether a PIN is enrolled, the consecutive failures and any lockout;
 * forget  erases everything Saldo keeps about the customer (PIN, voice profiles, approvals,
 *         payments, voice spending) but the audit log, the bank's legal record; refused while
 *         a payment's outcome is still unknown.
 *
 * Uses DATABASE_URL like the server. Every change is written to the audit log.
 */
import { parseCommandLine } from '../cli';
import { type BankConfig, loadConfig } from '../config';
import { loadSandboxFixture } from '../bank/sandbox/fixture';
import { hashPin, PIN_PATTERN } from '../security/pin-hash';
import { isWeakPin } from '../security/pin-policy';
import { auditLog } from '../store/audit';
import { forgetCustomer } from '../store/customer-data';
import { describeDatabaseUrl, openStore } from '../store/open';
import type { Db } from '../store/db';
import { pinCredentials } from '../store/pin-credentials';
import { voiceProfiles } from '../store/voice-profiles';

const HELP = `usage: npm run pin -- <set|reset|status|forget> <customerId> [--bank <bankId>] [--person <personId>]

  set       reads a new four-digit PIN from standard input (not echoed on a terminal), stores
            its salted scrypt hash and clears any lockout
  reset     clears the failure counter and the lockout, keeping the PIN
  status    whether a PIN is enrolled, the consecutive failures, any lockout
  forget    erases what Saldo keeps about the customer but the audit log (refused while a
            payment's outcome is unknown)

  --bank <bankId>       the bank (default: the first configured, the sandbox bank without SALDO_CONFIG)
  --person <personId>   with set: also enrol this Alexa voice profile
  --help, -h            this text

Acts on the store DATABASE_URL names (default sqlite:data/saldo.db), as the server does, and
says which. A customer the bank's fixture does not list is refused (forget excepted). Every change is audited.`;

/** The configured banks, as the server would serve them. */
function configuredBanks(banks: readonly BankConfig[] | undefined, fixture: string | undefined) {
  if (banks) return banks;
  const bank = loadSandboxFixture(fixture).bank;
  return [{ id: bank.id, connector: { type: 'sandbox' as const, fixture } }];
}

/** The customers a bank's fixture lists; undefined when Saldo cannot know them (a live bank). */
function knownCustomers(bank: Pick<BankConfig, 'connector'>): string[] | undefined {
  const { connector } = bank;
  const file = connector.type === 'sandbox' ? connector.fixture : connector.enrolPinsFrom;
  if (connector.type === 'openbanking' && !file) return undefined;
  return loadSandboxFixture(file).customers.map((customer) => customer.id);
}

async function readSecretLine(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) {
      chunks.push(chunk as Buffer);
      if (Buffer.concat(chunks).includes(10)) break;
    }
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new Error('cancelled'));
          return;
        }
        if (char === '\u007f') value = value.slice(0, -1);
        else value += char;
      }
    };
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    input.on('data', onData);
  });
}

async function main(): Promise<number> {
  const { positionals, values } = parseCommandLine({
    name: 'pin',
    help: HELP,
    allowPositionals: true,
    options: { bank: { type: 'string' }, person: { type: 'string' } },
  });
  const [command, customerId] = positionals;
  if (!command || !customerId || !['set', 'reset', 'status', 'forget'].includes(command)) {
    console.error(HELP.split('\n')[0]);
    return 2;
  }
  const config = loadConfig(process.env);
  const banks = configuredBanks(config.banks, config.sandboxFixture);
  const bank = values.bank ? banks.find((b) => b.id === values.bank) : banks[0];
  if (!bank) {
    console.error(`pin: no bank ${values.bank} is configured (${banks.map((b) => b.id).join(', ')})`);
    return 1;
  }
  const bankId = bank.id;
  const customers = knownCustomers(bank);
  // A former customer's data can still be erased.
  if (customers && !customers.includes(customerId) && command !== 'forget') {
    console.error(`pin: bank ${bankId} has no customer ${customerId} (its customers: ${customers.join(', ')})`);
    return 1;
  }
  const store = describeDatabaseUrl(config.databaseUrl);
  console.error(
    `pin: store ${store}${process.env.DATABASE_URL ? ' (DATABASE_URL)' : ' (default; set DATABASE_URL for another)'}, bank ${bankId}`,
  );
  const db: Db = await openStore(config.databaseUrl);
  const now = () => new Date();
  const credentials = pinCredentials(db);
  const audit = auditLog(db, now);
  try {
    if (command === 'status') {
      const status = await credentials.status(bankId, customerId);
      if (!status.enrolled) console.log(`${customerId}: no voice PIN enrolled`);
      else {
        const lock = status.lockedAt ? `locked since ${new Date(status.lockedAt).toISOString()}` : 'not locked';
        const profiles = await voiceProfiles(db).count(bankId, customerId);
        console.log(
          `${customerId}: voice PIN enrolled; ${status.failures} consecutive failure(s); ${lock}; ${profiles} voice profile(s)`,
        );
      }
      return 0;
    }
    if (command === 'forget') {
      const erasure = await forgetCustomer(db, { bankId, customerId, channel: 'cli', now: now().getTime() });
      if (erasure.kind === 'undecided_payments') {
        console.error(
          `${customerId}: ${erasure.count} payment(s) still waiting for the bank's answer; nothing erased (try again once they are settled)`,
        );
        return 1;
      }
      const erased = Object.entries(erasure.rows).map(([table, rows]) => `${rows} ${table}`);
      console.log(`${customerId}: erased ${erased.join(', ')}; the audit log is kept`);
      return 0;
    }
    if (command === 'reset') {
      if (!(await credentials.reset(bankId, customerId, now().getTime()))) {
        console.error(`${customerId}: no voice PIN enrolled, nothing to reset`);
        return 1;
      }
      await audit({ bankId, customerId, channel: 'cli', event: 'pin.reset', details: { by: 'pin tool' } });
      console.log(`${customerId}: failures cleared and voice payments unlocked`);
      return 0;
    }
    const pin = (await readSecretLine('New four-digit voice PIN: ')).trim();
    if (!PIN_PATTERN.test(pin)) {
      console.error('a voice PIN is exactly four digits');
      return 1;
    }
    if (isWeakPin(pin)) {
      console.error('that PIN is too easy to guess (repeated or sequential digits); choose another');
      return 1;
    }
    if (process.stdin.isTTY && (await readSecretLine('Again: ')).trim() !== pin) {
      console.error('the two PINs differ; nothing changed');
      return 1;
    }
    await credentials.set(bankId, customerId, await hashPin(pin), now().getTime());
    if (values.person) await voiceProfiles(db).enrol(bankId, customerId, values.person, now().getTime());
    await audit({
      bankId,
      customerId,
      channel: 'cli',
      event: 'pin.set',
      details: { by: 'pin tool', voiceProfile: values.person ? 'enrolled' : undefined },
    });
    console.log(
      `${customerId}: voice PIN set${values.person ? ' with a voice profile' : ''}; failures cleared and voice payments unlocked`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? `pin: ${error.message}` : error);
    process.exit(1);
  },
);
