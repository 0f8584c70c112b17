/**
 * The payment campaign: generated sequences of everything customers, the bank and
 * operators do, run against the real application objects on one store engine, with every
 * invariant checked after every command and once more after everything was settled. The
 * seed of a failing run is printed; CAMPAIGN_SEED (and CAMPAIGN_PATH) replay it.
 */
import fc from 'fast-check';
import { openStore } from '../../src/store/open';
import type { Db } from '../../src/store/db';
import type { Engine, TestDatabase } from '../support/databases';
import { FIXED_NOW } from '../support/app';
import { commands, finish, initialModel, type Real } from './commands';
import { createWorld, type ConnectorKind } from './world';

export function campaignRuns(fallback: number): number {
  const runs = Number(process.env.CAMPAIGN_RUNS ?? fallback);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('CAMPAIGN_RUNS must be a positive integer');
  return runs;
}

export function runCampaign(engine: Engine, runs: number): void {
  describe(`payment campaign on ${engine.name}`, () => {
    let database: TestDatabase;
    let db: Db;

    beforeAll(async () => {
      database = await engine.fresh();
      db = await openStore(database.url);
    });

    afterAll(async () => {
      await db?.close();
      await database?.drop();
    });

    it(
      `keeps every money invariant over ${runs} generated sequences (both connectors, privacy on and off)`,
      async () => {
        let sequence = 0;
        const property = fc.asyncProperty(
          commands,
          fc.constantFrom<ConnectorKind>('sandbox', 'openbanking'),
          fc.boolean(),
          async (cmds, connector, privacyMode) => {
            const world = await createWorld({ db, sequence: sequence++, connector, privacyMode, start: FIXED_NOW });
            const real: Real = { world, transcript: [] };
            try {
              await fc.asyncModelRun(() => ({ model: initialModel(), real }), cmds);
              await finish(real);
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error);
              throw new Error(`${message}\n--- ${connector}, privacy ${privacyMode}:\n${real.transcript.join('\n')}`, {
                cause: error,
              });
            } finally {
              await world.close();
            }
          },
        );
        await fc.assert(property, {
          numRuns: runs,
          seed: process.env.CAMPAIGN_SEED === undefined ? undefined : Number(process.env.CAMPAIGN_SEED),
          path: process.env.CAMPAIGN_PATH,
          endOnFailure: process.env.CAMPAIGN_SHRINK !== 'true',
        });
      },
      Math.max(120_000, runs * 2000),
    );
  });
}
