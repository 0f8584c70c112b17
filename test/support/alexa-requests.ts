/** Raw Alexa request envelopes for HTTP-level tests (built by src/platforms/alexa/request-envelope.ts). */
import { alexaIntent, alexaRequestEnvelope, type HeardSlot } from '../../src/platforms/alexa/request-envelope';

export interface EnvelopeOptions {
  readonly intent?: string;
  readonly slots?: Record<string, HeardSlot>;
  readonly token?: string;
  readonly locale?: string;
  readonly skillId?: string;
  readonly timestamp?: string;
  readonly attributes?: Record<string, unknown>;
  readonly newSession?: boolean;
  /** Alexa's API endpoint for this request (context.System.apiEndpoint), e.g. for progressive responses. */
  readonly apiEndpoint?: string;
  /** The token Alexa gives a skill to call its APIs (context.System.apiAccessToken). */
  readonly apiAccessToken?: string;
  /** request.requestId (default 'amzn1.echo-api.request.test'). */
  readonly requestId?: string;
}

export function alexaEnvelope(options: EnvelopeOptions = {}): Record<string, unknown> {
  return alexaRequestEnvelope({
    request: options.intent
      ? { type: 'IntentRequest', intent: alexaIntent(options.intent, options.slots) }
      : { type: 'LaunchRequest' },
    requestId: options.requestId ?? 'amzn1.echo-api.request.test',
    timestamp: options.timestamp,
    locale: options.locale ?? 'en-US',
    skillId: options.skillId ?? 'amzn1.ask.skill.test',
    userId: 'amzn1.ask.account.test',
    accessToken: options.token,
    sessionId: 'amzn1.echo-api.session.test',
    newSession: options.newSession ?? true,
    attributes: options.attributes,
    deviceId: 'test-device',
    system: {
      ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
      ...(options.apiAccessToken ? { apiAccessToken: options.apiAccessToken } : {}),
    },
  });
}
