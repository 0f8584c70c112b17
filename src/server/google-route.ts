/**
 * POST /google: JSON body → shape check → the bank whose Actions project the request's
 * JWT is addressed to → that bank's @assistant/conversation app, which verifies the JWT.
 * The Google SDK is loaded on the first Google request, so an Alexa-only deployment
 * never pays for it.
 */
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { GoogleApp } from '../platforms/google/app';
import { apologyBody } from '../platforms/google/apology';
import { intentOfHandler } from '../platforms/google/turn';
import { WEBHOOK_FIELD_NAMES, webhookRequestSchema } from '../platforms/google/webhook';
import { describeIssue } from '../shared/schema-issue';
import { withoutPrototypeKeys } from './json';
import type { BankRuntime } from '../app/application';
import type { Metrics } from '../app/metrics';
import { audienceOf, bankForProject } from '../app/routing';

export interface GoogleRouteOptions {
  readonly banks: readonly BankRuntime[];
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly bodyLimit: string;
  readonly verifyRequests: boolean;
  /** Tests hand in apps whose verifier trusts their own keys. */
  readonly appFor?: (bank: BankRuntime, projectId: string | undefined) => GoogleApp;
}

export const MISSING_PROJECT_ID =
  'Google request verification is on but GOOGLE_PROJECT_ID is not set: set GOOGLE_PROJECT_ID to your Actions project id (or SALDO_VERIFY_REQUESTS=false for local tools only)';

/**
 * The webhook response Saldo means: the prompt, the scene transition, its own session
 * params and the customer's entities (the type overrides the app set, never the request's),
 * under the session id and scene name the protocol has it repeat. The library would
 * otherwise echo whatever else the request carried: user storage (with an Authorization
 * header's token in user.params.bearerToken), home storage, the session's languageCode,
 * the scene's slots.
 */
function onlyWhatSaldoSays(body: unknown): Record<string, unknown> {
  const { prompt, scene, session } = (body ?? {}) as {
    prompt?: unknown;
    scene?: { name?: unknown; next?: unknown };
    session?: { id?: unknown; params?: unknown; typeOverrides?: unknown };
  };
  const overrides = Array.isArray(session?.typeOverrides) && session.typeOverrides.length > 0;
  return {
    ...(session
      ? {
          session: {
            id: session.id,
            params: session.params,
            ...(overrides ? { typeOverrides: session.typeOverrides } : {}),
          },
        }
      : {}),
    ...(prompt ? { prompt } : {}),
    ...(scene ? { scene: { name: scene.name, next: scene.next } } : {}),
  };
}

export function googleRouter(options: GoogleRouteOptions): Router {
  const { banks, log, metrics, bodyLimit, verifyRequests } = options;
  const router = express.Router();
  const apps = new Map<string, Promise<GoogleApp>>();
  const appFor = (bank: BankRuntime, projectId: string | undefined): Promise<GoogleApp> => {
    const key = `${bank.id}|${projectId ?? ''}`;
    let app = apps.get(key);
    if (!app) {
      app = options.appFor
        ? Promise.resolve(options.appFor(bank, projectId))
        : import('../platforms/google/app').then(({ createGoogleApp }) =>
            createGoogleApp({ conversation: bank.conversation, projectId }),
          );
      apps.set(key, app);
    }
    return app;
  };
  const anyProject = banks.some((bank) => bank.googleProjectIds.length > 0);

  router.post('/google', express.json({ limit: bodyLimit, reviver: withoutPrototypeKeys }), async (req, res) => {
    const started = process.hrtime.bigint();
    if (verifyRequests && !anyProject) {
      res.status(503).json({ error: MISSING_PROJECT_ID });
      return;
    }
    const parsed = webhookRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: 'not an Actions Builder webhook request',
        detail: describeIssue(parsed.error.issues[0], WEBHOOK_FIELD_NAMES),
      });
      return;
    }
    const signature = req.headers['google-assistant-signature'];
    const audience = audienceOf(typeof signature === 'string' ? signature : undefined);
    const bank =
      bankForProject(banks, audience) ??
      (verifyRequests ? undefined : bankForProject(banks, banks[0]?.googleProjectIds[0]));
    if (!bank) {
      // Unsigned, or addressed to a project no bank claims: the verifier would refuse it too.
      res
        .status(verifyRequests ? 401 : 403)
        .json({ error: verifyRequests ? 'request verification failed' : 'unknown project id' });
      return;
    }
    const project = verifyRequests
      ? audience && bank.googleProjectIds.includes(audience)
        ? audience
        : bank.googleProjectIds[0]
      : undefined;
    let result: { status: number; body: unknown; headers?: Record<string, string | string[] | undefined> };
    try {
      const app = await appFor(bank, project);
      result = await app.handler(req.body as Record<string, never>, req.headers as Record<string, string>);
    } catch (error) {
      // The app's own catch failed too: still a spoken answer, never a 500.
      const apology = bank.conversation.recover(
        { locale: parsed.data.user?.locale, requestId: parsed.data.session.id },
        error,
      );
      result = { status: 200, body: apologyBody(apology, parsed.data.session.id) };
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.observeRequest(bank.id, 'google', intentOfHandler(parsed.data.handler.name), result.status, seconds);
    log.info(
      {
        platform: 'google',
        bank: bank.id,
        handler: parsed.data.handler.name,
        locale: parsed.data.user?.locale,
        status: result.status,
        ms: seconds * 1e3,
      },
      'google request',
    );
    res
      .status(result.status)
      .set(result.headers ?? {})
      .json(result.status === 200 ? onlyWhatSaldoSays(result.body) : result.body);
  });
  return router;
}
