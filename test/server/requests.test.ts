/**
 * Every request type Alexa sends, with or without a session: answered with a valid
 * response, never a 500, never an echo of what the client sent.
 */
import type { HttpApp } from '../../src/server/app';
import express from 'express';
import request from 'supertest';
import { createHttpApp } from '../../src/server/app';
import type { Conversation } from '../../src/core/conversation';
import { alexaEnvelope } from '../support/alexa-requests';
import { testHttpApp, type TestHttp } from '../support/http';
import { expectWellFormedSsml } from '../support/ssml';

function post(app: HttpApp, body: unknown) {
  return request(app).post('/alexa').set('content-type', 'application/json').send(JSON.stringify(body));
}

/** An envelope as Alexa sends it outside a session: only context.System says who and which skill. */
function withoutSession(envelope: Record<string, unknown>): Record<string, unknown> {
  const { session: _session, ...rest } = envelope;
  return rest;
}

describe('requests without a session', () => {
  let http: TestHttp;
  beforeAll(async () => {
    http = await testHttpApp();
  });

  it('answers a LaunchRequest without a session with speech', async () => {
    const res = await post(http.app, withoutSession(alexaEnvelope({ token: 'sandbox-token-john' })));
    expect(res.status).toBe(200);
    expectWellFormedSsml(res.body.response.outputSpeech.ssml);
    expect(res.body.sessionAttributes).toBeUndefined();
  });

  it('answers an IntentRequest without a session with the balance', async () => {
    const res = await post(
      http.app,
      withoutSession(alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john' })),
    );
    expect(res.status).toBe(200);
    expect(res.body.response.outputSpeech.ssml).toContain('$1,234.56');
  });

  it.each([
    'AlexaSkillEvent.SkillEnabled',
    'AlexaSkillEvent.SkillDisabled',
    'AlexaSkillEvent.SkillAccountLinked',
    'AlexaSkillEvent.SkillPermissionAccepted',
    'AlexaSkillEvent.SkillPermissionChanged',
    'AudioPlayer.PlaybackStarted',
    'PlaybackController.PlayCommandIssued',
    'Messaging.MessageReceived',
    'System.ExceptionEncountered',
  ])('answers a session-less %s with an empty response', async (type) => {
    const envelope = withoutSession(alexaEnvelope({ token: 'sandbox-token-john' }));
    const res = await post(http.app, {
      ...envelope,
      request: { type, requestId: 'amzn1.echo-api.request.event', timestamp: new Date().toISOString() },
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('1.0');
    expect(res.body.response.outputSpeech).toBeUndefined();
    expect(res.body.sessionAttributes).toBeUndefined();
  });
});

describe('nothing the client sent comes back', () => {
  let http: TestHttp;
  beforeAll(async () => {
    http = await testHttpApp();
  });

  const forged = { payment: 'A'.repeat(22), note: 'sandbox-token-john', more: { evil: true } };

  it('replies to a SessionEndedRequest with no session attributes', async () => {
    const envelope = alexaEnvelope({ token: 'sandbox-token-john', attributes: forged, newSession: false });
    const res = await post(http.app, {
      ...envelope,
      request: {
        type: 'SessionEndedRequest',
        requestId: 'amzn1.echo-api.request.end',
        timestamp: new Date().toISOString(),
        reason: 'USER_INITIATED',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.sessionAttributes ?? {}).toEqual({});
    expect(res.text).not.toContain('sandbox-token-john');
  });

  it('replies to an unsupported request type in a session with no session attributes', async () => {
    const envelope = alexaEnvelope({ token: 'sandbox-token-john', attributes: forged, newSession: false });
    const res = await post(http.app, {
      ...envelope,
      request: {
        type: 'Alexa.Presentation.APL.UserEvent',
        requestId: 'amzn1.echo-api.request.apl',
        timestamp: new Date().toISOString(),
        arguments: ['sandbox-token-john'],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.sessionAttributes ?? {}).toEqual({});
    expect(res.text).not.toContain('sandbox-token-john');
  });
});

/** The Dialog.ElicitSlot directive of an Alexa response (the first turn may also carry the customer's entities). */
function elicitation(body: { response: { directives?: Array<{ type: string }> } }) {
  return body.response.directives?.find((d) => d.type === 'Dialog.ElicitSlot') as any;
}

describe('nothing reflected, nothing malformed', () => {
  let http: TestHttp;
  beforeAll(async () => {
    http = await testHttpApp();
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'takes an intent or locale named %s for what it is: nothing Saldo knows',
    async (name) => {
      const alexa = await post(http.app, alexaEnvelope({ intent: name, token: 'sandbox-token-john', locale: 'en-US' }));
      expect(alexa.body.response.outputSpeech.ssml).toContain('I can&apos;t help with that');
      const google = await request(http.app)
        .post('/google')
        .send({
          handler: { name: 'Help' },
          session: { id: 's', params: {}, languageCode: name },
          user: { params: { bearerToken: 'sandbox-token-john' } },
        });
      expect(google.body.prompt.firstSimple.speech).toContain('I can tell you a balance');
    },
  );

  it('reads no "__proto__" or "constructor" a sender put in a request (the SDKs copy request objects)', async () => {
    const raw = JSON.stringify({
      handler: { name: 'Help' },
      session: { id: 's', params: {} },
      user: { locale: 'en-US' },
    })
      .replace('"user":{', '"user":{"__proto__":{"x":1},"constructor":[1],')
      .replace('"session":{', '"session":{"typeOverrides":[],"constructor":{"a":1},');
    const res = await request(http.app)
      .post('/google')
      .set('content-type', 'application/json')
      .set('authorization', 'Bearer sandbox-token-john')
      .send(raw);
    expect(res.status).toBe(200);
    expect(res.body.prompt.firstSimple.speech).toContain('I can tell you a balance');
  });

  it('names where an envelope is wrong without echoing the keys the sender chose', async () => {
    const key = `sandbox-token-john${'x'.repeat(3000)}`;
    const envelope = alexaEnvelope({ token: 'sandbox-token-john', attributes: { [key]: 1 } });
    const res = await post(http.app, envelope);
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('session.attributes.*: Invalid key in record');
    expect(res.text).not.toContain('sandbox-token-john');
    const google = await request(http.app)
      .post('/google')
      .send({ handler: { name: 'GetBalance' }, session: { id: 's' }, intent: { params: { [key]: {} } } });
    expect(google.status).toBe(400);
    expect(google.text).not.toContain('sandbox-token-john');
  });

  it('keeps SSML valid when what the customer said touches an escaped character ("\'andbox token john")', async () => {
    const res = await post(
      http.app,
      alexaEnvelope({
        intent: 'PayBillIntent',
        token: 'sandbox-token-john',
        slots: { payee: { value: "'andbox token john" } },
      }),
    );
    expect(res.status).toBe(200);
    expectWellFormedSsml(res.body.response.outputSpeech.ssml);
    expectWellFormedSsml(res.body.response.reprompt.outputSpeech.ssml);
  });

  it('never echoes a token said as a payee, or a PIN, in the elicitation directive', async () => {
    const res = await post(
      http.app,
      alexaEnvelope({
        intent: 'PayBillIntent',
        token: 'sandbox-token-john',
        slots: { payee: { value: 'sandbox token john' }, pin: { value: '2468' }, count: { value: 'three' } },
      }),
    );
    expect(res.status).toBe(200);
    const directive = elicitation(res.body);
    expect(directive?.type).toBe('Dialog.ElicitSlot');
    expect(directive.slotToElicit).toBe('payee');
    expect(JSON.stringify(directive)).not.toMatch(/sandbox|token|john|2468/i);
    // What is harmless stays, so the customer need not say it again.
    expect(directive.updatedIntent.slots.count.value).toBe('three');
    expect(directive.updatedIntent.slots.pin).toEqual({ name: 'pin', confirmationStatus: 'NONE' });
    expect(res.text).not.toMatch(/sandbox token john|2468/i);
  });

  it('echoes no slot it does not know, and of a resolution only the value id Saldo read', async () => {
    const envelope = alexaEnvelope({
      intent: 'PayBillIntent',
      token: 'sandbox-token-john',
      slots: { amount: { value: '45' }, fromAccount: { value: 'checking', id: 'checking' } },
    });
    const intent = (envelope.request as { intent: { slots: Record<string, Record<string, unknown>> } }).intent;
    intent.slots.evil = { name: 'evil', value: '<script>sandbox-token-john</script>' };
    const resolution = (
      intent.slots.fromAccount?.resolutions as { resolutionsPerAuthority: Array<Record<string, unknown>> }
    ).resolutionsPerAuthority[0] as Record<string, unknown>;
    resolution.values = [
      { value: { name: 'checking', id: 'checking', extra: 'sandbox-token-john' } },
      { value: { id: 'x' } },
    ];
    const res = await post(http.app, envelope);
    const directive = elicitation(res.body);
    expect(directive?.type).toBe('Dialog.ElicitSlot');
    expect(Object.keys(directive.updatedIntent.slots).sort()).toEqual(['amount', 'fromAccount']);
    expect(directive.updatedIntent.slots.fromAccount.resolutions.resolutionsPerAuthority).toEqual([
      {
        authority: 'amzn1.er-authority.echo-sdk.saldo.fromAccount',
        status: { code: 'ER_SUCCESS_MATCH' },
        values: [{ value: { name: 'checking', id: 'checking' } }],
      },
    ]);
    expect(JSON.stringify(directive)).not.toMatch(/script|sandbox|extra/);
  });

  it('drops a resolution under an authority that is not Alexa’s', async () => {
    const envelope = alexaEnvelope({
      intent: 'PayBillIntent',
      token: 'sandbox-token-john',
      slots: { amount: { value: '45' }, fromAccount: { value: 'checking', id: 'checking' } },
    });
    const intent = (envelope.request as { intent: { slots: Record<string, Record<string, unknown>> } }).intent;
    const resolution = (
      intent.slots.fromAccount?.resolutions as { resolutionsPerAuthority: Array<Record<string, unknown>> }
    ).resolutionsPerAuthority[0] as Record<string, unknown>;
    resolution.authority = '<evil authority>';
    const res = await post(http.app, envelope);
    const directive = elicitation(res.body);
    expect(directive.updatedIntent.slots.fromAccount).toEqual({
      name: 'fromAccount',
      confirmationStatus: 'NONE',
      value: 'checking',
    });
  });
});

describe('nothing thrown inside the skill becomes a 500', () => {
  const throwing: Pick<Conversation, 'handle'> = {
    handle: () => Promise.reject(new TypeError('boom: secret detail sandbox-token-john')),
  };

  async function appWith(conversation: Pick<Conversation, 'handle'>) {
    const http = await testHttpApp();
    const app = createHttpApp({
      log: http.application.log,
      banks: http.application.banks.map((bank) => ({
        ...bank,
        conversation: { ...bank.conversation, ...conversation },
      })),
      metrics: http.application.metrics,
      readiness: http.application.readiness,
      verifyRequests: false,
      alexaVerifiers: [],
      bodyLimit: '256kb',
    });
    return { app, logs: http.saldo.logs };
  }

  it('answers Alexa with a spoken apology and logs the error by name and message', async () => {
    const { app, logs } = await appWith(throwing);
    const res = await post(app, alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john' }));
    expect(res.status).toBe(200);
    expectWellFormedSsml(res.body.response.outputSpeech.ssml);
    expect(res.body.response.outputSpeech.ssml).toMatch(/sorry/i);
    expect(res.body.response.shouldEndSession).toBe(true);
    expect(res.text).not.toMatch(/boom|TypeError|at .*\.(ts|js):\d+/);
    const logged = logs.lines.map(
      (line) => JSON.parse(line) as { err?: { name?: string; message?: string; stack?: string } },
    );
    const failure = logged.find((line) => line.err?.name === 'TypeError');
    expect(failure?.err?.message).toContain('boom');
    // Name and message only: a stack could carry request data into the logs.
    expect(failure?.err?.stack ?? '').toBe('');
  });

  it('answers Google with a spoken apology', async () => {
    const { app } = await appWith(throwing);
    const res = await request(app)
      .post('/google')
      .set('content-type', 'application/json')
      .send({
        handler: { name: 'GetBalance' },
        session: { id: 'g1', params: {} },
        user: { locale: 'en-US', params: { bearerToken: 'sandbox-token-john' } },
      });
    expect(res.status).toBe(200);
    expectWellFormedSsml(res.body.prompt.firstSimple.speech);
    expect(res.body.prompt.firstSimple.speech).toMatch(/sorry/i);
    expect(res.body.scene.next.name).toBe('actions.scene.END_CONVERSATION');
    expect(res.text).not.toMatch(/boom|TypeError/);
  });
});

describe('POST /alexa outside express', () => {
  let http: TestHttp;
  beforeAll(async () => {
    http = await testHttpApp();
  });

  it('never enters express, while the spellings only express matches do', async () => {
    // Every express app calls the handle its prototype gave it: watched before the app is made.
    const handle = jest.spyOn(express.application as unknown as { handle: () => void }, 'handle');
    try {
      const { app } = await testHttpApp();
      const body = JSON.stringify(alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john' }));
      expect((await request(app).post('/alexa').set('content-type', 'application/json').send(body)).status).toBe(200);
      expect(handle).not.toHaveBeenCalled();
      expect((await request(app).post('/alexa/').set('content-type', 'application/json').send(body)).status).toBe(200);
      expect(handle).toHaveBeenCalledTimes(1);
    } finally {
      handle.mockRestore();
    }
  });

  it.each(['/alexa?probe=1', '/alexa/', '/Alexa'])('%s is answered by the same route', async (path) => {
    const res = await request(http.app)
      .post(path)
      .set('content-type', 'application/json')
      .send(JSON.stringify(alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john' })));
    expect(res.status).toBe(200);
    expect(res.body.response.outputSpeech.ssml).toContain('$1,234.56 available');
  });

  it('a body that starts with a UTF-8 byte-order mark is read as the JSON after it', async () => {
    const json = JSON.stringify(alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john' }));
    const res = await request(http.app).post('/alexa').set('content-type', 'application/json').send(`\uFEFF${json}`);
    expect(res.status).toBe(200);
    expect(res.body.response.outputSpeech.ssml).toContain('$1,234.56 available');
  });

  it('GET /alexa is not a route', async () => {
    expect((await request(http.app).get('/alexa')).status).toBe(404);
  });

  it('a failure even the apology cannot survive is a 500 without a stack, logged by message', async () => {
    const failing = new TypeError('broken beyond words sandbox-token-john');
    const app = createHttpApp({
      log: http.application.log,
      banks: http.application.banks.map((bank) => ({
        ...bank,
        conversation: {
          ...bank.conversation,
          handle: () => Promise.reject(failing),
          recover: () => {
            throw failing;
          },
        },
      })),
      metrics: http.application.metrics,
      readiness: http.application.readiness,
      verifyRequests: false,
      alexaVerifiers: [],
      bodyLimit: '256kb',
    });
    const res = await post(app, alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john' }));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal error' });
    const logged = http.saldo.logs.lines.map((line) => JSON.parse(line) as { msg?: string; path?: string });
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'request failed', path: '/alexa' }));
  });
});
