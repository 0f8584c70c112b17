/** The shape an Actions Builder webhook request must have before the conversation sees it. */
import { z } from 'zod';

const text = z.string().max(2048);
const params = z.record(text, z.unknown());

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
    scene: z.object({ name: text.optional() }).passthrough().optional(),
    session: z.object({ id: text, params: params.optional(), languageCode: text.optional() }).passthrough(),
    user: z.object({ locale: text.optional(), params: params.optional() }).passthrough().optional(),
    device: z
      .object({ capabilities: z.array(text).max(20).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

export type WebhookRequest = z.infer<typeof webhookRequestSchema>;
