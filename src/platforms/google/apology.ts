/**
 * The route's last resort when the Actions Builder app itself could not answer: the same
 * webhook response the app would give for an apology, built without the Google SDK.
 */
import { GOOGLE_SCENES } from '../../shared/google-scenes';
import type { SafeReply } from '../../voice/reply';

export function apologyBody(apology: SafeReply, sessionId: string): Record<string, unknown> {
  return {
    session: { id: sessionId, params: {} },
    prompt: { override: false, firstSimple: { speech: apology.speechSsml, text: apology.speechText } },
    scene: { next: { name: GOOGLE_SCENES.endConversation } },
  };
}
