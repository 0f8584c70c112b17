/**
 * skill.json's per-locale sections (store listing, privacy links, distribution countries) come
 * from the language models; the rest of the manifest (endpoint, category, testing
 * instructions) stays as written there.
 */
import { countryOf, type LanguageModel } from './model';

type JsonObject = Record<string, unknown>;

function objectAt(value: unknown, where: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`skill.json: ${where} is not an object`);
  return value as JsonObject;
}

export function skillManifest(models: readonly LanguageModel[], current: unknown): JsonObject {
  const root = objectAt(current, 'the document');
  const manifest = objectAt(root.manifest, 'manifest');
  const publishing = objectAt(manifest.publishingInformation, 'manifest.publishingInformation');
  const privacy = objectAt(manifest.privacyAndCompliance, 'manifest.privacyAndCompliance');
  // Spreading the current objects keeps their key order, so regenerating leaves an unchanged file byte for byte.
  return {
    ...root,
    manifest: {
      ...manifest,
      publishingInformation: {
        ...publishing,
        locales: Object.fromEntries(
          models.map(({ locale, alexaListing: listing }) => [
            locale,
            {
              name: listing.name,
              summary: listing.summary,
              description: listing.description,
              examplePhrases: [...listing.examplePhrases],
              keywords: [...listing.keywords],
              smallIconUri: listing.smallIconUri,
              largeIconUri: listing.largeIconUri,
            },
          ]),
        ),
        distributionCountries: [...new Set(models.map((model) => countryOf(model.locale)))],
      },
      privacyAndCompliance: {
        ...privacy,
        locales: Object.fromEntries(
          models.map(({ locale, alexaListing: listing }) => [
            locale,
            { privacyPolicyUrl: listing.privacyPolicyUrl, termsOfUseUrl: listing.termsOfUseUrl },
          ]),
        ),
      },
    },
  };
}
