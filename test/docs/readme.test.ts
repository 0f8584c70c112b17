/**
 * The README stays true: its configuration table is the environment schema (names and
 * defaults), the npm scripts it names are package.json's (and each script is documented),
 * and every flag its example commands use is one the tool's --help lists.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_FIXTURE_PATH } from '../../src/bank/sandbox/fixture';
import { sandboxEnvSchema } from '../../src/bank/openbanking/sandbox/env';
import { envSchema } from '../../src/config';
import { COMMANDS, launch, ROOT } from '../support/tools';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SCRIPTS = Object.keys(
  (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);

/** The rows of the table right under "## Configuration": variable → default cell. */
function configurationTable(): Map<string, string> {
  const section = README.slice(README.indexOf('\n## Configuration\n'));
  const table = section.slice(section.indexOf('\n|')).split('\n\n')[0]!;
  const rows = new Map<string, string>();
  for (const line of table.trim().split('\n').slice(2)) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`([A-Z_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name) rows.set(name, cells[3] ?? '');
  }
  return rows;
}

describe('the configuration tables', () => {
  const table = configurationTable();
  // Saldo's variables, then the Open Banking sandbox server's (it shares SALDO_FIXTURE and LOG_LEVEL).
  const schemas = { ...sandboxEnvSchema.shape, ...envSchema.shape };
  const variables = Object.keys(schemas);

  it('lists exactly the variables the environment schema reads', () => {
    expect([...table.keys()].sort()).toEqual([...variables].sort());
  });

  it.each(variables)('%s: the default is the schema’s', (name) => {
    const schema = schemas[name as keyof typeof schemas];
    const fallback = (schema as { safeParse(value: unknown): { data?: unknown } }).safeParse(undefined).data;
    const cell = table.get(name) ?? '';
    if (fallback !== undefined) expect(cell).toBe(`\`${String(fallback)}\``);
    else if (name === 'SALDO_FIXTURE') expect(DEFAULT_FIXTURE_PATH.endsWith(cell.replaceAll('`', ''))).toBe(true);
    else expect(cell).toMatch(/^unset/);
  });
});

describe('npm scripts', () => {
  const named = new Set(
    [...README.matchAll(/npm run ([a-z][a-z:-]*)|npm (start|test)\b/g)].map((match) => match[1] ?? match[2]),
  );

  it('every script the README names exists in package.json', () => {
    expect([...named].filter((name) => !SCRIPTS.includes(name!))).toEqual([]);
  });

  it('every script in package.json is documented in the README', () => {
    expect(SCRIPTS.filter((name) => !named.has(name))).toEqual([]);
  });
});

describe('example commands', () => {
  const examples = [...README.matchAll(/npm (?:run ([a-z][a-z:-]*)|(start)) -- ([^\n`#]*)/g)].map((match) => ({
    script: (match[1] ?? match[2]) as string,
    flags: [...(match[3] ?? '').matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((flag) => flag[0]),
  }));

  it('are found (the scan itself works)', () => {
    expect(examples.filter((example) => example.flags.length > 0).length).toBeGreaterThan(3);
  });

  it.each(Object.entries(COMMANDS))(
    'npm run %s: every flag the README uses is in its --help',
    async (script, entry) => {
      const used = new Set(examples.filter((example) => example.script === script).flatMap((example) => example.flags));
      const help = (await launch(entry, ['--help'])).stdout;
      expect([...used].filter((flag) => !help.includes(flag))).toEqual([]);
    },
    60_000,
  );
});

describe("the tools' environment variables", () => {
  it.each(Object.entries(COMMANDS))(
    'npm run %s: each default its --help gives is the README’s',
    async (_script, entry) => {
      const help = (await launch(entry, ['--help'])).stdout;
      const table = configurationTable();
      for (const [, name, fallback] of help.matchAll(/^\s+([A-Z][A-Z_]+)\s.*\(default ([^)]+)\)$/gm)) {
        const documented =
          table.get(name!) === `\`${fallback}\`` ||
          new RegExp(`\`${name}\`[^.]*\\(default ${fallback}[);]`).test(README);
        expect({ name, fallback, documented }).toEqual({ name, fallback, documented: true });
      }
    },
    60_000,
  );
});

describe('.env.example, .nvmrc and the Dockerfile', () => {
  const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

  it('.env.example lists every variable the schemas and the tools read', () => {
    const listed = new Set([...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    const schemaVariables = [...new Set([...Object.keys(envSchema.shape), ...Object.keys(sandboxEnvSchema.shape)])];
    const fromCode = [...read('src/bench/run.ts').matchAll(/\b(BENCH_[A-Z_]+)\b/g)].map((match) => match[1]!);
    expect([...schemaVariables, ...fromCode, 'BANK_SANDBOX_URL'].filter((name) => !listed.has(name))).toEqual([]);
  });

  it('one Node major: .nvmrc, engines and the Dockerfile agree', () => {
    const major = read('.nvmrc').trim();
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${major}`);
    const images = [...read('Dockerfile').matchAll(/^FROM node:(\d+)/gm)].map((match) => match[1]);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([major]));
  });
});
