/**
 * The @assistant/conversation app: every handler name goes to the core and back
 * through one renderer. Verification (the Google-signed JWT in
 * `google-assistant-signature`, audience = the Actions project id) is the library's.
 */
import { GOOGLE_SCENES } from '../../shared/google-scenes';
import { Card, conversation, Prompt, Simple, Suggestion, type ConversationV3 } from '@assistant/conversation';
import type { TypeOverride } from '@assistant/conversation/dist/api/schema';
import type { Conversation } from '../../core/conversation';
import { INTENT_NAMES } from '../../core/turn';
import { sessionOf, type SafeReply } from '../../voice/reply';
import { toTurn, type GoogleSessionParams } from './turn';
import type { WebhookRequest } from './webhook';

/** The scene the Actions Builder project uses to ask for account linking. */
const ACCOUNT_LINKING_SCENE = GOOGLE_SCENES.accountLinking;
const END_CONVERSATION = GOOGLE_SCENES.endConversation;
/** Where handler names the core does not know are sent, so they get a spoken answer. */
const UNKNOWN_HANDLER = 'Unknown';

export interface GoogleAppOptions {
  readonly conversation: Conversation;
  /** Verify request JWTs against this Actions project id; undefined only with verification off. */
  readonly projectId?: string;
}

function render(conv: ConversationV3, reply: SafeReply | undefined): void {
  // The library would echo the request's overrides; only Saldo's own go out (none: no field).
  conv.session.typeOverrides = [];
  if (!reply) {
    conv.scene.next = { name: END_CONVERSATION };
    return;
  }
  conv.add(new Simple({ speech: reply.speechSsml, text: reply.speechText }));
  if (reply.card) conv.add(new Card({ title: reply.card.title, text: reply.card.text }));
  for (const title of reply.suggestions) conv.add(new Suggestion({ title }));
  if (reply.linkAccount) conv.scene.next = { name: ACCOUNT_LINKING_SCENE };
  else if (reply.endSession) conv.scene.next = { name: END_CONVERSATION };
  const params: GoogleSessionParams = reply.endSession ? {} : { saldo: sessionOf(reply), started: true };
  conv.session.params = { ...params };
  // The customer's payees, account nicknames and merchants, for the rest of the session.
  if (reply.entities) {
    conv.session.typeOverrides = reply.entities.map((type) => ({
      name: type.name,
      mode: (type.extendsModel ? 'TYPE_MERGE' : 'TYPE_REPLACE') as TypeOverride['mode'],
      synonym: {
        entries: type.values.map((value) => ({
          name: value.id,
          synonyms: [value.value, ...value.synonyms],
          display: { title: value.value },
        })),
      },
    }));
  }
}

export function createGoogleApp({ conversation: core, projectId }: GoogleAppOptions) {
  const app = conversation({
    // A fixed message: the library would otherwise put the verifier's stack in the body.
    verification: projectId ? { project: projectId, status: 401, error: 'request verification failed' } : undefined,
  });
  const handle = async (conv: ConversationV3) => {
    try {
      const bearer = conv.user.params.bearerToken;
      const turn = toTurn(conv.request as WebhookRequest, typeof bearer === 'string' ? bearer : undefined);
      render(conv, await core.handle(turn));
    } catch (error) {
      // Whatever throws here gets a spoken apology, never an HTTP error.
      // A fresh prompt: the failed turn may have added half an answer.
      conv.prompt = new Prompt();
      render(conv, core.recover({ locale: conv.user.locale, requestId: conv.session.id }, error));
    }
  };
  const known = new Set<string>([...INTENT_NAMES.filter((name) => name !== 'SessionEnded'), UNKNOWN_HANDLER]);
  for (const name of known) app.handle(name, handle);
  app.middleware((conv: ConversationV3) => {
    if (!known.has(conv.handler.name ?? '')) conv.handler.name = UNKNOWN_HANDLER;
  });
  return app;
}

export type GoogleApp = ReturnType<typeof createGoogleApp>;
