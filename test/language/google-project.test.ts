/** The generated Actions Builder project parses, and its intents, types, scenes and webhook fit together. */
import { parse } from 'yaml';
import { GOOGLE_LOCALE_FOLDERS, LAUNCH_HANDLER } from '../../src/language/google';
import { LOCALES } from '../../src/language/model';
import { googleFiles, isRecord, SPOKEN_CORE_INTENTS, yamlOf } from './helpers';

const SYSTEM_TYPES = ['actions.type.Number', 'actions.type.Date', 'actions.type.AccountLinking'];
const END_SCENE = 'actions.scene.END_CONVERSATION';
const ANNOTATION = /\(\$([A-Za-z][A-Za-z0-9]*) '([^']+)' auto=(?:true|false)\)/g;
const files = [...googleFiles.keys()];
const folders = LOCALES.map((locale) => GOOGLE_LOCALE_FOLDERS[locale]).filter((folder) => folder !== '');

function record(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`${where} is not a mapping`);
  return value;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** custom/intents/es/PayBill.yaml → PayBill; custom/intents/PayBill.yaml → PayBill. */
function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1, -'.yaml'.length);
}

function webhookHandlers(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(webhookHandlers);
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'webhookHandler' && typeof inner === 'string' ? [inner] : webhookHandlers(inner),
  );
}

function sceneTargets(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(sceneTargets);
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'transitionToScene' && typeof inner === 'string' ? [inner] : sceneTargets(inner),
  );
}

const intentFiles = files.filter((file) => file.startsWith('custom/intents/'));
const baseIntentFiles = intentFiles.filter((file) => file.split('/').length === 3);
const baseTypes = new Set(
  files.filter((file) => file.startsWith('custom/types/') && file.split('/').length === 3).map(baseName),
);
const scenes = new Set(files.filter((file) => file.startsWith('custom/scenes/')).map(baseName));

describe('Google Actions Builder project', () => {
  it('parses every file as a YAML mapping under YAML 1.1 and 1.2 alike', () => {
    for (const [file, content] of googleFiles) {
      expect({ file, mapping: isRecord(parse(content, { version: '1.1' })) }).toEqual({ file, mapping: true });
      expect(parse(content, { version: '1.2' })).toEqual(parse(content, { version: '1.1' }));
    }
  });

  it('has the manifest, actions, settings, webhook and both scenes', () => {
    for (const file of [
      'manifest.yaml',
      'actions/actions.yaml',
      'settings/settings.yaml',
      'webhooks/ActionsOnGoogleFulfillment.yaml',
      'custom/scenes/Main.yaml',
      'custom/scenes/AccountLinking.yaml',
    ]) {
      expect(files).toContain(file);
    }
    expect(record(yamlOf('actions/actions.yaml'), 'actions').custom).toEqual({ 'actions.intent.MAIN': {} });
    expect(record(yamlOf('custom/global/actions.intent.MAIN.yaml'), 'MAIN').handler).toEqual({
      webhookHandler: LAUNCH_HANDLER,
    });
  });

  it('defaults to en, adds es and the regional folders, and links accounts with OAuth authorization codes', () => {
    const settings = record(yamlOf('settings/settings.yaml'), 'settings');
    expect(settings.defaultLocale).toBe('en');
    expect(settings.projectId).toBe('saldo-banking');
    expect(record(settings.accountLinking, 'accountLinking')).toMatchObject({
      linkingType: 'OAUTH',
      authGrantType: 'AUTH_CODE',
      enableAccountCreation: false,
    });
    expect(folders).toContain('es');
    for (const folder of folders) {
      const localized = record(yamlOf(`settings/${folder}/settings.yaml`), folder);
      expect(Object.keys(localized)).toEqual(['localizedSettings']);
      expect(String(record(localized.localizedSettings, folder).shortDescription).length).toBeLessThanOrEqual(80);
    }
  });

  it('has, for every core intent, an intent in every locale and a global event calling its webhook handler', () => {
    for (const name of SPOKEN_CORE_INTENTS) {
      expect(files).toContain(`custom/intents/${name}.yaml`);
      for (const folder of folders) expect(files).toContain(`custom/intents/${folder}/${name}.yaml`);
      expect(record(yamlOf(`custom/global/${name}.yaml`), name).handler).toEqual({ webhookHandler: name });
    }
  });

  it("declares every training phrase's parameters in the intent's default file, with a type that exists", () => {
    const problems: string[] = [];
    for (const file of intentFiles) {
      const intent = record(yamlOf(file), file);
      const base = record(yamlOf(`custom/intents/${baseName(file)}.yaml`), file);
      const parameters = Array.isArray(base.parameters)
        ? base.parameters.map((parameter) => record(parameter, file))
        : [];
      const declared = new Set(parameters.map((parameter) => parameter.name));
      const phrases = strings(intent.trainingPhrases);
      if (phrases.length === 0) problems.push(`${file}: no training phrases`);
      if (file.split('/').length > 3 && 'parameters' in intent)
        problems.push(`${file}: parameters belong in the default file`);
      for (const phrase of phrases) {
        for (const [, name] of phrase.matchAll(ANNOTATION))
          if (!declared.has(name)) problems.push(`${file}: "${phrase}" uses undeclared $${name}`);
        if (/[($]/.test(phrase.replace(ANNOTATION, '')))
          problems.push(`${file}: "${phrase}" has a malformed annotation`);
      }
      for (const parameter of parameters) {
        const type = String(record(parameter.type, file).name);
        if (!SYSTEM_TYPES.includes(type) && !baseTypes.has(type))
          problems.push(`${file}: ${String(parameter.name)} has unknown type ${type}`);
      }
    }
    expect(baseIntentFiles.length).toBe(SPOKEN_CORE_INTENTS.length);
    expect(problems).toEqual([]);
  });

  it('localises every synonym type in every locale folder with the same entity keys', () => {
    for (const type of baseTypes) {
      const base = record(yamlOf(`custom/types/${type}.yaml`), type);
      if (!('synonym' in base)) continue;
      const keys = Object.keys(record(record(base.synonym, type).entities, type));
      for (const folder of folders) {
        const localized = record(record(yamlOf(`custom/types/${folder}/${type}.yaml`), type).synonym, type);
        expect(Object.keys(record(localized.entities, type))).toEqual(keys);
      }
    }
  });

  it('sends every handler to a webhook handler the webhook declares, named after a core intent', () => {
    const webhook = record(yamlOf('webhooks/ActionsOnGoogleFulfillment.yaml'), 'webhook');
    expect(record(webhook.httpsEndpoint, 'httpsEndpoint').baseUrl).toBe('https://YOUR-HOST.example.com/google');
    const declared = (Array.isArray(webhook.handlers) ? webhook.handlers : []).map((handler) =>
      String(record(handler, 'handler').name),
    );
    expect([...declared].sort()).toEqual([LAUNCH_HANDLER, ...SPOKEN_CORE_INTENTS].sort());
    const used = files
      .filter((file) => file.startsWith('custom/global/') || file.startsWith('custom/scenes/'))
      .flatMap((file) => webhookHandlers(yamlOf(file)));
    expect(used.filter((handler) => !declared.includes(handler))).toEqual([]);
  });

  it('checks that the user is verified before asking a guest to link an account, as Google’s samples do', () => {
    const scene = record(yamlOf('custom/scenes/AccountLinking.yaml'), 'AccountLinking');
    const [first] = Array.isArray(scene.conditionalEvents) ? scene.conditionalEvents : [];
    const event = record(first, 'the first conditional event');
    expect(event.condition).toBe('user.verificationStatus != "VERIFIED"');
    expect(event.transitionToScene).toBe(END_SCENE);
    expect(webhookHandlers(event)).toEqual([LAUNCH_HANDLER]);
  });

  it('transitions only to scenes that exist, and scenes handle only declared intents', () => {
    const targets = files.filter((file) => file.startsWith('custom/')).flatMap((file) => sceneTargets(yamlOf(file)));
    expect(targets.filter((scene) => scene !== END_SCENE && !scenes.has(scene))).toEqual([]);
    const main = record(yamlOf('custom/scenes/Main.yaml'), 'Main');
    const intents = (Array.isArray(main.intentEvents) ? main.intentEvents : []).map((event) =>
      String(record(event, 'event').intent),
    );
    expect(intents.filter((intent) => !baseIntentFiles.includes(`custom/intents/${intent}.yaml`))).toEqual([]);
  });
});
