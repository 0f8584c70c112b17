/** The committed Alexa models, Actions Builder project and skill.json are what the source generates today. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { filesUnder, GENERATED_DIRS, generatedFiles, PROJECT_ROOT, SKILL_MANIFEST } from '../../src/language/generate';
import { LOCALES } from '../../src/language/model';
import { allGeneratedFiles, models } from './helpers';

const HINT = 'run `npm run models` after editing interaction-models/language/*.json';

describe('generated language files', () => {
  it(`are up to date with the source (${HINT})`, () => {
    const outdated = [...allGeneratedFiles].filter(([file, content]) => {
      const target = path.join(PROJECT_ROOT, file);
      return !existsSync(target) || readFileSync(target, 'utf8') !== content;
    });
    expect(outdated.map(([file]) => file)).toEqual([]);
  });

  it(`leave no stale file in the generated folders (${HINT})`, () => {
    const stale = GENERATED_DIRS.flatMap((dir) => filesUnder(PROJECT_ROOT, dir)).filter(
      (file) => !allGeneratedFiles.has(file),
    );
    expect(stale).toEqual([]);
  });

  it('cover an Alexa model per locale, the Google project and skill.json', () => {
    for (const locale of LOCALES) expect(allGeneratedFiles.has(`interaction-models/alexa/${locale}.json`)).toBe(true);
    expect(allGeneratedFiles.has('interaction-models/google/settings/settings.yaml')).toBe(true);
    expect(allGeneratedFiles.has(SKILL_MANIFEST)).toBe(true);
  });

  it('are deterministic and regenerating skill.json changes nothing more', () => {
    const manifest = JSON.parse(allGeneratedFiles.get(SKILL_MANIFEST) ?? '') as unknown;
    const again = generatedFiles(models, manifest);
    expect([...again.entries()]).toEqual([...allGeneratedFiles.entries()]);
  });
});
