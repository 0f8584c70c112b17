/** Raw Alexa request envelopes for HTTP-level tests. */
export interface EnvelopeOptions {
  readonly intent?: string;
  readonly slots?: Record<string, { value?: string; id?: string }>;
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
  const skillId = options.skillId ?? 'amzn1.ask.skill.test';
  const user = { userId: 'amzn1.ask.account.test', ...(options.token ? { accessToken: options.token } : {}) };
  const slots = Object.fromEntries(
    Object.entries(options.slots ?? {}).map(([name, slot]) => [
      name,
      {
        name,
        value: slot.value,
        ...(slot.id
          ? {
              resolutions: {
                resolutionsPerAuthority: [
                  {
                    authority: 'amzn1.er-authority.echo-sdk.test.ACCOUNT_TYPE',
                    status: { code: 'ER_SUCCESS_MATCH' },
                    values: [{ value: { name: slot.value, id: slot.id } }],
                  },
                ],
              },
            }
          : {}),
      },
    ]),
  );
  return {
    version: '1.0',
    session: {
      new: options.newSession ?? true,
      sessionId: 'amzn1.echo-api.session.test',
      application: { applicationId: skillId },
      attributes: options.attributes ?? {},
      user,
    },
    context: {
      System: {
        application: { applicationId: skillId },
        user,
        device: { deviceId: 'test-device' },
        ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
        ...(options.apiAccessToken ? { apiAccessToken: options.apiAccessToken } : {}),
      },
    },
    request: options.intent
      ? {
          type: 'IntentRequest',
          requestId: options.requestId ?? 'amzn1.echo-api.request.test',
          timestamp: options.timestamp ?? new Date().toISOString(),
          locale: options.locale ?? 'en-US',
          intent: { name: options.intent, confirmationStatus: 'NONE', slots },
        }
      : {
          type: 'LaunchRequest',
          requestId: options.requestId ?? 'amzn1.echo-api.request.test',
          timestamp: options.timestamp ?? new Date().toISOString(),
          locale: options.locale ?? 'en-US',
        },
  };
}
