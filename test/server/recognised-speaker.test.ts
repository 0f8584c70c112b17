/**
 * A bank that requires a recognised speaker: payments (and, in privacy mode, reads) only
 * for an Alexa voice profile enrolled with the PIN; everyone else is refused and audited,
 * and nothing moves. Banks without the setting behave as before.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HttpApp } from '../../src/server/app';
import request from 'supertest';
import { readAudit } from '../../src/store/audit';
import { voiceProfiles } from '../../src/store/voice-profiles';
import type { Application } from '../../src/app/application';
import { alexaEnvelope, type EnvelopeOptions } from '../support/alexa-requests';
import { FIXED_NOW } from '../support/app';
import { testHttpApp } from '../support/http';

const ENROLLED = 'amzn1.ask.person.ENROLLED';
const STRANGER = 'amzn1.ask.person.STRANGER';

function configWith(bank: Record<string, unknown>): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'saldo-speaker-')), 'saldo.json');
  const base = { id: 'sandbox', names: { 'en-US': 'Sandbox Bank' }, connector: { type: 'sandbox' } };
  writeFileSync(file, JSON.stringify({ banks: [{ ...base, ...bank }] }));
  return file;
}

function say(app: HttpApp, options: EnvelopeOptions & { person?: string }) {
  const envelope = alexaEnvelope({ token: 'sandbox-token-john', ...options });
  if (options.person) {
    const system = (envelope.context as { System: Record<string, unknown> }).System;
    system.person = { personId: options.person, accessToken: 'person-token' };
  }
  return request(app).post('/alexa').set('content-type', 'application/json').send(JSON.stringify(envelope));
}

const pay = { intent: 'PayBillIntent', slots: { payee: { value: 'city power' }, amount: { value: '45' } } };
const balance = { intent: 'GetBalanceIntent', slots: { accountType: { value: 'checking', id: 'checking' } } };

describe('requireRecognizedSpeaker', () => {
  let app: HttpApp;
  let application: Application;
  beforeAll(async () => {
    ({ app, application } = await testHttpApp({
      env: { SALDO_CONFIG: configWith({ requireRecognizedSpeaker: true, privacyMode: true }) },
    }));
    await voiceProfiles(application.db).enrol('sandbox', 'cust-john', ENROLLED, FIXED_NOW.getTime());
  });

  it('lets the enrolled voice start a payment', async () => {
    const res = await say(app, { ...pay, person: ENROLLED });
    expect(res.body.response.outputSpeech.ssml).toContain('You&apos;re paying $45.00 to City Power');
  });

  it.each([
    ['another recognised voice', STRANGER],
    ['no recognised voice', undefined],
  ])('refuses %s a payment, audits it, and keeps no payment open', async (_who, person) => {
    const res = await say(app, { ...pay, person });
    expect(res.status).toBe(200);
    expect(res.body.response.outputSpeech.ssml).toContain('only does that for a voice enrolled with your voice PIN');
    expect(res.body.response.shouldEndSession).toBe(true);
    expect(res.body.sessionAttributes).toEqual({});
    const audit = await readAudit(application.db, 'sandbox', 'cust-john');
    const last = audit.at(-1);
    expect(last?.event).toBe('speaker.unrecognised');
    expect(JSON.parse(String(last?.details))).toEqual({ intent: 'PayBill', person: person ?? 'none' });
  });

  it('refuses an unenrolled voice a PIN, and privacy-mode reads', async () => {
    const pin = await say(app, { intent: 'ProvidePinIntent', slots: { pin: { value: '2468' } }, person: STRANGER });
    expect(pin.body.response.outputSpeech.ssml).toContain('only does that for a voice enrolled');
    const read = await say(app, { ...balance, person: STRANGER });
    expect(read.body.response.outputSpeech.ssml).toContain('only does that for a voice enrolled');
  });

  it('still answers help and goodbye to anyone', async () => {
    const help = await say(app, { intent: 'AMAZON.HelpIntent', person: STRANGER });
    expect(help.body.response.outputSpeech.ssml).not.toContain('enrolled');
  });

  it('tells a Google user to use Alexa, since Google names no speaker', async () => {
    const res = await request(app)
      .post('/google')
      .send({
        handler: { name: 'PayBill' },
        intent: { name: 'PayBill', params: { payee: { original: 'city power', resolved: 'city power' } } },
        session: { id: 'g', params: {} },
        user: { locale: 'en-US', params: { bearerToken: 'sandbox-token-john' }, verificationStatus: 'VERIFIED' },
      });
    expect(res.body.prompt.firstSimple.speech).toContain('Please use Alexa for this');
  });
});

describe('without requireRecognizedSpeaker', () => {
  it('serves payments and reads whoever speaks, as before', async () => {
    const { app } = await testHttpApp({ env: { SALDO_CONFIG: configWith({}) } });
    const res = await say(app, { ...pay, person: STRANGER });
    expect(res.body.response.outputSpeech.ssml).toContain('You&apos;re paying $45.00 to City Power');
    const read = await say(app, { ...balance });
    expect(read.body.response.outputSpeech.ssml).toContain('$1,234.56');
  });
});
