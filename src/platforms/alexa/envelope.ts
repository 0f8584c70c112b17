/** The shape an Alexa request must have before the skill sees it. */
import type { RequestEnvelope } from 'ask-sdk-model';
import * as z from 'zod';
import { describeIssue } from '../../shared/schema-issue';

const text = z.string().max(2048);
/** Banks issue long JWTs as access tokens; Saldo accepts them up to this many characters. */
export const MAX_ACCESS_TOKEN_LENGTH = 8 * 1024;
const user = z.object({ userId: text, accessToken: z.string().max(MAX_ACCESS_TOKEN_LENGTH).optional() });
const slot = z.object({
  name: text,
  value: text.optional(),
  resolutions: z.object({ resolutionsPerAuthority: z.array(z.object({})).max(10) }).optional(),
});

const request = z
  .object({
    type: text,
    requestId: text,
    timestamp: text,
    // A BCP 47 tag as Alexa writes them (en-US), or any region a platform may name (es-419).
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/)
      .optional(),
    intent: z.object({ name: text, slots: z.record(text, slot).optional() }).optional(),
  })
  .refine((r) => r.type !== 'IntentRequest' || r.intent !== undefined, { message: 'IntentRequest without intent' });

const envelope = z.object({
  version: text,
  session: z
    .object({
      new: z.boolean(),
      sessionId: text,
      application: z.object({ applicationId: text }),
      attributes: z.record(text, z.unknown()).optional(),
      user,
    })
    .optional(),
  context: z.object({
    System: z.object({
      application: z.object({ applicationId: text }),
      user,
      person: z.object({ personId: text }).optional(),
      apiEndpoint: text.optional(),
    }),
  }),
  request,
});

/** The envelope's own field names: anything else in a path is the sender's key, never echoed. */
const FIELD_NAMES: ReadonlySet<string> = new Set([
  'version',
  'session',
  'new',
  'sessionId',
  'application',
  'applicationId',
  'attributes',
  'user',
  'userId',
  'accessToken',
  'context',
  'System',
  'person',
  'personId',
  'apiEndpoint',
  'request',
  'type',
  'requestId',
  'timestamp',
  'locale',
  'intent',
  'name',
  'slots',
  'value',
  'resolutions',
  'resolutionsPerAuthority',
]);

export type EnvelopeCheck = { ok: true; envelope: RequestEnvelope } | { ok: false; problem: string };

/**
 * The schema names only what Saldo and ask-sdk read, so checking copies little; the
 * envelope handed on is the body itself, whose checked fields are exactly those checked
 * (the schema transforms nothing) and whose other fields the SDK may read as Alexa sent them.
 */
export function checkEnvelope(body: unknown): EnvelopeCheck {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return { ok: false, problem: describeIssue(parsed.error.issues[0], FIELD_NAMES) };
  return { ok: true, envelope: body as RequestEnvelope };
}

export function skillIdOf(envelope: RequestEnvelope): string {
  return envelope.context.System.application.applicationId;
}
