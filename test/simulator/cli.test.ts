/**
 * `npm run simulate` end to end: the built console (dist/simulator/main.js, which
 * `npm test` builds before jest) spawned with piped standard input, as a developer or
 * a CI job would pipe it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/simulator/main.js');

/** The developer's environment minus a DATABASE_URL, so the default (in-memory) is what runs. */
function env(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _unused, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'silent' };
}

function simulate(args: readonly string[], input = '') {
  const run = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: env(),
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm test does)`);
});

describe('npm run simulate', () => {
  it("answers Ana's balance question in Spanish", () => {
    const { code, stdout, stderr } = simulate(
      ['--locale', 'es-ES', '--user', 'sandbox-token-ana'],
      'cuál es mi saldo\n',
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('you> cuál es mi saldo');
    expect(stdout).toContain('intent: GetBalanceIntent (1.00)');
    expect(stdout).toContain('2540 euros con 18 céntimos');
    expect(stdout).toContain('10.200 euros');
    expect(stdout).not.toContain('ES9121000418450200051332');
  });

  it("defaults to the locale's sandbox customer and prints replies in input order", () => {
    const { code, stdout } = simulate(
      [],
      "open saldo banking\nwhat's my checking balance\n# a comment\n\npay forty five dollars to the power company\ntwo four six eight\n",
    );
    expect(code).toBe(0);
    const order = [
      'you> open saldo banking',
      'Welcome to Sandbox Bank',
      "you> what's my checking balance",
      '$1,234.56',
      'you> pay forty five',
      "You're paying $45.00 to City Power",
      'you> two four six eight',
      "I've paid $45.00 to City Power",
    ];
    const positions = order.map((text) => stdout.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(stdout).toContain('slots: amount="45", payee="the power company" → City Power (dynamic)');
    expect(stdout).toContain('slots: pin=••••');
    expect(stdout).not.toContain('2468');
    expect(stdout).not.toContain('# a comment');
  });

  it('shows the closest intents when no sample matches, and goes to Fallback', () => {
    const { stdout } = simulate(
      ['--locale', 'en-US'],
      'open saldo banking\nwhat is the interest rate of my checking account\n',
    );
    expect(stdout).toMatch(/no sample matched; closest: GetBalance \d\.\d\d/);
    expect(stdout).toContain('intent: AMAZON.FallbackIntent (0.00)');
    expect(stdout).toContain("Sorry, I can't help with that.");
  });

  it('talks to the Google adapter with --platform google, and shows SSML with --ssml', () => {
    const { code, stdout } = simulate(
      ['--platform', 'google', '--ssml', '--locale', 'es-ES'],
      'habla con banco saldo\ncuál es mi saldo\n',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('handler: GetBalance (1.00)');
    expect(stdout).toContain('google: Estas son tus 3 cuentas');
    expect(stdout).toContain('ssml: <speak>');
    expect(stdout).toContain('suggestions: ');
  });

  it('asks an unlinked user to link an account', () => {
    const { stdout } = simulate(['--user', 'none'], "what's my balance\n");
    expect(stdout).toContain('link your bank account');
    expect(stdout).toContain('card: LinkAccount');
  });

  describe('--script', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'saldo-simulate-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('replays a shipped dialog and exits 0 when every fact is said', () => {
      const { code, stdout } = simulate(['--script', 'dialogs/es-ES/pay-bill.json']);
      expect(code).toBe(0);
      expect(stdout).toContain('you> cuatro ocho tres uno');
      expect(stdout).toContain('✓ dialogs/es-ES/pay-bill.json: 5 turns, every expected fact was said');
    });

    it('exits 1 listing every expected fact that is missing', () => {
      const file = path.join(dir, 'failing.json');
      writeFileSync(
        file,
        JSON.stringify({
          locale: 'en-US',
          user: 'sandbox-token-john',
          turns: [
            { say: "what's my checking balance", expect: ['$1,234.56', '$9,999.99'], intent: 'GetBalance' },
            { say: 'what is the meaning of life', expect: ['forty two'], intent: 'GetBalanceIntent' },
          ],
        }),
      );
      const { code, stdout } = simulate(['--script', file]);
      expect(code).toBe(1);
      expect(stdout).toContain('3 failure(s)');
      expect(stdout).toContain('turn 1 ("what\'s my checking balance"): expected "$9,999.99" in the reply');
      expect(stdout).toContain('turn 2 ("what is the meaning of life"): expected "forty two" in the reply');
      expect(stdout).toContain('expected intent GetBalanceIntent, got AMAZON.FallbackIntent (no sample matched)');
      expect(stdout).not.toContain('expected "$1,234.56"');
    });

    it('refuses a file that is not a dialog script', () => {
      const file = path.join(dir, 'broken.json');
      writeFileSync(file, JSON.stringify({ locale: 'fr-FR', turns: [] }));
      const { code, stderr } = simulate(['--script', file]);
      expect(code).toBe(1);
      expect(stderr).toContain('not a dialog script');
    });
  });

  it('documents its options, and refuses unknown ones with exit 2', () => {
    const help = simulate(['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--locale', '--user', '--platform', '--ssml', '--script', 'DATABASE_URL'])
      expect(help.stdout).toContain(option);
    expect(simulate(['--locale', 'fr-FR']).code).toBe(2);
    expect(simulate(['--platform', 'cortana']).code).toBe(2);
    expect(simulate(['--nope']).code).toBe(2);
  });
});
