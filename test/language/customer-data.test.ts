/**
 * A bank cannot ship a model holding its customers' payees: nothing under interaction-models/
 * (the source and everything generated from it) names a sandbox customer's payee, a payee's
 * alias or an account nickname. Those reach the platforms as dynamic entities, per customer
 * and session (src/core/entities.ts). (skill.json's testing instructions, for certification
 * testers only, do name the sandbox customers they are to link.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadSandboxFixture } from '../../src/bank/sandbox/fixture';
import { filesUnder, PROJECT_ROOT } from '../../src/language/generate';

/** Lower case, accents folded, anything but letters and digits as one space: "Laura Martínez" → "laura martinez". */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** Every string in a JSON or YAML document (keys too): each is checked on its own, so two neighbours never make a name. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  return [];
}

function textsOf(file: string): string[] {
  const content = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  return strings(file.endsWith('.json') ? (JSON.parse(content) as unknown) : (parse(content) as unknown)).map(words);
}

const customers = loadSandboxFixture().customers;
const names = [
  ...customers.flatMap((customer) => customer.payees.flatMap((payee) => [payee.name, ...payee.aliases])),
  ...customers.flatMap((customer) => customer.accounts.flatMap((account) => account.nickname ?? [])),
];
const files = filesUnder(PROJECT_ROOT, 'interaction-models');

describe('interaction models without customer data', () => {
  it('check every file of the models against every payee, alias and account nickname of the fixture', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('interaction-models/language/en-US.json');
  });

  it('name no customer payee, alias or account nickname anywhere', () => {
    const found = files.flatMap((file) => {
      const texts = textsOf(file);
      return names
        .filter((name) => texts.some((text) => text.includes(words(name))))
        .map((name) => `${file}: "${name}"`);
    });
    expect(found).toEqual([]);
  });

  it('would notice one (the check is not vacuous)', () => {
    expect(
      strings({ value: ['Pay City-Power now'] })
        .map(words)[1]
        ?.includes(words('City Power')),
    ).toBe(true);
    expect(words('la compañía de Laura Martinez').includes(words('Laura Martínez'))).toBe(true);
  });
});
