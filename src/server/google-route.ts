/**
 * POST /google: JSON body → shape check → the @assistant/conversation app (which
 * verifies the request's JWT). The Google SDK is loaded on the first Google request,
 * so an Alexa-only deployment never pays for it.
 */
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { Conversation } from '../core/conversation';
import type { GoogleApp } from '../platforms/google/app';
import { webhookRequestSchema } from '../platforms/google/webhook';

export interface GoogleRouteOptions {
  readonly conversation: Conversation;
  readonly log: Logger;
  readonly bodyLimit: string;
  readonly verifyRequests: boolean;
  readonly projectId?: string;
  /** Tests hand in an app whose verifier trusts their own keys. */
  readonly app?: GoogleApp;
}

export const MISSING_PROJECT_ID =
  'Google request verification is on but GOOGLE_PROJECT_ID is not set: set GOOGLE_PROJECT_ID to your Actions project id (or SALDO_VERIFY_REQUESTS=false for local tools only)';

export function googleRouter(options: GoogleRouteOptions): Router {
  const { conversation, log, bodyLimit, verifyRequests, projectId } = options;
  const router = express.Router();
  let app: Promise<GoogleApp> | undefined = options.app && Promise.resolve(options.app);
  const loadApp = () =>
    (app ??= import('../platforms/google/app').then(({ createGoogleApp }) =>
      createGoogleApp({ conversation, projectId: verifyRequests ? projectId : undefined }),
    ));

  router.post('/google', express.json({ limit: bodyLimit }), async (req, res) => {
    const started = process.hrtime.bigint();
    if (verifyRequests && !projectId) {
      res.status(503).json({ error: MISSING_PROJECT_ID });
      return;
    }
    const parsed = webhookRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      res.status(400).json({ error: 'not an Actions Builder webhook request', detail: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
      return;
    }
    const result = await (await loadApp()).handler(req.body as Record<string, never>, req.headers as Record<string, string>);
    if (result.status >= 400) log.warn({ status: result.status }, 'google request refused');
    log.info(
      { platform: 'google', handler: parsed.data.handler.name, locale: parsed.data.user?.locale, status: result.status, ms: Number(process.hrtime.bigint() - started) / 1e6 },
      'google request',
    );
    // Saldo never writes user storage; the library would echo an Authorization header's
    // token there (user.params.bearerToken), so user data never goes back.
    const { user: _user, ...body } = result.body as Record<string, unknown>;
    res.status(result.status).set(result.headers ?? {}).json(body);
  });
  return router;
}
