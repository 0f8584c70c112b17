/**
 * Alexa's skill lifecycle events, signed like any request and sent to /alexa without a
 * session: each is audited and answered with nothing; disabling the skill cancels what
 * waited for a PIN and withdraws privacy-mode approvals, and keeps the audit log.
 */
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpApp } from '../../src/server/app';
import request from 'supertest';
import type { Application } from '../../src/app/application';
import { signatureVerifier, timestampVerifier } from '../../src/server/alexa-verification';
import { readAudit } from '../../src/store/audit';
import { alexaEnvelope } from '../support/alexa-requests';
import { testHttpApp } from '../support/http';
import { PRIVACY_BANK_ID, privacyModeConfig } from '../support/privacy-bank';

const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem';
const signingDir = path.join(__dirname, '../fixtures/alexa-signing');
const fixture = (name: string) => readFileSync(path.join(signingDir, name), 'utf8');
const trustedKey = fixture('trusted-key.pem');

const banks = privacyModeConfig();

function skillEvent(type: string, options: { token?: string; bodyToken?: string } = {}) {
  const user = { userId: 'amzn1.ask.account.test', ...(options.token ? { accessToken: options.token } : {}) };
  const now = new Date().toISOString();
  return {
    version: '1.0',
    context: { System: { application: { applicationId: 'amzn1.ask.skill.test' }, user } },
    request: {
      type,
      requestId: `amzn1.echo-api.request.${type}`,
      timestamp: now,
      eventCreationTime: now,
      eventPublishingTime: now,
      body: options.bodyToken ? { accessToken: options.bodyToken } : { userInformationPersistenceStatus: 'PERSISTED' },
    },
  };
}

describe('skill lifecycle events', () => {
  let app: HttpApp;
  let application: Application;

  beforeAll(async () => {
    ({ app, application } = await testHttpApp({
      env: { SALDO_CONFIG: banks },
      verifiers: [
        signatureVerifier({
          trustedRoots: [fixture('test-root-ca.pem')],
          download: async () => fixture('trusted-cert.pem'),
        }),
        timestampVerifier(),
      ],
    }));
  });

  function signed(envelope: object) {
    const body = JSON.stringify(envelope);
    return request(app)
      .post('/alexa')
      .set('content-type', 'application/json')
      .set('SignatureCertChainUrl', CERT_URL)
      .set('Signature-256', createSign('RSA-SHA256').update(body).sign(trustedKey, 'base64'))
      .send(body);
  }

  const john = (intent: string, slots: Record<string, { value?: string; id?: string }> = {}, attributes = {}) =>
    signed(
      alexaEnvelope({
        intent,
        slots,
        token: 'sandbox-token-john',
        timestamp: new Date().toISOString(),
        attributes,
        newSession: Object.keys(attributes).length === 0,
      }),
    );

  it('refuses an unsigned event like any unsigned request', async () => {
    const res = await request(app)
      .post('/alexa')
      .set('content-type', 'application/json')
      .send(skillEvent('AlexaSkillEvent.SkillDisabled', { token: 'sandbox-token-john' }));
    expect(res.status).toBe(400);
  });

  it('on SkillDisabled cancels the payment waiting for a PIN and withdraws privacy-mode approvals', async () => {
    const read = await john('GetBalanceIntent');
    expect(read.body.response.outputSpeech.ssml).toContain('voice PIN');
    const readBack = await john('PayBillIntent', { payee: { value: 'city power' }, amount: { value: '45' } });
    const payment = readBack.body.sessionAttributes.payment as string;
    expect(payment).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const disabled = await signed(skillEvent('AlexaSkillEvent.SkillDisabled', { token: 'sandbox-token-john' }));
    expect(disabled.status).toBe(200);
    expect(disabled.body.response.outputSpeech).toBeUndefined();
    expect(disabled.body.sessionAttributes).toBeUndefined();
    await application.settled();

    const db = application.db;
    const [row] = await db.query<{ status: string }>('SELECT status FROM pending_payments WHERE id = ?', [payment]);
    expect(row?.status).toBe('cancelled');
    expect(await db.query("SELECT id FROM read_approvals WHERE customer_id = 'cust-john'")).toEqual([]);
    const audit = await readAudit(db, PRIVACY_BANK_ID, 'cust-john');
    const events = audit.map((a) => a.event);
    expect(events).toEqual(
      expect.arrayContaining(['payment.requested', 'skill.disabled', 'payment.cancelled', 'privacy.revoked']),
    );
    expect(JSON.parse(audit.find((a) => a.event === 'payment.cancelled')?.details ?? '{}')).toMatchObject({
      reason: 'skill_disabled',
    });

    // The PIN for it, said afterwards, approves nothing.
    const pin = await john('ProvidePinIntent', { pin: { value: '2468' } }, { payment });
    expect(pin.body.response.outputSpeech.ssml).toContain('There&apos;s no payment waiting for your PIN');
    const [after] = await db.query<{ status: string }>('SELECT status FROM pending_payments WHERE id = ?', [payment]);
    expect(after?.status).toBe('cancelled');
  });

  it('audits account linking with the token in its body, and events it cannot tie to a customer', async () => {
    const linked = await signed(skillEvent('AlexaSkillEvent.SkillAccountLinked', { bodyToken: 'sandbox-token-ana' }));
    expect(linked.status).toBe(200);
    const enabled = await signed(skillEvent('AlexaSkillEvent.SkillEnabled'));
    expect(enabled.status).toBe(200);
    const permissions = await signed(skillEvent('AlexaSkillEvent.SkillPermissionChanged'));
    expect(permissions.status).toBe(200);
    const ana = (await readAudit(application.db, PRIVACY_BANK_ID, 'cust-ana')).map((a) => a.event);
    expect(ana).toContain('skill.account_linked');
    const anonymous = await application.db.query<{ event: string }>(
      "SELECT event FROM audit_log WHERE customer_id IS NULL AND event LIKE 'skill.%'",
    );
    expect(anonymous.map((a) => a.event)).toEqual(['skill.enabled']);
  });
});
