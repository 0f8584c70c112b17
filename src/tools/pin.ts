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
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { loadSandboxFixture } from '../bank/sandbox/fixture';
import { hashPin, PIN_PATTERN } from '../security/pin-hash';
import { isWeakPin } from '../security/pin-policy';
import { auditLog } from '../store/audit';
import { forgetCustomer } from '../store/customer-data';
import { openStore } from '../store/open';
import { pinCredentials } from '../store/pin-credentials';
import { voiceProfiles } from '../store/voice-profiles';

const USAGE = 'usage: npm run pin -- <set|reset|status|forget> <customerId> [--bank <bankId>] [--person <personId>]';

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
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { bank: { type: 'string' }, person: { type: 'string' } },
  });
  const [command, customerId] = positionals;
  if (!command || !customerId || !['set', 'reset', 'status', 'forget'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env);
  const bankId = values.bank ?? loadSandboxFixture(config.sandboxFixture).bank.id;
  const db = await openStore(config.databaseUrl);
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
