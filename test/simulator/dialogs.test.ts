/**
 * Every shipped dialog script (dialogs/<locale>/*.json), replayed in-process exactly as
 * `npm run simulate -- --script` does, each on a fresh in-memory store. A script pinned
 * to a platform runs there; the others must hold on Alexa and on Google alike.
 */
import path from 'node:path';
import { loadModel, LOCALES } from '../../src/language/model';
import { createLogger } from '../../src/app/logger';
import { createApplication } from '../../src/app/application';
import { DIALOGS_DIR, listDialogs, loadDialog, replayDialog } from '../../src/simulator/script';
import type { Platform } from '../../src/simulator/session';
import { createSimulator, simulatorEnv } from '../../src/simulator/setup';
import { TEST_PIN_COST } from '../support/app';

const files = listDialogs();

const runs = files.flatMap((file) => {
  const dialog = loadDialog(path.join(DIALOGS_DIR, file));
  const platforms: Platform[] = dialog.platform ? [dialog.platform as Platform] : ['alexa', 'google'];
  return platforms.map((platform) => ({ file, dialog, platform }));
});

describe('shipped dialog scripts', () => {
  it('cover the main journeys in every locale', () => {
    for (const locale of LOCALES) {
      const names = files
        .filter((file) => file.startsWith(`${locale}${path.sep}`))
        .map((file) => path.basename(file, '.json'));
      expect({ locale, names }).toEqual({
        locale,
        names: expect.arrayContaining(['balances', 'transactions', 'pay-bill', 'wrong-pin', 'help-cancel']),
      });
    }
  });

  it('say their utterances in their own locale, with sandbox tokens or none', () => {
    for (const file of files) {
      const dialog = loadDialog(path.join(DIALOGS_DIR, file));
      expect({ file, locale: dialog.locale }).toEqual({ file, locale: file.split(path.sep)[0] });
      expect(loadModel(dialog.locale).locale).toBe(dialog.locale);
    }
  });

  it.each(runs.map((run) => [run.file, run.platform, run]))(
    '%s on %s',
    async (_file, _platform, { dialog, platform }) => {
      const application = await createApplication(
        simulatorEnv({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' }),
        { log: createLogger('silent'), pinHashCost: TEST_PIN_COST },
      );
      try {
        const { session } = createSimulator(application, {
          locale: dialog.locale,
          token: dialog.user ?? undefined,
          platform,
        });
        const report = await replayDialog(dialog, session);
        expect(report.failures).toEqual([]);
        expect(report.turns).toHaveLength(dialog.turns.length);
      } finally {
        await application.close();
      }
    },
  );
});
