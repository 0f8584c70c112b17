/**
 * The official specs are the judge: they load from the repository's own copies, a
 * response that breaks them is a loud 500 (never sent as if valid), and turning
 * validation off is an explicit option.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BASE_PATHS, SPEC_FILES } from '../../src/bank/openbanking/sandbox';
import { loadSandboxFixture, type SandboxFixture } from '../../src/bank/sandbox/fixture';
import { AIS, JOHN, startSandbox } from './helpers';

/** A fixture whose first account's nickname is longer than OBAccount6 allows (70). */
function fixtureBreakingTheSpec(): SandboxFixture {
  const fixture = loadSandboxFixture();
  const [john, ...others] = fixture.customers;
  if (!john) throw new Error('fixture has no customers');
  const [first, ...accounts] = john.accounts;
  if (!first) throw new Error('fixture customer has no accounts');
  return {
    ...fixture,
    customers: [{ ...john, accounts: [{ ...first, nickname: 'N'.repeat(71) }, ...accounts] }, ...others],
  };
}

describe('the specs', () => {
  it('are the repository copies of Open Banking UK v3.1.11', () => {
    const repoRoot = path.resolve(__dirname, '../..');
    for (const [api, file] of Object.entries(SPEC_FILES)) {
      expect(path.relative(repoRoot, file)).toBe(path.join('test', 'fixtures', 'open-banking', path.basename(file)));
      const spec = JSON.parse(readFileSync(file, 'utf8')) as {
        openapi: string;
        info: { version: string };
        servers: { url: string }[];
      };
      expect(spec.openapi).toBe('3.0.0');
      expect(spec.info.version).toMatch(/^v?3\.1\.11/);
      expect(spec.servers).toEqual([{ url: BASE_PATHS[api as keyof typeof BASE_PATHS] }]);
    }
  });
});

describe('response validation', () => {
  it('turns a response that breaks the spec into a 500 that says why', async () => {
    const sandbox = await startSandbox({ fixture: fixtureBreakingTheSpec() });
    try {
      const response = await sandbox.get(JOHN, `${AIS}/accounts`).expect(500);
      expect(response.body).toEqual({
        Code: '500 InternalServerError',
        Id: expect.any(String),
        Message: expect.stringMatching(
          /^response to GET \/open-banking\/v3\.1\/aisp\/accounts does not match the Open Banking v3\.1\.11 schema: .*Nickname/,
        ),
        Errors: [{ ErrorCode: 'UK.OBIE.UnexpectedError', Message: expect.stringContaining('Nickname') }],
      });
      expect(sandbox.app.responseValidationErrors).toHaveLength(1);
      expect(sandbox.app.responseValidationErrors[0]).toContain('must NOT have more than 70 characters');
      // Other routes are unaffected.
      await sandbox.get(JOHN, `${AIS}/party`).expect(200);
    } finally {
      await sandbox.close();
    }
  });

  it('is off only when asked (validate: false)', async () => {
    const sandbox = await startSandbox({ fixture: fixtureBreakingTheSpec(), validate: false });
    try {
      const response = await sandbox.get(JOHN, `${AIS}/accounts`).expect(200);
      expect(response.body.Data.Account[0].Nickname).toHaveLength(71);
      // Without the validator the sandbox's own checks still refuse what it cannot do.
      const noKey = await sandbox
        .post(JOHN, '/open-banking/v3.1/pisp/domestic-payment-consents', { Data: {}, Risk: {} })
        .expect(400);
      expect(noKey.body.Errors[0].ErrorCode).toBe('UK.OBIE.Header.Missing');
      const badBody = await sandbox
        .post(JOHN, '/open-banking/v3.1/pisp/domestic-payment-consents', { Data: {}, Risk: {} }, 'k')
        .expect(400);
      expect(badBody.body.Errors[0]).toMatchObject({ ErrorCode: 'UK.OBIE.Field.Invalid', Path: 'Data.Initiation' });
      expect(sandbox.app.responseValidationErrors).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
