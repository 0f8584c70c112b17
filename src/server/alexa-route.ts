/**
 * POST /alexa: raw body → signature and timestamp verification → shape check → the
 * bank that owns the skill id → that bank's skill. Every refusal is a short JSON 4xx.
 *
 * The route needs no framework: the server hands it POST /alexa before express sees the
 * request (app.ts). It reads the body once, as the signature check needs it (raw bytes), and
 * writes its answer in one piece; whatever fails inside is a 500 without a stack.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Skill } from 'ask-sdk-core';
import type { ResponseEnvelope } from 'ask-sdk-model';
import type { Logger } from 'pino';
import getRawBody from 'raw-body';
import { checkEnvelope, skillIdOf } from '../platforms/alexa/envelope';
import { apologyEnvelope, createAlexaSkill } from '../platforms/alexa/skill';
import { intentOf } from '../platforms/alexa/turn';
import type { BankRuntime } from '../app/application';
import type { Metrics } from '../app/metrics';
import { bankForSkill } from '../app/routing';
import { signatureVerifier, timestampVerifier, type RequestVerifier } from './alexa-verification';
import { parseRequestJson } from './json';

export type { RequestVerifier } from './alexa-verification';

export interface AlexaRouteOptions {
  readonly banks: readonly BankRuntime[];
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly bodyLimit: string;
  /** Empty only when verification is switched off. */
  readonly verifiers: readonly RequestVerifier[];
  /** Told of every refusal (logged and counted by the app), just before it is answered. */
  readonly refused: (status: number, body: Refusal) => void;
}

interface Refusal {
  readonly error: string;
  readonly detail?: string;
}

/** A body that could not be read: too large (413), compressed (415) or broken off (400). */
function unreadable(error: unknown): { status: number; body: Refusal } | undefined {
  const { status, type } = error as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return { status, body: { error: type === 'entity.too.large' ? 'request body too large' : 'bad request' } };
}

/** Alexa's signature (certificate chain) and ±150 s timestamp checks (see alexa-verification.ts). */
export function amazonVerifiers(): Promise<RequestVerifier[]> {
  return Promise.resolve([signatureVerifier(), timestampVerifier()]);
}

export const MISSING_SKILL_ID =
  'Alexa request verification is on but no Alexa skill id is configured, so requests for any skill are served: set ALEXA_SKILL_ID to your skill id (or alexaSkillIds in SALDO_CONFIG)';

/**
 * The body as UTF-8 text (a byte-order mark dropped), within the limit (a 413 error past
 * it); compressed bodies are refused. Decoded by Buffer, not by raw-body's iconv-lite,
 * which loads every encoding it knows on its first use: a cold start's first request paid for it.
 */
async function readBody(req: IncomingMessage, limit: string): Promise<string> {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    throw Object.assign(new Error('unsupported content encoding'), { status: 415 });
  }
  const text = (await getRawBody(req, { length: req.headers['content-length'], limit })).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Never rejects: every outcome, a failure included, is an answer. */
export type AlexaRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The handler for POST /alexa. */
export function alexaRoute({ banks, log, metrics, bodyLimit, verifiers, refused }: AlexaRouteOptions): AlexaRoute {
  if (verifiers.length > 0 && banks.every((bank) => bank.alexaSkillIds.length === 0)) log.warn(MISSING_SKILL_ID);
  const skills = new Map<string, Skill>(
    banks.map((bank) => [bank.id, createAlexaSkill({ conversation: bank.conversation })]),
  );
  const refuse = (res: ServerResponse, status: number, body: Refusal) => {
    refused(status, body);
    sendJson(res, status, body);
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    let raw: string;
    try {
      raw = await readBody(req, bodyLimit);
    } catch (error) {
      const refusal = unreadable(error);
      if (!refusal) throw error;
      refuse(res, refusal.status, refusal.body);
      return;
    }
    if (raw.length === 0) {
      refuse(res, 400, { error: 'empty request body' });
      return;
    }
    try {
      for (const verifier of verifiers) await verifier.verify(raw, req.headers);
    } catch (error) {
      log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'alexa request failed verification');
      refuse(res, 400, { error: 'request verification failed' });
      return;
    }
    let body: unknown;
    try {
      body = parseRequestJson(raw);
    } catch {
      refuse(res, 400, { error: 'body is not JSON' });
      return;
    }
    const check = checkEnvelope(body);
    if (!check.ok) {
      refuse(res, 400, { error: 'not an Alexa request envelope', detail: check.problem });
      return;
    }
    const bank = bankForSkill(banks, skillIdOf(check.envelope));
    if (!bank) {
      log.warn({ requestId: check.envelope.request.requestId }, 'alexa request for a skill id no bank claims');
      refuse(res, 403, { error: 'unknown skill id' });
      return;
    }
    const { requestId, locale } = check.envelope.request;
    let response: ResponseEnvelope;
    try {
      response = await (skills.get(bank.id) as Skill).invoke(check.envelope);
    } catch (error) {
      // The skill's own error handler failed too: still a spoken answer, never a 500.
      response = apologyEnvelope(bank.conversation.recover({ locale, requestId }, error));
    }
    const intent = intentOf(check.envelope);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.observeRequest(bank.id, 'alexa', intent, 200, seconds);
    log.info(
      {
        platform: 'alexa',
        bank: bank.id,
        requestId,
        intent,
        locale,
        ms: seconds * 1e3,
      },
      'alexa request',
    );
    sendJson(res, 200, response);
  }

  return async (req, res) => {
    try {
      await serve(req, res);
    } catch (error) {
      log.error(
        { err: { message: error instanceof Error ? error.message : String(error) }, path: '/alexa' },
        'request failed',
      );
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    }
  };
}
