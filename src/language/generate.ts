/**
 * `npm run models`: writes the Alexa interaction models, the Actions Builder project and
 * skill.json's locale sections from interaction-models/language/<locale>.json.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from '../cli';
import { alexaModel } from './alexa';
import { googleProject, type FileMap } from './google';
import { loadModels, type LanguageModel } from './model';
import { skillManifest } from './skill-manifest';

export { alexaModel } from './alexa';
export { googleProject } from './google';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
/** Folders the generator owns outright: a file there that it does not write is stale and gets removed. */
export const GENERATED_DIRS = ['interaction-models/alexa', 'interaction-models/google'] as const;
export const SKILL_MANIFEST = 'skill.json';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every generated file, keyed by its path from the project root (forward slashes). */
export function generatedFiles(models: readonly LanguageModel[], currentSkillManifest: unknown): FileMap {
  const files: FileMap = new Map();
  for (const model of models) files.set(`interaction-models/alexa/${model.locale}.json`, json(alexaModel(model)));
  for (const [file, content] of googleProject(models)) files.set(`interaction-models/google/${file}`, content);
  files.set(SKILL_MANIFEST, json(skillManifest(models, currentSkillManifest)));
  return files;
}

/** Files below root/dir, as forward-slash paths from root. */
export function filesUnder(root: string, dir: string): string[] {
  const absolute = path.join(root, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(root, relative) : [relative];
  });
}

export function readSkillManifest(root: string = PROJECT_ROOT): unknown {
  return JSON.parse(readFileSync(path.join(root, SKILL_MANIFEST), 'utf8')) as unknown;
}

const HELP = `usage: npm run models

Writes the Alexa interaction models (interaction-models/alexa), the Actions Builder project
(interaction-models/google) and skill.json's locale sections from the language model source,
interaction-models/language/<locale>.json. Only files whose content changes are written;
files the generator no longer produces are removed. Tests fail when the artefacts are stale.

  --help, -h    this text`;

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function main(): void {
  parseCommandLine({ name: 'models', help: HELP, options: {} });
  const files = generatedFiles(loadModels(), readSkillManifest());
  let removed = 0;
  for (const dir of GENERATED_DIRS) {
    for (const file of filesUnder(PROJECT_ROOT, dir)) {
      if (files.has(file)) continue;
      rmSync(path.join(PROJECT_ROOT, file));
      removed += 1;
    }
  }
  let written = 0;
  for (const [file, content] of files) {
    const target = path.join(PROJECT_ROOT, file);
    if (readIfExists(target) === content) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    written += 1;
  }
  console.log(
    written + removed === 0
      ? `models: ${files.size} files unchanged`
      : `models: wrote ${written} of ${files.size} files, removed ${removed} stale`,
  );
}

if (require.main === module) main();
