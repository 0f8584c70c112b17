/**
 * `npm run payees -- <add|remove|list> <customerId> --bank <bankId> [...]`
 *
 * The payees a customer enrolled in Saldo, for a bank whose API has no beneficiaries list
 * (Berlin Group): added with a name to say, the aliases the customer uses and the IBAN
 * paid, removed by id, listed by name (the IBAN shown masked). Uses DATABASE_URL like the
 * server; every change is audited by the payee's name only.
 */
import { parseCommandLine } from '../cli';
import { loadConfig } from '../config';
import { enrolledPayees } from '../store/enrolled-payees';
import { describeDatabaseUrl, openStore } from '../store/open';

const HELP = `usage: npm run payees -- <add|remove|list> <customerId> --bank <bankId> [--id <payeeId>] [--name <name>] [--iban <IBAN>] [--alias <alias>]... [--person]

  add       enrols (or replaces) the payee --id, called --name, paid at --iban; each --alias is
            another name the customer uses for it; --person for a person (default: a biller)
  remove    removes the payee --id
  list      the customer's enrolled payees, by name (IBANs masked)

  --bank <bankId>   a configured Berlin Group bank (SALDO_CONFIG)
  --help, -h        this text

Acts on the store DATABASE_URL names (default sqlite:data/saldo.db). Every change is audited.`;

const IBAN = /^[A-Z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$/;
const PAYEE_ID = /^[A-Za-z0-9-]{1,40}$/;

async function main(): Promise<number> {
  const { positionals, values } = parseCommandLine({
    name: 'payees',
    help: HELP,
    allowPositionals: true,
    options: {
      bank: { type: 'string' },
      id: { type: 'string' },
      name: { type: 'string' },
      iban: { type: 'string' },
      alias: { type: 'string', multiple: true },
      person: { type: 'boolean' },
    },
  });
  const [command, customerId] = positionals;
  if (!command || !customerId || !['add', 'remove', 'list'].includes(command)) {
    console.error(HELP.split('\n')[0]);
    return 2;
  }
  const config = loadConfig(process.env);
  const bank = config.banks?.find((b) => b.id === values.bank);
  if (bank?.connector.type !== 'berlingroup') {
    console.error(`payees: --bank must name a configured Berlin Group bank`);
    return 1;
  }
  if (command !== 'list' && !PAYEE_ID.test(values.id ?? '')) {
    console.error('payees: --id is letters, digits and dashes (at most 40)');
    return 1;
  }
  const iban = values.iban?.replace(/\s/g, '').toUpperCase();
  if (command === 'add' && (!values.name || !iban || !IBAN.test(iban))) {
    console.error('payees: add needs --name and a valid --iban');
    return 1;
  }
  console.error(`payees: store ${describeDatabaseUrl(config.databaseUrl)}, bank ${bank.id}`);
  const db = await openStore(config.databaseUrl);
  const payees = enrolledPayees(db);
  const now = Date.now();
  try {
    if (command === 'list') {
      for (const payee of await payees.list(bank.id, customerId))
        console.log(`${payee.id}: ${payee.name} (${payee.kind}), account ending in ${payee.account.slice(-4)}`);
      return 0;
    }
    if (command === 'remove') {
      const removed = await payees.remove(bank.id, customerId, values.id ?? '', now);
      console.log(removed ? `${customerId}: payee ${values.id} removed` : `${customerId}: no payee ${values.id}`);
      return removed ? 0 : 1;
    }
    await payees.enrol(
      bank.id,
      customerId,
      {
        id: values.id ?? '',
        name: values.name ?? '',
        kind: values.person ? 'person' : 'biller',
        aliases: values.alias ?? [],
        account: iban ?? '',
      },
      now,
    );
    console.log(`${customerId}: payee ${values.name} enrolled`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? `payees: ${error.message}` : error);
    process.exit(1);
  },
);
