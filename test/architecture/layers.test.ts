/**
 * The map the README draws, kept true: what each part of src/ may import. A reader knows
 * from a file's folder what it may touch; this fails the build when an import says
 * otherwise.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');
const PLATFORM_SDKS = [
  'ask-sdk-core',
  'ask-sdk-model',
  'ask-sdk-express-adapter',
  'ask-sdk',
  '@assistant/conversation',
];

interface Import {
  readonly file: string;
  /** The top folder of src/ it reaches ("core", "bank", …), or the package's name. */
  readonly target: string;
  readonly isPackage: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:import|export)\s[^;]*?from\s+'([^']+)'|import\('([^']+)'\)|require\('([^']+)'\)/g),
  ].map((match) => (match[1] ?? match[2] ?? match[3]) as string);
  return specifiers.map((specifier) => {
    if (!specifier.startsWith('.')) {
      const parts = specifier.split('/');
      return { file, target: parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/'), isPackage: true };
    }
    const reached = path.relative(SRC, path.resolve(path.dirname(file), specifier));
    return { file, target: reached.split(path.sep)[0] as string, isPackage: false };
  });
}

const all = sources(SRC).flatMap(importsOf);
const from = (folder: string) => all.filter((i) => path.relative(SRC, i.file).split(path.sep)[0] === folder);
const offending = (imports: Import[], forbidden: (i: Import) => boolean) =>
  imports.filter(forbidden).map((i) => `${path.relative(SRC, i.file)} → ${i.target}`);

it('reads every import of src/ (the scan itself works)', () => {
  expect(from('core').some((i) => i.target === 'voice')).toBe(true);
  expect(from('platforms').some((i) => i.target === 'ask-sdk-core' && i.isPackage)).toBe(true);
});

it.each(['core', 'voice', 'bank', 'store', 'security', 'shared'])('%s/ imports no platform SDK', (folder) => {
  expect(offending(from(folder), (i) => i.isPackage && PLATFORM_SDKS.includes(i.target))).toEqual([]);
});

it('core/ knows no platform, server or composition root', () => {
  expect(offending(from('core'), (i) => !i.isPackage && ['platforms', 'server', 'app'].includes(i.target))).toEqual([]);
});

it('platforms/ never knows a bank', () => {
  expect(offending(from('platforms'), (i) => !i.isPackage && i.target === 'bank')).toEqual([]);
});

it('voice/ stands on its own: dates, money and shared types only', () => {
  expect(
    offending(from('voice'), (i) => !i.isPackage && !['voice', 'dates', 'money', 'shared'].includes(i.target)),
  ).toEqual([]);
});

it.each(['bank', 'store'])('%s/ imports nothing above it (core, voice, platforms, server, app)', (folder) => {
  expect(
    offending(from(folder), (i) => !i.isPackage && ['core', 'voice', 'platforms', 'server', 'app'].includes(i.target)),
  ).toEqual([]);
});
