/**
 * POST /alexa: raw body → signature and timestamp verification → shape check →
 * skill id check → the skill. Every refusal is a short JSON 4xx.
 */
import type { Skill } from 'ask-sdk-core';
import express, { type Router } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { checkEnvelope, skillIdOf } from '../platforms/alexa/envelope';
import { intentOf } from '../platforms/alexa/turn';

export interface RequestVerifier {
  verify(body: string, headers: IncomingHttpHeaders): Promise<unknown>;
}

export interface AlexaRouteOptions {
  readonly skill: Skill;
  readonly log: Logger;
  readonly bodyLimit: string;
  /** Empty only when verification is switched off. */
  readonly verifiers: readonly RequestVerifier[];
  readonly skillId?: string;
}

/** ask-sdk-express-adapter's signature (certificate chain) and 150 s timestamp checks. */
export async function amazonVerifiers(): Promise<RequestVerifier[]> {
  const { SkillRequestSignatureVerifier, TimestampVerifier } = await import('ask-sdk-express-adapter');
  return [new SkillRequestSignatureVerifier(), new TimestampVerifier()];
}

export function alexaRouter({ skill, log, bodyLimit, verifiers, skillId }: AlexaRouteOptions): Router {
  const router = express.Router();
  router.post('/alexa', express.text({ type: () => true, limit: bodyLimit }), async (req, res) => {
    const started = process.hrtime.bigint();
    const raw = typeof req.body === 'string' ? req.body : '';
    if (raw.length === 0) {
      res.status(400).json({ error: 'empty request body' });
      return;
    }
    try {
      for (const verifier of verifiers) await verifier.verify(raw, req.headers);
    } catch (error) {
      log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'alexa request failed verification');
      res.status(400).json({ error: 'request verification failed' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      res.status(400).json({ error: 'body is not JSON' });
      return;
    }
    const check = checkEnvelope(body);
    if (!check.ok) {
      res.status(400).json({ error: 'not an Alexa request envelope', detail: check.problem });
      return;
    }
    if (skillId && skillIdOf(check.envelope) !== skillId) {
      log.warn({ requestId: check.envelope.request.requestId }, 'alexa request for another skill id');
      res.status(403).json({ error: 'unknown skill id' });
      return;
    }
    const response = await skill.invoke(check.envelope);
    log.info(
      {
        platform: 'alexa',
        requestId: check.envelope.request.requestId,
        intent: intentOf(check.envelope),
        locale: check.envelope.request.locale,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      },
      'alexa request',
    );
    res.json(response);
  });
  return router;
}
