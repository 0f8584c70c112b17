/** The shape an Actions Builder webhook request must have before the conversation sees it. */
import * as z from 'zod';

const text = z.string().max(2048);
const params = z.record(text, z.unknown());
/** An object of Google's own (a type override, a slot, an entitlement): the library reads into each one. */
const googleObject = z.object({}).passthrough();

export const webhookRequestSchema = z
  .object({
    handler: z.object({ name: text }).passthrough(),
    intent: z
      .object({
        name: text.optional(),
        params: z
          .record(text, z.object({ original: z.unknown().optional(), resolved: z.unknown().optional() }).passthrough())
          .optional(),
        query: text.optional(),
      })
      .passthrough()
      .optional(),
    scene: z
      .object({ name: text.optional(), slots: z.record(text, googleObject).optional() })
      .passthrough()
      .optional(),
    session: z
      .object({
        id: text,
        params: params.optional(),
        languageCode: text.optional(),
        typeOverrides: z.array(googleObject).max(50).optional(),
      })
      .passthrough(),
    user: z
      .object({
        locale: text.optional(),
        params: params.optional(),
        packageEntitlements: z.array(googleObject).max(50).optional(),
      })
      .passthrough()
      .optional(),
    home: z.object({ params: params.optional() }).passthrough().optional(),
    device: z
      .object({ capabilities: z.array(text).max(20).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

export type WebhookRequest = z.infer<typeof webhookRequestSchema>;

/** The request's own field names, for refusals that never echo the sender's keys. */
export const WEBHOOK_FIELD_NAMES: ReadonlySet<string> = new Set([
  'handler',
  'name',
  'intent',
  'params',
  'original',
  'resolved',
  'query',
  'scene',
  'session',
  'id',
  'languageCode',
  'user',
  'locale',
  'slots',
  'typeOverrides',
  'packageEntitlements',
  'home',
  'device',
  'capabilities',
]);
