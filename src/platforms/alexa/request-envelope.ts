/**
 * Alexa request envelopes as Alexa sends them, built in one place for everything that plays
 * Alexa: the simulator, the benchmark and the tests.
 */

/** A slot as Alexa fills it: the words heard and, when entity resolution matched, the value's id. */
export interface HeardSlot {
  readonly value?: string;
  readonly id?: string;
}

/** An IntentRequest's `intent`, slots resolved the way Alexa reports a match. */
export function alexaIntent(name: string, slots: Readonly<Record<string, HeardSlot>> = {}): Record<string, unknown> {
  return {
    name,
    confirmationStatus: 'NONE',
    slots: Object.fromEntries(
      Object.entries(slots).map(([slot, heard]) => [
        slot,
        {
          name: slot,
          value: heard.value,
          ...(heard.id
            ? {
                resolutions: {
                  resolutionsPerAuthority: [
                    {
                      authority: `amzn1.er-authority.echo-sdk.saldo.${slot}`,
                      status: { code: 'ER_SUCCESS_MATCH' },
                      values: [{ value: { name: heard.value, id: heard.id } }],
                    },
                  ],
                },
              }
            : {}),
        },
      ]),
    ),
  };
}

export interface AlexaEnvelopeParts {
  /** `type` and what that type carries (e.g. `intent`); requestId, timestamp and locale are added. */
  readonly request: Readonly<Record<string, unknown>>;
  readonly requestId: string;
  readonly timestamp?: string;
  readonly locale: string;
  readonly skillId: string;
  readonly userId: string;
  readonly accessToken?: string;
  readonly sessionId: string;
  readonly newSession: boolean;
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly deviceId: string;
  /** More of `context.System` (apiEndpoint, apiAccessToken). */
  readonly system?: Readonly<Record<string, unknown>>;
}

export function alexaRequestEnvelope(parts: AlexaEnvelopeParts): Record<string, unknown> {
  const user = { userId: parts.userId, ...(parts.accessToken ? { accessToken: parts.accessToken } : {}) };
  const application = { applicationId: parts.skillId };
  return {
    version: '1.0',
    session: {
      new: parts.newSession,
      sessionId: parts.sessionId,
      application,
      attributes: parts.attributes ?? {},
      user,
    },
    context: {
      System: { application, user, device: { deviceId: parts.deviceId, supportedInterfaces: {} }, ...parts.system },
    },
    request: {
      requestId: parts.requestId,
      timestamp: parts.timestamp ?? new Date().toISOString(),
      locale: parts.locale,
      ...parts.request,
    },
  };
}
