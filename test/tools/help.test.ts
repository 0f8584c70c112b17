/**
 * Every command explains itself with --help and does nothing else: no benchmark starts, no
 * model file is written, no server listens. Run through scripts/launch.js, as npm runs them.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS, launch, ROOT } from '../support/tools';

describe.each(Object.entries(COMMANDS))('npm run %s', (_script, entry) => {
  it.each([['--help'], ['-h']])(
    '%s prints its usage and exits 0',
    async (flag) => {
      const result = await launch(entry, [flag], { PORT: '1' });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^usage: /);
      expect(result.stdout).toContain('--help');
    },
    60_000,
  );
});

it('an unknown option is refused with the usage, exit 2', async () => {
  const result = await launch(COMMANDS.pin, ['--bogus']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("Unknown option '--bogus'");
  expect(result.stderr).toContain('usage: npm run pin');
}, 60_000);

describe('npm run models', () => {
  const manifest = path.join(ROOT, 'skill.json');

  it('--help writes no file', async () => {
    const before = statSync(manifest).mtimeMs;
    expect((await launch(COMMANDS.models, ['--help'])).code).toBe(0);
    expect(statSync(manifest).mtimeMs).toBe(before);
  }, 60_000);

  it('says "unchanged" and writes nothing when the artefacts are current', async () => {
    const before = statSync(manifest).mtimeMs;
    const result = await launch(COMMANDS.models, []);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^models: \d+ files unchanged$/m);
    expect(statSync(manifest).mtimeMs).toBe(before);
  }, 60_000);
});
